"""Brokerage: betweenness, Burt's constraint and effective size, vectorised;
Gould-Fernandez brokerage roles.

networkx computes these node by node in Python, or (for constraint and
effective size) through the full square of the adjacency matrix, which does
not fit in memory for a heavy-tailed graph with a million edges. Here
betweenness runs Brandes' accumulation for a batch of sources at once as
sparse-matrix products, and constraint and effective size only need the
triangles of the graph (the square of the adjacency restricted to edges).
"""

from __future__ import annotations

__all__ = ["betweenness", "Betweenness", "constraint", "effective_size", "gould_fernandez",
           "GF_ROLES"]

import math
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from ssbkg.errors import GraphError

from ._csr import batch_size_for, bfs_batches, check_graph, edge_arrays, triangles
from ._engine import arrays


@dataclass(frozen=True, eq=False)
class Betweenness:
    """Betweenness centrality with its uncertainty.

    Attributes
    ----------
    values : pandas.Series
        Normalised betweenness per node (index: nodes in graph order).
    error_bound : float
        Half-width that holds for every node at once: with probability at
        least ``confidence`` each exact value lies within ``value +/-
        error_bound`` (Hoeffding plus a union bound over nodes). 0 when exact.
    stderr : pandas.Series
        Per-node standard error of the estimate (finite population
        correction included); 0 when exact, inf with a single source.
    n_sources : int
    exact : bool
    confidence : float
    """

    values: pd.Series
    error_bound: float
    stderr: pd.Series
    n_sources: int
    exact: bool
    confidence: float


def _dependencies(A, src):
    """Brandes' dependencies delta_s(v), summed and squared-summed over sources."""
    n = A.shape[0]
    total = np.zeros(n)
    total_sq = np.zeros(n)
    for cols, levels, sigma in bfs_batches(A, src, batch=batch_size_for(n)):
        b = len(cols)
        delta = np.zeros((n, b))
        coef = np.zeros((n, b))
        for depth in range(len(levels) - 1, 1, -1):
            idx = levels[depth]
            coef.fill(0.0)
            coef.flat[idx] = (1.0 + delta.flat[idx]) / sigma.flat[idx]
            back = A @ coef
            prev = levels[depth - 1]
            delta.flat[prev] = sigma.flat[prev] * back.flat[prev]
        total += delta.sum(axis=1)
        total_sq += (delta * delta).sum(axis=1)
    return total, total_sq


#: Above this many sampled sources, igraph runs them in this many groups (batch means).
_PER_SOURCE = 64


def _dependencies_of(ga, src):
    """Summed dependencies over ``src`` and the second moment the standard error needs.

    Returns ``(total, sq_means, groups)``: ``total`` sums delta_s(v) over the
    sources (igraph's subset betweenness of a set of sources on an undirected
    graph is that sum / 2); ``sq_means`` sums, over ``groups`` groups of
    sources, the square of the group's mean delta. Up to ``_PER_SOURCE``
    sources every source is its own group; above, the sources are split into
    ``_PER_SOURCE`` groups of near-equal size (batch means: each igraph call
    costs a fixed pass over the graph). Without igraph: sparse products, one
    group per source.
    """
    g = ga.igraph()
    if g is None:
        total, total_sq = _dependencies(ga.csr(), src)
        return total, total_sq, len(src)
    src = np.asarray(src, dtype=np.int64)
    if len(src) == ga.n:
        return 2.0 * np.asarray(g.betweenness(directed=False), dtype=np.float64), None, len(src)
    parts = ([src[i:i + 1] for i in range(len(src))] if len(src) <= _PER_SOURCE
             else np.array_split(src, _PER_SOURCE))
    total = np.zeros(ga.n)
    sq_means = np.zeros(ga.n)
    for part in parts:
        d = 2.0 * np.asarray(g.betweenness(sources=part.tolist(), directed=False), dtype=np.float64)
        total += d
        mean = d / len(part)
        sq_means += mean * mean
    return total, sq_means, len(parts)


