"""The four maps of the KG: collaboration, value chain, regions, ego network.

Each map has two functions: ``*_graph(kg, ...)`` returns the networkx graph it
draws, with the attributes the drawing and the exports read (labels in English
and Chinese, type, region, segments, routes, sources with title, date and
reliability), and ``*_map(kg, ...)`` returns the :class:`ssbkg.maps.MapNetwork`
(a ``pyvis.network.Network``) and leaves writing to the caller.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from functools import lru_cache

import networkx as nx
import pyoxigraph as ox

from .. import projections as P
from ..errors import GraphError, NotFoundError
from ..metrics.cluster import VALUE_CHAIN
from ..resources import queries_dir
from .layout import SPACING, disc_offsets
from .network import AGGREGATE_ABOVE, KIND_COLOURS, TYPE_COLOURS, draw

__all__ = [
    "KINDS",
    "collaboration_graph",
    "collaboration_map",
    "chain_graph",
    "chain_map",
    "region_graph",
    "region_map",
    "ego_graph",
    "ego_map",
    "map_graph",
    "make_map",
]

#: Map kinds of :func:`make_map` and ``ssbkg map KIND``.
KINDS = ("collaboration", "chain", "region", "ego")

_STAGE_OF = {s: stage for stage, segs in VALUE_CHAIN.items() for s in segs}
_SEGMENT_ORDER = [s for segs in VALUE_CHAIN.values() for s in segs]
_RELIABILITY = "https://w3id.org/ssbkg/ontology#reliability_"


@lru_cache(maxsize=None)
def _query(name: str) -> str:
    return (queries_dir() / "maps" / f"{name}.rq").read_text(encoding="utf-8")


def _text(v):
    return P._text(v)


def _labels(kg) -> dict:
    """IRI -> {"en": label, "zh": label}."""
    out: dict = defaultdict(dict)
    df = kg.query_df(_query("labels"), name="maps/labels")
    for node, lang, label in zip(df["node"], df["lang"], df["label"]):
        lang = (_text(lang) or "").lower()
        key = "zh" if lang.startswith("zh") else "en" if lang.startswith("en") or not lang else None
        if key and key not in out[node]:
            out[node][key] = str(label)
    return dict(out)


def _source_dict(source, title, issued, reliability) -> dict:
    rel = _text(reliability)
    if rel and rel.startswith(_RELIABILITY):
        rel = rel[len(_RELIABILITY):]
    return {"id": P.local_id(source), "title": _text(title) or P.local_id(source),
            "issued": _text(issued) or "", "reliability": rel or ""}


def _sources(kg) -> tuple[dict, dict]:
    """(entity IRI -> [source dict], source id -> source dict), sorted by date then title."""
    df = kg.query_df(_query("entity-sources"), name="maps/entity-sources")
    by_node: dict = defaultdict(dict)
    info: dict = {}
    for rec in df.to_dict("records"):
        s = _source_dict(rec["source"], rec.get("title"), rec.get("issued"), rec.get("reliability"))
        by_node[rec["node"]][s["id"]] = s
        info[s["id"]] = s
    out = {k: sorted(v.values(), key=lambda s: (s["issued"], s["title"], s["id"]))
           for k, v in by_node.items()}
    return out, info


def _by_local(mapping: dict, prefixes=("org/", "platform/", "region/")) -> dict:
    out = {}
    for iri, value in mapping.items():
        if not iri.startswith(P.DATA):
            continue
        rest = iri[len(P.DATA):]
        if rest.startswith(prefixes):
            out.setdefault(rest.split("/", 1)[1], value)
    return out


def _region_id(kg, region):
    if region is None:
        return None
    from ..analysis import region_id

    return region_id(kg, region)


def _region_label(labels_local, rid):
    lab = labels_local.get(rid, {})
    return lab.get("en") or lab.get("zh") or rid


def _group_region(regions, focus, country=None):
    """The region a node is grouped under: the child of ``focus`` on its chain (``focus``
    itself when the node is located directly in it), None outside ``focus``; without a
    focus, its country (else its most general region below the world)."""
    regions = list(regions or [])
    if focus is not None:
        if focus not in regions:
            return None
        i = regions.index(focus)
        return regions[i - 1] if i > 0 else focus
    if country:
        return country
    below = [r for r in regions if r != "world"]
    return below[-1] if below else (regions[0] if regions else None)


def _org_nodes(kg, orgs, focus=None, *, labels=None, sources=None):
    """node id -> attribute dict for the organisation table rows."""
    labels = _labels(kg) if labels is None else labels
    if sources is None:
        sources, _ = _sources(kg)
    lab_local = _by_local(labels)
    src_local = _by_local(sources)
    out = {}
    for rec in orgs.to_dict("records"):
        nid = rec["id"]
        regions = list(rec.get("regions") or [])
        country = rec.get("region_country")
        group = _group_region(regions, focus, _text(country))
        outside = False
        if group is None:
            outside = True
            group = _text(country) or _text(rec.get("region"))
        out[nid] = {
            "label": rec.get("label") or nid,
            "label_zh": lab_local.get(nid, {}).get("zh"),
            "type": rec.get("type"),
            "sector": rec.get("sector"),
            "region": _text(rec.get("region")),
            "region_label": _region_label(lab_local, _text(rec.get("region"))) if _text(rec.get("region")) else None,
            "regions": regions,
            "group_region": group,
            "group_region_label": (_region_label(lab_local, group) if group else None),
            "segments": list(rec.get("segments") or []),
            "routes": list(rec.get("routes") or []),
            "capacity_gwh": _num(rec.get("capacity_gwh")),
            "patents": _num(rec.get("patents")),
            "sources": src_local.get(nid, []),
            "outside": outside,
        }
    return out


def _num(v):
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


# -- collaboration --------------------------------------------------------
def collaboration_graph(kg, *, region=None, scope="within", derived=True, key_players=3,
                        brokers=3, seed=0):
    """The collaboration network with map attributes, key players and brokers marked.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    region : str, optional
        Region id or English/Chinese label; None for the whole KG.
    scope : {"within", "touching"}
        See :func:`ssbkg.projections.collaboration_graph`.
    derived : bool
        Include links derived from shared projects and platforms (drawn dashed).
    key_players : int
        Size of the greedy key-player set (Borgatti's F), marked as stars (0: none).
    brokers : int
        The nodes of highest betweenness (above 0), marked as diamonds (0: none).
    seed : int

    Returns
    -------
    networkx.Graph
        Nodes: organisations and platforms; edges: ``kinds``, ``weight``,
        ``derived``, ``sources`` (dicts), ``arrow_from`` for directed kinds
        (funding, investment, supply, licensing, transfer, membership).
        ``G.graph["notes"]`` lists what could not be computed.
    """
    rid = _region_id(kg, region)
    orgs = P.organisation_table(kg)
    collabs = P.collaboration_table(kg)
    base = P.collaboration_graph(kg, region=rid, scope=scope, derived=derived, orgs=orgs,
                                 collabs=collabs)
    labels = _labels(kg)
    sources, info = _sources(kg)
    attrs = _org_nodes(kg, orgs, rid, labels=labels, sources=sources)
    G = nx.Graph(region=rid, scope=scope, derived=derived, kind="collaboration")
    notes = []
    for v in sorted(base):
        a = dict(attrs[v])
        a["inside"] = bool(base.nodes[v].get("inside", True))
        G.add_node(v, **a)
    direction: dict = defaultdict(set)
    for rec in collabs.itertuples(index=False):
        f, t = _text(rec.from_party), _text(rec.to_party)
        if f and t:
            direction[tuple(sorted((f, t)))].add((f, t, rec.kind))
    for u, v, d in sorted(base.edges(data=True), key=lambda e: (e[0], e[1])):
        e = {
            "weight": d["weight"], "n_direct": d["n_direct"], "n_derived": d["n_derived"],
            "derived": bool(d["derived"]), "kinds": list(d["kinds"]), "starts": list(d["starts"]),
            "via": list(d["via"]),
            "sources": [info.get(s, {"id": s, "title": s, "issued": "", "reliability": ""})
                        for s in d["sources"]],
        }
        dirs = direction.get(tuple(sorted((u, v))), set())
        ends = {f for f, _, _ in dirs}
        if len(ends) == 1:
            e["arrow_from"] = next(iter(ends))
            e["directed_kinds"] = sorted({k for _, _, k in dirs})
        G.add_edge(u, v, **e)
    roles: dict = defaultdict(list)
    if key_players and G.number_of_edges() and G.number_of_nodes() - key_players >= 2:
        from ..metrics.keyplayer import key_players as kp

        found = kp(G, key_players, metric="F", seed=seed)
        for rank, v in enumerate(found.nodes, 1):
            roles[v].append(f"key player #{rank} (removing the set leaves F = {found.value:.3f})")
        G.graph["key_players"] = list(found.nodes)
    elif key_players and not G.number_of_edges():
        notes.append("key players not computed: the network has no links")
    elif key_players:
        notes.append(f"key players not computed: removing {key_players} of "
                     f"{G.number_of_nodes()} nodes leaves fewer than 2")
    if brokers and G.number_of_nodes() >= 3 and G.number_of_edges():
        from ..metrics.brokerage import betweenness

        b = betweenness(G, sources=None if G.number_of_nodes() <= 2000 else 500, seed=seed)
        vals = b.values
        top = sorted((v for v in vals.index if vals[v] > 0), key=lambda v: (-vals[v], str(v)))
        top = top[:brokers]
        for rank, v in enumerate(top, 1):
            roles[v].append(f"broker #{rank} (betweenness {vals[v]:.3f})")
        G.graph["brokers"] = top
        if not top:
            notes.append("no broker: no node lies on a shortest path between two others")
    for v, rs in roles.items():
        G.nodes[v]["roles"] = rs
        kp_role = any(r.startswith("key player") for r in rs)
        G.nodes[v]["shape"] = "star" if kp_role else "diamond"
    G.graph["notes"] = notes
    return G


def _collab_legends(G):
    shapes = [["organisation or platform", "dot"]]
    if G.graph.get("key_players"):
        shapes.append(["key player (removal fragments the network most)", "star"])
    if G.graph.get("brokers"):
        shapes.append(["broker (highest betweenness)", "diamond"])
    if any(d.get("inside") is False for _, d in G.nodes(data=True)):
        shapes.append(["partner outside the region (pale, dashed border)", "dot"])
    kinds = sorted({k for _, _, d in G.edges(data=True) for k in d.get("kinds", [])})
    edges = [[k, KIND_COLOURS.get(k, "#888888"), False] for k in kinds]
    if any(d.get("derived") for _, _, d in G.edges(data=True)):
        edges.append(["derived (shared project or platform)", KIND_COLOURS["derived"], True])
    if any(d.get("arrow_from") for _, _, d in G.edges(data=True)):
        edges.append(["arrow: directed kind (from funder, investor, supplier, host)", "#555555", False])
    return shapes, edges


def collaboration_map(kg, *, region=None, scope="within", derived=True, color_by="type",
                      size_by="degree", key_players=3, brokers=3, seed=0,
                      max_nodes=AGGREGATE_ABOVE, physics=False):
    """The collaboration map: organisations and platforms, links styled by kind.

    Key players are stars, brokers diamonds; directed kinds are arrows; links
    only derived from shared projects or platforms are dashed.

    Returns
    -------
    ssbkg.maps.MapNetwork
    """
    G = collaboration_graph(kg, region=region, scope=scope, derived=derived,
                            key_players=key_players, brokers=brokers, seed=seed)
    rid = G.graph["region"]
    where = f"in {_region_label(_by_local(_labels(kg)), rid)}" if rid else "in the KG"
    title = f"Collaboration network {where}" + (" and its partners" if scope == "touching" else "")
    shapes, edges = _collab_legends(G)
    return draw(G, title=title, color_by=color_by, size_by=size_by, seed=seed,
                physics=physics, max_nodes=max_nodes, notes=G.graph["notes"],
                shape_legend=shapes, edge_legend=edges)


# -- value chain ------------------------------------------------------------
def chain_graph(kg, *, region=None, scope="within", seed=0):
    """A region's value chain: segment nodes in stage columns, organisations under them.

    Organisations sit under their first segment in value-chain order and link
    to each of their segments (``kinds=["segment"]``); supply collaborations
    among them are arrows from the supplier. With ``scope="touching"`` the
    suppliers and customers outside the region are added (pale). Organisations
    with no segment go to a column of their own, with a note.

    Returns
    -------
    networkx.DiGraph
        ``G.graph["positions"]`` holds the layered layout.
    """
    if scope not in ("within", "touching"):
        raise GraphError(f"scope must be 'within' or 'touching', not {scope!r}")
    rid = _region_id(kg, region)
    orgs = P.organisation_table(kg)
    labels = _labels(kg)
    lab_local = _by_local(labels)
    sources, info = _sources(kg)
    attrs = _org_nodes(kg, orgs, rid, labels=labels, sources=sources)
    inside = {o for o, a in attrs.items() if rid is None or rid in a["regions"]}
    collabs = P.collaboration_table(kg)
    supply = []
    for rec in collabs.itertuples(index=False):
        if rec.kind != "supply":
            continue
        f, t = _text(rec.from_party), _text(rec.to_party)
        parties = [p for p in rec.parties if p in attrs]
        if not (f and t):
            if len(parties) != 2:
                continue
            f, t = sorted(parties)
        if f not in attrs or t not in attrs:
            continue
        if scope == "within" and not (f in inside and t in inside):
            continue
        if scope == "touching" and not (f in inside or t in inside):
            continue
        supply.append((f, t, rec))
    members = set(inside)
    if scope == "touching":
        for f, t, _ in supply:
            members.update((f, t))
    G = nx.DiGraph(region=rid, scope=scope, kind="chain")
    notes = []
    seg_labels = {}
    for iri, lab in labels.items():
        if iri.startswith(P.ONTO + "seg_"):
            seg_labels[iri[len(P.ONTO) + 4:]] = lab
    used = sorted({s for o in members for s in attrs[o]["segments"]},
                  key=lambda s: (_SEGMENT_ORDER.index(s) if s in _SEGMENT_ORDER else 99, s))
    for s in used:
        lab = seg_labels.get(s, {})
        G.add_node(f"segment:{s}", label=lab.get("en") or s.replace("_", " "), label_zh=lab.get("zh"),
                   type="segment", segments=[s], stage=_STAGE_OF.get(s, "other"), shape="box",
                   group_region=None)
    for o in sorted(members):
        a = dict(attrs[o])
        a["inside"] = o in inside
        G.add_node(o, **a)
        for s in a["segments"]:
            G.add_edge(o, f"segment:{s}", kinds=["segment"], weight=1, label=None)
    for f, t, rec in supply:
        srcs = [info.get(s, {"id": s, "title": s, "issued": "", "reliability": ""}) for s in rec.sources]
        if G.has_edge(f, t):
            G[f][t]["sources"].extend(srcs)
            continue
        G.add_edge(f, t, kinds=["supply"], weight=1, sources=srcs, arrow_from=f,
                   starts=[_text(rec.start)] if _text(rec.start) else [])
    if not supply:
        where = f"in {_region_label(lab_local, rid)}" if rid else "in the KG"
        notes.append(f"no supply link is recorded among these organisations {where}")
    nosegs = sorted(o for o in members if not attrs[o]["segments"])
    if nosegs:
        one = len(nosegs) == 1
        notes.append(f"{len(nosegs)} organisation{'' if one else 's'} "
                     f"state{'s' if one else ''} no value-chain segment: "
                     f"{'it stands' if one else 'they stand'} in the column on the left")
    if not members:
        notes.append("no organisation in this region")
    G.graph["positions"] = _chain_positions(G, used, nosegs)
    G.graph["notes"] = notes
    return G


def _chain_positions(G, segments, nosegs):
    col_w, row_h, per_row, gap = 720.0, 70.0, 4, 110.0
    stages = list(VALUE_CHAIN) + ["other"]
    pos = {}
    under: dict = defaultdict(list)
    for v, d in G.nodes(data=True):
        if d.get("type") == "segment":
            continue
        segs = [s for s in d.get("segments", [])]
        if segs:
            first = sorted(segs, key=lambda s: (_SEGMENT_ORDER.index(s) if s in _SEGMENT_ORDER else 99, s))[0]
            under[first].append(v)
    y_by_stage = defaultdict(float)
    for s in segments:
        stage = _STAGE_OF.get(s, "other")
        col = stages.index(stage) + 1
        x0 = col * col_w
        y = y_by_stage[stage]
        pos[f"segment:{s}"] = (x0, y)
        kids = sorted(under.get(s, []), key=lambda v: (str(G.nodes[v].get("label")), str(v)))
        for i, v in enumerate(kids):
            pos[v] = (x0 - 220.0 + (i % per_row) * 150.0, y + row_h * (1 + i // per_row))
        y_by_stage[stage] = y + row_h * (2 + max(0, (len(kids) - 1)) // per_row) + gap
    for i, v in enumerate(sorted(nosegs, key=lambda v: (str(G.nodes[v].get("label")), str(v)))):
        pos[v] = (-220.0 + (i % per_row) * 150.0, row_h * (1 + i // per_row))
    return {v: (round(x, 1), round(y, 1)) for v, (x, y) in pos.items()}


def chain_map(kg, *, region=None, scope="within", color_by="stage", size_by="capacity", seed=0,
              max_nodes=AGGREGATE_ABOVE):
    """The value-chain map of a region: upstream -> midstream -> downstream columns.

    Returns
    -------
    ssbkg.maps.MapNetwork
    """
    G = chain_graph(kg, region=region, scope=scope, seed=seed)
    rid = G.graph["region"]
    where = _region_label(_by_local(_labels(kg)), rid) if rid else "the KG"
    shapes = [["value-chain segment (columns: upstream, midstream, downstream)", "box"],
              ["organisation, under its first segment", "dot"]]
    if any(d.get("inside") is False for _, d in G.nodes(data=True)):
        shapes.append(["supplier or customer outside the region (pale)", "dot"])
    edges = [["segment membership", "#888888", False], ["supply (arrow from the supplier)",
                                                         KIND_COLOURS["supply"], False]]
    return draw(G, title=f"Value chain of {where}", color_by=color_by, size_by=size_by, seed=seed,
                positions=G.graph["positions"], max_nodes=max_nodes, notes=G.graph["notes"],
                shape_legend=shapes, edge_legend=edges)


# -- regions ---------------------------------------------------------------
def _peers(kg, rid):
    levels = P._region_levels(kg)
    own = {r: [lvl for lvl, anc in lv.items() if anc == r] for r, lv in levels.items()}
    if rid is None:
        return sorted(r for r, lv in own.items() if "country" in lv)
    if rid not in levels:
        raise NotFoundError(f"no region {rid!r} in the KG")
    level = own[rid][0] if own[rid] else None
    chain = P._ordered_regions(levels[rid])
    parent = chain[1] if len(chain) > 1 else None
    out = []
    for r, lv in levels.items():
        if level in own.get(r, []):
            rc = P._ordered_regions(lv)
            if (rc[1] if len(rc) > 1 else None) == parent:
                out.append(r)
    return sorted(out)


def region_graph(kg, *, region=None, scope="within", seed=0):
    """Regions side by side with their organisations around them.

    With ``region`` the region and its peers (same level, same parent); without,
    every country. Organisations sit on a disc around their region (at any
    depth inside it); collaborations among the organisations drawn are kept;
    with ``scope="touching"`` partners elsewhere are added in a group of their own.

    Returns
    -------
    networkx.Graph
        Region nodes ``region:<id>`` (``type="region"``) whose ``size_value``
        counts, sums or holds what their organisations have;
        ``G.graph["positions"]`` holds the layout.
    """
    if scope not in ("within", "touching"):
        raise GraphError(f"scope must be 'within' or 'touching', not {scope!r}")
    rid = _region_id(kg, region)
    peers = _peers(kg, rid)
    orgs = P.organisation_table(kg)
    labels = _labels(kg)
    lab_local = _by_local(labels)
    sources, info = _sources(kg)
    attrs = _org_nodes(kg, orgs, None, labels=labels, sources=sources)
    home = {}
    for o, a in attrs.items():
        for r in a["regions"]:
            if r in peers:
                home[o] = r
                break
    G = nx.Graph(region=rid, scope=scope, kind="region", peers=peers)
    notes = []
    base = P.collaboration_graph(kg, derived=True, orgs=orgs)
    extra = set()
    if scope == "touching":
        for u, v in base.edges():
            if (u in home) != (v in home):
                extra.add(v if u in home else u)
    for r in peers:
        G.add_node(f"region:{r}", label=_region_label(lab_local, r),
                   label_zh=lab_local.get(r, {}).get("zh"), type="region", shape="hexagon",
                   region=r, group_region=r, group_region_label=_region_label(lab_local, r),
                   sources=_by_local(sources).get(r, []), inside=True)
    if extra:
        G.add_node("region:(elsewhere)", label="elsewhere", type="region", shape="hexagon",
                   group_region="(elsewhere)", group_region_label="elsewhere", inside=False)
    for o in sorted(set(home) | extra):
        a = dict(attrs[o])
        r = home.get(o, "(elsewhere)")
        a["group_region"] = r
        a["group_region_label"] = _region_label(lab_local, r) if r != "(elsewhere)" else "elsewhere"
        a["inside"] = o in home
        G.add_node(o, **a)
        G.add_edge(o, f"region:{r}", kinds=["located_in"], weight=1,
                   label=None)
    for u, v, d in base.edges(data=True):
        if u in G and v in G:
            G.add_edge(u, v, kinds=list(d["kinds"]) or ["derived"], derived=bool(d["derived"]),
                       weight=d["weight"],
                       sources=[info.get(s, {"id": s, "title": s, "issued": "", "reliability": ""})
                                for s in d["sources"]])
    empty = [r for r in peers if not any(home.get(o) == r for o in home)]
    if empty:
        names = ", ".join(_region_label(lab_local, r) for r in empty[:8])
        notes.append(f"{len(empty)} of {len(peers)} regions hold no organisation in the KG: {names}"
                     + (" ..." if len(empty) > 8 else ""))
    G.graph["positions"] = _region_positions(G, peers + (["(elsewhere)"] if extra else []))
    G.graph["notes"] = notes
    return G


def _region_positions(G, regions):
    members: dict = defaultdict(list)
    for v, d in G.nodes(data=True):
        if d.get("type") != "region":
            members[d.get("group_region")].append(v)
    pos = {}
    x = 0.0
    order = sorted(regions, key=lambda r: (r == "(elsewhere)", -len(members.get(r, [])), r))
    for r in order:
        vs = sorted(members.get(r, []), key=lambda v: (-G.degree(v), str(v)))
        offs = disc_offsets(len(vs) + 1, spacing=SPACING * 1.3)
        radius = float(max((abs(o[0]) for o in offs), default=0.0)) + SPACING
        x += radius
        pos[f"region:{r}"] = (x, 0.0)
        for v, (dx, dy) in zip(vs, offs[1:]):
            pos[v] = (x + float(dx), float(dy))
        x += radius + SPACING
    return {v: (round(a, 1), round(b, 1)) for v, (a, b) in pos.items()}


def region_map(kg, *, region=None, scope="within", color_by="type", size_by="degree", seed=0,
               max_nodes=AGGREGATE_ABOVE):
    """Regions and their organisations, peers side by side, regions sized by what they hold.

    A region's size is the number of its organisations (``size_by="degree"``) or
    the sum of their capacity, patents or betweenness.

    Returns
    -------
    ssbkg.maps.MapNetwork
    """
    G = region_graph(kg, region=region, scope=scope, seed=seed)
    rid = G.graph["region"]
    lab_local = _by_local(_labels(kg))
    _region_sizes(G, size_by, seed)
    title = (f"{_region_label(lab_local, rid)} and its peers" if rid else "Countries") + \
        " with their organisations"
    shapes = [["region (size: what its organisations hold)", "hexagon"],
              ["organisation or platform", "dot"]]
    edges = [["located in", "#888888", False]] + [
        [k, KIND_COLOURS.get(k, "#888888"), k == "derived"]
        for k in sorted({k for _, _, d in G.edges(data=True) for k in d.get("kinds", [])} - {"located_in"})]
    return draw(G, title=title, color_by=color_by, size_by=size_by, seed=seed,
                positions=G.graph["positions"], max_nodes=max_nodes, notes=G.graph["notes"],
                shape_legend=shapes, edge_legend=edges)


def _region_sizes(G, size_by, seed):
    """Give region nodes the total of their organisations (count for degree)."""
    orgs = [v for v, d in G.nodes(data=True) if d.get("type") != "region"]
    if size_by == "betweenness":
        from ..metrics.brokerage import betweenness

        H = G.subgraph(orgs)
        vals = betweenness(H, seed=seed).values.to_dict() if H.number_of_nodes() >= 3 else {}
    for v, d in G.nodes(data=True):
        if d.get("type") != "region":
            if size_by == "betweenness":
                d["size_value"] = vals.get(v)
            continue
        mem = [u for u in orgs if G.nodes[u].get("group_region") == d.get("group_region")]
        if size_by == "degree":
            d["size_value"] = float(len(mem))
            d["roles"] = [f"organisations: {len(mem)}"]
        else:
            key = {"capacity": "capacity_gwh", "patents": "patents"}.get(size_by)
            got = [(G.nodes[u].get(key) if key else vals.get(u)) for u in mem]
            got = [float(x) for x in got if x is not None and not (isinstance(x, float) and math.isnan(x))]
            d["size_value"] = float(sum(got)) if got else None
            d["roles"] = [f"organisations: {len(mem)}",
                          f"total {size_by}: {sum(got):,.1f}" if got else f"no {size_by} data"]
        if size_by in ("capacity", "patents"):
            d[{"capacity": "capacity_gwh", "patents": "patents"}[size_by]] = d["size_value"]


# -- ego network -----------------------------------------------------------
def _short(iri: str) -> str:
    return P.local_id(iri) or iri


def ego_graph(kg, entity, *, radius=1, max_nodes=300):
    """An entity and its neighbourhood in the KG, every edge with its property and sources.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    entity : str
        An id, IRI, prefixed name or English/Chinese label (see :func:`ssbkg.catalogue.resolve`).
    radius : int
        Hops followed (1 to 3).
    max_nodes : int
        Stop expanding once this many nodes are reached (with a note).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes: IRIs with ``label``, ``label_zh``, ``type`` (class), ``distance``;
        edges ``s -> o`` with ``label`` (the property), ``property`` (its IRI),
        ``sources`` and ``graph``.
    """
    from ..catalogue import resolve

    if not 1 <= int(radius) <= 3:
        raise GraphError(f"radius must be 1, 2 or 3, not {radius}")
    centre = resolve(kg, "iri", entity).value
    text = _query("ego-edges")
    labels = _labels(kg)
    types_df = kg.query_df(_query("entity-types"), name="maps/entity-types")
    types: dict = defaultdict(list)
    for n, c in zip(types_df["node"], types_df["cls"]):
        types[n].append(_short(c))
    sources, _ = _sources(kg)
    orgs = P.organisation_table(kg)
    org_attrs = _org_nodes(kg, orgs, None, labels=labels, sources=sources)
    dist = {centre: 0}
    frontier = [centre]
    edges: dict = {}
    notes = []
    truncated = False
    for hop in range(1, int(radius) + 1):
        nxt = []
        for node in frontier:
            df = kg.query_df(text, {"entity": ox.NamedNode(node)}, name="maps/ego-edges")
            if df.empty and node == centre:
                pass
            for rec in df.to_dict("records"):
                s, p, o = rec["s"], rec["p"], rec["o"]
                other = o if s == node else s
                if other not in dist:
                    if len(dist) >= max_nodes:
                        truncated = True
                        continue
                    dist[other] = hop
                    nxt.append(other)
                key = (s, p, o)
                e = edges.setdefault(key, {"sources": {}, "graphs": set()})
                e["graphs"].add(_text(rec.get("assertion")) or "")
                if _text(rec.get("source")):
                    sd = _source_dict(rec["source"], rec.get("title"), rec.get("issued"),
                                      rec.get("reliability"))
                    e["sources"][sd["id"]] = sd
        frontier = sorted(nxt)
    if truncated:
        notes.append(f"stopped at {max_nodes} nodes: more neighbours exist; lower the radius")
    G = nx.MultiDiGraph(centre=centre, radius=int(radius), kind="ego")
    for n in sorted(dist):
        lab = labels.get(n, {})
        cls = sorted(set(types.get(n, [])) - {"Assertion", "NamedIndividual", "Concept"}) or \
            sorted(set(types.get(n, []))) or ["resource"]
        local = _short(n)
        a = {"label": lab.get("en") or lab.get("zh") or local, "label_zh": lab.get("zh"),
             "type": cls[0], "iri": n, "distance": dist[n], "sources": sources.get(n, []),
             "roles": [f"{dist[n]} hop(s) from the centre" if dist[n] else "centre of the map"],
             "shape": "star" if n == centre else "dot"}
        if n.startswith(P.DATA + "org/") or n.startswith(P.DATA + "platform/"):
            oa = org_attrs.get(local)
            if oa:
                a.update({k: oa[k] for k in ("region", "region_label", "segments", "routes",
                                             "capacity_gwh", "patents", "group_region",
                                             "group_region_label")})
                a["type"] = oa["type"] or a["type"]
        G.add_node(n, **a)
    for (s, p, o), e in sorted(edges.items()):
        if s in G and o in G:
            srcs = sorted(e["sources"].values(), key=lambda x: (x["issued"], x["title"], x["id"]))
            G.add_edge(s, o, key=p, label=_short(p), property=p, kinds=[_short(p)],
                       sources=srcs, graphs=sorted(e["graphs"]),
                       derived=False)
    if G.number_of_edges() == 0:
        notes.append("this entity is linked to no other entity in the KG")
    G.graph["notes"] = notes
    return G


def ego_map(kg, entity, *, radius=1, color_by="type", size_by="degree", seed=0, max_nodes=300,
            physics=False):
    """The ego map of an entity: its neighbourhood, each edge labelled with its property.

    Returns
    -------
    ssbkg.maps.MapNetwork
    """
    G = ego_graph(kg, entity, radius=radius, max_nodes=max_nodes)
    centre = G.graph["centre"]
    title = f"{G.nodes[centre]['label']} and its neighbourhood ({G.graph['radius']} hop" + \
        ("s)" if G.graph["radius"] > 1 else ")")
    shapes = [["the entity at the centre", "star"], ["a neighbour", "dot"]]
    return draw(G, title=title, color_by=color_by, size_by=size_by, seed=seed, physics=physics,
                max_nodes=None, notes=G.graph["notes"], shape_legend=shapes,
                edge_legend=[["property (labelled on the link; sources on hover)", "#888888", False]],
                edge_facet_label="Property")


# -- dispatch --------------------------------------------------------------
def map_graph(kg, kind, **options):
    """The networkx graph behind ``ssbkg map KIND`` (what ``export-graph`` writes)."""
    if kind == "collaboration":
        keep = {k: options[k] for k in ("region", "scope", "derived", "key_players", "brokers", "seed")
                if k in options}
        return collaboration_graph(kg, **keep)
    if kind == "chain":
        return chain_graph(kg, **{k: options[k] for k in ("region", "scope", "seed") if k in options})
    if kind == "region":
        return region_graph(kg, **{k: options[k] for k in ("region", "scope", "seed") if k in options})
    if kind == "ego":
        if not options.get("entity"):
            raise GraphError("the ego map needs an entity")
        return ego_graph(kg, options["entity"], radius=options.get("radius", 1),
                         max_nodes=options.get("max_nodes_ego", 300))
    raise GraphError(f"map kind must be one of {', '.join(KINDS)}, not {kind!r}")


def make_map(kg, kind, **options):
    """The :class:`MapNetwork` of ``ssbkg map KIND`` (options as the ``*_map`` functions take)."""
    fn = {"collaboration": collaboration_map, "chain": chain_map, "region": region_map}.get(kind)
    if kind == "ego":
        entity = options.pop("entity", None)
        if not entity:
            raise GraphError("the ego map needs an entity")
        options.pop("scope", None)
        options.pop("region", None)
        options.pop("max_nodes", None)
        return ego_map(kg, entity, **options)
    if fn is None:
        raise GraphError(f"map kind must be one of {', '.join(KINDS)}, not {kind!r}")
    options.pop("radius", None)
    if kind != "collaboration":
        for k in ("derived", "key_players", "brokers", "physics"):
            options.pop(k, None)
    return fn(kg, **options)
