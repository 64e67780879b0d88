"""Tests of ssbkg.metrics.keyplayer: greedy KPP-Neg with swaps.

Oracle: Borgatti's (2006) figure-8 network (tests/metrics/data/borgatti_README.md):
the best pair for F is {HA, HB} or {HB, WD} (F = 0.70575), for dF {HB, WD}
(dF = 0.81506). The exhaustive search here uses plain networkx, independent of
the code under test.
"""

from itertools import combinations
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssbkg.errors import GraphError
from ssbkg.metrics._csr import edge_arrays, to_csr
from ssbkg.metrics.keyplayer import _single_removal_F, key_players, removal_fragmentation
from ssbkg.synthetic import collaboration_network

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def figure8():
    adj = pd.read_csv(DATA / "borgatti_figure8_adjacency.tsv", sep="\t", index_col=0)
    return nx.from_pandas_adjacency(adj)


def nx_F(G):
    n = G.number_of_nodes()
    return 1 - sum(len(c) * (len(c) - 1) for c in nx.connected_components(G)) / (n * (n - 1))


def nx_dF(G):
    n = G.number_of_nodes()
    total = sum(1 / d for _, dist in nx.all_pairs_shortest_path_length(G) for d in dist.values() if d)
    return 1 - total / (n * (n - 1))


@pytest.fixture(scope="module")
def exhaustive_pairs(figure8):
    """Every pair's F and dF after removal, computed with networkx only."""
    out = {}
    for pair in combinations(sorted(figure8), 2):
        H = figure8.copy()
        H.remove_nodes_from(pair)
        out[frozenset(pair)] = (nx_F(H), nx_dF(H))
    return out


def test_exhaustive_best_pair_for_F(exhaustive_pairs):
    best = max(v[0] for v in exhaustive_pairs.values())
    winners = {p for p, v in exhaustive_pairs.items() if v[0] == pytest.approx(best, abs=1e-12)}
    assert best == pytest.approx(0.70575, abs=5e-6)  # Borgatti (2006) / pyntacle
    assert winners == {frozenset({"HA", "HB"}), frozenset({"HB", "WD"})}


def test_exhaustive_best_pair_for_dF(exhaustive_pairs):
    best_pair = max(exhaustive_pairs, key=lambda p: exhaustive_pairs[p][1])
    assert best_pair == frozenset({"HB", "WD"})
    assert exhaustive_pairs[best_pair][1] == pytest.approx(0.81506, abs=5e-6)


def test_removal_fragmentation_matches_exhaustive(figure8, exhaustive_pairs):
    for pair in [("HA", "HB"), ("HB", "WD"), ("KR", "BM"), ("HS", "MG")]:
        F, dF = exhaustive_pairs[frozenset(pair)]
        assert removal_fragmentation(figure8, pair) == pytest.approx(F, abs=1e-12)
        assert removal_fragmentation(figure8, pair, metric="dF") == pytest.approx(dF, abs=1e-12)


def test_removal_of_three_published(figure8):
    # Borgatti (2006) / pyntacle: {HS, HA, GM} -> F = 0.44335, dF = 0.74676
    assert removal_fragmentation(figure8, ["HS", "HA", "GM"]) == pytest.approx(0.44335, abs=5e-6)
    assert removal_fragmentation(figure8, ["HS", "HA", "GM"], metric="dF") == pytest.approx(
        0.74676, abs=5e-6
    )


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_greedy_pair_for_F_reaches_an_optimum(figure8, seed):
    r = key_players(figure8, 2, metric="F", seed=seed)
    assert set(r.nodes) in ({"HA", "HB"}, {"HB", "WD"})
    assert r.value == pytest.approx(0.70575, abs=5e-6)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_swap_reaches_best_pair_for_dF(figure8, seed, exhaustive_pairs):
    r = key_players(figure8, 2, metric="dF", seed=seed)
    # what the function claims: its value is the dF of its set, and swaps only improve
    assert r.value == pytest.approx(exhaustive_pairs[frozenset(r.nodes)][1], abs=1e-12)
    assert r.value >= r.greedy_value
    # and on this graph greedy + swaps finds the exhaustive optimum
    assert set(r.nodes) == {"HB", "WD"}
    assert r.value == pytest.approx(0.81506, abs=5e-6)


def test_greedy_without_swap_reports_its_own_value(figure8, exhaustive_pairs):
    r = key_players(figure8, 2, metric="dF", swap=False, seed=0)
    assert r.n_swaps == 0 and r.value == r.greedy_value
    assert r.value == pytest.approx(exhaustive_pairs[frozenset(r.nodes)][1], abs=1e-12)
    # the greedy pair is never better than the exhaustive best
    assert r.value <= 0.81506 + 5e-6


def test_star_centre_by_hand():
    G = nx.star_graph(5)  # centre 0, leaves 1..5
    r = key_players(G, 1, metric="F")
    # removing the centre leaves 5 isolates: F = 1 - 0 = 1, dF = 1
    assert r.nodes == [0] and r.value == 1.0
    assert key_players(G, 1, metric="dF").nodes == [0]


def test_two_stars_by_hand():
    # two stars (centres 0 and 10, 3 leaves each) joined centre to centre
    G = nx.Graph([(0, 1), (0, 2), (0, 3), (10, 11), (10, 12), (10, 13), (0, 10)])
    r = key_players(G, 2, metric="F")
    # removing both centres leaves 6 isolates: F = 1
    assert set(r.nodes) == {0, 10} and r.value == 1.0