def betweenness(G, *, sources=None, seed=0, confidence=0.95):
    r"""Normalised shortest-path betweenness, exact or from sampled sources.

    .. math::

        b(v) = \frac{1}{(n-1)(n-2)} \sum_{s \ne v} \delta_s(v), \qquad
        \delta_s(v) = \sum_{t \ne s, v} \frac{\sigma_{st}(v)}{\sigma_{st}}

    (the same normalisation as ``networkx.betweenness_centrality(G,
    normalized=True)`` on an undirected graph). Hop distances; weights are
    ignored. Brandes' algorithm, with a batch of sources advanced together
    by sparse-times-dense products.

    Sampled (``sources=k < n``): k sources uniformly without replacement
    (``seed``); :math:`Y_s(v) = \delta_s(v)/(n-2) \in [0, 1]` and
    :math:`b(v) = \frac{n}{n-1}` times the mean of :math:`Y_s(v)` over all n
    sources, so the estimate scales the sample mean the same way. Hoeffding's
    inequality with a union bound over the n nodes gives the simultaneous
    bound :math:`\frac{n}{n-1}\sqrt{\ln(2n/\delta)/(2k)}` at confidence
    :math:`1-\delta`; ``stderr`` is the per-node standard error, much tighter
    (from the per-source dependencies up to 64 sources, above that from the
    means of 64 groups of sources).

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph.
    sources : int, optional
        Number of sampled sources; ``None`` or ``>= n`` is exact.
    seed : int or None, default 0
        Seed of the source sample.
    confidence : float
        Confidence level of ``error_bound``.

    Returns
    -------
    Betweenness

    Raises
    ------
    GraphError
        If ``G`` has no nodes, is not simple and undirected, ``sources < 1``
        or ``confidence`` is outside (0, 1). Graphs with 1 or 2 nodes have
        betweenness 0 everywhere (no pair can pass through a third node).

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       Journal of Mathematical Sociology 25(2), 163-177.
    .. [2] Brandes, U., Pich, C. (2007). Centrality estimation in large
       networks. Int. J. Bifurcation and Chaos 17(7), 2303-2318.

    Examples
    --------
    >>> import networkx as nx
    >>> r = betweenness(nx.path_graph(4))  # node 1 on 0-2, 0-3, each from both ends: 4 / (3*2)
    >>> [round(x, 4) for x in r.values]
    [0.0, 0.6667, 0.6667, 0.0]
    """
    check_graph(G, "betweenness")
    n = G.number_of_nodes()
    if n == 0:
        raise GraphError("betweenness: the graph has no nodes")
    if not 0.0 < confidence < 1.0:
        raise GraphError(f"betweenness: confidence must be in (0, 1), got {confidence}")
    if sources is not None and sources < 1:
        raise GraphError(f"betweenness: sources must be at least 1, got {sources}")
    ga = arrays(G)
    index = pd.Index(ga.nodes)
    if n <= 2:
        zero = pd.Series(np.zeros(n), index=index)
        return Betweenness(zero, 0.0, zero.copy(), n, True, confidence)
    if sources is None or sources >= n:
        total, _, _ = _dependencies_of(ga, np.arange(n))
        vals = pd.Series(total / ((n - 1.0) * (n - 2.0)), index=index)
        return Betweenness(vals, 0.0, pd.Series(np.zeros(n), index=index), n, True, confidence)
    k = int(sources)
    rng = np.random.default_rng(seed)
    src = np.sort(rng.choice(n, size=k, replace=False))
    total, sq_means, groups = _dependencies_of(ga, src)
    scale = n / (n - 1.0)
    mean_y = total / (k * (n - 2.0))
    if groups > 1:
        # variance of the group means (one group per source up to _PER_SOURCE sources)
        mean_m2 = sq_means / (groups * (n - 2.0) ** 2)
        var = np.maximum(mean_m2 - mean_y**2, 0.0) * groups / (groups - 1.0)
        fpc = (n - k) / (n - 1.0)
        stderr = scale * np.sqrt(var / groups * fpc)
    else:
        stderr = np.full(n, np.inf)
    bound = scale * math.sqrt(math.log(2.0 * n / (1.0 - confidence)) / (2.0 * k))
    return Betweenness(
        pd.Series(scale * mean_y, index=index), float(bound), pd.Series(stderr, index=index),
        k, False, confidence,
    )


def _triangle_terms(G, weight, what):
    check_graph(G, what)
    nodes, u, v, w = edge_arrays(G, weight=weight)
    n = len(nodes)
    strength = np.bincount(u, weights=w, minlength=n) + np.bincount(v, weights=w, minlength=n)
    degree = np.bincount(u, minlength=n) + np.bincount(v, minlength=n)
    return nodes, n, u, v, w, strength, degree, triangles(n, u, v)


