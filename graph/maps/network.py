"""Draw a networkx graph as a self-contained, offline and safe vis-network page.

:func:`draw` turns a graph whose nodes carry the projection attributes
(``label``, ``label_zh``, ``type``, ``region``, ``segments``, ``routes``,
``capacity_gwh``, ``patents``, ``sources``...) into a :class:`MapNetwork`, a
``pyvis.network.Network`` whose HTML is rendered from ssbkg's own template:

- vis-network 9.1.2 is read from the pyvis wheel and inlined; no Bootstrap,
  no tom-select, no CDN, no web font: the page makes no request (and a
  Content-Security-Policy ``default-src 'none'`` forbids any);
- the data travel as JSON in a ``<script type="application/json">`` block with
  ``<``, ``>`` and ``&`` written as ``\\u003c``..., read with ``JSON.parse``; every
  label, tooltip, legend entry, filter value and search entry is set as text
  (``textContent``, vis-network's canvas labels, its ``innerText`` tooltips);
- the scripts are allowed by their SHA-256 hashes, so an injected inline
  handler cannot run even if escaping failed;
- positions come from Python (:mod:`ssbkg.maps.layout`) with a seed and physics
  is off, so the same graph gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from functools import lru_cache
from pathlib import Path

import networkx as nx
import numpy as np
from pyvis.network import Network

from ..errors import GraphError
from ..io import atomic_write
from ..metrics.cluster import VALUE_CHAIN
from .layout import auto_positions

__all__ = [
    "MapNetwork",
    "draw",
    "aggregate",
    "COLOR_BY",
    "SIZE_BY",
    "PHYSICS_MAX_NODES",
    "AGGREGATE_ABOVE",
    "VIS_VERSION",
]

#: Physics (vis-network's own force layout, started from the Python positions) may be
#: asked for up to this many nodes; above it the request is refused with a note.
PHYSICS_MAX_NODES = 300

#: Above this many nodes :func:`draw` aggregates nodes by region or community.
AGGREGATE_ABOVE = 2500

#: Node colourings and sizings understood by :func:`draw`.
COLOR_BY = ("type", "segment", "stage", "community", "region")
SIZE_BY = ("degree", "capacity", "patents", "betweenness")

VIS_VERSION = "9.1.2"

_NONE = "(none)"

#: A colour-blind-friendly qualitative palette (Okabe-Ito, then Tableau 10, then grey shades).
PALETTE = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
    "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#76B7B2", "#EDC948", "#FF9DA7",
    "#9C755F", "#E15759",
]
OTHER_COLOUR = "#9A9A9A"

TYPE_COLOURS = {
    "enterprise": "#0072B2",
    "university": "#E69F00",
    "research_institute": "#D55E00",
    "government_body": "#009E73",
    "platform": "#CC79A7",
    "project": "#56B4E9",
    "region": "#F0E442",
    "segment": "#7F7F7F",
    "group": "#76B7B2",
}
STAGE_COLOURS = {"upstream": "#E69F00", "midstream": "#0072B2", "downstream": "#009E73"}

KIND_COLOURS = {
    "joint_development": "#0072B2",
    "joint_venture": "#56B4E9",
    "equity_investment": "#E69F00",
    "government_funding": "#009E73",
    "supply": "#D55E00",
    "licensing": "#CC79A7",
    "technology_transfer": "#B07AA1",
    "platform_membership": "#9C755F",
    "derived": "#BBBBBB",
}

_SEGMENT_ORDER = [s for segs in VALUE_CHAIN.values() for s in segs]
_STAGE_OF = {s: stage for stage, segs in VALUE_CHAIN.items() for s in segs}

_TEMPLATES = Path(__file__).parent


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def vis_js() -> str:
    """vis-network's standalone build, read from the pyvis wheel."""
    import pyvis

    path = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    text = path.read_text(encoding="utf-8")
    if "</script" in text.lower():  # cannot be inlined safely
        raise GraphError(f"{path} contains '</script' and cannot be inlined")
    return text


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def json_for_script(value) -> str:
    r"""JSON safe inside a ``<script>`` element: ``<``, ``>``, ``&`` and U+2028/9 escaped.

    Examples
    --------
    >>> json_for_script({"a": "</script>"})
    '{"a":"\\u003c/script\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


class MapNetwork(Network):
    """A ``pyvis.network.Network`` that renders ssbkg's offline, escaped page.

    Nodes and edges are pyvis's dicts (``net.nodes``, ``net.edges``), ``net.options``
    is the vis-network options dict, and ``net.ssbkg`` holds the title, notes,
    legend and filters. :meth:`generate_html` returns the page;
    :meth:`write_html` writes it atomically; in a notebook the object shows
    itself inline (``_repr_html_``, an ``<iframe srcdoc>``).
    """

    def __init__(self, *, title: str = "", directed: bool = False, height: str = "760px"):
        super().__init__(height=height, width="100%", directed=directed, heading=title,
                         cdn_resources="in_line")
        self.options = {}
        self.ssbkg = {"title": title, "notes": [], "legend": {}, "filters": [], "meta": {}}

    # pyvis's own node/edge adders scan lists (quadratic); these keep its structures.
    def _put_node(self, options: dict):
        nid = options["id"]
        if nid in self.node_map:
            raise GraphError(f"duplicate node {nid!r}")
        self.nodes.append(options)
        self.node_ids.append(nid)
        self.node_map[nid] = options

    def _put_edge(self, options: dict):
        self.edges.append(options)

    def page_data(self) -> dict:
        """Everything the page's script reads: nodes, edges, options, legend, filters, notes."""
        return {**self.ssbkg, "nodes": self.nodes, "edges": self.edges, "options": self.options}

    def generate_html(self, name="index.html", local=True, notebook=False) -> str:
        """The self-contained page (vis-network inlined, data as escaped JSON)."""
        app = _asset("map.js")
        vis = vis_js()
        csp = ("default-src 'none'; "
               f"script-src '{_sha256(vis)}' '{_sha256(app)}'; "
               "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
               "frame-src 'none'; form-action 'none'; base-uri 'none'")
        page = _asset("map.html.tmpl")
        parts = {
            "{{csp}}": html.escape(csp, quote=True),
            "{{title}}": html.escape(self.ssbkg.get("title") or "ssbkg map", quote=True),
            "{{height}}": html.escape(str(self.height), quote=True),
            "{{css}}": _asset("map.css"),
            "{{data}}": json_for_script(self.page_data()),
            "{{vis}}": vis,
            "{{app}}": app,
        }
        out = []
        rest = page
        # substitute in one pass, in template order, so data can never be re-substituted
        while True:
            idx = [(rest.find(k), k) for k in parts if rest.find(k) >= 0]
            if not idx:
                out.append(rest)
                break
            pos, key = min(idx)
            out.append(rest[:pos])
            out.append(parts[key])
            rest = rest[pos + len(key):]
        self.html = "".join(out)
        return self.html

    def write_html(self, name, local=True, notebook=False, open_browser=False):
        """Write the page to ``name`` atomically (a whole file or none)."""
        text = self.generate_html()
        with atomic_write(name) as fh:
            fh.write(text)
        return str(name)

    save_graph = write_html

    def show(self, name, local=True, notebook=True):
        """Write the page and return an inline view for notebooks."""
        self.write_html(name)
        return _Inline(self.generate_html())

    def _repr_html_(self) -> str:
        return _Inline(self.generate_html())._repr_html_()

    def __str__(self):
        return self.__repr__()

    def __repr__(self):
        return f"<MapNetwork {self.ssbkg.get('title')!r} |N|={len(self.nodes)} |E|={len(self.edges)}>"


