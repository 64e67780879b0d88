"""The compiled engine under the network metrics: python-igraph, with leidenalg.

Private. The metric functions take a networkx graph and return plain results;
underneath, the heavy steps (components, breadth-first searches, betweenness,
communities) run on an :class:`igraph.Graph` built from numpy edge arrays
(``Graph.add_edges`` of an ``(m, 2)`` array), never node by node.

A graph is converted once per call. Inside :func:`shared` every metric reuses
the first conversion of a graph (the fragmentation profile and
``ssbkg.analysis.fragmentation_metrics`` run their whole body inside it, so a
profile converts the networkx graph once, not once per step and region);
:meth:`GraphArrays.subgraph` gives an induced subgraph (a region) by a mask on
the arrays, without going back to networkx.

Why igraph (docs/benchmarks.md, "Choosing the engine"): one library that has
Leiden through leidenalg, fast sampled betweenness (``sources=``) and harmonic
sums, with wheels for Linux, macOS and Windows. When igraph or leidenalg is not
installed, the metrics fall back to their numpy/scipy and networkx code paths
and say once, with a :class:`SlowPathWarning`, that they are slower.
"""

from __future__ import annotations

import contextlib
import contextvars
import itertools
import warnings

import numpy as np

from ssbkg.errors import GraphError

__all__ = [
    "SlowPathWarning",
    "GraphArrays",
    "arrays",
    "shared",
    "igraph_module",
    "leidenalg_module",
    "sort_key",
    "stats",
]


class SlowPathWarning(UserWarning):
    """The compiled engine (igraph / leidenalg) is missing: a slower path runs."""


#: How many networkx graphs were converted to arrays in this process (tests count them).
stats = {"conversions": 0}

_MISSING: dict[str, bool] = {}
_WARNED: set = set()
_CACHE: contextvars.ContextVar = contextvars.ContextVar("ssbkg_engine_cache", default=None)


def _import(name):
    if name in _MISSING:
        return None if _MISSING[name] else __import__(name)
    try:
        mod = __import__(name)
    except ImportError:
        _MISSING[name] = True
        return None
    _MISSING[name] = False
    return mod


def _warn(package, what):
    if package in _WARNED:
        return
    _WARNED.add(package)
    warnings.warn(
        f"{package} is not installed: {what} uses the slower numpy/networkx path "
        f"(pip install igraph leidenalg for the compiled engine)",
        SlowPathWarning, stacklevel=4)


def igraph_module(what="ssbkg.metrics"):
    """The ``igraph`` module, or None (after one :class:`SlowPathWarning`) when missing."""
    mod = _import("igraph")
    if mod is None:
        _warn("python-igraph", what)
    return mod


def leidenalg_module(what="Leiden communities"):
    """The ``leidenalg`` module (needs igraph), or None after one warning."""
    if _import("igraph") is None:
        _warn("python-igraph", what)
        return None
    mod = _import("leidenalg")
    if mod is None:
        _warn("leidenalg", what)
    return mod


def sort_key(node):
    """Canonical order of node ids: strings and numbers as themselves, by type name first."""
    return ((type(node).__name__, node) if isinstance(node, (str, int, float))
            else (type(node).__name__, repr(node)))


class GraphArrays:
    """An undirected simple graph as arrays: node list and edges ``u < v`` (each once).

    ``w`` holds the edge weights (ones when the conversion asked for none).
    The scipy CSR matrix and the igraph graph are built on first use and kept.
    """

    __slots__ = ("nodes", "n", "u", "v", "w", "weighted", "_index", "_csr", "_ig")

    def __init__(self, nodes, u, v, w=None, *, weighted=False):
        self.nodes = nodes
        self.n = len(nodes)
        self.u = np.asarray(u, dtype=np.int64)
        self.v = np.asarray(v, dtype=np.int64)
        self.w = np.ones(len(self.u)) if w is None else np.asarray(w, dtype=np.float64)
        self.weighted = weighted
        self._index = None
        self._csr = None
        self._ig = None

    @property
    def m(self):
        return len(self.u)

    @property
    def index(self):
        """node -> position."""
        if self._index is None:
            self._index = {node: i for i, node in enumerate(self.nodes)}
        return self._index

    def degree(self):
        return (np.bincount(self.u, minlength=self.n) + np.bincount(self.v, minlength=self.n))

    def csr(self):
        if self._csr is None:
            import scipy.sparse as sp
            A = sp.csr_array((np.ones(2 * self.m), (np.concatenate([self.u, self.v]),
                                                    np.concatenate([self.v, self.u]))),
                             shape=(self.n, self.n))
            A.sum_duplicates()
            A.sort_indices()
            self._csr = A
        return self._csr

    def igraph(self):
        """The igraph graph (unweighted; pass ``self.w`` where weights matter), or None."""
        if self._ig is None:
            ig = igraph_module()
            if ig is None:
                return None
            g = ig.Graph(n=self.n)
            if self.m:
                g.add_edges(np.column_stack([self.u, self.v]))
            self._ig = g
        return self._ig

    def subgraph(self, keep):
        """The induced subgraph on ``keep`` (boolean mask or sorted positions), node order kept."""
        keep = np.asarray(keep)
        if keep.dtype != bool:
            mask = np.zeros(self.n, dtype=bool)
            mask[keep] = True
            keep = mask
        new = np.full(self.n, -1, dtype=np.int64)
        pos = np.flatnonzero(keep)
        new[pos] = np.arange(len(pos))
        e = keep[self.u] & keep[self.v]
        nodes = [self.nodes[i] for i in pos.tolist()]
        return GraphArrays(nodes, new[self.u[e]], new[self.v[e]], self.w[e], weighted=self.weighted)


