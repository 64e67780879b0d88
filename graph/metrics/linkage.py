"""Industry-academia linkage and Krackhardt's E-I index.

How many enterprises work with any research institution or innovation
platform, which platforms no enterprise works with, and how inward-looking
groups (organisation types, cities) are.
"""

from __future__ import annotations

__all__ = ["industry_academia_linkage", "ei_index", "ei_index_by_group"]

import math

import numpy as np
import pandas as pd

from ssbkg.errors import GraphError

from ._csr import check_graph

#: Node types that count as "research" partners for an enterprise.
RESEARCH_TYPES = ("university", "research_institute")


def _attr(G, node, attribute, what):
    try:
        return G.nodes[node][attribute]
    except KeyError:
        raise GraphError(f"{what}: node {node!r} has no {attribute!r} attribute") from None


def _edges(G, include_derived):
    for a, b, data in G.edges(data=True):
        if a == b:
            continue
        if not include_derived and data.get("derived", False):
            continue
        yield a, b, data


def industry_academia_linkage(G, *, include_derived=True, partner_types=RESEARCH_TYPES + ("platform",)):
    """The share of enterprises linked to a research institution or platform.

    An enterprise counts as linked when it has at least one edge to a node
    whose ``type`` is in ``partner_types`` (by default universities, research
    institutes and platforms). Platforms with no edge to any enterprise are
    listed.

    Parameters
    ----------
    G : networkx.Graph
        Collaboration network; every node needs a ``type`` attribute.
    include_derived : bool
        Count edges marked ``derived=True`` (links that only come from a
        shared project or platform membership). False keeps direct
        collaborations only.
    partner_types : tuple of str
        Node types an enterprise must reach to count as linked.

    Returns
    -------
    dict
        ``n_enterprises``, ``n_linked``, ``share_linked`` (``n_linked /
        n_enterprises``; NaN when there are no enterprises, with
        ``note`` saying so), ``unlinked_enterprises`` (list),
        ``n_platforms``, ``platforms_without_enterprise`` (list, graph order)
        and ``note`` (empty string when nothing needed explaining).

    Raises
    ------
    GraphError
        If ``G`` is not a simple undirected graph or a node lacks ``type``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["e1", "e2", "e3"], type="enterprise")
    >>> G.add_node("u", type="university")
    >>> G.add_nodes_from(["p", "q"], type="platform")
    >>> G.add_edges_from([("e1", "u"), ("e2", "p"), ("e3", "e1"), ("q", "u")])
    >>> r = industry_academia_linkage(G)
    >>> r["n_linked"], round(r["share_linked"], 4), r["platforms_without_enterprise"]
    (2, 0.6667, ['q'])
    """
    check_graph(G, "industry_academia_linkage")
    types = {v: _attr(G, v, "type", "industry_academia_linkage") for v in G}
    partner_types = set(partner_types)
    enterprises = [v for v in G if types[v] == "enterprise"]
    platforms = [v for v in G if types[v] == "platform"]
    linked = set()
    platform_with_enterprise = set()
    for a, b, _ in _edges(G, include_derived):
        for x, y in ((a, b), (b, a)):
            if types[x] == "enterprise":
                if types[y] in partner_types:
                    linked.add(x)
                if types[y] == "platform":
                    platform_with_enterprise.add(y)
    n_ent = len(enterprises)
    note = "" if n_ent else "no enterprises in the graph: the linked share is undefined"
    return {
        "n_enterprises": n_ent,
        "n_linked": len(linked),
        "share_linked": len(linked) / n_ent if n_ent else math.nan,
        "unlinked_enterprises": [v for v in enterprises if v not in linked],
        "n_platforms": len(platforms),
        "platforms_without_enterprise": [p for p in platforms if p not in platform_with_enterprise],
        "note": note,
    }


