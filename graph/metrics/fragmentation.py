"""Fragmentation of a collaboration network: components, Borgatti's F and dF.

Borgatti (2006) measures how broken up a network is by the share of node
pairs that cannot reach each other (F) and, more finely, by one minus the
average reciprocal distance between pairs (dF). Both are 0 for a complete
graph and 1 for a graph without edges.
"""

from __future__ import annotations

__all__ = [
    "component_summary",
    "fragmentation",
    "distance_fragmentation",
    "DistanceFragmentation",
    "harmonic_sums",
]

import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse.csgraph as csgraph

from ssbkg.errors import GraphError

from ._csr import batch_size_for, bfs_batches, check_graph
from ._engine import arrays


def _need_two(G, what):
    check_graph(G, what)
    n = G.number_of_nodes()
    if n < 2:
        raise GraphError(f"{what}: needs at least 2 nodes to have pairs, the graph has {n}")
    return n


def _labels(ga):
    """Component label of every node (igraph when installed, else scipy)."""
    g = ga.igraph()
    if g is not None:
        return np.asarray(g.connected_components().membership, dtype=np.int64)
    _, labels = csgraph.connected_components(ga.csr(), directed=False)
    return labels


def _component_sizes_of(ga):
    if ga.n == 0:
        return np.zeros(0, dtype=np.int64)
    return np.bincount(_labels(ga))


def _summary_of(ga):
    sizes = sorted(_component_sizes_of(ga).tolist(), reverse=True)
    isolates = [ga.nodes[i] for i in np.flatnonzero(ga.degree() == 0)]
    n = ga.n
    return {
        "n_nodes": n,
        "n_edges": int(ga.m),
        "n_components": len(sizes),
        "component_sizes": sizes,
        "largest_component_size": sizes[0],
        "largest_component_share": sizes[0] / n,
        "n_isolates": len(isolates),
        "isolates": isolates,
    }


def _F_of(ga):
    n = ga.n
    sizes = _component_sizes_of(ga).astype(np.float64)
    return float(1.0 - (sizes * (sizes - 1)).sum() / (n * (n - 1.0)))


def component_summary(G):
    """Connected components, the largest component's share and the isolates.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph (self-loops are ignored: they join nothing).

    Returns
    -------
    dict
        ``n_nodes``, ``n_edges`` (self-loops excluded), ``n_components``,
        ``component_sizes`` (largest first), ``largest_component_size``,
        ``largest_component_share`` (its size over ``n_nodes``),
        ``n_isolates`` and ``isolates`` (nodes with no neighbour other than
        themselves, in graph order).

    Raises
    ------
    GraphError
        If ``G`` is not a simple undirected graph or has no nodes (the
        share of the largest component is 0/0 there).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(1, 2), (2, 3), (4, 5)])
    >>> G.add_node(6)
    >>> s = component_summary(G)
    >>> s["component_sizes"], round(s["largest_component_share"], 3), s["isolates"]
    ([3, 2, 1], 0.5, [6])
    """
    check_graph(G, "component_summary")
    if G.number_of_nodes() == 0:
        raise GraphError("component_summary: the graph has no nodes")
    return _summary_of(arrays(G))


def fragmentation(G):
    r"""Borgatti's fragmentation F: the share of node pairs that cannot reach each other.

    .. math::

        F = 1 - \frac{\sum_k s_k (s_k - 1)}{n (n - 1)}

    where :math:`s_k` is the size of the k-th connected component and
    :math:`n` the number of nodes. Exact, from component sizes, O(n + m).

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph with at least 2 nodes.

    Returns
    -------
    float
        F in [0, 1]: 0 when connected, 1 when there are no edges.

    Raises
    ------
    GraphError
        If ``G`` has fewer than 2 nodes (there are no pairs: F is 0/0) or is
        not a simple undirected graph.

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social
       network. Computational and Mathematical Organization Theory 12, 21-34.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(1, 2), (2, 3), (4, 5)])
    >>> round(fragmentation(G), 4)  # 1 - (3*2 + 2*1) / (5*4)
    0.6
    """
    _need_two(G, "fragmentation")
    return _F_of(arrays(G))


@dataclass(frozen=True)
class DistanceFragmentation:
    """Distance-weighted fragmentation with its uncertainty.

    Attributes
    ----------
    value : float
        dF (exact, or the estimate from sampled sources).
    error_bound : float
        Half-width of a Hoeffding interval: with probability at least
        ``confidence`` the exact dF lies within ``value +/- error_bound``.
        0 when exact.
    stderr : float
        Standard error of the estimate over the sampled sources (with the
        finite population correction); 0 when exact, inf with a single source.
    n_sources : int
        Number of BFS sources used (``n`` when exact).
    exact : bool
        True when every node was a source.
    confidence : float
        The confidence level of ``error_bound``.
    """

    value: float
    error_bound: float
    stderr: float
    n_sources: int
    exact: bool
    confidence: float


