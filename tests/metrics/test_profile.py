"""Tests of ssbkg.metrics.profile: the whole-network and per-region fragmentation profile.

A seven-organisation ecosystem worked by hand, degenerate scopes (a region with one
organisation, a region with none) and a synthetic network checked against
networkx.
"""

import math

import networkx as nx
import pandas as pd
import pytest

from ssbkg.errors import GraphError
from ssbkg.metrics.profile import fragmentation_profile
from ssbkg.synthetic import collaboration_network

HZ = ["cn-zj-hz", "cn-zj", "cn"]
NB = ["cn-zj-nb", "cn-zj", "cn"]
SZ = ["cn-js-sz", "cn-js", "cn"]


@pytest.fixture
def eco():
    G = nx.Graph()
    G.add_node("e1", type="enterprise", sector="industry", regions=HZ)
    G.add_node("e2", type="enterprise", sector="industry", regions=HZ)
    G.add_node("u1", type="university", sector="university", regions=HZ)
    G.add_node("e3", type="enterprise", sector="industry", regions=NB)
    G.add_node("g1", type="government_body", regions=NB)  # sector from type
    G.add_node("p1", type="platform", sector="platform", regions=NB)
    G.add_node("e4", type="enterprise", sector="industry", regions=SZ)  # isolated
    G.add_edge("e1", "u1", weight=2)
    G.add_edge("e2", "u1", weight=1)
    G.add_edge("e1", "e2", weight=1)
    G.add_edge("e3", "g1", weight=1)
    G.add_edge("u1", "e3", weight=1)
    G.add_edge("p1", "g1", weight=1)
    return G


@pytest.fixture
def profile(eco):
    return fragmentation_profile(eco, regions=None)


def test_scopes(profile):
    s = profile["summary"]
    assert s.index.tolist() == ["all", "cn", "cn-js", "cn-js-sz", "cn-zj", "cn-zj-hz", "cn-zj-nb"]


def test_whole_network_by_hand(profile):
    row = profile["summary"].loc["all"]
    # components {e1,e2,u1,e3,g1,p1} and {e4}: F = 1 - 6*5/(7*6) = 12/42
    assert row["F"] == pytest.approx(12 / 42)
    assert row["n_components"] == 2 and row["n_isolates"] == 1
    assert row["largest_component_share"] == pytest.approx(6 / 7)
    # by most specific region: inside e1-u1, e2-u1, e1-e2, e3-g1, p1-g1; across u1-e3 -> (1-5)/6
    assert row["ei_region"] == pytest.approx(-2 / 3)
    # by type: only e1-e2 joins equal types -> (5 - 1)/6
    assert row["ei_type"] == pytest.approx(4 / 6)
    # enterprises e1, e2, e3 touch u1; e4 nothing -> 3/4; p1 has no enterprise partner
    assert row["share_enterprises_linked"] == 0.75
    assert row["n_platforms_without_enterprise"] == 1
    assert bool(row["dF_exact"]) and row["dF_sources"] == 7


def test_whole_network_dF_matches_networkx(eco, profile):
    n = 7
    total = sum(1 / d for _, dist in nx.all_pairs_shortest_path_length(eco) for d in dist.values() if d)
    assert profile["summary"].loc["all", "dF"] == pytest.approx(1 - total / (n * (n - 1)))


def test_triple_helix_over_edges_by_hand(profile):
    # records (U, I, G): e1-u1 110, e2-u1 110, e1-e2 010, e3-g1 011, u1-e3 110, p1-g1 001
    # H_U = H(1/2) = 1; H_I = H(5/6) = 0.650022; H_G = H(1/3) = 0.918296
    # H_UI: 11 x3, 01 x2, 00 x1 -> (1/2, 1/3, 1/6) = 1.459148; H_UG: 10 x3, 00, 01 x2 -> 1.459148
    # H_IG: 10 x4, 11, 01 -> (2/3, 1/6, 1/6) = 1.251629; H_UIG: (1/2, 1/6, 1/6, 1/6) = 1.792481
    # T = 1 + 0.650022 + 0.918296 - 1.459148 - 1.459148 - 1.251629 + 1.792481 = 0.190874
    assert profile["summary"].loc["all", "triple_helix_bits"] == pytest.approx(0.190874, abs=1e-6)


def test_city_rows_by_hand(profile):
    s = profile["summary"]
    hz = s.loc["cn-zj-hz"]
    # triangle e1, e2, u1: connected and complete: F = dF = 0
    assert hz["F"] == 0 and hz["dF"] == pytest.approx(0)
    # by type: e1-e2 inside, two enterprise-university ties across -> (2 - 1)/3
    assert hz["ei_type"] == pytest.approx(1 / 3)
    assert hz["share_enterprises_linked"] == 1.0
    # no government body in Huzhou's edges: triple helix undefined, and said so
    assert math.isnan(hz["triple_helix_bits"]) and "government" in hz["note"]
    nb = s.loc["cn-zj-nb"]
    # path e3 - g1 - p1: distances 1, 1, 2 -> dF = 1 - 2*(1 + 1 + 1/2)/6 = 1/6
    assert nb["F"] == 0 and nb["dF"] == pytest.approx(1 / 6)
    # e3's only research tie (u1) is outside Ningbo -> 0 of 1 linked
    assert nb["share_enterprises_linked"] == 0.0
    assert nb["n_platforms_without_enterprise"] == 1


