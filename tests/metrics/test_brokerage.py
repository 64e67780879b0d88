"""Tests of ssbkg.metrics.brokerage: betweenness, constraint, effective size.

Oracles: the UCINET values that networkx's own tests carry
(networkx/algorithms/tests/test_structuralholes.py, graph from
http://www.analytictech.com/connections/v20(1)/holes.htm), networkx's functions on
small graphs, and graphs worked by hand.

Weighted effective size is compared with networkx's node-by-node path
(``nodes=list(G)``): networkx 3.6's all-nodes sparse path divides by the column
maximum instead of the row maximum (networkx pull request #8906), so it differs
from Burt's definition and from UCINET on weighted graphs.
"""

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssbkg.errors import GraphError
from ssbkg.metrics.brokerage import betweenness, constraint, effective_size
from ssbkg.synthetic import collaboration_network


@pytest.fixture
def holes():
    """Burt's / Borgatti's example, with the weights networkx's tests use."""
    G = nx.Graph()
    weights = {
        ("A", "B"): 2, ("A", "F"): 3, ("A", "G"): 5, ("A", "E"): 2, ("E", "G"): 8,
        ("F", "G"): 3, ("B", "G"): 4, ("B", "D"): 1, ("D", "G"): 3, ("G", "C"): 10,
    }
    for (a, b), w in weights.items():
        G.add_edge(a, b, weight=w)
    return G


# --- UCINET values (via networkx's tests) --------------------------------------------


def test_constraint_ucinet(holes):
    c = constraint(holes)
    assert c["G"] == pytest.approx(0.400, abs=1e-3)
    assert c["A"] == pytest.approx(0.595, abs=1e-3)
    assert c["C"] == pytest.approx(1, abs=1e-3)


def test_constraint_weighted_ucinet(holes):
    c = constraint(holes, weight="weight")
    assert c["G"] == pytest.approx(0.299, abs=1e-3)
    assert c["A"] == pytest.approx(0.795, abs=1e-3)
    assert c["C"] == pytest.approx(1, abs=1e-3)


def test_effective_size_ucinet(holes):
    e = effective_size(holes)
    assert e["G"] == pytest.approx(4.67, abs=1e-2)
    assert e["A"] == pytest.approx(2.50, abs=1e-2)
    assert e["C"] == pytest.approx(1, abs=1e-2)


def test_effective_size_weighted_ucinet(holes):
    e = effective_size(holes, weight="weight")
    assert e["G"] == pytest.approx(5.47, abs=1e-2)
    assert e["A"] == pytest.approx(2.47, abs=1e-2)
    assert e["C"] == pytest.approx(1, abs=1e-2)


# --- worked by hand ------------------------------------------------------------------


@pytest.fixture
def triangle_with_tail():
    return nx.Graph([(0, 1), (0, 2), (1, 2), (0, 3)])


def test_constraint_by_hand(triangle_with_tail):
    c = constraint(triangle_with_tail)
    # node 0: p = 1/3 to each of 1, 2, 3; 0->1 via 2: (1/3)(1/2) = 1/6 -> (1/3 + 1/6)^2 = 1/4,
    # same for 0->2; 0->3 has no common neighbour -> (1/3)^2 = 1/9; total 1/2 + 1/9
    assert c[0] == pytest.approx(0.5 + 1 / 9)
    # node 1: p = 1/2 to 0 and 2; 1->0 via 2: (1/2)(p_20 = 1/2) = 1/4 -> (3/4)^2 = 9/16;
    # 1->2 via 0: (1/2)(p_02 = 1/3) = 1/6 -> (2/3)^2 = 4/9
    assert c[1] == pytest.approx(9 / 16 + 4 / 9)
    # node 3: one contact, p = 1, no indirect path -> 1
    assert c[3] == pytest.approx(1.0)


def test_effective_size_by_hand(triangle_with_tail):
    e = effective_size(triangle_with_tail)
    # Borgatti: n - 2t/n; node 0: 3 contacts, 1 tie among them -> 3 - 2/3
    assert e[0] == pytest.approx(3 - 2 / 3)
    assert e[1] == pytest.approx(2 - 2 * 1 / 2)  # contacts 0, 2 tied -> 1
    assert e[3] == pytest.approx(1.0)


