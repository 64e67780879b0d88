"""Communities: Leiden (default) and Louvain made reproducible, and modularity.

Leiden runs on leidenalg (Traag, Waltman, van Eck 2019), Louvain on igraph's
multilevel method; both read an igraph graph converted from numpy arrays in a
canonical order (nodes sorted, edges sorted), with the seed given to the
library, so the partition depends only on the graph, the options and the seed,
not on the order in which nodes and edges were inserted (networkx's own
``louvain_communities`` depends on it, networkx issues #6655 and #8095).
Without igraph, Louvain falls back to networkx on a graph rebuilt in sorted
order; without leidenalg, Leiden falls back to that Louvain and says so.
"""

from __future__ import annotations

__all__ = ["communities", "leiden", "louvain", "Communities", "modularity", "canonical_graph",
           "COMMUNITY_METHODS"]

import random
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from ssbkg.errors import GraphError

from ._csr import check_graph
from ._engine import arrays, igraph_module, leidenalg_module, sort_key

#: Community methods: ``leiden`` (leidenalg, the default) and ``louvain`` (igraph multilevel).
COMMUNITY_METHODS = ("leiden", "louvain")


@dataclass(frozen=True, eq=False)
class Communities:
    """A partition of the nodes into communities.

    Attributes
    ----------
    communities : list of frozenset
        Largest first; ties ordered by their smallest node.
    membership : pandas.Series
        Node -> community number (position in ``communities``).
    modularity : float
        Newman-Girvan modularity of the partition (NaN for a graph without
        edges, where it is 0/0).
    seed : int
    method : str
        The method that ran: ``"leiden"`` (leidenalg), ``"louvain"`` (igraph
        multilevel) or ``"louvain (networkx)"`` (the fallback).
    note : str
        Why the method that ran is not the one asked for, or why modularity is
        undefined; empty otherwise.
    """

    communities: list
    membership: pd.Series
    modularity: float
    seed: int
    method: str = "louvain"
    note: str = ""


_sort_key = sort_key


def canonical_graph(G, *, weight="weight"):
    """A copy of ``G`` with nodes and edges inserted in sorted order.

    Only the ``weight`` edge attribute is kept (missing weights become 1).

    Parameters
    ----------
    G : networkx.Graph
    weight : str or None

    Returns
    -------
    networkx.Graph

    Examples
    --------
    >>> import networkx as nx
    >>> list(canonical_graph(nx.Graph([("b", "a"), ("c", "a")])).edges())
    [('a', 'b'), ('a', 'c')]
    """
    check_graph(G, "canonical_graph")
    H = nx.Graph()
    H.add_nodes_from(sorted(G, key=_sort_key))
    edges = []
    for a, b, data in G.edges(data=True):
        if _sort_key(b) < _sort_key(a):
            a, b = b, a
        w = 1 if weight is None else data.get(weight, 1)
        edges.append((a, b, w))
    edges.sort(key=lambda e: (_sort_key(e[0]), _sort_key(e[1])))
    H.add_weighted_edges_from(edges, weight="weight")
    return H


def modularity(G, communities, *, weight="weight", resolution=1.0):
    r"""Newman-Girvan modularity, vectorised.

    .. math::

        Q = \sum_c \left[\frac{L_c}{m} - \gamma \left(\frac{d_c}{2m}\right)^2\right]

    with :math:`L_c` the (weighted) edges inside community c, :math:`d_c` the
    total degree (strength) of its nodes, m the total edge weight and
    :math:`\gamma` the resolution. A self-loop counts once in :math:`L_c`
    and twice in the degree, as in networkx.

    Parameters
    ----------
    G : networkx.Graph
    communities : iterable of sets
        A partition of the nodes of ``G``.
    weight : str or None
    resolution : float

    Returns
    -------
    float
        NaN when the graph has no edges (Q is 0/0).

    Raises
    ------
    GraphError
        If ``communities`` is not a partition of the nodes.

    References
    ----------
    .. [1] Newman, M. E. J. (2006). Modularity and community structure in
       networks. PNAS 103(23), 8577-8582.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (2, 3)])
    >>> round(modularity(G, [{0, 1}, {2, 3}]), 4)  # 2 * (1/2 - (2/4)^2)
    0.5
    """
    check_graph(G, "modularity")
    label = {}
    for c, members in enumerate(communities):
        for v in members:
            if v in label:
                raise GraphError(f"modularity: node {v!r} is in more than one community")
            if v not in G:
                raise GraphError(f"modularity: node {v!r} is not in the graph")
            label[v] = c
    if len(label) != G.number_of_nodes():
        raise GraphError("modularity: the communities do not cover every node of the graph")
    k = len(set(label.values())) if label else 0
    m = len(G.edges())
    if m == 0:
        return float("nan")
    lu = np.empty(m, dtype=np.int64)
    lv = np.empty(m, dtype=np.int64)
    w = np.empty(m, dtype=np.float64)
    for i, (a, b, x) in enumerate(G.edges(data=weight, default=1)):
        lu[i] = label[a]
        lv[i] = label[b]
        w[i] = 1.0 if weight is None else float(x)
    total = w.sum()
    if total == 0:
        return float("nan")
    inside = np.bincount(lu[lu == lv], weights=w[lu == lv], minlength=k)
    degree = np.bincount(lu, weights=w, minlength=k) + np.bincount(lv, weights=w, minlength=k)
    return float((inside / total - resolution * (degree / (2.0 * total)) ** 2).sum())


