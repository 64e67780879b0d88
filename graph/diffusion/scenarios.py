"""Policy and structure scenarios for network diffusion, compared against a baseline.

A :class:`Scenario` changes the network (adds links, removes nodes) and/or
multiplies the coefficient of innovation ``p`` (a policy push). Each scenario
is simulated with the same seed as the baseline (common random numbers, so
differences are not swamped by Monte Carlo noise) and summarised by its
effective ``(P, Q)`` with their fit quality (see
:func:`~ssbkg.diffusion.imitation.effective_bass`: the fit window runs to 95 %
adoption, whatever horizon is shown) and the years to 10 %, 50 % and 90 %
adoption, as calendar years when a start year is given.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from ..errors import FitError, GraphError, NotFoundError
from .imitation import effective_bass, network_fragmentation

__all__ = [
    "Scenario",
    "propose_bridging_edges",
    "propose_type_links",
    "propose_platform_links",
    "PLATFORM_LINK_RULE",
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


PLATFORM_LINK_RULE = (
    "each platform without links is linked to every enterprise located in the platform's "
    "region (at any depth) that shares a value chain segment with it, or, when the platform "
    "lists no segment, a technology route"
)


def _as_list(value):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def propose_platform_links(G, *, only_isolated=True):
    """Links from unlinked platforms to the enterprises a stated rule matches.

    The rule (:data:`PLATFORM_LINK_RULE`): a platform with no links is linked to
    every enterprise whose ``regions`` include the platform's ``region`` and
    that shares a ``segments`` value with the platform; a platform listing no
    segment is matched on ``routes`` instead. Node attributes are those of
    :func:`ssbkg.projections.collaboration_graph`.

    Returns
    -------
    links : pandas.DataFrame
        ``platform``, ``enterprise``, ``region``, ``basis`` (segment or route)
        and ``shared`` (the shared values), one row per proposed link, sorted.
    unmatched : pandas.DataFrame
        ``platform``, ``region``, ``reason``: unlinked platforms that get no link.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([
    ...     ("hub", {"type": "platform", "region": "cn-zj", "segments": ["cells"], "routes": []}),
    ...     ("a", {"type": "enterprise", "regions": ["cn-zj", "cn"], "segments": ["cells"]}),
    ...     ("b", {"type": "enterprise", "regions": ["cn-js", "cn"], "segments": ["cells"]}),
    ...     ("c", {"type": "enterprise", "regions": ["cn-zj", "cn"], "segments": ["nev"]})])
    >>> links, unmatched = propose_platform_links(G)
    >>> links[["platform", "enterprise", "shared"]].values.tolist(), len(unmatched)
    ([['hub', 'a', 'cells']], 0)
    """
    rows, missing = [], []
    enterprises = sorted((v for v, d in G.nodes(data=True) if d.get("type") == "enterprise"),
                         key=str)
    platforms = sorted((v for v, d in G.nodes(data=True) if d.get("type") == "platform"
                        and (not only_isolated or G.degree(v) == 0)), key=str)
    for pf in platforms:
        d = G.nodes[pf]
        region = d.get("region")
        segs, routes = set(_as_list(d.get("segments"))), set(_as_list(d.get("routes")))
        basis, values = ("segment", segs) if segs else ("route", routes)
        if not values:
            missing.append({"platform": pf, "region": region,
                            "reason": "the platform lists no segment and no route"})
            continue
        found = 0
        for ent in enterprises:
            e = G.nodes[ent]
            if region not in _as_list(e.get("regions")) and e.get("region") != region:
                continue
            shared = values & set(_as_list(e.get("segments" if basis == "segment" else "routes")))
            if shared:
                rows.append({"platform": pf, "enterprise": ent, "region": region,
                             "basis": basis, "shared": ", ".join(sorted(shared))})
                found += 1
        if not found:
            missing.append({"platform": pf, "region": region,
                            "reason": f"no enterprise in {region} shares a {basis} "
                                      f"({', '.join(sorted(values))})"})
    links = pd.DataFrame(rows, columns=["platform", "enterprise", "region", "basis", "shared"])
    unmatched = pd.DataFrame(missing, columns=["platform", "region", "reason"])
    return links, unmatched


def compare_scenarios(G, p, q, scenarios, *, runs=100, rule="fraction", seed=0,
                      fractions=(0.1, 0.5, 0.9), start_year=None, method="auto", dt=None,
                      steps=None):
    """Simulate the baseline and each scenario; return one comparison row each.

    Parameters
    ----------
    G : networkx.Graph
    p, q : float
        Baseline micro coefficients (per year).
    scenarios : sequence of Scenario
    runs, rule, method, dt : see :func:`~ssbkg.diffusion.imitation.effective_bass`
    seed : int
        The same seed is used for every scenario (common random numbers).
    fractions : sequence of float
        Adoption levels whose first-passage time (of the mean curve) is
        reported as ``t10``, ``t50``, ``t90`` in years since launch.
    start_year : int, optional
        Launch year: adds ``year10``, ``year50``, ``year90`` (calendar years).
    steps : None
        Ignored (times to adoption do not depend on a horizon); kept for older calls.

    Returns
    -------
    pandas.DataFrame
        ``scenario``, ``links_added``, ``nodes_removed``, ``nodes``, ``edges``,
        ``fragmentation``, ``isolate_share``, ``p``, ``P``, ``Q``, ``fit_rmse``,
        ``poor_fit``, ``t10`` ... (``year10`` ...), ``dQ`` and ``dt50`` (for
        the middle fraction) against the baseline, and ``notes``.

    Examples
    --------
    >>> G = nx.Graph([(i, i + 1) for i in range(99)])
    >>> table = compare_scenarios(G, 0.02, 0.4, [Scenario("policy", p_multiplier=2)],
    ...                           runs=20, seed=1, start_year=2025)
    >>> list(table["scenario"]), bool(table["t50"][1] < table["t50"][0])
    (['baseline', 'policy'], True)
    >>> bool(table["year50"][0] == 2025 + table["t50"][0])
    True
    """
    names = ["baseline"] + [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise GraphError("scenario names must be unique and not 'baseline'")
    if any(not 0 < f < 0.95 + 1e-12 for f in fractions):
        raise GraphError("fractions must lie in (0, 0.95]")
    rows = []
    for scen in [Scenario("baseline"), *scenarios]:
        H = scen.apply(G)
        pp = p * scen.p_multiplier
        eff = effective_bass(H, pp, q, runs=runs, rule=rule, seed=seed, measures=False,
                             method=method, dt=dt)
        row = {
            "scenario": scen.name,
            "links_added": len(scen.add_edges),
            "nodes_removed": len(scen.remove_nodes),
            "nodes": H.number_of_nodes(),
            "edges": H.number_of_edges(),
            "fragmentation": (network_fragmentation(H) if H.number_of_nodes() > 1
                              else float("nan")),
            "isolate_share": eff.isolate_share,
            "p": pp,
            "P": eff.P,
            "Q": eff.Q,
            "fit_rmse": eff.rmse,
            "poor_fit": eff.poor_fit,
        }
        for f in fractions:
            row[f"t{round(f * 100):d}"] = eff.simulation.time_to(f)
        if start_year is not None:
            for f in fractions:
                row[f"year{round(f * 100):d}"] = start_year + row[f"t{round(f * 100):d}"]
        row["notes"] = "; ".join(eff.notes)
        rows.append(row)
    table = pd.DataFrame(rows)
    notes = table.pop("notes")
    table["dQ"] = table["Q"] - table["Q"].iloc[0]
    mid = f"t{round(sorted(fractions)[len(fractions) // 2] * 100):d}"
    table[f"d{mid}"] = table[mid] - table[mid].iloc[0]
    table["notes"] = notes
    return table
