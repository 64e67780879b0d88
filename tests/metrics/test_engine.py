"""The compiled engine (igraph + leidenalg) under the metric functions.

Checks the engine's answers against networkx's own implementations (or the
numpy path the metrics had before) on graphs where both finish, Leiden against
Louvain and a published optimum, order independence, one conversion per
profile, and the fallback when igraph and leidenalg cannot be imported.
"""

import json
import os
import random
import subprocess
import sys
import textwrap

import networkx as nx
import numpy as np
import pytest

from ssbkg.metrics import (
    betweenness,
    communities,
    distance_fragmentation,
    fragmentation,
    fragmentation_profile,
    gould_fernandez,
    key_players,
    leiden,
    louvain,
    modularity,
)
from ssbkg.metrics import _engine
from ssbkg.synthetic import collaboration_network

pytest.importorskip("igraph")
pytest.importorskip("leidenalg")


def shuffled_copy(G, seed):
    rng = random.Random(seed)
    nodes = list(G.nodes(data=True))
    edges = list(G.edges(data=True))
    rng.shuffle(nodes)
    rng.shuffle(edges)
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from((b, a, d) if rng.random() < 0.5 else (a, b, d) for a, b, d in edges)
    return H


@pytest.fixture(scope="module")
def synthetic():
    G = collaboration_network(400, 1600, seed=3)
    return nx.relabel_nodes(G, {v: f"org-{v:04d}" for v in G})


# --- communities --------------------------------------------------------------------


def _connected(G, parts):
    return all(nx.is_connected(G.subgraph(c)) for c in parts)


@pytest.mark.parametrize("weight", [None, "weight"])
def test_karate_leiden_connected_and_at_least_louvain(weight):
    G = nx.karate_club_graph()
    le = leiden(G, weight=weight, seed=0)
    lo = louvain(G, weight=weight, seed=0)
    assert le.method == "leiden" and lo.method == "louvain"
    assert _connected(G, le.communities)
    assert le.modularity >= lo.modularity - 1e-12
    # the reported modularity is networkx's modularity of the partition
    assert le.modularity == pytest.approx(
        nx.community.modularity(G, le.communities, weight=weight), abs=1e-12)


def test_karate_unweighted_reaches_the_published_optimum():
    # Brandes et al. (2008), "On modularity clustering", IEEE TKDE 20(2), table 2:
    # the maximum modularity of Zachary's karate club is 0.4198 (4 communities)
    r = leiden(nx.karate_club_graph(), weight=None, seed=0)
    assert round(r.modularity, 4) == 0.4198 and len(r.communities) == 4


def test_planted_partition_is_recovered():
    # 4 groups of 30, p_in = 0.5, p_out = 0.01: the planted groups are the answer
    G = nx.planted_partition_graph(4, 30, 0.5, 0.01, seed=7)
    planted = [frozenset(range(30 * i, 30 * (i + 1))) for i in range(4)]
    le = leiden(G, seed=0)
    lo = louvain(G, seed=0)
    assert sorted(map(sorted, le.communities)) == sorted(map(sorted, planted))
    assert _connected(G, le.communities)
    assert le.modularity >= lo.modularity - 1e-12
    assert le.modularity == pytest.approx(nx.community.modularity(G, planted), abs=1e-12)


@pytest.mark.parametrize("method", ["leiden", "louvain"])
@pytest.mark.parametrize("order_seed", [1, 2])
def test_insertion_order_does_not_matter(synthetic, method, order_seed):
    H = shuffled_copy(synthetic, order_seed)
    assert list(H) != list(synthetic)
    a = communities(synthetic, method=method, seed=5)
    b = communities(H, method=method, seed=5)
    assert a.communities == b.communities and a.modularity == b.modularity
    assert a.membership.to_dict() == b.membership.to_dict()


def test_leiden_is_seeded_and_modularity_agrees(synthetic):
    a = leiden(synthetic, seed=11)
    assert a.communities == leiden(synthetic, seed=11).communities
    assert a.modularity == pytest.approx(modularity(synthetic, a.communities), abs=1e-12)
    assert _connected(synthetic, a.communities)


def test_unknown_method():
    from ssbkg.errors import GraphError
    with pytest.raises(GraphError, match="method"):
        communities(nx.path_graph(3), method="walktrap")


# --- the other metrics against networkx -------------------------------------------------


def test_F_dF_betweenness_against_networkx(synthetic):
    G = synthetic.copy()
    G.add_nodes_from(["iso-1", "iso-2"])
    G.add_edge("pair-a", "pair-b")
    n = G.number_of_nodes()
    sizes = [len(c) for c in nx.connected_components(G)]
    assert fragmentation(G) == pytest.approx(1 - sum(s * (s - 1) for s in sizes) / (n * (n - 1)))
    total = sum(1 / d for _, dist in nx.all_pairs_shortest_path_length(G) for d in dist.values() if d)
    assert distance_fragmentation(G).value == pytest.approx(1 - total / (n * (n - 1)), abs=1e-12)
    bc = nx.betweenness_centrality(G)
    ours = betweenness(G).values
    assert max(abs(ours[v] - bc[v]) for v in G) < 1e-12


