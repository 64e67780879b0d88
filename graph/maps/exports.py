"""Graph exports that Gephi and Cytoscape read: GEXF, GraphML and Cytoscape JSON.

networkx writes GEXF and GraphML only for scalar attributes, and Gephi and
Cytoscape want one type per attribute. :func:`exportable` rewrites a map's
graph so that every attribute is a string, a number or a boolean: lists are
joined with ``"; "``, source records become ``title (date, reliability)``,
dicts become ``key=value`` pairs, and missing values (None, NaN) are left out
rather than written as ``None``. An attribute that is numeric on some nodes
and text on others is written as text everywhere.
"""

from __future__ import annotations

import io
import re
import json
import math

import networkx as nx

from ..errors import GraphError

__all__ = ["EXPORT_FORMATS", "exportable", "export_bytes"]

#: Formats of :func:`export_bytes` and ``ssbkg export-graph --format``.
EXPORT_FORMATS = ("gexf", "graphml", "json")

_SEP = "; "
_SKIP_GRAPH = {"positions"}


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _flat(v):
    """A scalar for one attribute value, or None to leave it out."""
    if _missing(v):
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v
    if hasattr(v, "item") and not isinstance(v, (list, tuple, dict, str)):  # numpy scalars
        return _flat(v.item())
    if isinstance(v, dict):
        if {"title", "id"} & set(v):
            bits = [b for b in (v.get("issued"), v.get("reliability")) if b]
            title = v.get("title") or v.get("id")
            return f"{title} ({', '.join(bits)})" if bits else str(title)
        parts = [f"{k}={_flat(x)}" for k, x in sorted(v.items()) if _flat(x) is not None]
        return _SEP.join(parts) if parts else None
    if isinstance(v, (list, tuple, set, frozenset)):
        items = [_flat(x) for x in (sorted(v, key=str) if isinstance(v, (set, frozenset)) else v)]
        items = [str(x) for x in items if x is not None and x != ""]
        return _SEP.join(items) if items else None
    return str(v)


def _source_ids(v):
    if isinstance(v, (list, tuple)) and v and all(isinstance(x, dict) for x in v):
        return _SEP.join(str(x.get("id")) for x in v if x.get("id"))
    return None


def _unify(records: list) -> None:
    """Make every attribute one type across records: text when types mix."""
    kinds: dict = {}
    for rec in records:
        for k, v in rec.items():
            t = "bool" if isinstance(v, bool) else "num" if isinstance(v, (int, float)) else "str"
            kinds.setdefault(k, set()).add(t)
    for k, ts in kinds.items():
        if len(ts) > 1:
            for rec in records:
                if k in rec:
                    rec[k] = str(rec[k])
        elif ts == {"num"}:
            for rec in records:
                if k in rec and isinstance(rec[k], int):
                    rec[k] = float(rec[k])


def exportable(G):
    """A copy of ``G`` with only string, number and boolean attributes (see module notes).

    Node ids become strings; sources give ``sources`` (``title (date,
    reliability)`` joined) and ``source_ids``; an edge's ``kinds`` list becomes
    ``kinds`` joined and ``kind`` (the first).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("a", segments=["cathode", "cells"], capacity_gwh=float("nan"), zh=None)
    >>> dict(exportable(G).nodes["a"])
    {'segments': 'cathode; cells', 'label': 'a'}
    """
    H = G.__class__()
    for k, v in G.graph.items():
        if k in _SKIP_GRAPH:
            continue
        f = _flat(v)
        if f is not None:
            H.graph[k] = f
    nodes = []
    for v, d in G.nodes(data=True):
        rec = {}
        for k, x in d.items():
            f = _flat(x)
            if f is not None:
                rec[k] = f
            if k == "sources":
                ids = _source_ids(x)
                if ids:
                    rec["source_ids"] = ids
        if "label" not in rec:
            rec["label"] = str(v)
        nodes.append((str(v), rec))
    _unify([r for _, r in nodes])
    H.add_nodes_from(nodes)
    if G.is_multigraph():
        raw = [(u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)]
    else:
        raw = [(u, v, None, d) for u, v, d in G.edges(data=True)]
    edges = []
    for u, v, key, d in raw:
        rec = {}
        for k, x in d.items():
            f = _flat(x)
            if f is not None:
                rec[k] = f
            if k == "sources":
                ids = _source_ids(x)
                if ids:
                    rec["source_ids"] = ids
        kinds = d.get("kinds")
        if isinstance(kinds, (list, tuple)) and kinds:
            rec["kind"] = str(kinds[0])
        edges.append((str(u), str(v), None if key is None else str(key), rec))
    _unify([r for *_, r in edges])
    for u, v, key, rec in edges:
        if key is None:
            H.add_edge(u, v, **rec)
        else:
            H.add_edge(u, v, key=key, **rec)
    return H


def export_bytes(G, format: str) -> bytes:
    """``G`` as GEXF 1.2, GraphML or Cytoscape.js JSON bytes (deterministic).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", kinds=["supply"])
    >>> back = nx.read_graphml(io.BytesIO(export_bytes(G, "graphml")))
    >>> back.edges["a", "b"]["kinds"]
    'supply'
    """
    if format not in EXPORT_FORMATS:
        raise GraphError(f"format must be one of {', '.join(EXPORT_FORMATS)}, not {format!r}")
    H = exportable(G)
    if format == "json":
        data = nx.cytoscape_data(H)
        return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
    buf = io.BytesIO()
    if format == "gexf":
        nx.write_gexf(H, buf, encoding="utf-8", prettyprint=True, version="1.2draft")
        # the writer stamps today's date: drop it so the same graph gives the same bytes
        return re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue(), count=1)
    else:
        nx.write_graphml(H, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buf.getvalue()