def _modularity_of(ga, labels, resolution):
    """Modularity of integer labels over the arrays (weights ``ga.w``); NaN without edges."""
    total = ga.w.sum()
    if ga.m == 0 or total == 0:
        return float("nan")
    k = int(labels.max()) + 1
    lu, lv = labels[ga.u], labels[ga.v]
    same = lu == lv
    inside = np.bincount(lu[same], weights=ga.w[same], minlength=k)
    degree = np.bincount(lu, weights=ga.w, minlength=k) + np.bincount(lv, weights=ga.w, minlength=k)
    return float((inside / total - resolution * (degree / (2.0 * total)) ** 2).sum())


def _result(G, ga, labels, resolution, seed, method, note):
    groups = {}
    for node, c in zip(ga.nodes, labels.tolist()):
        groups.setdefault(c, []).append(node)
    # ga.nodes is in canonical order, so each list starts with its smallest member
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), sort_key(kv[1][0])))
    number = np.empty(int(labels.max()) + 1, dtype=np.int64)
    for i, (c, _) in enumerate(ordered):
        number[c] = i
    parts = [frozenset(g) for _, g in ordered]
    membership = pd.Series(number[labels], index=pd.Index(ga.nodes)).reindex(list(G))
    q = _modularity_of(ga, labels, resolution)
    if np.isnan(q):
        note = "; ".join(filter(None, [note, "no edges: modularity undefined"]))
    return Communities(parts, membership, q, seed, method, note)


def _louvain_networkx(G, weight, resolution, threshold, seed, note=""):
    H = canonical_graph(G, weight=weight)
    parts = nx.community.louvain_communities(
        H, weight="weight", resolution=resolution, threshold=threshold, seed=seed
    )
    parts = [frozenset(p) for p in parts]
    parts.sort(key=lambda c: (-len(c), min(_sort_key(v) for v in c)))
    membership = pd.Series({v: i for i, c in enumerate(parts) for v in c})
    membership = membership.reindex(list(G))
    q = modularity(H, parts, weight="weight", resolution=resolution)
    if np.isnan(q):
        note = "; ".join(filter(None, [note, "no edges: modularity undefined"]))
    return Communities(parts, membership, q, seed, "louvain (networkx)", note)


def _start(G, what):
    check_graph(G, what)
    if G.number_of_nodes() == 0:
        raise GraphError(f"{what}: the graph has no nodes")


class _seeded_igraph_rng:
    """igraph draws from Python's ``random`` module; give it its own seeded generator."""

    def __init__(self, ig, seed):
        self.ig, self.seed = ig, seed

    def __enter__(self):
        self.ig.set_random_number_generator(random.Random(self.seed))

    def __exit__(self, *exc):
        self.ig.set_random_number_generator(random)


