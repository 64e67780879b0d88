"""A synthetic collaboration network with heavy-tailed degrees."""

from __future__ import annotations

import networkx as nx
import numpy as np

__all__ = ["collaboration_network", "ORG_TYPES"]

#: Organisation types and their shares among synthetic nodes.
ORG_TYPES = {
    "enterprise": 0.70,
    "university": 0.08,
    "research_institute": 0.07,
    "government_body": 0.03,
    "platform": 0.12,
}


def collaboration_network(n_nodes, n_edges, *, n_regions=30, exponent=2.5, seed=0):
    """A seeded undirected collaboration network with power-law expected degrees.

    Nodes get expected degrees from a Pareto (power-law) distribution with
    tail ``exponent`` (Chung-Lu model), scaled so the expected edge count is
    ``n_edges``; edges are drawn by sampling endpoints proportionally to the
    expected degree and dropping self-loops and repeats until ``n_edges``
    distinct edges exist. Nodes carry ``type``, ``region`` and
    ``synthetic=True``.

    Parameters
    ----------
    n_nodes, n_edges : int
        Size of the network. ``n_edges`` must be at most n(n-1)/4.
    n_regions : int
        Number of synthetic regions that nodes are spread over (Zipf shares).
    exponent : float
        Power-law exponent of the degree distribution (> 2).
    seed : int
        Seed of every random draw.

    Returns
    -------
    networkx.Graph

    Examples
    --------
    >>> G = collaboration_network(1000, 3000, seed=1)
    >>> G.number_of_nodes(), G.number_of_edges()
    (1000, 3000)
    >>> G.nodes[0]["synthetic"]
    True
    """
    if n_nodes < 2:
        raise ValueError("n_nodes must be at least 2")
    if n_edges > n_nodes * (n_nodes - 1) // 4:
        raise ValueError("n_edges is too large for a sparse network of n_nodes")
    rng = np.random.default_rng(seed)
    weights = (rng.pareto(exponent - 1.0, n_nodes) + 1.0)
    weights /= weights.sum()
    cum = np.cumsum(weights)
    edges = set()
    while len(edges) < n_edges:
        need = int((n_edges - len(edges)) * 1.2) + 16
        u = np.searchsorted(cum, rng.random(need) * cum[-1])
        v = np.searchsorted(cum, rng.random(need) * cum[-1])
        for a, b in zip(u.tolist(), v.tolist()):
            if a == b:
                continue
            e = (a, b) if a < b else (b, a)
            if e not in edges:
                edges.add(e)
                if len(edges) == n_edges:
                    break
    G = nx.Graph()
    types = list(ORG_TYPES)
    type_idx = rng.choice(len(types), size=n_nodes, p=list(ORG_TYPES.values()))
    region_w = 1.0 / np.arange(1, n_regions + 1)
    region_idx = rng.choice(n_regions, size=n_nodes, p=region_w / region_w.sum())
    for i in range(n_nodes):
        G.add_node(
            i,
            type=types[type_idx[i]],
            region=f"syn-region-{region_idx[i]:03d}",
            synthetic=True,
        )
    G.add_edges_from(sorted(edges), weight=1)
    return G
