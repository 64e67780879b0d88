"""Key players: the k nodes whose removal fragments the network most (KPP-Neg).

Borgatti (2006) asks which k actors, if removed, would leave the network most
broken up, measured by fragmentation F or distance-weighted fragmentation dF
of what remains. Finding the best set is combinatorial; this module grows the
set greedily and then improves it by swaps, both in a seeded order.
"""

from __future__ import annotations

__all__ = ["key_players", "KeyPlayerSet", "removal_fragmentation"]

from dataclasses import dataclass, field

import numpy as np

from ssbkg.errors import GraphError

from ._csr import check_graph
from ._engine import arrays
from .fragmentation import _component_sizes_of, _harmonic_of

_METRICS = ("F", "dF")


@dataclass(frozen=True)
class KeyPlayerSet:
    """The outcome of a key-player search.

    Attributes
    ----------
    nodes : list
        The chosen nodes, in the order the greedy step picked them (swapped-in
        nodes take the place of the node they replaced).
    value : float
        F or dF of the graph with ``nodes`` removed.
    metric : str
        ``"F"`` or ``"dF"``.
    greedy_value : float
        The value after the greedy phase, before swaps.
    n_swaps : int
        Number of improving swaps made.
    n_evaluations : int
        Number of candidate sets whose fragmentation was computed.
    ties : list of list
        For each chosen node (same order as ``nodes``), the other candidates
        that give the same value when put in its place: a non-empty list
        means the set is one of several tied answers, not the winner.
    note : str
        Why there is no answer (an edgeless graph: F = 1 before any
        removal, every set ties) or that every swap ties; empty otherwise.
    """

    nodes: list
    value: float
    metric: str
    greedy_value: float
    n_swaps: int
    n_evaluations: int
    ties: list = field(default_factory=list)
    note: str = ""


class _Evaluator:
    def __init__(self, G, metric):
        self.ga = arrays(G)
        self.nodes = self.ga.nodes
        self.n = self.ga.n
        self.metric = metric
        self.count = 0

    @property
    def A(self):
        return self.ga.csr()

    def __call__(self, removed):
        keep = np.ones(self.n, dtype=bool)
        keep[list(removed)] = False
        sub = self.ga.subgraph(keep)
        m = sub.n
        self.count += 1
        if self.metric == "F":
            s = _component_sizes_of(sub).astype(np.float64)
            return float(1.0 - (s * (s - 1.0)).sum() / (m * (m - 1.0)))
        h = _harmonic_of(sub, np.arange(m))
        return float(1.0 - h.sum() / (m * (m - 1.0)))


def _single_removal_F(A, removed):
    """F after removing each further node, for all nodes at once, in O(n + m).

    ``removed`` is a boolean mask of nodes already gone. One iterative DFS
    (Hopcroft-Tarjan low points) finds, for every live node v, the pieces its
    removal splits its component into: each DFS child subtree u with
    low[u] >= disc[v] becomes a piece, and the rest of the component (the
    side of v's parent) another. Returns F per node (NaN for removed nodes).
    """
    n = A.shape[0]
    indptr = A.indptr.tolist()
    indices = A.indices.tolist()
    dead = removed.tolist()
    N = n - int(removed.sum())
    out = np.full(n, np.nan)
    if N < 3:
        return out
    disc = [-1] * n
    low = [0] * n
    size = [1] * n
    sep = [0] * n
    sq = [0] * n
    comps = []
    clock = 0
    for root in range(n):
        if dead[root] or disc[root] >= 0:
            continue
        members = [root]
        disc[root] = low[root] = clock
        clock += 1
        stack = [(root, -1, indptr[root])]
        while stack:
            v, parent, pos = stack[-1]
            end = indptr[v + 1]
            while pos < end:
                w = indices[pos]
                pos += 1
                if dead[w] or w == parent:
                    continue
                if disc[w] < 0:
                    stack[-1] = (v, parent, pos)
                    disc[w] = low[w] = clock
                    clock += 1
                    members.append(w)
                    stack.append((w, v, indptr[w]))
                    break
                if disc[w] < low[v]:
                    low[v] = disc[w]
            else:
                stack.pop()
                if parent >= 0:
                    size[parent] += size[v]
                    if low[v] < low[parent]:
                        low[parent] = low[v]
                    if low[v] >= disc[parent]:
                        sep[parent] += size[v]
                        sq[parent] += size[v] * (size[v] - 1)
        comps.append(members)
    total = sum(size[c[0]] * (size[c[0]] - 1) for c in comps)
    denom = (N - 1.0) * (N - 2.0)
    for members in comps:
        c = size[members[0]]
        others = total - c * (c - 1)
        idx = np.array(members)
        rest = c - 1 - np.array([sep[v] for v in members], dtype=np.float64)
        q = np.array([sq[v] for v in members], dtype=np.float64) + rest * (rest - 1.0)
        out[idx] = 1.0 - (others + q) / denom
    return out


