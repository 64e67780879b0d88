"""Gould-Fernandez brokerage roles (ssbkg.metrics.gould_fernandez).

Reference: Gould & Fernandez (1989), Sociological Methodology 19, 89-126, as
implemented by R's sna::brokerage (Butts 2008): broker b of the open two-path
a -> b -> c (no a -> c), role by the groups of a, b, c. Checked against a
network worked by hand and against a brute-force count over every ordered
triple of nodes written independently below.
"""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest

from ssbkg.errors import GraphError
from ssbkg.metrics import GF_ROLES, gould_fernandez


def _brute_force(D, group):
    """Independent count: every ordered triple (a, b, c), roles from Table 1 of G&F."""
    out = {v: dict.fromkeys(GF_ROLES, 0) for v in D}
    for a, b, c in itertools.permutations(D.nodes, 3):
        if D.has_edge(a, b) and D.has_edge(b, c) and not D.has_edge(a, c):
            ga, gb, gc = group[a], group[b], group[c]
            if ga == gb == gc:
                role = "coordinator"
            elif ga == gc != gb:
                role = "itinerant"
            elif ga == gb != gc:
                role = "representative"
            elif gb == gc != ga:
                role = "gatekeeper"
            else:
                role = "liaison"
            out[b][role] += 1
    return out


@pytest.fixture
def hand():
    # x2 receives from x1 (X) and y1 (Y), sends to x3 (X), y2 (Y), z1 (Z);
    # x1 -> y2 closes the path x1 -> x2 -> y2
    D = nx.DiGraph([("x1", "x2"), ("y1", "x2"), ("x2", "x3"), ("x2", "y2"), ("x2", "z1"),
                    ("x1", "y2")])
    group = {"x1": "X", "x2": "X", "x3": "X", "y1": "Y", "y2": "Y", "z1": "Z"}
    return D, group


def test_every_role_by_hand(hand):
    D, group = hand
    r = gould_fernandez(D, group)
    # x2's open paths: x1-x3 (X X X) coordinator, y1-y2 (Y X Y) itinerant, x1-z1 (X X Z)
    # representative, y1-x3 (Y X X) gatekeeper, y1-z1 (Y X Z) liaison; x1-y2 is closed
    assert r.loc["x2", list(GF_ROLES)].tolist() == [1, 1, 1, 1, 1]
    assert r.loc["x2", "total"] == 5
    # nobody else sits between two others: x1's only in-tie is none, y2/x3/z1 send nothing
    assert r.drop(index="x2")["total"].tolist() == [0, 0, 0, 0, 0]
    assert r.loc["y1", "group"] == "Y" and r.attrs["directed"] is True


def test_groups_from_an_attribute(hand):
    D, group = hand
    nx.set_node_attributes(D, group, "region")
    assert gould_fernandez(D, "region").equals(gould_fernandez(D, group))
    with pytest.raises(GraphError, match="no 'type'"):
        gould_fernandez(D, "type")
    with pytest.raises(GraphError, match="no group"):
        gould_fernandez(D, {"x1": "X"})


def test_undirected_reads_both_directions():
    # path a - b - c with groups A A B: read as a <-> b <-> c, b brokers a->c as a
    # representative (A A B) and c->a as a gatekeeper (B A A)
    G = nx.path_graph(["a", "b", "c"])
    r = gould_fernandez(G, {"a": "A", "b": "A", "c": "B"})
    assert r.loc["b", list(GF_ROLES)].tolist() == [0, 0, 1, 1, 0]
    assert r.attrs["directed"] is False


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("directed", [True, False])
def test_matches_brute_force_over_all_triads(seed, directed):
    rng = np.random.default_rng(seed)
    G = nx.gnp_random_graph(12, 0.25, seed=seed, directed=directed)
    group = {v: "ABC"[int(rng.integers(3))] for v in G}
    got = gould_fernandez(G, group)
    want = _brute_force(G if directed else G.to_directed(), group)
    for v in G:
        assert got.loc[v, list(GF_ROLES)].tolist() == [want[v][k] for k in GF_ROLES], v
    if not directed:
        assert (got["representative"] == got["gatekeeper"]).all()


def test_degenerate_networks_have_no_broker():
    for G in (nx.empty_graph(4), nx.complete_graph(4)):  # no open two-path in either
        r = gould_fernandez(G, {v: "g" for v in G})
        assert r["total"].sum() == 0 and "nobody brokers" in r.attrs["note"]


