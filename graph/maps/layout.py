"""Seeded node positions computed in Python, so a map file depends only on its input.

Three layouts:

- :func:`spring_positions`: networkx's Fruchterman-Reingold spring layout with a
  seed, for networks up to :data:`SPRING_MAX_NODES` nodes;
- :func:`grouped_positions`: for larger networks, the groups (communities or
  regions) are laid out with the spring layout and each group's members fill a
  sunflower disc around its centre, hubs in the middle: O(n), so 5,000 nodes
  take well under a second;
- :func:`columns_positions`: a layered layout (value-chain columns) used by the
  chain map.

Coordinates are in vis-network pixels, rounded to one decimal, so the same
graph and seed give the same bytes.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

__all__ = ["SPRING_MAX_NODES", "spring_positions", "grouped_positions", "disc_offsets",
           "auto_positions"]

#: Above this many nodes the spring layout is replaced by :func:`grouped_positions`.
SPRING_MAX_NODES = 300

#: At most this many groups are laid out; the smallest beyond are merged into one.
MAX_GROUPS = 200

#: Typical distance between neighbouring nodes, in pixels.
SPACING = 60.0

_GOLDEN = math.pi * (3.0 - math.sqrt(5.0))


def _sorted_nodes(G):
    return sorted(G.nodes, key=lambda v: (type(v).__name__, str(v)))


def _round(pos: dict) -> dict:
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in pos.items()}


def spring_positions(G, *, seed=0, weight="weight", iterations=60, spacing=SPACING) -> dict:
    """Seeded spring-layout positions in pixels.

    Parameters
    ----------
    G : networkx.Graph
    seed : int
        Seed of the initial positions.
    weight : str or None
        Edge attribute pulling nodes together.
    iterations : int
    spacing : float
        Pixels per unit of typical node distance.

    Returns
    -------
    dict
        node -> (x, y), rounded to 0.1 px.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(4)
    >>> spring_positions(G, seed=1) == spring_positions(G, seed=1)
    True
    >>> len(spring_positions(nx.empty_graph(0)))
    0
    """
    n = G.number_of_nodes()
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(G.nodes)): (0.0, 0.0)}
    H = nx.Graph()
    H.add_nodes_from(_sorted_nodes(G))
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        w = d.get(weight, 1) if weight else 1
        w = float(w) if isinstance(w, (int, float)) and w > 0 else 1.0
        if H.has_edge(u, v):
            H[u][v]["w"] += w
        else:
            H.add_edge(u, v, w=w)
    pos = nx.spring_layout(H, seed=seed, weight="w", iterations=iterations, scale=1.0)
    scale = spacing * math.sqrt(n) / 2.0
    return _round({v: (p[0] * scale, p[1] * scale) for v, p in pos.items()})


def disc_offsets(k: int, *, spacing=SPACING) -> np.ndarray:
    """Offsets of ``k`` points filling a disc evenly (Vogel's sunflower), the first in the centre.

    Examples
    --------
    >>> disc_offsets(3).shape
    (3, 2)
    >>> [float(x) for x in disc_offsets(1)[0]]
    [0.0, 0.0]
    """
    i = np.arange(k, dtype=float)
    r = spacing * 0.6 * np.sqrt(i)
    theta = i * _GOLDEN
    return np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def grouped_positions(G, groups: dict, *, seed=0, spacing=SPACING) -> dict:
    """Groups laid out by a seeded spring layout, each group's members on a disc around it.

    Parameters
    ----------
    G : networkx.Graph
    groups : dict
        node -> group key (sortable); nodes missing from it form their own group.
    seed : int
    spacing : float

    Returns
    -------
    dict
        node -> (x, y); within a group, nodes of higher degree sit nearer the centre
        (ties broken by node id).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.union(nx.complete_graph(3), nx.complete_graph(range(3, 6)))
    >>> pos = grouped_positions(G, {v: v // 3 for v in G}, seed=0)
    >>> sorted(pos) == list(range(6))
    True
    """
    if G.number_of_nodes() == 0:
        return {}
    members: dict = {}
    for v in _sorted_nodes(G):
        # isolated nodes share one disc, so that they do not each become a group to lay out
        key = "~isolated" if G.degree(v) == 0 else str(groups.get(v, f"_{v}"))
        members.setdefault(key, []).append(v)
    if len(members) > MAX_GROUPS:
        sizes = sorted(members, key=lambda g: (-len(members[g]), g))
        keep = set(sizes[:MAX_GROUPS - 1])
        merged: dict = {}
        for g, vs in members.items():
            merged.setdefault(g if g in keep else "~small groups", []).extend(vs)
        members = {g: sorted(vs, key=lambda v: (type(v).__name__, str(v))) for g, vs in merged.items()}
    Q = nx.Graph()
    Q.add_nodes_from(sorted(members))
    key = {v: g for g, vs in members.items() for v in vs}
    for u, v in G.edges():
        a, b = key[u], key[v]
        if a != b:
            w = Q[a][b]["weight"] + 1 if Q.has_edge(a, b) else 1
            Q.add_edge(a, b, weight=w)
    radius = {g: spacing * 0.6 * math.sqrt(len(vs)) for g, vs in members.items()}
    centres = nx.spring_layout(Q, seed=seed, weight="weight", iterations=60, scale=1.0,
                               method="force") \
        if Q.number_of_nodes() > 1 else {next(iter(Q.nodes)): np.zeros(2)}
    # scale so that the discs, whose total area is about n * (0.6 spacing)^2 * pi, do not crowd
    total = sum(r * r for r in radius.values())
    scale = 2.2 * math.sqrt(total) + spacing
    pos = {}
    for g, vs in members.items():
        cx, cy = (float(c) * scale for c in centres[g])
        order = sorted(vs, key=lambda v: (-G.degree(v), type(v).__name__, str(v)))
        for v, (dx, dy) in zip(order, disc_offsets(len(order), spacing=spacing)):
            pos[v] = (cx + dx, cy + dy)
    return _round(pos)


def auto_positions(G, *, seed=0, groups=None, spacing=SPACING) -> tuple[dict, str]:
    """Spring layout up to :data:`SPRING_MAX_NODES` nodes, grouped layout above.

    ``groups`` (node -> key) is used above the limit; without it the groups are
    seeded Louvain communities. Returns the positions and the name of the layout.
    """
    if G.number_of_nodes() <= SPRING_MAX_NODES:
        return spring_positions(G, seed=seed, spacing=spacing), "spring"
    if groups is None:
        from ..metrics.communities import louvain

        U = nx.Graph(G) if G.is_directed() or G.is_multigraph() else G
        groups = louvain(U, seed=seed).membership.to_dict()
        return grouped_positions(G, groups, seed=seed, spacing=spacing), "communities"
    return grouped_positions(G, groups, seed=seed, spacing=spacing), "groups"