def harmonic_sums(G, *, sources=None):
    """Sum of reciprocal distances from each source: ``sum_{j != s} 1 / d(s, j)``.

    Unreachable nodes add 0. Hop distances (edge weights are ignored).

    Parameters
    ----------
    G : networkx.Graph
    sources : list of nodes, optional
        Defaults to every node.

    Returns
    -------
    numpy.ndarray
        One value per source, in the order given.

    Examples
    --------
    >>> import networkx as nx
    >>> harmonic_sums(nx.path_graph(3)).tolist()  # 1 + 1/2, 1 + 1, 1 + 1/2
    [1.5, 2.0, 1.5]
    """
    check_graph(G, "harmonic_sums")
    ga = arrays(G)
    if sources is None:
        src = np.arange(ga.n)
    else:
        index = ga.index
        try:
            src = np.array([index[s] for s in sources], dtype=np.int64)
        except KeyError as err:
            raise GraphError(f"harmonic_sums: source {err.args[0]!r} is not in the graph") from None
    return _harmonic_of(ga, src)


def _harmonic_of(ga, src):
    """Harmonic sums from the sources ``src`` (positions): igraph's BFS, else sparse products."""
    src = np.asarray(src, dtype=np.int64)
    if ga.n == 0 or len(src) == 0:
        return np.zeros(len(src), dtype=np.float64)
    g = ga.igraph()
    if g is not None:
        return np.asarray(g.harmonic_centrality(vertices=src.tolist(), normalized=False),
                          dtype=np.float64)
    return _harmonic(ga.csr(), src)


def _harmonic(A, src):
    n = A.shape[0]
    out = np.zeros(len(src), dtype=np.float64)
    if n == 0 or len(src) == 0:
        return out
    batch = batch_size_for(n)
    pos = 0
    for cols, levels, _ in bfs_batches(A, src, batch=batch):
        b = len(cols)
        h = np.zeros(b)
        for dist, idx in enumerate(levels[1:], start=1):
            h += np.bincount(idx % b, minlength=b) / dist
        out[pos:pos + b] = h
        pos += b
    return out


def distance_fragmentation(G, *, sources=None, seed=0, confidence=0.95):
    r"""Borgatti's distance-weighted fragmentation dF, exact or from sampled sources.

    .. math::

        dF = 1 - \frac{\sum_{i \ne j} 1 / d_{ij}}{n (n - 1)}

    with :math:`1/d_{ij} = 0` when j cannot be reached from i. Hop distances
    (weights are ignored). Exact: a breadth-first search from every node,
    run in batches as sparse-matrix products, O(n m) in total.

    Sampled (``sources=k < n``): k sources drawn uniformly without replacement
    with ``seed``; for source s, :math:`Y_s = \sum_{j \ne s} (1/d_{sj})/(n-1)`
    lies in [0, 1] and dF = 1 - mean over all s of :math:`Y_s`, so the
    estimate is 1 - the sample mean, and Hoeffding's inequality (which holds
    for sampling without replacement) gives the bound
    :math:`\sqrt{\ln(2/\delta) / (2k)}` at confidence :math:`1-\delta`.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph with at least 2 nodes.
    sources : int, optional
        Number of sampled BFS sources; ``None`` or ``>= n`` computes dF exactly.
    seed : int or None, default 0
        Seed of the source sample (ignored when exact).
    confidence : float
        Confidence level of the error bound, in (0, 1).

    Returns
    -------
    DistanceFragmentation

    Raises
    ------
    GraphError
        If ``G`` has fewer than 2 nodes, ``sources < 1`` or ``confidence`` is
        outside (0, 1).

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social
       network. Computational and Mathematical Organization Theory 12, 21-34.
    .. [2] Hoeffding, W. (1963). Probability inequalities for sums of bounded
       random variables. JASA 58, 13-30 (section 6: sampling without replacement).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(3)  # pairs at distance 1, 1, 2: 1 - 2*(1 + 1 + 1/2)/6
    >>> round(distance_fragmentation(G).value, 4)
    0.1667
    >>> r = distance_fragmentation(nx.path_graph(50), sources=10, seed=1)
    >>> r.exact, r.n_sources, round(r.error_bound, 4)
    (False, 10, 0.4295)
    """
    _need_two(G, "distance_fragmentation")
    if not 0.0 < confidence < 1.0:
        raise GraphError(f"distance_fragmentation: confidence must be in (0, 1), got {confidence}")
    if sources is not None and sources < 1:
        raise GraphError(f"distance_fragmentation: sources must be at least 1, got {sources}")
    return _dF_of(arrays(G), sources=sources, seed=seed, confidence=confidence)


def _dF_of(ga, *, sources, seed, confidence):
    n = ga.n
    if sources is None or sources >= n:
        h = _harmonic_of(ga, np.arange(n))
        value = 1.0 - h.sum() / (n * (n - 1.0))
        return DistanceFragmentation(float(value), 0.0, 0.0, n, True, confidence)
    rng = np.random.default_rng(seed)
    k = int(sources)
    src = np.sort(rng.choice(n, size=k, replace=False))
    y = _harmonic_of(ga, src) / (n - 1.0)
    value = 1.0 - y.mean()
    fpc = (n - k) / (n - 1.0)
    stderr = float(y.std(ddof=1) / math.sqrt(k) * math.sqrt(fpc)) if k > 1 else float("inf")
    bound = math.sqrt(math.log(2.0 / (1.0 - confidence)) / (2.0 * k))
    return DistanceFragmentation(float(value), float(bound), stderr, k, False, confidence)