def constraint(G, *, weight=None):
    r"""Burt's constraint of every node, from triangles (no matrix square).

    .. math::

        c_i = \sum_{j \in N(i)} \Big(p_{ij} + \sum_{q \in N(i) \cap N(j)}
        p_{iq} p_{qj}\Big)^2, \qquad p_{ij} = \frac{a_{ij}}{\sum_k a_{ik}}

    with :math:`a_{ij}` the edge weight (1 when ``weight`` is None). The
    indirect term is non-zero only when i, q and j close a triangle, so it
    is accumulated triangle by triangle. Same values as
    ``networkx.constraint`` on undirected graphs.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph; self-loops are ignored.
    weight : str, optional
        Edge attribute holding positive weights.

    Returns
    -------
    pandas.Series
        Constraint per node; NaN for isolated nodes, where Burt's measure is
        undefined (no contacts to be constrained by), as in networkx.

    Raises
    ------
    GraphError
        If ``G`` is not simple and undirected or a weight is not positive.

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes. Harvard University Press.
    .. [2] Burt, R. S. (2004). Structural holes and good ideas. American
       Journal of Sociology 110(2), 349-399.

    Examples
    --------
    >>> import networkx as nx
    >>> # star centre: 3 contacts, p = 1/3 each, no triangles: 3 * (1/3)^2
    >>> round(float(constraint(nx.star_graph(3))[0]), 4)
    0.3333
    """
    nodes, n, u, v, w, s, _, tri = _triangle_terms(G, weight, "constraint")
    x, y, z, exy, eyz, exz = tri
    a, b, c = w[exy], w[eyz], w[exz]
    m = len(u)
    # indirect[i -> j] = sum_q a_iq a_qj / (s_i s_q), split by edge direction
    fwd = np.zeros(m)  # from u[e] to v[e]
    bwd = np.zeros(m)  # from v[e] to u[e]

    def add(e, frm, val):
        lo = u[e] == frm
        fwd[:] += np.bincount(e[lo], weights=val[lo], minlength=m)
        bwd[:] += np.bincount(e[~lo], weights=val[~lo], minlength=m)

    add(exy, x, c * b / (s[x] * s[z]))
    add(exy, y, b * c / (s[y] * s[z]))
    add(eyz, y, a * c / (s[y] * s[x]))
    add(eyz, z, c * a / (s[z] * s[x]))
    add(exz, x, a * b / (s[x] * s[y]))
    add(exz, z, b * a / (s[z] * s[y]))
    with np.errstate(divide="ignore", invalid="ignore"):
        from_u = (w / s[u] + fwd) ** 2
        from_v = (w / s[v] + bwd) ** 2
    out = np.zeros(n)
    out += np.bincount(u, weights=from_u, minlength=n)
    out += np.bincount(v, weights=from_v, minlength=n)
    out[s == 0] = np.nan
    return pd.Series(out, index=pd.Index(nodes))


def effective_size(G, *, weight=None):
    r"""Burt's effective size of every node, from triangles (no matrix square).

    .. math::

        e_i = \sum_{j \in N(i)} \Big(1 - \sum_{q \in N(i) \cap N(j)}
        p_{iq} m_{jq}\Big), \qquad
        p_{iq} = \frac{a_{iq}}{\sum_k a_{ik}}, \quad
        m_{jq} = \frac{a_{jq}}{\max_k a_{jk}}

    which for unweighted graphs is Borgatti's :math:`e_i = d_i - 2 t_i / d_i`
    (:math:`t_i` the edges among i's neighbours). Same values as
    ``networkx.effective_size`` on undirected graphs.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph; self-loops are ignored.
    weight : str, optional
        Edge attribute holding positive weights.

    Returns
    -------
    pandas.Series
        Effective size per node; NaN for isolated nodes (undefined: no
        contacts), as in networkx.

    Raises
    ------
    GraphError
        If ``G`` is not simple and undirected or a weight is not positive.

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes. Harvard University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's
       redundancy measures. Connections 20(1), 35-38.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])
    >>> round(float(effective_size(G)[0]), 4)  # 3 contacts, 1 tie among them: 3 - 2*1/3
    2.3333
    """
    nodes, n, u, v, w, s, deg, tri = _triangle_terms(G, weight, "effective_size")
    x, y, z, exy, eyz, exz = tri
    a, b, c = w[exy], w[eyz], w[exz]
    mx = np.zeros(n)
    np.maximum.at(mx, u, w)
    np.maximum.at(mx, v, w)
    # redundancy[i -> j] = sum_q a_iq a_jq / (s_i max_j); only the per-node
    # sum over j matters, so accumulate straight onto the node i.
    per_node = np.zeros(n)
    for i, j, aiq, ajq in (
        (x, y, c, b), (y, x, b, c),
        (y, z, a, c), (z, y, c, a),
        (x, z, a, b), (z, x, b, a),
    ):
        per_node += np.bincount(i, weights=aiq * ajq / (s[i] * mx[j]), minlength=n)
    out = deg.astype(np.float64) - per_node
    out[deg == 0] = np.nan
    return pd.Series(out, index=pd.Index(nodes))


