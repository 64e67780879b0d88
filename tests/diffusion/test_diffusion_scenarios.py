"""Scenarios: network edits, bridging proposals and the comparison table."""

import math

import networkx as nx
import numpy as np
import pytest

from ssbkg.diffusion.imitation import network_fragmentation as fragmentation
from ssbkg.diffusion.scenarios import (
    Scenario,
    compare_scenarios,
    propose_bridging_edges,
    propose_type_links,
)
from ssbkg.errors import GraphError, NotFoundError


def fragmented():
    G = nx.Graph()
    nx.add_path(G, range(0, 10))
    nx.add_path(G, range(10, 14))
    nx.add_path(G, range(14, 16))
    G.add_node(16)
    return G


def test_apply_adds_and_removes_without_touching_the_original():
    G = nx.path_graph(4)
    H = Scenario("s", add_edges=[(0, 3)], remove_nodes=[1]).apply(G)
    assert sorted(H.edges()) == [(0, 3), (2, 3)]
    assert G.number_of_edges() == 3 and 1 in G
    D = Scenario("d", add_edges=[(0, 1)]).apply(nx.DiGraph([(1, 2), (0, 2)]))
    assert D.has_edge(0, 1) and D.has_edge(1, 0)


@pytest.mark.parametrize(
    "scen,match",
    [
        (Scenario("x", remove_nodes=["nope"]), "node 'nope' to remove"),
        (Scenario("x", add_edges=[(0, "nope")]), "node 'nope' of edge"),
        (Scenario("x", p_multiplier=0), "p multiplier"),
    ],
)
def test_apply_errors(scen, match):
    with pytest.raises((NotFoundError, GraphError), match=match):
        scen.apply(nx.path_graph(3))


def test_bridging_edges_connect_every_component_to_the_largest():
    G = fragmented()
    # components of sizes 10, 4, 2, 1: F = 1 - (90 + 12 + 2) / (17 * 16) = 0.617647
    assert fragmentation(G) == pytest.approx(1 - 104 / 272)
    edges = propose_bridging_edges(G, seed=3)
    assert len(edges) == 3
    assert all(v in range(10) and u not in range(10) for u, v in edges)
    H = Scenario("bridge", add_edges=edges).apply(G)
    assert fragmentation(H) == 0.0
    assert propose_bridging_edges(G, seed=3) == edges
    assert len(propose_bridging_edges(G, per_component=2, seed=1)) == 6
    assert len(propose_bridging_edges(G, per_component=2, seed=1, max_edges=3)) == 3
    assert propose_bridging_edges(nx.path_graph(3), seed=0) == []


def test_type_links_only_for_unlinked_platforms():
    G = nx.Graph()
    G.add_nodes_from([("pl1", {"type": "platform"}), ("pl2", {"type": "platform"}),
                      ("e1", {"type": "enterprise"}), ("e2", {"type": "enterprise"}),
                      ("u1", {"type": "university"})])
    G.add_edge("pl2", "u1")
    edges = propose_type_links(G, seed=0)
    assert len(edges) == 1 and edges[0][0] == "pl1" and edges[0][1] in ("e1", "e2")
    assert len(propose_type_links(G, only_isolated=False, per_node=2, seed=0)) == 4
    with pytest.raises(NotFoundError, match="government_body"):
        propose_type_links(G, target_type="government_body")


def test_policy_multiplier_halves_time_to_half_adoption():
    # No edges: F(t) = 1 - e^{-pt}, so t50 = ln 2 / p = 6.931 (p = 0.1) and 3.466 (p = 0.2).
    # Monte Carlo: sd of F is sqrt(0.25 / (n runs)) = 0.0011 with n runs = 2e5; divided by
    # f(t50) = p/2 that is 0.022 (p = 0.1) in time; 5 SE = 0.11.
    G = nx.empty_graph(1000)
    table = compare_scenarios(G, 0.1, 0.3, [Scenario("policy x2", p_multiplier=2.0)],
                              runs=200, seed=1)
    assert list(table["scenario"]) == ["baseline", "policy x2"]
    assert table.loc[0, "t50"] == pytest.approx(math.log(2) / 0.1, abs=0.11)
    assert table.loc[1, "t50"] == pytest.approx(math.log(2) / 0.2, abs=0.06)
    # t10 = -ln(0.9)/p (f = 0.09, sd of F 0.00067: 5 SE = 0.04); t90 = ln(10)/p
    # (f = 0.01, sd of F 0.00067: 5 SE = 0.34)
    assert table.loc[0, "t10"] == pytest.approx(-math.log(0.9) / 0.1, abs=0.04)
    assert table.loc[0, "t90"] == pytest.approx(math.log(10) / 0.1, abs=0.34)
    assert table.loc[1, "dt50"] == pytest.approx(table.loc[1, "t50"] - table.loc[0, "t50"])
    # the fitted macro P recovers p (no imitation without edges)
    assert table.loc[0, "P"] == pytest.approx(0.1, rel=0.02)
    assert table.loc[1, "p"] == pytest.approx(0.2)


def test_structure_scenarios_in_the_table():
    G = fragmented()
    scen = [Scenario("bridge", add_edges=tuple(propose_bridging_edges(G, seed=0))),
            Scenario("remove", remove_nodes=(0, 1))]
    table = compare_scenarios(G, 0.05, 0.5, scen, steps=20, runs=10, seed=0)
    assert table["edges"].tolist() == [13, 16, 11]
    assert table["nodes"].tolist() == [17, 17, 15]
    assert table.loc[1, "fragmentation"] == 0.0
    assert table.loc[0, "dQ"] == 0.0
    assert table.loc[1, "dQ"] == pytest.approx(table.loc[1, "Q"] - table.loc[0, "Q"])


def test_times_to_adoption_do_not_depend_on_a_horizon_and_names_must_be_unique():
    # no links: each node adopts after an Exp(p) time, so t_x = -ln(1 - x) / p
    # (t90 = ln 10 / 0.001 = 2302.6 years); 10,000 draws: the 90 % quantile's relative
    # standard error is sqrt(0.9 * 0.1 / 10000) / (0.1 ln 10) = 1.3 %, 5 % is about 4 SE
    G = nx.empty_graph(100)
    table = compare_scenarios(G, 0.001, 0.1, [], runs=100, seed=0)
    assert table.loc[0, "t90"] == pytest.approx(math.log(10) / 0.001, rel=0.05)
    assert table.loc[0, "t50"] == pytest.approx(math.log(2) / 0.001, rel=0.05)
    assert "no links" in table.loc[0, "notes"]
    with pytest.raises(GraphError, match="unique"):
        compare_scenarios(G, 0.01, 0.1, [Scenario("baseline")], steps=3, runs=2)
