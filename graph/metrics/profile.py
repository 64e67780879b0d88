"""The fragmentation profile: every collaboration-fragmentation metric, overall and per region.

One call gathers what the cluster-gap report needs about how the
collaboration network holds together: components, Borgatti's F and dF,
industry-academia linkage, E-I indices, triple-helix synergy (whole network
and per region), and node-level brokerage and communities (whole network).
"""

from __future__ import annotations

__all__ = ["fragmentation_profile", "SECTOR_OF_TYPE"]

import math

import numpy as np
import pandas as pd

from ssbkg.errors import GraphError

from ._csr import check_graph
from ._engine import arrays, shared
from .brokerage import betweenness, constraint, effective_size
from .communities import communities as find_communities
from .fragmentation import _dF_of, _F_of, _summary_of
from .linkage import ei_index, industry_academia_linkage
from .triplehelix import HELIX_SECTORS, sector_presence, triple_helix

#: The sector of each organisation type, used when a node has no ``sector``.
SECTOR_OF_TYPE = {
    "enterprise": "industry",
    "university": "university",
    "research_institute": "university",
    "government_body": "government",
    "platform": "platform",
}

_SUMMARY_COLUMNS = [
    "n_nodes", "n_edges", "n_components", "largest_component_share", "n_isolates",
    "F", "dF", "dF_error_bound", "dF_sources", "dF_exact",
    "ei_type", "ei_region", "share_enterprises_linked", "n_platforms_without_enterprise",
    "triple_helix_bits", "n_communities", "modularity",
    "betweenness_error_bound", "betweenness_sources", "note",
]


def _regions_of(G, attribute):
    out = {}
    for v, data in G.nodes(data=True):
        r = data.get(attribute)
        if r is None and attribute == "regions":
            r = data.get("region")
        if r is None:
            out[v] = []
        elif isinstance(r, str):
            out[v] = [r]
        else:
            out[v] = list(r)
    return out


def _sector_lookup(G):
    lookup = {}
    for v, data in G.nodes(data=True):
        s = data.get("sector")
        if s is None:
            s = SECTOR_OF_TYPE.get(data.get("type"))
        if s is None:
            raise GraphError(f"fragmentation_profile: node {v!r} has neither 'sector' nor a known 'type'")
        lookup[v] = s
    return lookup


def _helix(G, records, sector_of):
    """T_UIG over ``records`` (party lists) or, when None, over the edges."""
    if records is None:
        codes = {s: 1 << (2 - i) for i, s in enumerate(HELIX_SECTORS)}
        bits = np.array([[codes.get(sector_of[a], 0) | codes.get(sector_of[b], 0)]
                         for a, b in G.edges() if a != b], dtype=np.int64).reshape(-1)
        presence = pd.DataFrame({s: (bits & codes[s]) > 0 for s in HELIX_SECTORS})
    else:
        presence = sector_presence(records, sector_of)
    return triple_helix(presence)


def _scope_row(G, ga, *, records, sector_of, sources, exact_below, seed, confidence, region_of=None):
    row = dict.fromkeys(_SUMMARY_COLUMNS, math.nan)
    notes = []
    n = G.number_of_nodes()
    row["n_nodes"] = n
    row["n_edges"] = G.number_of_edges()
    if n == 0:
        row["note"] = "no organisations in this scope"
        return row
    cs = _summary_of(ga)
    row.update(
        n_edges=cs["n_edges"], n_components=cs["n_components"],
        largest_component_share=cs["largest_component_share"], n_isolates=cs["n_isolates"],
    )
    if n >= 2:
        row["F"] = _F_of(ga)
        k = None if n <= exact_below else sources
        d = _dF_of(ga, sources=k, seed=seed, confidence=confidence)
        row.update(dF=d.value, dF_error_bound=d.error_bound, dF_sources=d.n_sources, dF_exact=d.exact)
    else:
        notes.append("fewer than 2 organisations: F and dF undefined")
    if cs["n_edges"]:
        row["ei_type"] = ei_index(G, "type")["ei"]
        if region_of is not None:
            most_specific = {v: (r[0] if r else "") for v, r in region_of.items()}
            row["ei_region"] = ei_index(G, most_specific)["ei"]
    else:
        notes.append("no collaborations: E-I undefined")
    link = industry_academia_linkage(G)
    row["share_enterprises_linked"] = link["share_linked"]
    row["n_platforms_without_enterprise"] = len(link["platforms_without_enterprise"])
    if link["note"]:
        notes.append(link["note"])
    th = _helix(G, records, sector_of)
    row["triple_helix_bits"] = th.value
    if not th.defined:
        notes.append(f"triple helix: {th.reason}")
    row["note"] = "; ".join(notes)
    return row


