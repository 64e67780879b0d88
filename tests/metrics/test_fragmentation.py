"""Tests of ssbkg.metrics.fragmentation: components, Borgatti's F and dF.

Oracles: Borgatti's (2006) figure-8 network (tests/metrics/data/borgatti_README.md),
small graphs worked by hand, and an independent dF from networkx's
all-pairs shortest paths and from scipy.sparse.csgraph.
"""

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse.csgraph as csgraph
from hypothesis import given, settings
from hypothesis import strategies as st

from ssbkg.errors import GraphError
from ssbkg.metrics.fragmentation import (
    component_summary,
    distance_fragmentation,
    fragmentation,
    harmonic_sums,
)
from ssbkg.synthetic import collaboration_network

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def figure8():
    adj = pd.read_csv(DATA / "borgatti_figure8_adjacency.tsv", sep="\t", index_col=0)
    G = nx.from_pandas_adjacency(adj)
    assert (G.number_of_nodes(), G.number_of_edges()) == (32, 56)  # as published
    return G


def nx_distance_fragmentation(G):
    """dF from networkx's BFS, the textbook way (independent implementation)."""
    n = G.number_of_nodes()
    total = sum(
        1.0 / d for _, dist in nx.all_pairs_shortest_path_length(G) for d in dist.values() if d > 0
    )
    return 1.0 - total / (n * (n - 1))


# --- Borgatti's figure 8 -------------------------------------------------------------


def test_figure8_whole_graph(figure8):
    # Borgatti (2006) / pyntacle: F = 0, dF = 0.64755
    assert fragmentation(figure8) == pytest.approx(0.0, abs=1e-12)
    assert distance_fragmentation(figure8).value == pytest.approx(0.64755, abs=5e-6)


def test_figure8_after_removing_three(figure8):
    # Borgatti (2006) / pyntacle: removing {HS, HA, GM} gives F = 0.44335, dF = 0.74676
    H = figure8.copy()
    H.remove_nodes_from(["HS", "HA", "GM"])
    assert fragmentation(H) == pytest.approx(0.44335, abs=5e-6)
    assert distance_fragmentation(H).value == pytest.approx(0.74676, abs=5e-6)


# --- worked by hand ------------------------------------------------------------------


@pytest.fixture
def path_plus_isolate():
    G = nx.path_graph(3)  # 0-1-2
    G.add_node(3)
    return G


def test_component_summary_by_hand(path_plus_isolate):
    s = component_summary(path_plus_isolate)
    # components {0,1,2} and {3}: largest 3 of 4 nodes, one isolate
    assert s["n_nodes"] == 4 and s["n_edges"] == 2
    assert s["component_sizes"] == [3, 1]
    assert s["largest_component_share"] == pytest.approx(0.75)
    assert s["isolates"] == [3] and s["n_isolates"] == 1


def test_fragmentation_by_hand(path_plus_isolate):
    # n = 4: 12 ordered pairs; reachable ones inside {0,1,2}: 3*2 = 6 -> F = 1 - 6/12
    assert fragmentation(path_plus_isolate) == pytest.approx(0.5)


def test_distance_fragmentation_by_hand(path_plus_isolate):
    # unordered reachable pairs: (0,1) d=1, (1,2) d=1, (0,2) d=2 -> 1 + 1 + 1/2 = 2.5,
    # ordered 5; dF = 1 - 5/12 = 0.583333
    r = distance_fragmentation(path_plus_isolate)
    assert r.value == pytest.approx(7 / 12)
    assert r.exact and r.error_bound == 0 and r.n_sources == 4


def test_harmonic_sums_by_hand(path_plus_isolate):
    # from 0: 1 + 1/2; from 1: 1 + 1; from 2: 1 + 1/2; from 3: nothing reachable
    assert harmonic_sums(path_plus_isolate).tolist() == pytest.approx([1.5, 2.0, 1.5, 0.0])
    assert harmonic_sums(path_plus_isolate, sources=[1]).tolist() == pytest.approx([2.0])


def test_self_loops_are_ignored():
    G = nx.Graph([(0, 0), (1, 2)])
    # {0} alone, {1,2}: F = 1 - 2/6; self-loop joins nothing and is no edge
    assert fragmentation(G) == pytest.approx(2 / 3)
    assert component_summary(G)["isolates"] == [0]
    assert component_summary(G)["n_edges"] == 1


# --- against independent implementations ---------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fragmentation_matches_networkx_components(seed):
    G = nx.gnp_random_graph(80, 0.02, seed=seed)
    n = 80
    sizes = [len(c) for c in nx.connected_components(G)]
    expected = 1 - sum(s * (s - 1) for s in sizes) / (n * (n - 1))
    assert fragmentation(G) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_distance_fragmentation_matches_networkx(seed):
    G = nx.gnp_random_graph(70, 0.04, seed=seed)
    assert distance_fragmentation(G).value == pytest.approx(nx_distance_fragmentation(G), abs=1e-12)