def _weights(G, adj, nodes, src, flat, weight, count):
    """Weights of every half-edge of the adjacency, validated like the edge list used to be."""
    try:
        w = np.fromiter((d.get(weight, 1) for nb in adj.values() for d in nb.values()),
                        dtype=np.float64, count=count)
    except (TypeError, ValueError):
        for a, b, x in G.edges(data=weight, default=1):
            try:
                float(x)
            except (TypeError, ValueError):
                raise GraphError(f"edge ({a!r}, {b!r}): weight {weight!r} is not a number: {x!r}") from None
        raise
    bad = ~((w > 0) & np.isfinite(w))
    if bad.any():
        for a, b, x in G.edges(data=weight, default=1):
            x = float(x)
            if not (x > 0 and np.isfinite(x)):
                raise GraphError(f"edge ({a!r}, {b!r}): weight {weight!r} must be positive and finite, got {x}")
    return w


def _canonical_of(ga):
    """The same graph with nodes sorted by :func:`sort_key` and edges sorted (no networkx pass)."""
    nodes = ga.nodes
    order = sorted(range(ga.n), key=lambda i: sort_key(nodes[i]))
    rank = np.empty(ga.n, dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(ga.n)
    a, b = rank[ga.u], rank[ga.v]
    u, v = np.minimum(a, b), np.maximum(a, b)
    e = np.lexsort((v, u))
    return GraphArrays([nodes[i] for i in order], u[e], v[e], ga.w[e], weighted=ga.weighted)


def _convert(G, weight, canonical):
    stats["conversions"] += 1
    adj = G._adj
    nodes = list(adj)
    n = len(nodes)
    deg = np.fromiter(map(len, adj.values()), dtype=np.int64, count=n)
    flat = list(itertools.chain.from_iterable(adj.values()))
    src = np.repeat(np.arange(n, dtype=np.int64), deg)
    if nodes == list(range(n)):
        tgt = np.fromiter(flat, dtype=np.int64, count=len(flat))
    else:
        import pandas as pd
        tgt = pd.Index(nodes, dtype=object, tupleize_cols=False).get_indexer(flat).astype(np.int64)
    w = None
    if weight is not None:
        w = _weights(G, adj, nodes, src, flat, weight, len(flat))
    keep = src < tgt
    u, v = src[keep], tgt[keep]
    if w is not None:
        w = w[keep]
    out = GraphArrays(nodes, u, v, w, weighted=weight is not None)
    return _canonical_of(out) if canonical else out


def arrays(G, weight=None, *, canonical=False):
    """``G`` as :class:`GraphArrays` (self-loops dropped), from the cache inside :func:`shared`.

    Nodes in graph order (``canonical=True``: sorted by :func:`sort_key`, edges
    sorted, so that seeded algorithms depend on the graph only); edges in the
    order of ``G.edges()``. Missing weights count 1; a weight that is not a
    finite positive number raises GraphError naming the edge. An unweighted
    request is served by any cached conversion of the same graph and order.
    """
    cache = _CACHE.get()
    if cache is not None:
        hit = cache.get((id(G), weight, canonical))
        if hit is None and weight is None:
            hit = next((x for (i, _, c), x in cache.items() if i == id(G) and c == canonical), None)
        if hit is not None and hit[0] is G:
            return hit[1]
        if canonical:
            plain = cache.get((id(G), weight, False))
            if plain is not None and plain[0] is G:
                out = _canonical_of(plain[1])
                cache[(id(G), weight, True)] = (G, out)
                return out
    out = _convert(G, weight, canonical)
    if cache is not None:
        cache[(id(G), weight, canonical)] = (G, out)
    return out


@contextlib.contextmanager
def shared():
    """Within the block, every metric reuses one conversion per graph (and weight).

    The graphs must not change inside the block.
    """
    token = _CACHE.set({} if _CACHE.get() is None else _CACHE.get())
    try:
        yield
    finally:
        _CACHE.reset(token)