class _Inline:
    def __init__(self, page: str):
        self.page = page

    def _repr_html_(self) -> str:
        return ('<iframe style="width:100%;height:820px;border:0" sandbox="allow-scripts" '
                f'srcdoc="{html.escape(self.page, quote=True)}"></iframe>')


# -- helpers ----------------------------------------------------------------
def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _listed(v) -> list:
    if _missing(v):
        return []
    if isinstance(v, (list, tuple, set, frozenset)):
        return [x for x in v if not _missing(x)]
    if isinstance(v, str):
        return [x for x in v.split(";") if x]
    return [v]


def _first_segment(segments) -> str | None:
    segs = _listed(segments)
    known = [s for s in _SEGMENT_ORDER if s in segs]
    if known:
        return known[0]
    return sorted(map(str, segs))[0] if segs else None


def _fmt_number(v) -> str:
    if _missing(v):
        return "no data"
    v = float(v)
    if v == int(v) and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.3g}" if abs(v) < 1 else f"{v:,.1f}"


def _palette_for(values: list, fixed: dict | None = None) -> dict:
    fixed = fixed or {}
    out = {}
    free = [c for c in PALETTE if c not in fixed.values()]
    i = 0
    for v in values:
        if v in fixed:
            out[v] = fixed[v]
        elif v == _NONE:
            out[v] = OTHER_COLOUR
        elif i < len(free):
            out[v] = free[i]
            i += 1
        else:
            out[v] = OTHER_COLOUR
    return out


