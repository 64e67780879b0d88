"""Tests of ssbkg.metrics.linkage: industry-academia linkage and the E-I index.

Oracle: Krackhardt's E-I on Zachary's karate club split by ``club``: I = 67,
E = 11, E-I = -0.717949 (project reference oracles, reference/oracles/README.md),
plus small graphs worked by hand.
"""

import math

import networkx as nx
import pytest

from ssbkg.errors import GraphError
from ssbkg.metrics.linkage import ei_index, ei_index_by_group, industry_academia_linkage


def test_ei_karate_club():
    r = ei_index(nx.karate_club_graph(), "club")
    assert r["internal"] == 67 and r["external"] == 11
    assert r["ei"] == pytest.approx(-0.717949, abs=1e-6)  # (11 - 67) / 78


def test_ei_by_group_karate_club_adds_up():
    t = ei_index_by_group(nx.karate_club_graph(), "club")
    # each cross-club edge has one end in each club: E = 11 for both;
    # the inside edges of the two clubs add up to I = 67
    assert t["external"].tolist() == [11, 11]
    assert t["internal"].sum() == 67
    assert t["n_nodes"].sum() == 34
    for g, row in t.iterrows():
        assert row["ei"] == pytest.approx((row["external"] - row["internal"]) / (row["external"] + row["internal"]))


@pytest.fixture
def ecosystem():
    G = nx.Graph()
    G.add_nodes_from(["e1", "e2", "e3", "e4"], type="enterprise", city="huzhou")
    G.nodes["e4"]["city"] = "ningbo"
    G.add_node("u1", type="university", city="hangzhou")
    G.add_node("r1", type="research_institute", city="ningbo")
    G.add_node("g1", type="government_body", city="huzhou")
    G.add_nodes_from(["p1", "p2"], type="platform", city="huzhou")
    G.add_edge("e1", "u1", weight=3, derived=False)
    G.add_edge("e2", "p1", weight=1, derived=True)   # only a shared platform membership
    G.add_edge("e3", "e1", weight=2, derived=False)
    G.add_edge("e4", "g1", weight=1, derived=False)
    G.add_edge("p2", "r1", weight=1, derived=False)
    G.add_edge("e4", "r1", weight=1, derived=True)
    return G


def test_linkage_by_hand(ecosystem):
    r = industry_academia_linkage(ecosystem)
    # linked: e1 (u1), e2 (p1), e4 (r1); e3 only to e1 (an enterprise) -> 3 of 4
    assert r["n_enterprises"] == 4 and r["n_linked"] == 3
    assert r["share_linked"] == 0.75
    assert r["unlinked_enterprises"] == ["e3"]
    # p1 works with e2; p2 only with r1
    assert r["platforms_without_enterprise"] == ["p2"]
    assert r["note"] == ""


def test_linkage_direct_only(ecosystem):
    r = industry_academia_linkage(ecosystem, include_derived=False)
    # without derived edges e2-p1 and e4-r1: only e1 is linked -> 1 of 4; p1 loses e2
    assert r["n_linked"] == 1 and r["share_linked"] == 0.25
    assert r["platforms_without_enterprise"] == ["p1", "p2"]


def test_linkage_without_enterprises_is_explained():
    G = nx.Graph()
    G.add_node("u", type="university")
    r = industry_academia_linkage(G)
    assert math.isnan(r["share_linked"]) and "no enterprises" in r["note"]


def test_ei_by_type_by_hand(ecosystem):
    r = ei_index(ecosystem, "type")
    # inside a type: e3-e1 only (I = 1); across: the other 5 edges (E = 5): (5-1)/6
    assert (r["external"], r["internal"]) == (5, 1)
    assert r["ei"] == pytest.approx(4 / 6)


def test_ei_by_city_weighted_by_hand(ecosystem):
    r = ei_index(ecosystem, "city", weight="weight")
    # inside a city: e3-e1 (huzhou, 2), e2-p1 (huzhou, 1), e4-r1 (ningbo, 1) -> I = 4;
    # across: e1-u1 (3), e4-g1 (1), p2-r1 (1) -> E = 5; (5 - 4) / 9
    assert (r["external"], r["internal"]) == (5, 4)
    assert r["ei"] == pytest.approx(1 / 9)


def test_ei_by_group_by_hand(ecosystem):
    t = ei_index_by_group(ecosystem, "city")
    # hangzhou = {u1}: one tie out (e1-u1), none in -> +1
    assert t.loc["hangzhou", ["external", "internal", "ei"]].tolist() == [1, 0, 1]
    # ningbo = {e4, r1}: in e4-r1; out e4-g1, p2-r1 -> (2 - 1) / 3
    assert t.loc["ningbo", "ei"] == pytest.approx(1 / 3)
    assert t.loc["ningbo", "n_nodes"] == 2


def test_ei_by_mapping(ecosystem):
    group = {v: ("research" if v in ("u1", "r1") else "other") for v in ecosystem}
    r = ei_index(ecosystem, group)
    # across: e1-u1, p2-r1, e4-r1 (3); inside: the other 3 -> 0
    assert r["ei"] == 0


def test_ei_group_without_edges_is_explained():
    G = nx.Graph([(0, 1)])
    G.add_node(2)
    nx.set_node_attributes(G, {0: "a", 1: "a", 2: "b"}, "g")
    t = ei_index_by_group(G, "g")
    assert math.isnan(t.loc["b", "ei"]) and "no edges" in t.loc["b", "note"]
    assert t.loc["a", "ei"] == -1.0


def test_ei_errors():
    G = nx.empty_graph(3)
    nx.set_node_attributes(G, "x", "g")
    with pytest.raises(GraphError, match="no edges"):
        ei_index(G, "g")
    H = nx.path_graph(3)
    with pytest.raises(GraphError, match="has no 'g' attribute"):
        ei_index(H, "g")
    with pytest.raises(GraphError, match="no group"):
        ei_index(H, {0: "a"})
    with pytest.raises(GraphError, match="has no 'type'"):
        industry_academia_linkage(H)