def test_harmonic_sums_match_csgraph():
    G = collaboration_network(400, 1200, seed=3)
    A = nx.to_scipy_sparse_array(G, nodelist=list(G), format="csr")
    D = csgraph.shortest_path(A, unweighted=True, directed=False)
    with np.errstate(divide="ignore"):
        R = np.where(np.isfinite(D) & (D > 0), 1.0 / D, 0.0)
    np.testing.assert_allclose(harmonic_sums(G), R.sum(axis=1), rtol=1e-12)


# --- sampling ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def medium():
    return collaboration_network(600, 1500, seed=7)


def test_sampled_within_hoeffding_bound(medium):
    exact = nx_distance_fragmentation(medium)
    for seed in range(10):
        r = distance_fragmentation(medium, sources=40, seed=seed)
        assert not r.exact and r.n_sources == 40
        # Hoeffding at 95%: sqrt(ln(2/0.05) / (2*40)) = sqrt(3.688879/80) = sqrt(0.0461110) = 0.214735
        assert r.error_bound == pytest.approx(0.214735, abs=1e-6)
        assert abs(r.value - exact) <= r.error_bound


def test_sampled_is_unbiased(medium):
    # the mean of 30 independent estimates lies within 4 standard errors of the exact value
    exact = nx_distance_fragmentation(medium)
    runs = [distance_fragmentation(medium, sources=30, seed=s) for s in range(30)]
    mean = np.mean([r.value for r in runs])
    se = np.mean([r.stderr for r in runs]) / np.sqrt(len(runs))
    assert abs(mean - exact) < 4 * se


def test_sampling_is_seeded(medium):
    a = distance_fragmentation(medium, sources=25, seed=11)
    b = distance_fragmentation(medium, sources=25, seed=11)
    assert a == b


def test_sources_at_least_n_is_exact(figure8):
    r = distance_fragmentation(figure8, sources=100, seed=3)
    assert r.exact and r.n_sources == 32
    assert r.value == pytest.approx(0.64755, abs=5e-6)


# --- degenerate input ----------------------------------------------------------------


def test_no_edges_is_fully_fragmented():
    G = nx.empty_graph(5)
    assert fragmentation(G) == 1.0
    assert distance_fragmentation(G).value == 1.0
    s = component_summary(G)
    assert s["n_components"] == 5 and s["n_isolates"] == 5
    assert s["largest_component_share"] == pytest.approx(0.2)


def test_complete_graph_is_not_fragmented():
    G = nx.complete_graph(6)
    assert fragmentation(G) == 0.0
    assert distance_fragmentation(G).value == pytest.approx(0.0, abs=1e-15)


@pytest.mark.parametrize("func", [fragmentation, distance_fragmentation])
@pytest.mark.parametrize("n", [0, 1])
def test_fewer_than_two_nodes_raise(func, n):
    with pytest.raises(GraphError, match="at least 2 nodes"):
        func(nx.empty_graph(n))


def test_empty_graph_summary_raises():
    with pytest.raises(GraphError, match="no nodes"):
        component_summary(nx.Graph())


def test_one_node_summary_is_defined():
    s = component_summary(nx.empty_graph(1))
    assert s["n_components"] == 1 and s["largest_component_share"] == 1.0 and s["isolates"] == [0]


@pytest.mark.parametrize("G", [nx.DiGraph([(0, 1)]), nx.MultiGraph([(0, 1)])])
def test_wrong_graph_kind_raises(G):
    with pytest.raises(GraphError):
        fragmentation(G)


def test_bad_options_raise(figure8):
    with pytest.raises(GraphError, match="sources"):
        distance_fragmentation(figure8, sources=0)
    with pytest.raises(GraphError, match="confidence"):
        distance_fragmentation(figure8, sources=5, confidence=1.5)
    with pytest.raises(GraphError, match="not in the graph"):
        harmonic_sums(figure8, sources=["nobody"])


# --- property: any small graph, against networkx -------------------------------------

small_edges = st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=40)


@settings(max_examples=60, deadline=None)
@given(small_edges, st.integers(2, 12))
def test_property_F_and_dF_match_networkx(edges, n):
    G = nx.empty_graph(n)
    G.add_edges_from((a % n, b % n) for a, b in edges)
    sizes = [len(c) for c in nx.connected_components(G)]
    assert fragmentation(G) == pytest.approx(1 - sum(s * (s - 1) for s in sizes) / (n * (n - 1)))
    assert distance_fragmentation(G).value == pytest.approx(nx_distance_fragmentation(G), abs=1e-12)