def test_candidates_restrict_the_choice(figure8):
    r = key_players(figure8, 1, metric="F", candidates=["KR", "BS3"])
    assert r.nodes[0] in {"KR", "BS3"}
    # the value is the better of the two single removals, computed with networkx
    vals = {}
    for c in ["KR", "BS3"]:
        H = figure8.copy()
        H.remove_node(c)
        vals[c] = nx_F(H)
    assert r.value == pytest.approx(max(vals.values()), abs=1e-12)


def test_same_seed_same_answer(figure8):
    assert key_players(figure8, 3, metric="F", seed=5) == key_players(figure8, 3, metric="F", seed=5)


def test_errors(figure8):
    with pytest.raises(GraphError, match="k must be"):
        key_players(figure8, 0)
    with pytest.raises(GraphError, match="k must be"):
        key_players(figure8, 31)
    with pytest.raises(GraphError, match="metric"):
        key_players(figure8, 1, metric="closeness")
    with pytest.raises(GraphError, match="candidate"):
        key_players(figure8, 1, candidates=["nobody"])
    with pytest.raises(GraphError, match="cannot fill"):
        key_players(figure8, 3, candidates=["KR", "HB"])
    with pytest.raises(GraphError, match="fewer than 2"):
        removal_fragmentation(nx.path_graph(3), [0, 1])
    with pytest.raises(GraphError, match="not in the graph"):
        removal_fragmentation(figure8, ["nobody"])


# --- the O(n + m) scoring of every single removal, against networkx ------------------


def brute_single_removals(G, gone):
    """F after removing each further node, recomputed with networkx each time."""
    out = {}
    for v in G:
        if v in gone:
            continue
        H = G.copy()
        H.remove_nodes_from(list(gone) + [v])
        out[v] = nx_F(H)
    return out


def fast_single_removals(G, gone):
    nodes, u, v, _ = edge_arrays(G)
    mask = np.array([x in gone for x in nodes])
    vals = _single_removal_F(to_csr(len(nodes), u, v), mask)
    return {x: vals[i] for i, x in enumerate(nodes) if x not in gone}


def test_single_removals_figure8(figure8, exhaustive_pairs):
    fast = fast_single_removals(figure8, {"HB"})
    for v, val in fast.items():
        assert val == pytest.approx(exhaustive_pairs[frozenset({"HB", v})][0], abs=1e-12)


def test_single_removals_synthetic():
    G = collaboration_network(150, 220, seed=4)  # sparse: many cut vertices and components
    gone = {0, 5}
    brute = brute_single_removals(G, gone)
    fast = fast_single_removals(G, gone)
    assert fast.keys() == brute.keys()
    for v in brute:
        assert fast[v] == pytest.approx(brute[v], abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=25), st.sets(st.integers(0, 9), max_size=3))
def test_property_single_removals(edges, gone):
    G = nx.empty_graph(10)
    G.add_edges_from((a, b) for a, b in edges if a != b)
    brute = brute_single_removals(G, gone)
    fast = fast_single_removals(G, gone)
    for v in brute:
        assert fast[v] == pytest.approx(brute[v], abs=1e-12)


def test_greedy_F_on_a_larger_graph_reports_its_own_value():
    G = collaboration_network(2000, 2600, seed=1)
    r = key_players(G, 4, metric="F", seed=0)
    H = G.copy()
    H.remove_nodes_from(r.nodes)
    assert r.value == pytest.approx(nx_F(H), abs=1e-12)
    assert r.value >= r.greedy_value
    # no single swap improves it (the swap phase stops only then)
    for pos in range(4):
        for c in list(G)[:200]:
            if c in r.nodes:
                continue
            trial = list(r.nodes)
            trial[pos] = c
            assert removal_fragmentation(G, trial) <= r.value + 1e-12


def test_edgeless_graph_has_no_key_players():
    # F = 1 before any removal: every set ties, so no set is named
    for metric in ("F", "dF"):
        r = key_players(nx.empty_graph(6), 2, metric=metric)
        assert r.nodes == [] and r.value == 1.0
        assert "no edges" in r.note and "no key players" in r.note


def test_tied_sets_are_listed_as_ties():
    # two disjoint stars with 3 leaves each (8 nodes): removing either centre leaves
    # 3 isolates + a star of 4 among 7: F = 1 - 4*3 / (7*6) = 5/7, for both centres
    G = nx.disjoint_union(nx.star_graph(3), nx.star_graph(3))  # centres 0 and 4
    r = key_players(G, 1, seed=0)
    assert r.value == pytest.approx(5 / 7)
    assert sorted(r.nodes + r.ties[0]) == [0, 4]
    assert r.note.startswith("tied")


def test_every_candidate_tying_is_said():
    # a perfect matching of 3 edges: removing any node leaves an isolate and two
    # edges among 5: F = 1 - (2 + 2) / (5*4) = 0.8 whichever node goes
    G = nx.Graph([(0, 1), (2, 3), (4, 5)])
    r = key_players(G, 1)
    assert r.value == pytest.approx(0.8)
    assert len(r.ties[0]) == 5 and "every candidate ties" in r.note
    # same for dF: the one driver serves both metrics
    d = key_players(G, 1, metric="dF")
    assert len(d.ties[0]) == 5 and "every candidate ties" in d.note