def test_published_directed_example():
    # The example of the R package cograph's documentation (López-Pernas, Saqr et al.,
    # man pages centrality_brokerage_coordinator and centrality_brokerage_liaison, stated
    # there to match sna::brokerage()$raw.nli bit for bit):
    #   adj <- matrix(c(0,1,1,0, 0,0,1,1, 0,0,0,1, 1,0,0,0), 4, 4, byrow = TRUE)
    #   membership = c(1, 1, 2, 2)
    # published output: coordinator (w_I) A B C D = 0 0 0 0, liaison (b_O) = 0 0 0 0.
    adj = [[0, 1, 1, 0], [0, 0, 1, 1], [0, 0, 0, 1], [1, 0, 0, 0]]
    names = "ABCD"
    D = nx.DiGraph([(names[i], names[j]) for i in range(4) for j in range(4) if adj[i][j]])
    group = {"A": 1, "B": 1, "C": 2, "D": 2}
    r = gould_fernandez(D, group).loc[list(names)]
    assert r["coordinator"].tolist() == [0, 0, 0, 0]
    assert r["liaison"].tolist() == [0, 0, 0, 0]
    # the other roles worked by hand from the same matrix (open a -> b -> c, no a -> c):
    # A: D->A->B (2,1,1) gatekeeper, D->A->C (2,1,2) itinerant;
    # B: A->B->C closed by A->C, A->B->D (1,1,2) representative;
    # C: A->C->D (1,2,2) gatekeeper, B->C->D closed by B->D;
    # D: B->D->A (1,2,1) itinerant, C->D->A (2,2,1) representative.
    assert r["itinerant"].tolist() == [1, 0, 0, 1]
    assert r["representative"].tolist() == [0, 1, 0, 1]
    assert r["gatekeeper"].tolist() == [1, 0, 1, 0]
    assert r["total"].tolist() == [2, 1, 1, 2]


def test_direction_matters_on_a_supply_chain():
    # supplier s (group S) -> maker m (M) -> two customers c1, c2 (C); c1 also buys from s.
    # Read as directed: m brokers s -> c2 only (s -> c1 is direct): liaison 1.
    # Read undirected (both ways): also c2 -> m -> s (liaison) and c1 - m - c2 both ways
    # (itinerant 2): the reversed flows are counted, which a supply chain does not have.
    D = nx.DiGraph([("s", "m"), ("m", "c1"), ("m", "c2"), ("s", "c1")])
    group = {"s": "S", "m": "M", "c1": "C", "c2": "C"}
    directed = gould_fernandez(D, group).loc["m", list(GF_ROLES)].tolist()
    assert directed == [0, 0, 0, 0, 1]
    undirected = gould_fernandez(D.to_undirected(), group).loc["m", list(GF_ROLES)].tolist()
    assert undirected == [0, 2, 0, 0, 2]


def test_mean_roles_on_random_digraphs_match_the_published_expectations():
    # Gould & Fernandez (1989) give the expected role counts of a broker in class i of a
    # Bernoulli digraph with density d (as coded in sna::brokerage, Butts 2008, exp.grp):
    #   coordinator    d^2 (1-d) (n_i - 1)(n_i - 2)
    #   itinerant      d^2 (1-d) sum_{j != i} n_j (n_j - 1)
    #   representative d^2 (1-d) (N - n_i)(n_i - 1)      (gatekeeper the same)
    #   liaison        d^2 (1-d) sum_{j != k, both != i} n_j n_k
    # A mislabelled role (say representative <-> itinerant) moves a mean far off its value.
    sizes = {"A": 2, "B": 3, "C": 5}
    N, d, reps = sum(sizes.values()), 0.3, 400
    group = {}
    for g, n in sizes.items():
        group.update({len(group) + k: g for k in range(n)})
    rng = np.random.default_rng(7)
    sums = {g: dict.fromkeys(GF_ROLES, 0.0) for g in sizes}
    sq = {g: dict.fromkeys(GF_ROLES, 0.0) for g in sizes}
    for _ in range(reps):
        A = rng.random((N, N)) < d
        np.fill_diagonal(A, False)
        D = nx.DiGraph()
        D.add_nodes_from(range(N))
        D.add_edges_from(zip(*np.nonzero(A)))
        r = gould_fernandez(D, group)
        for v in range(N):
            for role in GF_ROLES:
                x = float(r.loc[v, role])
                sums[group[v]][role] += x
                sq[group[v]][role] += x * x
    c = d * d * (1 - d)
    for g, ni in sizes.items():
        others = [n for h, n in sizes.items() if h != g]
        want = {
            "coordinator": c * (ni - 1) * (ni - 2),
            "itinerant": c * sum(n * (n - 1) for n in others),
            "representative": c * (N - ni) * (ni - 1),
            "gatekeeper": c * (N - ni) * (ni - 1),
            "liaison": c * (sum(others) ** 2 - sum(n * n for n in others)),
        }
        k = reps * ni
        for role, mu in want.items():
            mean = sums[g][role] / k
            sd = max((sq[g][role] / k - mean * mean) ** 0.5, 1e-9)
            assert abs(mean - mu) < 4 * sd / k ** 0.5 + 1e-9, (g, role, mean, mu)