def _node_category(G, v, d, color_by, community):
    if color_by == "type":
        return d.get("type") or _NONE
    if color_by == "segment":
        return _first_segment(d.get("segments")) or _NONE
    if color_by == "stage":
        seg = _first_segment(d.get("segments"))
        return _STAGE_OF.get(seg, _NONE) if seg else (d.get("stage") or _NONE)
    if color_by == "community":
        return f"community {community[v] + 1}" if v in community else _NONE
    if color_by == "region":
        return d.get("group_region_label") or d.get("group_region") or d.get("region") or _NONE
    raise GraphError(f"color_by must be one of {', '.join(COLOR_BY)}, not {color_by!r}")


def _size_values(G, size_by, *, seed):
    if size_by == "degree":
        return {v: float(G.degree(v)) for v in G}, "degree (links)"
    if size_by == "capacity":
        return {v: d.get("capacity_gwh") for v, d in G.nodes(data=True)}, "announced capacity (GWh)"
    if size_by == "patents":
        return {v: d.get("patents") for v, d in G.nodes(data=True)}, "patents"
    if size_by == "betweenness":
        from ..metrics.brokerage import betweenness

        U = nx.Graph(G) if (G.is_directed() or G.is_multigraph()) else G
        if U.number_of_nodes() < 3:
            return {v: None for v in G}, "betweenness (undefined below 3 nodes)"
        sources = None if U.number_of_nodes() <= 2000 else 500
        b = betweenness(U, sources=sources, seed=seed)
        what = "betweenness" if b.exact else f"betweenness (estimated from {b.n_sources} sources)"
        return {v: float(b.values[v]) for v in G}, what
    raise GraphError(f"size_by must be one of {', '.join(SIZE_BY)}, not {size_by!r}")


def _communities(G, seed) -> tuple[dict, str | None]:
    from ..metrics.communities import louvain

    U = nx.Graph(G) if (G.is_directed() or G.is_multigraph()) else G
    if U.number_of_nodes() == 0:
        return {}, None
    if U.number_of_edges() == 0:
        return {v: i for i, v in enumerate(sorted(U, key=str))}, \
            "no links: every node is its own community"
    comm = louvain(U, seed=seed)
    return comm.membership.to_dict(), None


def _source_line(s) -> str:
    if isinstance(s, dict):
        bits = [b for b in (s.get("issued"), s.get("reliability")) if b]
        title = s.get("title") or s.get("id") or "source"
        return f"{title} ({', '.join(bits)})" if bits else str(title)
    return str(s)


def _tooltip(d: dict, extra: list) -> str:
    lines = []
    label = d.get("label") or ""
    zh = d.get("label_zh")
    lines.append(f"{label} ({zh})" if zh and zh != label else str(label))
    if d.get("type"):
        lines.append(f"type: {d['type']}")
    if d.get("region"):
        reg = d.get("region_label") or d["region"]
        lines.append(f"region: {reg}" + (f" ({d['region']})" if reg != d["region"] else ""))
    segs = _listed(d.get("segments"))
    if segs:
        lines.append("segments: " + ", ".join(map(str, segs)))
    routes = _listed(d.get("routes"))
    if routes:
        lines.append("routes: " + ", ".join(map(str, routes)))
    for key, what in (("capacity_gwh", "capacity (GWh)"), ("patents", "patents")):
        if key in d and not _missing(d.get(key)):
            lines.append(f"{what}: {_fmt_number(d[key])}")
    for role in _listed(d.get("roles")):
        lines.append(str(role))
    lines.extend(extra)
    sources = _listed(d.get("sources"))
    if sources:
        lines.append("sources:")
        lines.extend(f"- {_source_line(s)}" for s in sources[:8])
        if len(sources) > 8:
            lines.append(f"- ... and {len(sources) - 8} more")
    return "\n".join(lines)