def fragmentation_profile(
    G,
    *,
    regions=None,
    region_attribute="regions",
    records=None,
    sources=500,
    betweenness_sources=500,
    exact_below=2000,
    communities=True,
    community_method="leiden",
    weight="weight",
    seed=0,
    confidence=0.95,
):
    """Every fragmentation metric for the whole network and for each region.

    Parameters
    ----------
    G : networkx.Graph
        Collaboration network (see ``docs/design.md``): nodes with ``type``,
        ``sector`` (derived from ``type`` when missing) and ``regions`` (list,
        most specific first) or ``region``.
    regions : list of str, optional
        Regions to profile; default every region named by some node. A
        region's scope is the subgraph induced by the nodes whose
        ``region_attribute`` lists it (so a province includes its cities).
        A region with no organisations gets a row with ``n_nodes = 0`` and a
        note.
    region_attribute : str
        Node attribute holding a region id or a list of them.
    records : list of lists, optional
        Collaborations or projects as lists of parties, for the triple helix;
        default: every edge is a record of its two ends. Per region, the
        records with a party in the region.
    sources : int
        BFS sources sampled for dF when a scope has more than ``exact_below``
        nodes.
    betweenness_sources : int
        Sources sampled for betweenness when the graph has more than
        ``exact_below`` nodes.
    exact_below : int
        Scopes with at most this many nodes get exact dF and betweenness.
    communities : bool
        Find communities of the whole network.
    community_method : {"leiden", "louvain"}
        Leiden (leidenalg, default) or Louvain (igraph multilevel); see
        :func:`ssbkg.metrics.communities`. ``summary.attrs["community_method"]``
        names the method that ran.
    weight : str or None
        Edge attribute (number of collaborations) used by constraint,
        effective size and Louvain; missing values count 1. Distances (F, dF,
        betweenness) are hop counts.
    seed : int, default 0
        Seed of every sample and of the community search.
    confidence : float
        Confidence of the error bounds.

    Returns
    -------
    dict of pandas.DataFrame
        ``"summary"``: one row per scope (``"all"`` first, then the regions
        sorted), columns ``n_nodes``, ``n_edges``, ``n_components``,
        ``largest_component_share``, ``n_isolates``, ``F``, ``dF``,
        ``dF_error_bound``, ``dF_sources``, ``dF_exact``, ``ei_type`` (E-I by
        organisation type), ``ei_region`` (E-I by most specific region, the
        first of ``region_attribute``; nodes without one form the group "";
        whole network only), ``share_enterprises_linked``,
        ``n_platforms_without_enterprise``, ``triple_helix_bits``,
        ``n_communities``, ``modularity``, ``betweenness_error_bound``,
        ``betweenness_sources`` (the last four whole network only) and
        ``note``, which explains every NaN that is not "whole network only".
        ``"nodes"``: one row per node of the whole network with
        ``betweenness``, ``betweenness_stderr``, ``constraint``,
        ``effective_size`` and ``community``.

    Notes
    -----
    The graph is converted to arrays once (``_engine.shared``); a region's
    components, F and dF are computed on the arrays of its induced subgraph.

    Raises
    ------
    GraphError
        If ``G`` has no nodes, is not simple and undirected, or a node lacks
        ``type``.

    Examples
    --------
    >>> from ssbkg.synthetic import collaboration_network
    >>> G = collaboration_network(200, 600, n_regions=3, seed=1)
    >>> p = fragmentation_profile(G)
    >>> p["summary"].index.tolist()
    ['all', 'syn-region-000', 'syn-region-001', 'syn-region-002']
    >>> import networkx as nx
    >>> sizes = [len(c) for c in nx.connected_components(G)]
    >>> bool(abs(p["summary"].loc["all", "F"] - (1 - sum(s * (s - 1) for s in sizes) / (200 * 199))) < 1e-12)
    True
    """
    check_graph(G, "fragmentation_profile")
    if G.number_of_nodes() == 0:
        raise GraphError("fragmentation_profile: the graph has no nodes")
    with shared():
        return _profile(G, regions=regions, region_attribute=region_attribute, records=records,
                        sources=sources, betweenness_sources=betweenness_sources,
                        exact_below=exact_below, communities=communities,
                        community_method=community_method, weight=weight, seed=seed,
                        confidence=confidence)


def _profile(G, *, regions, region_attribute, records, sources, betweenness_sources, exact_below,
             communities, community_method, weight, seed, confidence):
    sector_of = _sector_lookup(G)
    for v, t in G.nodes(data="type"):
        if t is None:
            raise GraphError(f"fragmentation_profile: node {v!r} has no 'type' attribute")
    region_of = _regions_of(G, region_attribute)
    if regions is None:
        regions = sorted({r for rs in region_of.values() for r in rs})
    ga = arrays(G, weight)
    rows = {}
    opts = dict(sector_of=sector_of, sources=sources, exact_below=exact_below,
                seed=seed, confidence=confidence)
    row = _scope_row(G, ga, records=records, region_of=region_of, **opts)

    n = G.number_of_nodes()
    k = None if n <= exact_below else betweenness_sources
    bc = betweenness(G, sources=k, seed=seed, confidence=confidence)
    row["betweenness_error_bound"] = bc.error_bound
    row["betweenness_sources"] = bc.n_sources
    nodes = pd.DataFrame({
        "betweenness": bc.values,
        "betweenness_stderr": bc.stderr,
        "constraint": constraint(G, weight=weight),
        "effective_size": effective_size(G, weight=weight),
    })
    method = None
    if communities:
        comm = find_communities(G, method=community_method, weight=weight, seed=seed)
        method = comm.method
        nodes["community"] = comm.membership
        row["n_communities"] = len(comm.communities)
        row["modularity"] = comm.modularity
        if G.number_of_edges() == 0:
            row["note"] = "; ".join(filter(None, [row["note"], "no edges: modularity undefined"]))
        elif comm.note:
            row["note"] = "; ".join(filter(None, [row["note"], comm.note]))
    else:
        nodes["community"] = pd.NA
    rows["all"] = row

    members = {}
    for v, rs in region_of.items():
        for r in rs:
            members.setdefault(r, []).append(v)
    index = ga.index
    for r in regions:
        inside = members.get(r, [])
        sub = G.subgraph(inside)
        pos = np.sort(np.fromiter((index[v] for v in inside), dtype=np.int64, count=len(inside)))
        recs = None
        if records is not None:
            inside_set = set(inside)
            recs = [p for p in records if any(x in inside_set for x in p)]
        rows[r] = _scope_row(sub, ga.subgraph(pos), records=recs, **opts)
    summary = pd.DataFrame.from_dict(rows, orient="index")[_SUMMARY_COLUMNS]
    summary.index.name = "scope"
    summary.attrs["community_method"] = method
    return {"summary": summary, "nodes": nodes}