def test_province_includes_its_cities(profile):
    zj = profile["summary"].loc["cn-zj"]
    assert zj["n_nodes"] == 6 and zj["n_edges"] == 6 and zj["F"] == 0


def test_single_organisation_region_is_explained(profile):
    sz = profile["summary"].loc["cn-js-sz"]
    assert sz["n_nodes"] == 1
    assert math.isnan(sz["F"]) and math.isnan(sz["dF"])
    assert "fewer than 2 organisations" in sz["note"]
    assert "no collaborations" in sz["note"]


def test_empty_region_is_explained(eco):
    s = fragmentation_profile(eco, regions=["cn-zj-hz", "cn-sh"])["summary"]
    assert s.loc["cn-sh", "n_nodes"] == 0
    assert s.loc["cn-sh", "note"] == "no organisations in this scope"


def test_every_nan_is_explained_or_whole_network_only(profile):
    s = profile["summary"]
    whole_only = {"ei_region", "n_communities", "modularity", "betweenness_error_bound", "betweenness_sources"}
    for scope, row in s.iterrows():
        for col, val in row.items():
            if isinstance(val, float) and math.isnan(val) and not (scope != "all" and col in whole_only):
                assert row["note"], f"{scope}.{col} is NaN without a note"


def test_node_table(eco, profile):
    nodes = profile["nodes"]
    assert list(nodes.index) == list(eco)
    bc = nx.betweenness_centrality(eco)
    for v in eco:
        assert nodes.loc[v, "betweenness"] == pytest.approx(bc[v])
    c = nx.constraint(eco, weight="weight")
    assert nodes.loc["u1", "constraint"] == pytest.approx(c["u1"])
    assert math.isnan(nodes.loc["e4", "constraint"])  # isolate: undefined, as documented
    assert nodes["community"].notna().all()


def test_records_for_triple_helix(eco):
    records = [["e1", "u1", "g1"], ["e2", "u1"], ["e3"], ["g1", "u1"]]
    s = fragmentation_profile(eco, records=records)["summary"]
    # (U,I,G): 111, 110, 010, 101; H_U = H(3/4) = 0.811278, H_I = 0.811278, H_G = 1
    # H_UI: 11 x2, 01, 10 -> 1.5; H_UG: 11, 10, 00, 11 -> 1.5; H_IG: 11, 10, 10, 01 -> 1.5
    # H_UIG = 2 (all distinct): T = 1.622556 + 1 - 4.5 + 2 = 0.122556
    assert s.loc["all", "triple_helix_bits"] == pytest.approx(0.122556, abs=1e-6)
    # Ningbo: records with a party in Ningbo: the 1st (g1), 3rd (e3), 4th (g1)
    # -> 111, 010, 101: H_U = H_G = H(2/3) = 0.918296, H_I = H(2/3) = 0.918296,
    # H_UI: 11, 01, 10 -> log2 3; H_UG: 11, 00, 11 -> H(2/3); H_IG: 11, 10, 01 -> log2 3;
    # H_UIG = log2 3; T = 3*0.918296 - 2*1.584963 - 0.918296 + 1.584963 = 0.251629
    assert s.loc["cn-zj-nb", "triple_helix_bits"] == pytest.approx(0.251629, abs=1e-6)


def test_synthetic_against_networkx():
    G = collaboration_network(300, 900, n_regions=4, seed=4)
    p = fragmentation_profile(G, exact_below=100, sources=50, betweenness_sources=60, seed=1)
    s = p["summary"]
    # sampled because n = 300 > 100; the exact dF lies within the stated bound
    n = 300
    total = sum(1 / d for _, dist in nx.all_pairs_shortest_path_length(G) for d in dist.values() if d)
    exact = 1 - total / (n * (n - 1))
    assert not s.loc["all", "dF_exact"] and s.loc["all", "dF_sources"] == 50
    assert abs(s.loc["all", "dF"] - exact) <= s.loc["all", "dF_error_bound"]
    bc = nx.betweenness_centrality(G)
    err = max(abs(p["nodes"].loc[v, "betweenness"] - bc[v]) for v in G)
    assert err <= s.loc["all", "betweenness_error_bound"]
    # regions partition the nodes (synthetic nodes have one region each)
    assert s.drop(index="all")["n_nodes"].sum() == 300
    # the same call gives the same tables
    q = fragmentation_profile(G, exact_below=100, sources=50, betweenness_sources=60, seed=1)
    pd.testing.assert_frame_equal(s, q["summary"])


def test_errors():
    with pytest.raises(GraphError, match="no nodes"):
        fragmentation_profile(nx.Graph())
    G = nx.path_graph(3)
    with pytest.raises(GraphError, match="sector"):
        fragmentation_profile(G)