def _gf_codes(ga_, gb_, gc_):
    """Role numbers (positions in GF_ROLES) of arrays of (a, b, c) group codes."""
    return np.where(ga_ == gb_, np.where(gb_ == gc_, 0, 2),
                    np.where(gb_ == gc_, 3, np.where(ga_ == gc_, 1, 4)))


def _gf_undirected(G, group):
    """Gould-Fernandez counts of the symmetric digraph from neighbour-group counts and triangles.

    For broker b with d neighbours, x of them in b's group and n_g in group g,
    the ordered neighbour pairs (a, c), a != c, split by role as x(x-1)
    (coordinator), sum_{g != g_b} n_g(n_g - 1) (itinerant), x(d - x)
    (representative, and as many gatekeeper) and (d - x)^2 - sum_{g != g_b} n_g^2
    (liaison); the pairs closed by a tie a - c (each triangle, from each corner,
    both ways) are then taken off by their role.
    """
    ga = arrays(G)
    n = ga.n
    codes, _ = pd.factorize(pd.Series([group[v] for v in ga.nodes], dtype=object))
    codes = np.asarray(codes, dtype=np.int64)
    k = int(codes.max()) + 1 if n else 1
    b = np.concatenate([ga.u, ga.v])
    nb = np.concatenate([ga.v, ga.u])
    key = b * k + codes[nb]
    uniq, cnt = np.unique(key, return_counts=True)
    ub, ug = uniq // k, uniq % k
    cnt = cnt.astype(np.int64)
    d = np.bincount(b, minlength=n).astype(np.int64)
    own = ug == codes[ub]
    x = np.zeros(n, dtype=np.int64)
    x[ub[own]] = cnt[own]
    oth = ~own
    s1 = np.bincount(ub[oth], weights=cnt[oth] * (cnt[oth] - 1), minlength=n).astype(np.int64)
    s2 = np.bincount(ub[oth], weights=cnt[oth] ** 2, minlength=n).astype(np.int64)
    counts = np.zeros((n, 5), dtype=np.int64)
    counts[:, 0] = x * (x - 1)
    counts[:, 1] = s1
    counts[:, 2] = x * (d - x)
    counts[:, 3] = x * (d - x)
    counts[:, 4] = (d - x) ** 2 - s2
    tx, ty, tz, *_ = triangles(n, ga.u, ga.v)
    if len(tx):
        closed = np.zeros(n * 5, dtype=np.int64)
        for br, a, c in ((tx, ty, tz), (tx, tz, ty), (ty, tx, tz), (ty, tz, tx),
                         (tz, tx, ty), (tz, ty, tx)):
            role = _gf_codes(codes[a], codes[br], codes[c])
            closed += np.bincount(br * 5 + role, minlength=n * 5)
        counts -= closed.reshape(n, 5)
    out = pd.DataFrame(counts, columns=list(GF_ROLES),
                       index=pd.Index(ga.nodes, name="node"))
    out.insert(0, "group", [group[v] for v in ga.nodes])
    out["total"] = counts.sum(axis=1)
    out.attrs["directed"] = False
    out.attrs["note"] = ("" if out["total"].sum() else
                         "no open two-path (a -> b -> c without a -> c): nobody brokers")
    return out