def _ei_counts(G, attribute, weight, what):
    check_graph(G, what)
    if isinstance(attribute, dict):
        missing = [v for v in G if v not in attribute]
        if missing:
            raise GraphError(f"{what}: node {missing[0]!r} has no group in the mapping")
        group = {v: attribute[v] for v in G}
    else:
        group = {v: _attr(G, v, attribute, what) for v in G}
    internal = external = 0.0
    per_int, per_ext = {}, {}
    for a, b, data in G.edges(data=True):
        if a == b:
            continue
        w = 1.0 if weight is None else float(data.get(weight, 1))
        ga, gb = group[a], group[b]
        if ga == gb:
            internal += w
            per_int[ga] = per_int.get(ga, 0.0) + w
        else:
            external += w
            per_ext[ga] = per_ext.get(ga, 0.0) + w
            per_ext[gb] = per_ext.get(gb, 0.0) + w
    return group, internal, external, per_int, per_ext


def ei_index(G, attribute, *, weight=None):
    r"""Krackhardt and Stern's E-I index of the whole network by a node attribute.

    .. math::

        EI = \frac{E - I}{E + I}

    where E counts edges between nodes of different groups and I edges within
    a group (summing ``weight`` when given). -1: all ties inside groups; +1:
    all ties across groups.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph; every node needs ``attribute``.
    attribute : str or dict
        Node attribute defining the groups (e.g. ``"type"``, ``"region"``),
        or a mapping node -> group.
    weight : str, optional
        Edge attribute to sum instead of counting edges.

    Returns
    -------
    dict
        ``external`` (E), ``internal`` (I) and ``ei``.

    Raises
    ------
    GraphError
        If a node lacks ``attribute`` or the graph has no edges (E + I = 0:
        the index is undefined).

    References
    ----------
    .. [1] Krackhardt, D., Stern, R. N. (1988). Informal networks and
       organizational crises: an experimental simulation. Social Psychology
       Quarterly 51(2), 123-140.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(4)
    >>> nx.set_node_attributes(G, {0: "a", 1: "a", 2: "b", 3: "b"}, "g")
    >>> r = ei_index(G, "g")  # edges 0-1, 2-3 inside, 1-2 across: (1 - 2) / 3
    >>> r["external"], r["internal"], round(r["ei"], 4)
    (1.0, 2.0, -0.3333)
    """
    _, internal, external, _, _ = _ei_counts(G, attribute, weight, "ei_index")
    if internal + external == 0:
        raise GraphError("ei_index: the graph has no edges, so the E-I index is 0/0")
    return {"external": external, "internal": internal, "ei": (external - internal) / (external + internal)}


def ei_index_by_group(G, attribute, *, weight=None):
    r"""Krackhardt's E-I index of each group: its members' ties out versus in.

    For group g, :math:`I_g` counts edges with both ends in g and
    :math:`E_g` edges with exactly one end in g; :math:`EI_g = (E_g -
    I_g)/(E_g + I_g)`.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph; every node needs ``attribute``.
    attribute : str or dict
        Node attribute defining the groups, or a mapping node -> group.
    weight : str, optional
        Edge attribute to sum instead of counting edges.

    Returns
    -------
    pandas.DataFrame
        Index: the groups (sorted by their string form); columns ``n_nodes``,
        ``external``, ``internal``, ``ei``. ``ei`` is NaN for a group whose
        members have no edges at all (0/0), and ``note`` says so.

    Raises
    ------
    GraphError
        If a node lacks ``attribute``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(4)
    >>> G.add_node(4)
    >>> nx.set_node_attributes(G, {0: "a", 1: "a", 2: "b", 3: "b", 4: "c"}, "g")
    >>> t = ei_index_by_group(G, "g")  # a: 0-1 inside, 1-2 out; c: no edges
    >>> t["external"].tolist(), t["internal"].tolist(), t["ei"].tolist()
    ([1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, nan])
    """
    group, _, _, per_int, per_ext = _ei_counts(G, attribute, weight, "ei_index_by_group")
    groups = sorted(set(group.values()), key=str)
    size = pd.Series(list(group.values())).value_counts()
    rows = []
    for g in groups:
        e, i = per_ext.get(g, 0.0), per_int.get(g, 0.0)
        rows.append({
            "n_nodes": int(size[g]),
            "external": e,
            "internal": i,
            "ei": (e - i) / (e + i) if e + i else np.nan,
            "note": "" if e + i else "no edges touch this group: E-I is 0/0",
        })
    name = attribute if isinstance(attribute, str) else None
    return pd.DataFrame(rows, index=pd.Index(groups, name=name))