def _edge_tooltip(d: dict, a_label: str, b_label: str, arrow: str) -> str:
    lines = [f"{a_label} {arrow} {b_label}"]
    if d.get("label"):
        lines.append(f"property: {d['label']}")
    kinds = _listed(d.get("kinds"))
    if kinds:
        lines.append("kinds: " + ", ".join(map(str, kinds)))
    if d.get("n_direct") is not None and d.get("n_derived") is not None:
        lines.append(f"collaborations: {d['n_direct']}, shared projects/platforms: {d['n_derived']}")
    via = _listed(d.get("via"))
    if via:
        lines.append("via: " + ", ".join(map(str, via[:6])) + (" ..." if len(via) > 6 else ""))
    starts = _listed(d.get("starts"))
    if starts:
        lines.append("started: " + ", ".join(map(str, starts)))
    sources = _listed(d.get("sources"))
    if sources:
        lines.append("sources:")
        lines.extend(f"- {_source_line(s)}" for s in sources[:8])
    elif d.get("derived") is True:
        lines.append("derived from shared projects or platforms (no source of its own)")
    elif d.get("graphs"):
        names = sorted({str(g).rstrip("/").rsplit("/", 1)[-1] for g in _listed(d.get("graphs")) if g})
        lines.append("no source row: stated in the " + ", ".join(names) + " graph")
    return "\n".join(lines)


def aggregate(G, *, by="region", seed=0):
    """Collapse nodes into one node per group (region or Louvain community).

    Parameters
    ----------
    G : networkx.Graph
    by : {"region", "community"}
        ``region`` groups by the node attribute ``group_region`` (else ``region``);
        nodes without one form the group "(none)".
    seed : int
        Seed of Louvain when ``by="community"``.

    Returns
    -------
    networkx.Graph
        Group nodes with ``label``, ``type="group"``, ``members`` (count) and
        ``member_types``; an edge's ``weight`` counts the links between the groups.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from([(1, {"region": "a"}), (2, {"region": "a"}), (3, {"region": "b"})])
    >>> G.add_edges_from([(1, 2), (2, 3), (1, 3)])
    >>> Q = aggregate(G, by="region")
    >>> sorted(Q.nodes(data="members"))
    [('a', 2), ('b', 1)]
    >>> Q["a"]["b"]["weight"]
    2
    """
    if by == "community":
        comm, _ = _communities(G, seed)
        key = {v: f"community {comm[v] + 1}" for v in G}
    elif by == "region":
        key = {v: str(d.get("group_region") or d.get("region") or _NONE) for v, d in G.nodes(data=True)}
    else:
        raise GraphError(f"aggregate by 'region' or 'community', not {by!r}")
    Q = nx.Graph()
    labels = {}
    for v, d in G.nodes(data=True):
        labels.setdefault(key[v], d.get("group_region_label") if by == "region" else None)
    groups: dict = {}
    for v in G:
        groups.setdefault(key[v], []).append(v)
    for g in sorted(groups):
        vs = groups[g]
        types = sorted({str(G.nodes[v].get("type") or _NONE) for v in vs})
        lab = labels.get(g) or g
        caps = [G.nodes[v].get("capacity_gwh") for v in vs]
        caps = [c for c in caps if not _missing(c)]
        pats = [G.nodes[v].get("patents") for v in vs]
        pats = [p for p in pats if not _missing(p)]
        Q.add_node(g, label=f"{lab} ({len(vs)})", type="group", members=len(vs),
                   member_types=types, region=g if by == "region" else None,
                   capacity_gwh=float(sum(caps)) if caps else None,
                   patents=float(sum(pats)) if pats else None,
                   roles=[f"members: {len(vs)}", "types: " + ", ".join(types)])
    for u, v in G.edges():
        a, b = key[u], key[v]
        if a == b:
            continue
        if Q.has_edge(a, b):
            Q[a][b]["weight"] += 1
        else:
            Q.add_edge(a, b, weight=1, kinds=["aggregated"])
    return Q