#: Gould-Fernandez roles, by the groups of the source a, broker b and target c of a -> b -> c.
GF_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def _gf_role(ga, gb, gc):
    if ga == gb:
        return "coordinator" if gb == gc else "representative"
    if gb == gc:
        return "gatekeeper"
    return "itinerant" if ga == gc else "liaison"


def gould_fernandez(G, groups):
    r"""Gould-Fernandez brokerage roles of every node, by group.

    Node b *brokers* the ordered pair (a, c) when the graph has the ties
    a -> b and b -> c but not a -> c (a, b, c distinct). Each such open
    two-path gives b one role, by the groups of a, b and c (Gould and
    Fernandez 1989):

    ============== ================ =====================================
    role           groups           b ...
    ============== ================ =====================================
    coordinator    a = b = c        mediates within its own group
    itinerant      a = c != b       mediates within another group
    representative a = b != c       passes from its group to another
    gatekeeper     a != b = c       passes from another group into its own
    liaison        a, b, c distinct mediates between two other groups
    ============== ================ =====================================

    A directed graph is read as it is. An undirected graph is read as the
    symmetric digraph (each tie both ways, as R's ``sna::brokerage`` reads a
    symmetric matrix): every open path a - b - c then counts once in each
    direction, so coordinator, itinerant and liaison counts are even and
    representative equals gatekeeper.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Self-loops are ignored.
    groups : str or mapping
        Node attribute naming each node's group (e.g. ``"type"``,
        ``"region"``) or a mapping node -> group.

    Returns
    -------
    pandas.DataFrame
        One row per node (graph order): ``group``, one column per role of
        :data:`GF_ROLES` and ``total`` (the open two-paths it brokers).
        ``attrs["directed"]`` says how the graph was read and
        ``attrs["note"]`` says when no node brokers anything (no open two-path:
        an edgeless or complete graph) instead of naming a top broker.

    Raises
    ------
    GraphError
        If a node has no group, or the graph is a multigraph.

    References
    ----------
    .. [1] Gould, R. V., Fernandez, R. M. (1989). Structures of mediation: a
       formal approach to brokerage in transaction networks. Sociological
       Methodology 19, 89-126.
    .. [2] Butts, C. T. (2008). Social network analysis with sna. Journal of
       Statistical Software 24(6) (``brokerage``).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a1", "b1"), ("b1", "c1"), ("b1", "a2")])
    >>> g = {"a1": "A", "a2": "A", "b1": "B", "c1": "C"}
    >>> r = gould_fernandez(G, g)  # a1 -> b1 -> c1: liaison; a1 -> b1 -> a2: itinerant
    >>> r.loc["b1", list(GF_ROLES)].tolist()
    [0, 1, 0, 0, 1]
    """
    if not isinstance(G, nx.Graph) or G.is_multigraph():
        raise GraphError("gould_fernandez: needs a simple networkx Graph or DiGraph")
    if isinstance(groups, str):
        group = {}
        for v, g in G.nodes(data=groups):
            if g is None:
                raise GraphError(f"gould_fernandez: node {v!r} has no {groups!r} attribute")
            group[v] = g
    else:
        missing = [v for v in G if v not in groups]
        if missing:
            raise GraphError(f"gould_fernandez: node {missing[0]!r} has no group in the mapping")
        group = {v: groups[v] for v in G}
    directed = G.is_directed()
    if not directed:
        return _gf_undirected(G, group)
    succ = {v: set(G.successors(v) if directed else G.neighbors(v)) - {v} for v in G}
    pred = {v: set(G.predecessors(v) if directed else G.neighbors(v)) - {v} for v in G}
    rows = []
    for b in G:
        counts = dict.fromkeys(GF_ROLES, 0)
        gb = group[b]
        for a in pred[b]:
            ga, out_a = group[a], succ[a]
            for c in succ[b]:
                if c == a or c in out_a:
                    continue
                counts[_gf_role(ga, gb, group[c])] += 1
        rows.append({"group": gb, **counts, "total": sum(counts.values())})
    out = pd.DataFrame(rows, index=pd.Index(list(G), name="node"),
                       columns=["group", *GF_ROLES, "total"])
    out.attrs["directed"] = directed
    out.attrs["note"] = ("" if out["total"].sum() else
                         "no open two-path (a -> b -> c without a -> c): nobody brokers")
    return out