def test_effective_size_weighted_by_hand():
    G = nx.Graph()
    G.add_edge(0, 1, weight=2)
    G.add_edge(0, 2, weight=1)
    G.add_edge(1, 2, weight=1)
    # node 0: s = 3, p_01 = 2/3, p_02 = 1/3; row maxima M_1 = 2, M_2 = 1
    # r(0->1) = p_02 * a_12 / M_1 = (1/3)(1/2) = 1/6; r(0->2) = p_01 * a_21 / M_2 = 2/3
    # e_0 = 2 - 1/6 - 2/3 = 7/6 (networkx's sparse path gives 4/3: it divides by M_q)
    assert effective_size(G, weight="weight")[0] == pytest.approx(7 / 6)


def test_betweenness_by_hand():
    G = nx.star_graph(3)  # centre 0 lies on all 3 leaf pairs: normalised 3 / (3*2/2) = 1
    b = betweenness(G).values
    assert b[0] == pytest.approx(1.0) and b[1] == 0.0
    # path 0-1-2-3-4: node 2 lies on (0,3), (0,4), (1,3), (1,4): 4 / (4*3/2) = 2/3
    assert betweenness(nx.path_graph(5)).values[2] == pytest.approx(2 / 3)


def test_betweenness_counts_shortest_path_shares():
    # 4-cycle 0-1-2-3: pair (0,2) has two shortest paths, via 1 and via 3: node 1 gets 1/2
    # of it, and likewise 1/2 of nothing else; normalised: (1/2) / (3*2/2) = 1/6
    b = betweenness(nx.cycle_graph(4)).values
    assert b.tolist() == pytest.approx([1 / 6] * 4)


# --- against networkx on small graphs ------------------------------------------------


def small_graphs():
    karate = nx.karate_club_graph()  # has integer 'weight' edge attributes
    gnp = nx.gnp_random_graph(60, 0.1, seed=3)
    for i, (a, b) in enumerate(gnp.edges()):
        gnp[a][b]["weight"] = 1 + i % 4
    lesmis = nx.les_miserables_graph()  # weighted
    disconnected = nx.disjoint_union(nx.complete_graph(5), nx.path_graph(6))
    disconnected.add_node("alone")
    return [karate, gnp, lesmis, disconnected]


@pytest.mark.parametrize("G", small_graphs())
@pytest.mark.parametrize("weight", [None, "weight"])
def test_constraint_matches_networkx(G, weight):
    ours = constraint(G, weight=weight)
    theirs = nx.constraint(G, weight=weight)
    for v in G:
        if math.isnan(theirs[v]):
            assert math.isnan(ours[v])
        else:
            assert ours[v] == pytest.approx(theirs[v], abs=1e-12)


@pytest.mark.parametrize("G", small_graphs())
@pytest.mark.parametrize("weight", [None, "weight"])
def test_effective_size_matches_networkx(G, weight):
    ours = effective_size(G, weight=weight)
    theirs = nx.effective_size(G, weight=weight, nodes=list(G))  # node-by-node path
    for v in G:
        if math.isnan(theirs[v]):
            assert math.isnan(ours[v])
        else:
            assert ours[v] == pytest.approx(theirs[v], abs=1e-10)


@pytest.mark.parametrize("G", small_graphs())
def test_betweenness_matches_networkx(G):
    ours = betweenness(G)
    theirs = nx.betweenness_centrality(G, normalized=True)
    assert ours.exact and ours.error_bound == 0
    for v in G:
        assert ours.values[v] == pytest.approx(theirs[v], abs=1e-12)


# --- sampled betweenness -------------------------------------------------------------


@pytest.fixture(scope="module")
def medium():
    G = collaboration_network(400, 1200, seed=5)
    return G, nx.betweenness_centrality(G, normalized=True)