def _check(G, metric, what):
    check_graph(G, what)
    if metric not in _METRICS:
        raise GraphError(f"{what}: metric must be one of {_METRICS}, got {metric!r}")


def removal_fragmentation(G, removed, *, metric="F"):
    """F or dF of ``G`` after deleting the nodes in ``removed``.

    Parameters
    ----------
    G : networkx.Graph
    removed : iterable of nodes
    metric : {"F", "dF"}

    Returns
    -------
    float

    Raises
    ------
    GraphError
        If a node is not in ``G``, or fewer than 2 nodes would remain.

    Examples
    --------
    >>> import networkx as nx
    >>> round(removal_fragmentation(nx.path_graph(5), [2]), 4)  # two pairs of 2: 1 - 4/12
    0.6667
    """
    _check(G, metric, "removal_fragmentation")
    removed = list(removed)
    missing = [x for x in removed if x not in G]
    if missing:
        raise GraphError(f"removal_fragmentation: {missing[0]!r} is not in the graph")
    ev = _Evaluator(G, metric)
    index = ev.ga.index
    rem = {index[x] for x in removed}
    if ev.n - len(rem) < 2:
        raise GraphError(
            f"removal_fragmentation: removing {len(rem)} of {ev.n} nodes leaves fewer than 2"
        )
    return ev(rem)


def key_players(G, k, *, metric="F", swap=True, max_rounds=100, candidates=None, seed=0):
    r"""Greedy key-player set of size k (KPP-Neg) with optional swap improvement.

    Maximises, over node sets S with \|S\| = k, the fragmentation of
    :math:`G - S`: Borgatti's F (share of unreachable pairs) or dF (one minus
    the mean reciprocal distance) among the remaining n - k nodes.

    Greedy phase: k times, add the candidate whose removal (with those already
    chosen) gives the largest value. Swap phase (Borgatti 2006's heuristic):
    for each position, put in the unchosen candidate that raises the value
    most, if any does; stop when a full round finds none or after
    ``max_rounds`` rounds. Candidates are visited in a seeded random order and
    ties go to the first visited, so ``seed`` fixes the answer. Neither phase
    guarantees the optimum. One driver runs both metrics.

    Ties and degenerate graphs are said, not hidden: ``ties`` lists, for
    each chosen node, the candidates that give the same value in its place;
    ``note`` says when every candidate ties. A graph with no edges has F =
    dF = 1 before any removal: the result has no nodes and a note.

    Cost: for F, one depth-first search (articulation points and the sizes
    of the pieces each removal leaves) scores every candidate at once, so a
    greedy step or a swap position costs O(n + m). For dF each candidate set
    costs a BFS from every remaining node, O(n m): restrict ``candidates``
    (e.g. to the top nodes by betweenness) beyond a few thousand edges.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph.
    k : int
        Size of the set, 1 <= k <= n - 2.
    metric : {"F", "dF"}
    swap : bool
        Run the swap improvement after the greedy phase.
    max_rounds : int
        Upper limit on swap rounds.
    candidates : iterable of nodes, optional
        Nodes that may be chosen (default: all).
    seed : int or None, default 0
        Seed of the visiting order.

    Returns
    -------
    KeyPlayerSet

    Raises
    ------
    GraphError
        If ``k`` is out of range, fewer than k candidates exist, a candidate
        is not in ``G`` or ``metric`` is unknown.

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social
       network. Computational and Mathematical Organization Theory 12, 21-34.

    Examples
    --------
    >>> import networkx as nx
    >>> r = key_players(nx.path_graph(7), 1, seed=0)
    >>> r.nodes, round(r.value, 4)  # the middle node: two paths of 3, 1 - 12/30
    ([3], 0.6)
    >>> r.ties, r.note
    ([[]], '')
    >>> e = key_players(nx.empty_graph(5), 2)
    >>> e.nodes, e.note.split(":")[0]
    ([], 'the graph has no edges')
    """
    _check(G, metric, "key_players")
    n = G.number_of_nodes()
    if not isinstance(k, (int, np.integer)) or k < 1 or k > n - 2:
        raise GraphError(f"key_players: k must be an integer in [1, n - 2] = [1, {n - 2}], got {k!r}")
    ev = _Evaluator(G, metric)
    index = ev.ga.index
    if candidates is None:
        pool = list(range(n))
    else:
        pool = []
        for c in candidates:
            if c not in index:
                raise GraphError(f"key_players: candidate {c!r} is not in the graph")
            pool.append(index[c])
        pool = sorted(set(pool))
    if len(pool) < k:
        raise GraphError(f"key_players: {len(pool)} candidates cannot fill a set of {k}")
    rng = np.random.default_rng(seed)
    order = [pool[i] for i in rng.permutation(len(pool))]

    if G.number_of_edges() == 0:
        return KeyPlayerSet(
            nodes=[], value=1.0, metric=metric, greedy_value=1.0, n_swaps=0, n_evaluations=0,
            ties=[], note=f"the graph has no edges: {metric} = 1 before any removal and every "
                          f"set of {k} ties, so there are no key players")
    if metric == "F":
        def score(removed, cands):
            return _single_removal_F(ev.A, removed)
    else:
        def score(removed, cands):
            vals = np.full(n, np.nan)
            base = list(np.flatnonzero(removed))
            for c in cands:
                vals[c] = ev(base + [c])
            return vals
    chosen, best, greedy_value, n_swaps, ties, count = _search(score, order, n, k, swap,
                                                               max_rounds, rng)
    if metric == "dF":
        count = ev.count
    names = [[ev.nodes[i] for i in t] for t in ties]
    note = ""
    if ties and all(len(t) == len(pool) - k for t in ties):
        note = (f"every candidate ties: swapping any chosen node for any other candidate "
                f"leaves {metric} = {best:.4g}; no set stands out")
    elif any(ties):
        note = "tied: other candidates give the same value in some positions (see ties)"
    return KeyPlayerSet(
        nodes=[ev.nodes[i] for i in chosen],
        value=float(best),
        metric=metric,
        greedy_value=float(greedy_value),
        n_swaps=n_swaps,
        n_evaluations=count,
        ties=names,
        note=note,
    )