def draw(G, *, title="", color_by="type", size_by="degree", seed=0, positions=None,
         physics=False, max_nodes=AGGREGATE_ABOVE, aggregate_by=None, notes=(),
         shape_legend=None, edge_legend=None, filters=("type", "segment", "region", "kind"),
         directed=None, edge_facet_label="Collaboration kind") -> MapNetwork:
    """A :class:`MapNetwork` of ``G`` with a seeded layout, legend, search and filters.

    Parameters
    ----------
    G : networkx.Graph or DiGraph
        Node attributes read when present: ``label``, ``label_zh``, ``type``,
        ``region``/``region_label``, ``group_region``/``group_region_label``
        (the region used for colour and filters), ``segments``, ``routes``,
        ``capacity_gwh``, ``patents``, ``sources`` (dicts with title, issued,
        reliability), ``roles`` (extra tooltip lines), ``shape``, ``inside``.
        Edge attributes: ``kinds`` (first one styles the edge), ``label`` (drawn
        on the edge), ``derived``, ``weight``, ``sources``, ``arrow_from`` (draw
        the edge as an arrow from this end).
    title : str
    color_by : {"type", "segment", "stage", "community", "region"}
        ``segment`` and ``stage`` use a node's first segment in value-chain order.
    size_by : {"degree", "capacity", "patents", "betweenness"}
        Area proportional to the value; nodes without data drawn smallest.
    seed : int
        Seed of the layout and of Louvain.
    positions : dict, optional
        node -> (x, y) in pixels; default :func:`ssbkg.maps.layout.auto_positions`.
    physics : bool
        Let vis-network's physics run from the Python positions (refused with a
        note above :data:`PHYSICS_MAX_NODES` nodes).
    max_nodes : int or None
        Above this many nodes, aggregate (``None``: never).
    aggregate_by : {"region", "community"}, optional
        Default: region when nodes carry regions, else community.
    notes : sequence of str
        Shown above the map.

    Returns
    -------
    MapNetwork

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("a", label="<b>A</b>", type="enterprise")
    >>> G.add_node("b", label="B", type="university")
    >>> G.add_edge("a", "b", kinds=["joint_development"])
    >>> net = draw(G, seed=1)
    >>> net.num_nodes(), net.num_edges()
    (2, 1)
    >>> "<b>A</b>" in net.generate_html()
    False
    """
    if color_by not in COLOR_BY:
        raise GraphError(f"color_by must be one of {', '.join(COLOR_BY)}, not {color_by!r}")
    if size_by not in SIZE_BY:
        raise GraphError(f"size_by must be one of {', '.join(SIZE_BY)}, not {size_by!r}")
    notes = list(notes)
    n0 = G.number_of_nodes()
    if max_nodes is not None and n0 > max_nodes:
        by = aggregate_by or ("region" if any(d.get("group_region") or d.get("region")
                                              for _, d in G.nodes(data=True)) else "community")
        G = aggregate(G, by=by, seed=seed)
        notes.append(f"{n0:,} nodes are more than {max_nodes:,}: aggregated into "
                     f"{G.number_of_nodes():,} {by} groups (a node per group, sized by members; "
                     "a link counts the ties between two groups). Draw a region, or raise "
                     "max_nodes, to see organisations.")
        positions = None
        if color_by in ("segment", "stage"):
            color_by = "type"
        size_by = "degree" if size_by == "betweenness" else size_by
        if size_by == "degree":
            size_by = "members"
    if directed is None:
        directed = G.is_directed()
    n = G.number_of_nodes()
    if n == 0:
        notes.append("nothing to draw: the graph has no nodes")
    elif G.number_of_edges() == 0:
        notes.append("no links among these nodes: the map shows them unconnected")
    if positions is None:
        positions, layout_name = auto_positions(G, seed=seed)
    else:
        layout_name = "given"
    if physics and n > PHYSICS_MAX_NODES:
        notes.append(f"physics is off above {PHYSICS_MAX_NODES} nodes ({n:,} here): "
                     "positions are the seeded layout computed in Python")
        physics = False

    community, cnote = ({}, None)
    if color_by == "community" or any(f == "community" for f in filters):
        community, cnote = _communities(G, seed)
        if cnote and color_by == "community":
            notes.append(cnote)

    # sizes
    if size_by == "members":
        values = {v: float(d.get("members", 1)) for v, d in G.nodes(data=True)}
        size_what = "members"
    else:
        values, size_what = _size_values(G, size_by, seed=seed)
    for v, d in G.nodes(data=True):
        if "size_value" in d:
            values[v] = d["size_value"]
    known = [float(x) for x in values.values() if not _missing(x)]
    vmax = max(known) if known else 0.0
    missing_n = sum(1 for x in values.values() if _missing(x))
    lo, hi = (6.0, 34.0) if n <= 500 else (4.0, 18.0)

    def size_of(v):
        x = values.get(v)
        if _missing(x) or vmax <= 0:
            return lo
        return round(lo + (hi - lo) * math.sqrt(max(float(x), 0.0) / vmax), 2)

    if vmax <= 0:
        notes.append(f"no node has a positive {size_what}: all are drawn the same size")

    # colours
    cats = {v: _node_category(G, v, d, color_by, community) for v, d in G.nodes(data=True)}
    values_sorted = sorted(set(cats.values()), key=lambda c: (c == _NONE, _cat_order(color_by, c)))
    fixed = TYPE_COLOURS if color_by == "type" else STAGE_COLOURS if color_by == "stage" else None
    colours = _palette_for(values_sorted, fixed)
    if len([c for c in values_sorted if c != _NONE]) > len(PALETTE):
        notes.append(f"more {color_by} values than colours: the smallest share grey")

    net = MapNetwork(title=title, directed=bool(directed))
    labels = {}
    for v in _node_order(G):
        d = G.nodes[v]
        nid = str(v)
        label = str(d.get("label") if not _missing(d.get("label")) else v)
        labels[v] = label
        x, y = positions.get(v, (0.0, 0.0))
        colour = colours[cats[v]]
        node = {
            "id": nid, "label": label, "x": x, "y": y, "size": size_of(v),
            "shape": d.get("shape") or "dot",
            "color": {"background": colour, "border": "#333333" if d.get("inside", True) else colour,
                      "highlight": {"background": colour, "border": "#000000"}},
            "title": _tooltip(d, []),
            "borderWidth": 2 if d.get("shape") in ("star", "diamond") else 1,
        }
        if d.get("inside") is False:
            node["color"]["background"] = _lighten(colour)
            node["shapeProperties"] = {"borderDashes": [4, 3]}
        if d.get("label_zh") and not _missing(d.get("label_zh")):
            node["zh"] = str(d["label_zh"])
        facets = {
            "type": [str(d.get("type") or _NONE)],
            "segment": [str(s) for s in _listed(d.get("segments"))] or [_NONE],
            "region": [str(d.get("group_region_label") or d.get("group_region") or d.get("region") or _NONE)],
        }
        node["f"] = {k: facets[k] for k in facets if k in filters}
        if physics is False:
            node["physics"] = False
        net._put_node(node)

    kinds_seen = set()
    for i, (u, v, d) in enumerate(_edge_order(G)):
        kinds = [str(k) for k in _listed(d.get("kinds"))]
        if d.get("derived") is True and not kinds:
            kinds = ["derived"]
        kind = kinds[0] if kinds else "link"
        if d.get("derived") is True:
            kind = "derived"
        kinds_seen.update(kinds or ["link"])
        a, b = u, v
        arrow = "-"
        arrows = None
        if directed or d.get("arrow_from") is not None:
            if d.get("arrow_from") is not None and str(d["arrow_from"]) == str(v):
                a, b = v, u
            arrows = "to"
            arrow = "->"
        colour = KIND_COLOURS.get(kind, "#888888")
        w = d.get("weight", 1)
        w = float(w) if isinstance(w, (int, float)) and not _missing(w) else 1.0
        edge = {
            "id": f"e{i}", "from": str(a), "to": str(b),
            "color": {"color": colour, "highlight": "#000000", "opacity": 0.85},
            "width": round(min(1.0 + math.log2(max(w, 1.0)), 6.0), 2),
            "title": _edge_tooltip(d, labels.get(a, str(a)), labels.get(b, str(b)), arrow),
            "f": {"kind": kinds or ["link"]},
        }
        if d.get("derived") is True:
            edge["dashes"] = True
        if arrows:
            edge["arrows"] = arrows
        if d.get("label") and not _missing(d.get("label")):
            edge["label"] = str(d["label"])
            edge["font"] = {"size": 10, "align": "middle", "color": "#444444"}
        net._put_edge(edge)

    big = n > 1000
    net.options = {
        "autoResize": True,
        "physics": {"enabled": bool(physics), "stabilization": {"iterations": 150}},
        "layout": {"improvedLayout": False, "randomSeed": int(seed) % (2 ** 31)},
        "interaction": {"hover": not big, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "navigationButtons": False, "keyboard": False},
        "edges": {"smooth": False if (big or not physics) else {"type": "continuous"},
                  "selectionWidth": 2},
        "nodes": {"font": {"size": 12 if not big else 8, "face": "sans-serif"},
                  "scaling": {"label": {"enabled": False}}},
    }

    legend = {
        "colour": {"by": color_by, "items": [[c, colours[c]] for c in values_sorted]},
        "size": _size_legend(size_what, values, G, vmax, missing_n),
        "shapes": [list(x) for x in (shape_legend or [])],
        "edges": [list(x) for x in (edge_legend or [[k, KIND_COLOURS.get(k, "#888888"),
                                                       k == "derived"]
                                                      for k in sorted(kinds_seen)])],
    }
    filt = []
    facet_names = {"type": "Type", "segment": "Segment", "region": "Region",
                   "kind": edge_facet_label}
    for facet in filters:
        if facet == "kind":
            vals = sorted({k for e in net.edges for k in e["f"]["kind"]})
            on = "edge"
        else:
            vals = sorted({x for nd in net.nodes for x in nd["f"].get(facet, [])},
                          key=lambda c: (c == _NONE, _cat_order(facet, c)))
            on = "node"
        if len(vals) >= 1 and (n or on == "edge"):
            filt.append({"facet": facet, "label": facet_names.get(facet, facet), "on": on,
                         "values": vals})
    net.ssbkg.update({
        "title": title, "notes": notes, "legend": legend, "filters": filt,
        "meta": {"nodes": n, "edges": G.number_of_edges(), "layout": layout_name, "seed": seed,
                 "physics": bool(physics), "color_by": color_by, "size_by": size_by,
                 "generator": "ssbkg.maps", "vis_network": VIS_VERSION},
    })
    return net