def test_sampled_betweenness_within_bound(medium):
    G, exact = medium
    exact = np.array([exact[v] for v in G])
    n, k = 400, 40
    for seed in range(5):
        r = betweenness(G, sources=k, seed=seed)
        # (n/(n-1)) sqrt(ln(2n/0.05) / (2k)) = (400/399) sqrt(ln(16000)/80)
        #   = 1.002506 * sqrt(9.680344/80) = 1.002506 * 0.347857 = 0.348729
        assert r.error_bound == pytest.approx(0.348729, abs=1e-6)
        assert np.max(np.abs(r.values.to_numpy() - exact)) <= r.error_bound
        assert not r.exact and r.n_sources == k


def test_sampled_betweenness_is_unbiased(medium):
    # the mean over 20 seeds is close to exact for the top node (4 standard errors)
    G, exact = medium
    top = max(exact, key=exact.get)
    runs = [betweenness(G, sources=30, seed=s) for s in range(20)]
    mean = np.mean([r.values[top] for r in runs])
    se = np.mean([r.stderr[top] for r in runs]) / np.sqrt(len(runs))
    assert abs(mean - exact[top]) < 4 * se


def test_sampled_betweenness_is_seeded(medium):
    G, _ = medium
    a = betweenness(G, sources=20, seed=9)
    b = betweenness(G, sources=20, seed=9)
    assert a.values.equals(b.values)


# --- degenerate input ----------------------------------------------------------------


def test_isolates_are_nan_as_documented():
    G = nx.Graph([(0, 1)])
    G.add_node(2)
    assert math.isnan(constraint(G)[2]) and math.isnan(effective_size(G)[2])
    assert constraint(G)[0] == 1.0 and effective_size(G)[0] == 1.0
    assert betweenness(G).values[2] == 0.0


def test_tiny_graphs():
    assert betweenness(nx.empty_graph(1)).values.tolist() == [0.0]
    assert betweenness(nx.path_graph(2)).values.tolist() == [0.0, 0.0]
    with pytest.raises(GraphError, match="no nodes"):
        betweenness(nx.Graph())
    assert constraint(nx.Graph()).empty and effective_size(nx.Graph()).empty


def test_errors():
    G = nx.Graph()
    G.add_edge(0, 1, weight=-1)
    with pytest.raises(GraphError, match="positive"):
        constraint(G, weight="weight")
    G[0][1]["weight"] = "heavy"
    with pytest.raises(GraphError, match="not a number"):
        effective_size(G, weight="weight")
    with pytest.raises(GraphError, match="directed"):
        constraint(nx.DiGraph([(0, 1)]))
    with pytest.raises(GraphError, match="sources"):
        betweenness(nx.path_graph(4), sources=0)


def test_triangle_enumeration_matches_networkx():
    from ssbkg.metrics._csr import edge_arrays, triangles

    G = collaboration_network(500, 3000, seed=11)
    nodes, u, v, _ = edge_arrays(G)
    x, y, z, exy, eyz, exz = triangles(len(nodes), u, v, chunk=1000)  # small chunks: many passes
    assert len(x) == sum(nx.triangles(G).values()) // 3
    # each triangle once, and its three edge ids join the right corners
    corners = {frozenset(t) for t in zip(x.tolist(), y.tolist(), z.tolist())}
    assert len(corners) == len(x)
    for e, (p, q) in ((exy, (x, y)), (eyz, (y, z)), (exz, (x, z))):
        assert (np.minimum(p, q) == u[e]).all() and (np.maximum(p, q) == v[e]).all()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9), st.integers(1, 5)), max_size=30))
def test_property_structural_holes_match_networkx(edges):
    G = nx.Graph()
    G.add_nodes_from(range(10))
    for a, b, w in edges:
        if a != b:
            G.add_edge(a, b, weight=w)
    for weight in (None, "weight"):
        c, cn = constraint(G, weight=weight), nx.constraint(G, weight=weight, nodes=list(G))
        e, en = effective_size(G, weight=weight), nx.effective_size(G, weight=weight, nodes=list(G))
        for v in G:
            assert (math.isnan(c[v]) and math.isnan(cn[v])) or c[v] == pytest.approx(cn[v], abs=1e-12)
            assert (math.isnan(e[v]) and math.isnan(en[v])) or e[v] == pytest.approx(en[v], abs=1e-10)
    b, bn = betweenness(G).values, nx.betweenness_centrality(G)
    assert all(b[v] == pytest.approx(bn[v], abs=1e-12) for v in G)