def test_sampled_betweenness_many_sources_within_bound(synthetic):
    # 100 sources > 64: the sources run in 64 groups; the values are the same
    # per-source sums, the standard error comes from the group means
    bc = nx.betweenness_centrality(synthetic)
    r = betweenness(synthetic, sources=100, seed=2)
    err = max(abs(r.values[v] - bc[v]) for v in synthetic)
    assert err <= r.error_bound
    top = max(bc, key=bc.get)
    assert 0 < r.stderr[top] < r.error_bound


def test_gould_fernandez_undirected_equals_its_symmetric_digraph(synthetic):
    groups = {v: d["type"] for v, d in synthetic.nodes(data=True)}
    fast = gould_fernandez(synthetic, groups)
    slow = gould_fernandez(synthetic.to_directed(), groups)  # the node-by-node reading
    assert fast.drop(columns="group").equals(slow.drop(columns="group"))
    assert (fast["group"] == slow["group"]).all()
    assert fast.attrs["directed"] is False


def test_key_players_F_engine_matches_brute_force():
    G = collaboration_network(60, 90, seed=8)
    kp = key_players(G, 1, seed=0)
    best = max(
        (1 - sum(len(c) * (len(c) - 1) for c in nx.connected_components(G.subgraph(set(G) - {v})))
         / (59 * 58), v) for v in G)
    assert kp.value == pytest.approx(best[0])


# --- conversions ----------------------------------------------------------------------


def test_profile_converts_the_graph_once():
    G = collaboration_network(500, 1500, n_regions=6, seed=1)
    before = _engine.stats["conversions"]
    p = fragmentation_profile(G, exact_below=100, sources=20, betweenness_sources=20)
    assert _engine.stats["conversions"] - before == 1
    assert len(p["summary"]) == 7
    assert p["summary"].attrs["community_method"] == "leiden"


def test_each_call_outside_shared_converts_once():
    G = nx.path_graph(10)
    before = _engine.stats["conversions"]
    fragmentation(G)
    distance_fragmentation(G)
    assert _engine.stats["conversions"] - before == 2


def test_subgraph_arrays_match_networkx_subgraph(synthetic):
    ga = _engine.arrays(synthetic)
    keep = list(synthetic)[::3]
    sub = ga.subgraph(np.sort([ga.index[v] for v in keep]))
    H = synthetic.subgraph(keep)
    assert sub.nodes == keep  # graph order (a networkx subgraph view iterates its node set)
    assert set(sub.nodes) == set(H)
    assert sorted(zip(sub.u.tolist(), sub.v.tolist())) == sorted(
        tuple(sorted((sub.index[a], sub.index[b]))) for a, b in H.edges())


# --- without the engine ------------------------------------------------------------------

_BLOCK = textwrap.dedent("""
    import sys
    class _Block:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("igraph", "leidenalg"):
                raise ImportError(f"blocked for the test: {name}")
            return None
    sys.meta_path.insert(0, _Block())
""")

_SCRIPT = textwrap.dedent("""
    import json, warnings
    import networkx as nx
    warnings.simplefilter("always")
    from ssbkg.metrics import (betweenness, communities, distance_fragmentation, fragmentation,
                               fragmentation_profile)
    from ssbkg.synthetic import collaboration_network
    G = collaboration_network(200, 600, n_regions=3, seed=2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c = communities(G, seed=0)
        out = {
            "F": fragmentation(G),
            "dF": distance_fragmentation(G).value,
            "bc": betweenness(G).values.round(12).tolist(),
            "method": c.method, "note": c.note, "modularity": c.modularity,
            "profile_rows": len(fragmentation_profile(G)["summary"]),
            "warnings": sorted({str(w.message) for w in caught}),
        }
    import sys
    out["igraph_loaded"] = "igraph" in sys.modules
    print(json.dumps(out))
""")


def test_without_igraph_the_slower_path_works_and_says_so(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(_BLOCK)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(tmp_path)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    proc = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["igraph_loaded"] is False
    assert out["method"] == "louvain (networkx)"
    assert "leidenalg is not installed" in out["note"]
    assert any("slower" in w and "python-igraph is not installed" in w for w in out["warnings"])
    assert out["profile_rows"] == 4
    # the same numbers as the engine gives in this process
    G = collaboration_network(200, 600, n_regions=3, seed=2)
    assert out["F"] == pytest.approx(fragmentation(G), abs=1e-12)
    assert out["dF"] == pytest.approx(distance_fragmentation(G).value, abs=1e-12)
    assert np.allclose(out["bc"], betweenness(G).values.to_numpy(), atol=1e-11)
    from ssbkg.metrics.communities import _louvain_networkx
    assert out["modularity"] == _louvain_networkx(G, "weight", 1.0, 1e-7, 0).modularity