def _best_in_order(vals, order, chosen):
    """The first candidate (in the seeded order) whose value is within 1e-12 of the best."""
    cand = np.array([c for c in order if c not in chosen], dtype=np.int64)
    if cand.size == 0:
        return None, -np.inf
    v = vals[cand]
    top = np.nanmax(v)
    return int(cand[np.flatnonzero(v >= top - 1e-12)[0]]), float(top)


def _search(score, order, n, k, swap, max_rounds, rng):
    """Greedy growth, then best-improvement swaps, then the ties of the final set.

    ``score(removed, cands)`` gives, for every candidate c in ``cands``, the
    value after removing the nodes of the mask ``removed`` and c (an array
    over all nodes). One driver for F (all candidates at once) and dF.
    """
    removed = np.zeros(n, dtype=bool)
    chosen = []
    count = 0
    best = -np.inf

    def others():
        return [c for c in order if c not in chosen]

    for _ in range(k):
        vals = score(removed, others())
        count += len(order) - len(chosen)
        pick, best = _best_in_order(vals, order, chosen)
        chosen.append(pick)
        removed[pick] = True
    greedy_value = best
    n_swaps = 0
    if swap:
        for _ in range(max_rounds):
            improved = False
            for pos in rng.permutation(k):
                base = removed.copy()
                base[chosen[pos]] = False
                vals = score(base, others())
                count += len(order) - len(chosen)
                pick, val = _best_in_order(vals, order, chosen)
                if pick is not None and val > best + 1e-12:
                    removed[chosen[pos]] = False
                    removed[pick] = True
                    chosen = list(chosen)
                    chosen[pos] = pick
                    best = val
                    n_swaps += 1
                    improved = True
            if not improved:
                break
    ties = []
    for pos in range(k):
        base = removed.copy()
        base[chosen[pos]] = False
        cands = others()
        vals = score(base, cands)
        count += len(cands)
        ties.append(sorted((c for c in cands if vals[c] >= best - 1e-12),
                           key=order.index))
    return chosen, best, greedy_value, n_swaps, ties, count