def _lighten(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    r, g, b = (int(round(c + (255 - c) * 0.55)) for c in (r, g, b))
    return f"#{r:02X}{g:02X}{b:02X}"


def _cat_order(facet, c):
    if facet in ("segment",) and c in _SEGMENT_ORDER:
        return (0, _SEGMENT_ORDER.index(c), "")
    if facet == "stage" and c in STAGE_COLOURS:
        return (0, list(STAGE_COLOURS).index(c), "")
    if facet == "type" and c in TYPE_COLOURS:
        return (0, list(TYPE_COLOURS).index(c), "")
    if facet == "community" and c.startswith("community "):
        return (0, int(c.split()[-1]), "")
    return (1, 0, str(c))


def _node_order(G):
    return sorted(G.nodes, key=lambda v: (type(v).__name__, str(v)))


def _edge_order(G):
    edges = list(G.edges(data=True))
    return sorted(edges, key=lambda e: (str(e[0]), str(e[1]), json.dumps(_plain(e[2]), sort_keys=True, default=str)))


def _plain(d):
    return {k: (list(v) if isinstance(v, (set, frozenset, tuple)) else v) for k, v in d.items()
            if not isinstance(v, (np.ndarray,))}


def _size_legend(what, values, G, vmax, missing_n) -> dict:
    known = {v: float(x) for v, x in values.items() if not _missing(x)}
    out = {"by": what, "max": _fmt_number(vmax) if known else "no data", "max_node": None,
           "missing": missing_n, "text": ""}
    if known and vmax > 0:
        top = sorted(known, key=lambda v: (-known[v], str(v)))[0]
        out["max_node"] = str(G.nodes[top].get("label") or top)
        out["text"] = (f"radius grows with the square root of {what}; largest: {out['max_node']} "
                       f"({out['max']})")
    else:
        out["text"] = f"all the same size: no {what} data"
    if missing_n:
        out["text"] += f"; {missing_n} without data drawn smallest"
    return out
