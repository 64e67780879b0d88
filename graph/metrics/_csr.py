"""Sparse-matrix plumbing shared by the fragmentation and brokerage metrics.

Private: converts a networkx graph to a symmetric CSR adjacency matrix with a
fixed node order, runs batched breadth-first searches with sparse products, and
enumerates triangles without forming the (dense-ish) square of the adjacency.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ssbkg.errors import GraphError

__all__ = ["check_graph", "to_csr", "edge_arrays", "bfs_batches", "triangles", "batch_size_for"]


def check_graph(G, what):
    """Raise GraphError unless ``G`` is a simple undirected networkx graph."""
    if not isinstance(G, nx.Graph):
        raise GraphError(f"{what}: expected a networkx.Graph, got {type(G).__name__}")
    if G.is_directed():
        raise GraphError(f"{what}: needs an undirected graph, got a directed one")
    if G.is_multigraph():
        raise GraphError(f"{what}: needs a simple graph, got a multigraph; merge parallel edges first")


def edge_arrays(G, *, weight=None):
    """Node list and edge endpoint/weight arrays, self-loops dropped.

    Returns ``(nodes, u, v, w)`` where ``u < v`` index into ``nodes`` and each
    undirected edge appears once, in the order of ``G.edges()``. Missing
    weights count as 1; a weight that is not a finite positive number raises
    GraphError naming the edge. Built from the adjacency with numpy (see
    ``_engine.arrays``; reused inside ``_engine.shared``).
    """
    from ._engine import arrays

    ga = arrays(G, weight)
    return ga.nodes, ga.u, ga.v, (ga.w if weight is not None else np.ones(ga.m))


def to_csr(n, u, v, w=None, *, dtype=np.float64):
    """Symmetric CSR matrix of an undirected edge list (each edge once)."""
    if w is None:
        w = np.ones(len(u), dtype=dtype)
    rows = np.concatenate([u, v])
    cols = np.concatenate([v, u])
    data = np.concatenate([w, w]).astype(dtype, copy=False)
    A = sp.csr_array((data, (rows, cols)), shape=(n, n))
    A.sum_duplicates()
    A.sort_indices()
    return A


def batch_size_for(n, *, budget=4_000_000):
    """How many BFS sources to run side by side so an n x b array stays small."""
    return int(max(1, min(256, budget // max(n, 1))))


def bfs_batches(A, sources, *, batch):
    """Breadth-first searches from ``sources``, ``batch`` of them at a time.

    Yields ``(cols, levels, sigma)`` per batch: ``cols`` the source indices,
    ``levels`` a list whose entry L holds the flat indices into an
    ``(n, len(cols))`` C-ordered array of the (node, source) pairs at distance
    L, and ``sigma`` the ``(n, len(cols))`` array of shortest-path counts.
    Each level is one sparse-times-dense product ``A @ frontier``.
    """
    n = A.shape[0]
    for start in range(0, len(sources), batch):
        cols = np.asarray(sources[start:start + batch], dtype=np.int64)
        b = len(cols)
        sigma = np.zeros((n, b), dtype=np.float64)
        seen = np.zeros((n, b), dtype=bool)
        sigma[cols, np.arange(b)] = 1.0
        seen[cols, np.arange(b)] = True
        first = cols * b + np.arange(b)
        levels = [np.sort(first)]
        frontier = np.zeros((n, b), dtype=np.float64)
        while True:
            frontier.fill(0.0)
            idx = levels[-1]
            frontier.flat[idx] = sigma.flat[idx]
            reached = A @ frontier
            new = (reached > 0) & ~seen
            idx = np.flatnonzero(new)
            if idx.size == 0:
                break
            sigma.flat[idx] = reached.flat[idx]
            seen.flat[idx] = True
            levels.append(idx)
        yield cols, levels, sigma


def triangles(n, u, v, *, chunk=2_000_000):
    """Every triangle once, as edge ids into the edge list ``(u, v)``.

    Nodes are ranked by (degree, index) and each edge oriented from the lower
    to the higher rank, so every triangle is found once, from its lowest-ranked
    corner, by intersecting out-neighbourhoods (the "forward" algorithm; the
    work is O(m^1.5) at worst and far less on heavy-tailed graphs).

    Returns ``(x, y, z, e_xy, e_yz, e_xz)``: the corners in rank order and the
    ids (positions in ``u``/``v``) of the three edges.
    """
    m = len(u)
    empty = np.empty(0, dtype=np.int64)
    if m == 0:
        return (empty,) * 6
    deg = np.bincount(np.concatenate([u, v]), minlength=n)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), deg))] = np.arange(n)
    flip = rank[u] > rank[v]
    src = np.where(flip, v, u)
    dst = np.where(flip, u, v)
    order = np.lexsort((dst, src))
    src, dst, eid = src[order], dst[order], order.astype(np.int64)
    key = src * n + dst
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
    outdeg = np.diff(indptr)
    work = outdeg[dst]
    out = [[] for _ in range(6)]
    cum = np.concatenate([[0], np.cumsum(work)])
    start = 0
    while start < m:
        stop = int(np.searchsorted(cum, cum[start] + chunk, side="right")) - 1
        stop = max(stop, start + 1)
        stop = min(stop, m)
        ws = work[start:stop]
        total = int(ws.sum())
        if total:
            e1 = np.repeat(np.arange(start, stop), ws)
            offs = np.arange(total) - np.repeat(np.cumsum(ws) - ws, ws)
            e2 = indptr[dst[e1]] + offs
            x = src[e1]
            z = dst[e2]
            probe = x * n + z
            pos = np.searchsorted(key, probe)
            pos = np.minimum(pos, m - 1)
            hit = key[pos] == probe
            e1, e2, e3 = e1[hit], e2[hit], pos[hit]
            out[0].append(src[e1])
            out[1].append(dst[e1])
            out[2].append(dst[e2])
            out[3].append(eid[e1])
            out[4].append(eid[e2])
            out[5].append(eid[e3])
        start = stop
    return tuple(np.concatenate(parts) if parts else empty for parts in out)