def louvain(G, *, weight="weight", resolution=1.0, threshold=1e-7, seed=0):
    r"""Louvain communities that depend only on the graph and the seed.

    Runs igraph's multilevel method (Blondel et al. 2008) on the graph
    converted in canonical order (nodes and edges sorted), with a random
    generator seeded by ``seed``. Without igraph: networkx's
    ``louvain_communities`` on the graph rebuilt in sorted order
    (:func:`canonical_graph`), with a :class:`~ssbkg.metrics._engine.SlowPathWarning`.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph with at least one node. Node ids must be sortable
        (strings, numbers; mixed types are ordered by type name first).
    weight : str or None
        Edge attribute with the edge weight (missing weights count 1).
    resolution : float
        Resolution :math:`\gamma` of the modularity.
    threshold : float
        Stop when a pass raises modularity by less than this (networkx
        fallback only; igraph stops when a pass improves nothing).
    seed : int, default 0

    Returns
    -------
    Communities
        A graph without edges gives one community per node and modularity NaN.

    Raises
    ------
    GraphError
        If ``G`` has no nodes or is not a simple undirected graph.

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R., Lefebvre, E. (2008).
       Fast unfolding of communities in large networks. J. Stat. Mech. P10008.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    >>> r = louvain(G, seed=1)
    >>> [sorted(c) for c in r.communities], round(r.modularity, 4)
    ([[0, 1, 2], [3, 4, 5]], 0.3571)
    """
    _start(G, "louvain")
    ig = igraph_module("Louvain communities")
    if ig is None:
        return _louvain_networkx(G, weight, resolution, threshold, seed)
    ga = arrays(G, weight, canonical=True)
    g = ga.igraph()
    with _seeded_igraph_rng(ig, seed):
        part = g.community_multilevel(weights=ga.w.tolist() if ga.m else None,
                                      resolution=resolution)
    labels = np.asarray(part.membership, dtype=np.int64)
    return _result(G, ga, labels, resolution, seed, "louvain", "")


def leiden(G, *, weight="weight", resolution=1.0, n_iterations=2, seed=0):
    r"""Leiden communities (leidenalg), seeded and independent of insertion order.

    Optimises modularity with resolution :math:`\gamma` (leidenalg's
    ``RBConfigurationVertexPartition``, which is Newman-Girvan modularity at
    :math:`\gamma = 1`) on the graph converted in canonical order. Unlike
    Louvain, every community Leiden returns is connected (Traag et al. 2019).
    Without leidenalg (or igraph) it runs :func:`louvain` instead, with a
    :class:`~ssbkg.metrics._engine.SlowPathWarning` and a ``note``.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph with at least one node; sortable node ids.
    weight : str or None
        Edge attribute with the edge weight (missing weights count 1).
    resolution : float
        Resolution :math:`\gamma`.
    n_iterations : int
        Leiden iterations (leidenalg's default, 2); negative: until an
        iteration changes nothing, which can take hundreds of iterations on a
        million edges.
    seed : int, default 0

    Returns
    -------
    Communities
        ``method`` is ``"leiden"``; a graph without edges gives singletons
        and modularity NaN (with a note).

    Raises
    ------
    GraphError
        If ``G`` has no nodes or is not a simple undirected graph.

    References
    ----------
    .. [1] Traag, V. A., Waltman, L., van Eck, N. J. (2019). From Louvain to
       Leiden: guaranteeing well-connected communities. Sci. Rep. 9, 5233.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    >>> r = leiden(G, seed=1)
    >>> [sorted(c) for c in r.communities], round(r.modularity, 4), r.method
    ([[0, 1, 2], [3, 4, 5]], 0.3571, 'leiden')
    """
    _start(G, "leiden")
    la = leidenalg_module()
    if la is None:
        r = louvain(G, weight=weight, resolution=resolution, seed=seed)
        note = "leidenalg is not installed: Louvain communities instead of Leiden"
        return Communities(r.communities, r.membership, r.modularity, seed, r.method,
                           "; ".join(filter(None, [note, r.note])))
    ga = arrays(G, weight, canonical=True)
    g = ga.igraph()
    part = la.find_partition(
        g, la.RBConfigurationVertexPartition, weights=ga.w.tolist() if ga.m else None,
        resolution_parameter=resolution, n_iterations=n_iterations, seed=seed)
    labels = np.asarray(part.membership, dtype=np.int64)
    return _result(G, ga, labels, resolution, seed, "leiden", "")


def communities(G, *, method="leiden", weight="weight", resolution=1.0, seed=0):
    """Communities by ``method`` (:data:`COMMUNITY_METHODS`): Leiden by default, or Louvain.

    Parameters
    ----------
    G : networkx.Graph
    method : {"leiden", "louvain"}
    weight : str or None
    resolution : float
    seed : int, default 0

    Returns
    -------
    Communities

    Raises
    ------
    GraphError
        For an unknown method, an empty or unsuitable graph.

    Examples
    --------
    >>> import networkx as nx
    >>> r = communities(nx.karate_club_graph(), seed=0)
    >>> r.method, len(r.communities), round(r.modularity, 4)
    ('leiden', 4, 0.4439)
    """
    if method == "leiden":
        return leiden(G, weight=weight, resolution=resolution, seed=seed)
    if method == "louvain":
        return louvain(G, weight=weight, resolution=resolution, seed=seed)
    raise GraphError(f"communities: method must be one of {COMMUNITY_METHODS}, got {method!r}")
