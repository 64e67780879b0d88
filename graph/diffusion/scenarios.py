"""Policy and structure scenarios for network diffusion, compared against a baseline.

A :class:`Scenario` changes the network (adds links, removes nodes) and/or
multiplies the coefficient of innovation ``p`` (a policy push). Each scenario
is simulated with the same seed as the baseline (common random numbers, so
differences are not swamped by Monte Carlo noise) and summarised by its
effective ``(P, Q)`` and the time to 10 %, 50 % and 90 % adoption.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from ..errors import FitError, GraphError, NotFoundError
from .imitation import fit_curve, fragmentation
from .network import simulate_bass_network

__all__ = [
    "Scenario",
    "propose_bridging_edges",
    "propose_type_links",
    "compare_scenarios",
]


@dataclass(frozen=True)
class Scenario:
    """A named change to the network and/or the policy.

    Parameters
    ----------
    name : str
    add_edges : sequence of (u, v)
        Links to add between existing nodes (both directions in a digraph).
    remove_nodes : sequence of nodes
        Nodes to remove (e.g. key players).
    p_multiplier : float
        Factor on the coefficient of innovation (policy support).

    Examples
    --------
    >>> s = Scenario("bridge", add_edges=[(0, 3)])
    >>> H = s.apply(nx.Graph([(0, 1), (2, 3)]))
    >>> sorted(H.edges())
    [(0, 1), (0, 3), (2, 3)]
    """

    name: str
    add_edges: tuple = ()
    remove_nodes: tuple = ()
    p_multiplier: float = 1.0

    def apply(self, G):
        """Return a modified copy of ``G`` (``G`` itself is untouched)."""
        if not self.p_multiplier > 0:
            raise GraphError(f"scenario {self.name!r}: p multiplier must be positive")
        H = G.copy()
        for v in self.remove_nodes:
            if v not in H:
                raise NotFoundError(f"scenario {self.name!r}: node {v!r} to remove is not in the graph")
            H.remove_node(v)
        for e in self.add_edges:
            try:
                u, v = e
            except (TypeError, ValueError):
                raise GraphError(f"scenario {self.name!r}: edge {e!r} is not a pair") from None
            for w in (u, v):
                if w not in H:
                    raise NotFoundError(
                        f"scenario {self.name!r}: node {w!r} of edge ({u!r}, {v!r}) is not in the graph"
                    )
            H.add_edge(u, v)
            if H.is_directed():
                H.add_edge(v, u)
        return H


def _components(G):
    comps = nx.weakly_connected_components(G) if G.is_directed() else nx.connected_components(G)
    # deterministic order: size descending, then by sorted string form of members
    return sorted((sorted(c, key=repr) for c in comps), key=lambda c: (-len(c), repr(c[0])))


def propose_bridging_edges(G, *, per_component=1, seed=None, max_edges=None):
    """Edges linking each smaller component to the largest one, at random nodes (seeded).

    Parameters
    ----------
    G : networkx.Graph
    per_component : int
        Bridges per smaller component.
    seed : int, optional
    max_edges : int, optional
        Bridge only the largest smaller components, up to this many edges.

    Returns
    -------
    list of (u, v)
        ``u`` in a smaller component, ``v`` in the largest.

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (1, 2), (3, 4)])
    >>> G.add_node(5)
    >>> edges = propose_bridging_edges(G, seed=0)
    >>> len(edges), all(v in (0, 1, 2) for _, v in edges)
    (2, True)
    """
    comps = _components(G)
    if len(comps) < 2:
        return []
    rng = np.random.default_rng(seed)
    giant = comps[0]
    edges = []
    for comp in comps[1:]:
        for _ in range(per_component):
            if max_edges is not None and len(edges) >= max_edges:
                return edges
            u = comp[rng.integers(len(comp))]
            v = giant[rng.integers(len(giant))]
            edges.append((u, v))
    return edges


def propose_type_links(G, *, source_type="platform", target_type="enterprise", attr="type",
                       only_isolated=True, per_node=1, seed=None):
    """Link nodes of one type (e.g. unlinked platforms) to random nodes of another (seeded).

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([(0, {"type": "platform"}), (1, {"type": "enterprise"}),
    ...                   (2, {"type": "enterprise"})])
    >>> [(u, v in (1, 2)) for u, v in propose_type_links(G, seed=0)]
    [(0, True)]
    """
    sources = [v for v, d in G.nodes(data=True) if d.get(attr) == source_type
               and (not only_isolated or G.degree(v) == 0)]
    targets = [v for v, d in G.nodes(data=True) if d.get(attr) == target_type]
    if not targets:
        raise NotFoundError(f"no node has {attr} = {target_type!r}")
    rng = np.random.default_rng(seed)
    edges = []
    for u in sources:
        picks = rng.choice(len(targets), size=min(per_node, len(targets)), replace=False)
        edges.extend((u, targets[i]) for i in picks)
    return edges


def compare_scenarios(G, p, q, scenarios, *, steps, dt=1.0, runs=100, rule="fraction",
                      seed=0, fractions=(0.1, 0.5, 0.9)):
    """Simulate the baseline and each scenario; return one comparison row each.

    Parameters
    ----------
    G : networkx.Graph
    p, q : float
        Baseline micro coefficients.
    scenarios : sequence of Scenario
    steps, dt, runs, rule : see :func:`~ssbkg.diffusion.network.simulate_bass_network`
    seed : int
        The same seed is used for every scenario (common random numbers).
    fractions : sequence of float
        Adoption levels whose first-passage time (of the mean curve) is
        reported as ``t10``, ``t50``, ``t90`` (NaN when not reached).

    Returns
    -------
    pandas.DataFrame
        ``scenario``, ``nodes``, ``edges``, ``fragmentation``, ``p``, ``P``,
        ``Q``, ``t10`` ... and differences to the baseline ``dQ`` and
        ``dt50`` (for the middle fraction).

    Examples
    --------
    >>> G = nx.Graph([(i, i + 1) for i in range(99)])
    >>> table = compare_scenarios(G, 0.02, 0.4, [Scenario("policy", p_multiplier=2)],
    ...                           steps=30, runs=20, seed=1)
    >>> list(table["scenario"]), bool(table["t50"][1] < table["t50"][0])
    (['baseline', 'policy'], True)
    """
    names = ["baseline"] + [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise GraphError("scenario names must be unique and not 'baseline'")
    rows = []
    for scen in [Scenario("baseline"), *scenarios]:
        H = scen.apply(G)
        pp = p * scen.p_multiplier
        sim = simulate_bass_network(H, pp, q, steps=steps, dt=dt, runs=runs, rule=rule, seed=seed)
        try:
            fit = fit_curve(sim.times, sim.curves.mean(axis=0))
            P, Q = fit.p, fit.q
        except FitError:
            P = Q = float("nan")
        row = {
            "scenario": scen.name,
            "nodes": H.number_of_nodes(),
            "edges": H.number_of_edges(),
            "fragmentation": fragmentation(H) if H.number_of_nodes() > 1 else float("nan"),
            "p": pp,
            "P": P,
            "Q": Q,
        }
        for f in fractions:
            row[f"t{round(f * 100):d}"] = sim.time_to(f)
        rows.append(row)
    table = pd.DataFrame(rows)
    table["dQ"] = table["Q"] - table["Q"].iloc[0]
    mid = f"t{round(sorted(fractions)[len(fractions) // 2] * 100):d}"
    table[f"d{mid}"] = table[mid] - table[mid].iloc[0]
    return table
