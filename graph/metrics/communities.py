"""Communities: Louvain made reproducible, and modularity.

networkx's ``louvain_communities`` depends on the order in which nodes and
edges were inserted, not only on its seed (networkx issues #6655 and #8095),
so two graphs that are equal as sets can get different partitions under the
same seed. Here the graph is first rebuilt with nodes and edges inserted in
sorted order, so the partition depends only on the graph, the options and
the seed.
"""

from __future__ import annotations

__all__ = ["louvain", "Communities", "modularity", "canonical_graph"]

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from ssbkg.errors import GraphError

from ._csr import check_graph


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
    """

    communities: list
    membership: pd.Series
    modularity: float
    seed: int


def _sort_key(node):
    # ids are strings or ints in practice; mixed types sort by type name first
    return (type(node).__name__, node) if isinstance(node, (str, int, float)) else (type(node).__name__, repr(node))


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


def louvain(G, *, weight="weight", resolution=1.0, threshold=1e-7, seed=0):
    r"""Louvain communities that depend only on the graph and the seed.

    Rebuilds ``G`` with nodes and edges in sorted order (:func:`canonical_graph`),
    then runs ``networkx.community.louvain_communities`` with ``seed``.

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
        Stop when a pass raises modularity by less than this.
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
    check_graph(G, "louvain")
    if G.number_of_nodes() == 0:
        raise GraphError("louvain: the graph has no nodes")
    H = canonical_graph(G, weight=weight)
    parts = nx.community.louvain_communities(
        H, weight="weight", resolution=resolution, threshold=threshold, seed=seed
    )
    parts = [frozenset(p) for p in parts]
    parts.sort(key=lambda c: (-len(c), min(_sort_key(v) for v in c)))
    membership = pd.Series({v: i for i, c in enumerate(parts) for v in c})
    membership = membership.reindex(list(G))
    q = modularity(H, parts, weight="weight", resolution=resolution)
    return Communities(parts, membership, q, seed)
