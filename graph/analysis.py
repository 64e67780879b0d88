"""Region-level analyses for notebooks and the CLI: the KG in, DataFrames out.

These functions join the projections (:mod:`ssbkg.projections`) to the
metrics (:mod:`ssbkg.metrics`) for one region named by id or label, and
record every choice the caller made (level, reference set, weight, peers)
beside the numbers, so that a figure can be reproduced.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from . import metrics as M
from . import projections as P
from .catalogue import resolve_region
from .errors import GraphError, NotFoundError

__all__ = [
    "region_id",
    "region_level",
    "default_peers",
    "cluster_tables",
    "cluster_metrics",
    "fragmentation_metrics",
    "brokerage_metrics",
    "region_matrix",
    "long_form",
]


def region_id(kg, value) -> str:
    """The region id named by an id or an English or Chinese label.

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> region_id(curated_kg(), "浙江")
    'cn-zj'
    """
    return P.local_id(resolve_region(kg, value).value)


def region_level(kg, region: str, *, levels=None) -> str:
    """The hierarchy level of a region id (``province``, ``city``, ...)."""
    levels = (P._region_levels(kg) if levels is None else levels).get(region, {})
    own = [lvl for lvl, anc in levels.items() if anc == region]
    if not own:
        raise NotFoundError(f"region {region!r} has no level in the KG")
    return own[0]


def _peers_at_level(kg, region: str, level: str, within: str | None, levels=None) -> list[str]:
    levels = P._region_levels(kg) if levels is None else levels
    out = []
    for rid, lv in sorted(levels.items()):
        if lv.get(level) != rid:
            continue
        if within is not None and within not in lv.values():
            continue
        out.append(rid)
    if region not in out:
        out.append(region)
    return sorted(out)


def _sites(kg, levels):
    """Sites of the basis: id, operator, region, regions (up to the world), segments, routes.

    Read from :func:`ssbkg.projections.organisation_regions` (basis ``site``)
    and the segment and route memberships of each site; None when the KG has
    no site.
    """
    rows = P.organisation_regions(kg, basis=("site",))
    if rows.empty:
        return None
    seg, route = P._memberships(kg)
    out = []
    for rec in rows.itertuples(index=False):
        for site in rec.sites:
            out.append({"id": site, "operator": rec.organisation, "region": rec.region,
                        "regions": P._ordered_regions(levels.get(rec.region, {})) or [rec.region],
                        "segments": seg.get(site, []), "routes": route.get(site, [])})
    return pd.DataFrame(out, columns=["id", "operator", "region", "regions", "segments", "routes"])


def _id_list(kg, values):
    out = []
    for v in values:
        for part in str(v).split(","):
            if part.strip():
                out.append(region_id(kg, part.strip()))
    return list(dict.fromkeys(out))


def default_peers(kg, region, *, level=None, levels=None):
    """The default comparison set of a region: the regions of its level in its country.

    A Chinese province is compared with the Chinese provinces in the KG, a
    city with the cities of its country; a country (or anything without a
    country) with every region of its level.

    Returns
    -------
    (list of str, str)
        Region ids (the region included) and a sentence saying what they are.

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> peers, label = default_peers(curated_kg(), "cn-zj")
    >>> "cn-js" in peers and "us-mi" not in peers, label.split(":")[0]
    (True, 'province-level regions in cn')
    """
    levels = P._region_levels(kg) if levels is None else levels
    rid = region if region in levels else region_id(kg, region)
    own = region_level(kg, rid, levels=levels)
    level = level or own
    country = levels.get(rid, {}).get("country")
    within = country if country is not None and P.LEVELS.index(level) < P.LEVELS.index(
        "country") else None
    peers = _peers_at_level(kg, rid, level, within, levels)
    where = f" in {within}" if within else ""
    return peers, f"{level}-level regions{where}: " + ";".join(peers)


def cluster_tables(kg) -> dict:
    """The tables :func:`cluster_metrics` reads, fetched once (pass them as ``tables=``).

    Returns
    -------
    dict
        ``orgs``, ``projects``, ``patents``, ``sites`` (None when the KG has
        no site projection or no site).
    """
    levels = P._region_levels(kg)
    return {"orgs": P.organisation_table(kg), "projects": P.project_table(kg),
            "patents": P.patent_table(kg), "sites": _sites(kg, levels), "levels": levels}


def region_matrix(kg, *, facet="segment", weight="presence", level="province",
                  types=("enterprise",), tables=None) -> pd.DataFrame:
    """The region x segment (or route) matrix of one level, on the cluster basis.

    The same matrix every cluster number reads (:mod:`ssbkg.metrics.basis`):
    a region holds a segment when an organisation of ``types`` has its
    headquarters, a site or a developed project there naming it; organisations
    are counted whole (one in two segments counts 1 in each). This replaces
    the former ``ssbkg.projections.region_matrix``, which split an
    organisation evenly over its segments and read headquarters only.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    facet : {"segment", "route"}
    weight : {"presence", "enterprises", "capacity", "patents"}
        :data:`ssbkg.metrics.basis.WEIGHTS` (``presence`` is 1 where the
        region holds the segment).
    level : str
        Region level of the rows: one of :data:`ssbkg.projections.LEVELS`.
    types : tuple of str
        Organisation types of the basis.
    tables : dict, optional
        :func:`cluster_tables` of ``kg``.

    Returns
    -------
    pandas.DataFrame
        Index region ids of ``level`` holding at least one concept (sorted),
        columns the concepts held by one of them (sorted), float values;
        ``attrs``: facet, weight, level, types, basis.

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> N = region_matrix(curated_kg(), weight="enterprises")
    >>> int(N.loc["cn-zj", "cathode"]), int(N.loc["cn-zj", "cells"])
    (4, 9)
    """
    if facet not in ("segment", "route"):
        raise GraphError(f"facet must be 'segment' or 'route', not {facet!r}")
    if weight not in M.WEIGHTS:
        raise GraphError(f"unknown weight {weight!r}; choose from {', '.join(M.WEIGHTS)}")
    if level not in P.LEVELS:
        raise GraphError(f"unknown region level {level!r}; choose from {', '.join(P.LEVELS)}")
    tables = cluster_tables(kg) if tables is None else tables
    col = "segments" if facet == "segment" else "routes"
    key = (col, tuple(types))
    cache = tables.setdefault("_holdings", {})
    if key not in cache:
        cache[key] = M.holdings(tables["orgs"], sites=tables["sites"],
                                projects=tables["projects"], types=types, facet=col)
    hold = cache[key]
    rows = sorted(r for r, lv in tables["levels"].items() if lv.get(level) == r)
    concepts = sorted(set(hold["concept"]))
    N = M.segment_counts(hold, rows, concepts=concepts)
    W = M.segment_weights(hold, rows, concepts=concepts, weight=weight, orgs=tables["orgs"],
                          projects=tables["projects"])
    keep_r = N.sum(axis=1) > 0
    W = W.loc[keep_r, N.loc[keep_r].sum(axis=0) > 0].astype(float)
    W.index.name = "region"
    W.columns.name = facet
    W.attrs = {"facet": facet, "weight": weight, "level": level, "types": list(types),
               "basis": M.BASIS}
    return W


def cluster_metrics(kg, region, *, level=None, weight="enterprises", reference=None,
                    reference_within=None, peers=None, facet="segment", threshold=1.0,
                    types=("enterprise",), tables=None):
    """The cluster profile of a region: counts, completeness, specialisation, gaps.

    Every section reads one region x segment matrix (:mod:`ssbkg.metrics.basis`:
    organisations holding a segment in a region by headquarters, site or
    developed project), so the segments section, completeness,
    specialisation and gaps agree; the basis, the peers and the reference are
    printed in ``summary``.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    region : str
        Region id or English/Chinese label, at any level of the hierarchy.
    level : str, optional
        Level of the default peers; default the region's own level.
    weight : {"enterprises", "presence", "capacity", "patents"}
        Weight read by the location quotient
        (:data:`ssbkg.metrics.basis.WEIGHTS`).
    reference : list of str, optional
        Denominator regions of the location quotient (ids or labels).
        Default: the peers.
    reference_within : str, optional
        Use the regions of the peers' level inside this region as the reference
        (e.g. the provinces of China).
    peers : list of str, optional
        Regions compared with: rows of proximity, gap densities, complexity,
        concentration and the patent rank. Default :func:`default_peers`
        (the regions of the same level in the same country).
    facet : {"segment", "route"}
        Value-chain segments (default) or technology routes.
    threshold : float
        ``specialised`` where ``LQ >= threshold``.
    types : tuple of str
        Organisation types of the basis (default enterprises).
    tables : dict, optional
        :func:`cluster_tables` of ``kg``, to analyse many regions without
        fetching the tables again.

    Returns
    -------
    dict of pandas.DataFrame
        ``summary`` (metric, value, detail: basis, peers, reference, counts,
        completeness, ECI/COI or the reason, notes), ``segments`` (per
        segment the organisations holding it, by basis), ``routes``,
        ``types``, ``completeness``, ``specialisation`` (LQ, specialised,
        density per segment), ``concentration`` (HHI across the peers),
        ``gaps`` (two kinds: ``absent`` and ``unspecialised``, each ranked
        by density, undefined densities with their reason), ``capacity``,
        ``patents`` (the peer ranking). ``summary.attrs`` records region,
        level, weight, basis, peers and reference.
    """
    tables = cluster_tables(kg) if tables is None else tables
    levels = tables["levels"]
    rid = region if region in levels else region_id(kg, region)
    own_level = region_level(kg, rid, levels=levels)
    level = level or own_level
    orgs, projects, patents, sites = (tables[k] for k in ("orgs", "projects", "patents", "sites"))
    if peers:
        peer_ids = sorted(set(_id_list(kg, peers)) | {rid})
        peer_label = "given: " + ";".join(peer_ids)
    else:
        peer_ids, peer_label = default_peers(kg, rid, level=level, levels=levels)
    if reference:
        ref = sorted(set(_id_list(kg, reference)))
        ref_label = "given: " + ";".join(ref)
    elif reference_within is not None:
        within = region_id(kg, reference_within)
        ref = _peers_at_level(kg, rid, level, within, levels)
        ref = [r for r in ref if r != rid or within in levels.get(rid, {}).values()]
        ref_label = f"{level}-level regions within {within}: " + ";".join(ref)
    else:
        ref = list(peer_ids)
        ref_label = "the peers"
    # patent rank: peers with patent data only (a region with no figure is unknown, not 0)
    with_data = set(patents["holder"])
    for regs in patents["regions"]:
        with_data.update(regs)
    patent_peers = [p for p in peer_ids if p in with_data or p == rid]
    if facet not in ("segment", "route"):
        raise GraphError(f"facet must be 'segment' or 'route', not {facet!r}")
    col = "segments" if facet == "segment" else "routes"
    cache = tables.setdefault("_holdings", {})
    for c in {"segments", col}:
        if (c, tuple(types)) not in cache:
            cache[(c, tuple(types))] = M.holdings(orgs, sites=sites, projects=projects,
                                                  types=types, facet=c)
    hold = cache[(col, tuple(types))]
    prof = M.cluster_profile(orgs, rid, projects=projects, patents=patents, peers=patent_peers,
                             sites=sites, types=types, hold=cache[("segments", tuple(types))])
    if facet == "segment":
        concepts = [s for segs in M.VALUE_CHAIN.values() for s in segs]
    else:
        concepts = sorted(set(hold["concept"]))
    concepts += sorted(set(hold["concept"]) - set(concepts))
    rows = list(dict.fromkeys(peer_ids + ref + [rid]))
    N = M.segment_counts(hold, rows, concepts=concepts)
    W = M.segment_weights(hold, rows, concepts=concepts, weight=weight, orgs=orgs,
                          projects=projects)
    notes = []
    skipped = hold.attrs["skipped"]
    nodev = [p for p in skipped["projects_without_developer"]
             if rid in projects.set_index("id").loc[p, "regions"]]
    if nodev:
        notes.append(f"{len(nodev)} project(s) here name no developer and add no segment: "
                     + ", ".join(nodev))
    if sites is None:
        notes.append("no sites in the KG: the basis reads headquarters and developed projects")
    empty_peers = [r for r in peer_ids if N.loc[r].sum() == 0]
    if empty_peers:
        notes.append(f"{len(empty_peers)} peer(s) hold no {facet} under the basis: "
                     + ", ".join(empty_peers))
    g = M.cluster_gaps(N, rid, weights=W, peers=peer_ids, reference=ref, threshold=threshold)
    notes.extend(g["notes"])
    summary_rows = [
        {"metric": "basis", "value": facet, "detail": M.BASIS + f" (types: {', '.join(types)})"},
        {"metric": "weight", "value": weight, "detail": M.WEIGHTS[weight]},
        {"metric": "peers", "value": len(g["peers"]), "detail": peer_label},
        {"metric": "reference", "value": len(g["reference"]), "detail": ref_label},
    ]
    summary_rows += _cluster_summary_rows(prof)
    held = {o for os_ in prof["segments"]["organisations"] for o in os_}
    hq_here = set(orgs.loc[M.in_region(orgs, rid), "id"])
    visiting = sorted(held - hq_here)
    for row in summary_rows:
        if row["metric"] == "organisations":
            row["detail"] = ("headquartered in the region, every type"
                             + (f"; the segments also count {len(visiting)} organisation(s) "
                                "headquartered elsewhere with a site or developed project here: "
                                + ", ".join(visiting) if visiting else ""))
    no_figure = [r for r in peer_ids if r not in patent_peers]
    for row in summary_rows:
        if row["metric"] == "patent rank among peers":
            row["detail"] = (f"of {len(patent_peers)} peers with a patent figure in the KG"
                             + (f"; {len(no_figure)} peer(s) have none (unknown, not 0): "
                                + ", ".join(no_figure) if no_figure else ""))
    cx = g["complexity"]
    if not math.isnan(cx["eci"]):
        summary_rows.append({"metric": "economic complexity index (ECI)", "value": _round(cx["eci"]),
                             "detail": f"among {cx['n_regions']} peers with a specialisation"})
        summary_rows.append({"metric": "complexity outlook index (COI)",
                             "value": None if math.isnan(cx["coi"]) else _round(cx["coi"]),
                             "detail": cx["note"]})
    else:
        summary_rows.append({"metric": "economic complexity index (ECI)", "value": None,
                             "detail": cx["note"]})
    for kind in ("absent", "unspecialised"):
        k = g["gaps"][g["gaps"]["kind"] == kind]
        summary_rows.append({"metric": f"gaps: {kind}", "value": len(k),
                             "detail": ", ".join(k["segment"]) or "none"})
    summary_rows += [{"metric": "note", "value": None, "detail": n} for n in notes]
    summary = pd.DataFrame(summary_rows, columns=["metric", "value", "detail"])
    summary.attrs.update({"region": rid, "level": level, "weight": weight, "facet": facet,
                          "basis": M.BASIS, "peers": g["peers"], "reference": g["reference"],
                          "reference_label": ref_label, "threshold": threshold,
                          "types": list(types)})
    seg = prof["segments"].reset_index().rename(columns={"concept": "segment"})
    stage_of = {s: st for st, segs in M.VALUE_CHAIN.items() for s in segs}
    seg.insert(1, "stage", seg["segment"].map(stage_of))
    if facet == "route":
        seg_frame = M.segment_breakdown(hold, rid, concepts=concepts).reset_index().rename(
            columns={"concept": "route"})
    else:
        seg_frame = seg
    spec = g["specialisation"].copy()
    gaps = g["gaps"].copy()
    pat = prof["patents"]
    return {
        "summary": summary,
        "segments": seg_frame,
        "routes": _series_frame(prof["routes"], "route"),
        "types": _series_frame(prof["types"], "type"),
        "completeness": prof["completeness"].reset_index(),
        "specialisation": spec,
        "concentration": g["concentration"],
        "gaps": gaps,
        "capacity": prof["capacity"] if prof["capacity"] is not None else pd.DataFrame(),
        "patents": pat["peers"] if pat is not None else pd.DataFrame(),
    }


def _series_frame(obj, name):
    if isinstance(obj, pd.DataFrame):
        return obj.reset_index()
    frame = obj.rename("count").reset_index()
    frame.columns = [name] + list(frame.columns[1:])
    return frame


def _cluster_summary_rows(prof) -> list[dict]:
    rows = [{"metric": "organisations", "value": prof["n_organisations"], "detail": ""}]
    types = prof["types"]
    if isinstance(types, pd.Series):
        for t, n in types.items():
            rows.append({"metric": f"organisations: {t}", "value": int(n), "detail": ""})
    comp = prof["completeness"]
    for stage, rec in comp.iterrows():
        missing = rec.get("missing")
        missing = ", ".join(missing) if isinstance(missing, (list, tuple)) else (missing or "")
        rows.append({
            "metric": f"completeness: {stage}",
            "value": round(float(rec["completeness"]), 4),
            "detail": f"missing: {missing}" if missing else "complete",
        })
    rd = prof["route_diversity"]
    rows.append({"metric": "technology routes", "value": rd.get("routes"),
                 "detail": ", ".join(f"{k} ({v})" for k, v in (rd.get("counts") or {}).items())})
    ent = rd.get("entropy_bits")
    rows.append({"metric": "route entropy (bits)",
                 "value": None if ent is None or (isinstance(ent, float) and math.isnan(ent)) else round(ent, 4),
                 "detail": rd.get("note", "") or ""})
    cap = prof["capacity"]
    if cap is not None and len(cap):
        for unit in ("gwh", "tonnes"):
            by_status = cap.groupby("status").agg(total=(f"capacity_{unit}", "sum"),
                                                  n=(f"n_{unit}", "sum"))
            for status, rec in by_status.iterrows():
                if rec["n"]:
                    rows.append({"metric": f"capacity {'GWh' if unit == 'gwh' else 'tonnes'}: {status}",
                                 "value": round(float(rec["total"]), 4),
                                 "detail": f"{int(rec['n'])} project"
                                           f"{'' if int(rec['n']) == 1 else 's'} stating it"})
    pat = prof["patents"]
    if pat is not None:
        rows.append({"metric": "patents", "value": pat.get("count"), "detail": pat.get("basis", "")})
        if pat.get("rank") is not None and (pat.get("n_peers") or 0) >= 2:
            rows.append({"metric": "patent rank among peers", "value": pat.get("rank"),
                         "detail": f"of {pat.get('n_peers')} peers"})
        for rec in pat.get("published") or []:
            rows.append({"metric": "published patent rank", "value": _round(rec.get("rank")),
                         "detail": f"{rec.get('holder')}: {rec.get('scope') or ''}".strip()})
    return rows


def fragmentation_metrics(kg, region=None, *, derived=True, scope="within", key_players=3,
                          seed=0, sources=500):
    """Collaboration fragmentation of a region (or of the whole KG).

    Parameters
    ----------
    kg : ssbkg.kg.KG
    region : str, optional
        Region id or English/Chinese label; None for the whole network.
    derived : bool
        Include links derived from shared projects and platform membership.
    scope : {"within", "touching"}
        ``within``: the network among the region's own organisations;
        ``touching``: also their partners outside the region.
    key_players : int
        Size of the greedy key-player set (0 to skip).
    seed : int
        Seed of sampling, key players and the (Leiden) communities.
    sources : int
        BFS sources sampled for dF on large networks (exact on small ones).

    Returns
    -------
    dict of pandas.DataFrame
        ``summary`` (metric, value, detail), ``nodes`` (betweenness,
        constraint, effective size, community per organisation),
        ``ei_type`` (E-I index per organisation type), ``ei_city``,
        ``unlinked_platforms``, ``key_players`` (with ``tied_with``: the
        candidates that give the same F in each place), ``brokerage_type``
        and ``brokerage_region`` (Gould-Fernandez roles per broker, groups by
        organisation type and by city; :func:`ssbkg.metrics.gould_fernandez`).
        Degenerate networks (no edges, all tied) get a ``note`` row instead of
        a winner.
    """
    from .metrics._engine import shared

    with shared():  # one conversion of the network for every metric below
        return _fragmentation_metrics(kg, region, derived=derived, scope=scope,
                                      key_players=key_players, seed=seed, sources=sources)


def _fragmentation_metrics(kg, region, *, derived, scope, key_players, seed, sources):
    rid = None if region is None else region_id(kg, region)
    G = P.collaboration_graph(kg, region=rid, derived=derived, scope=scope)
    n = G.number_of_nodes()
    rows = []
    out = {"summary": None, "nodes": pd.DataFrame(), "ei_type": pd.DataFrame(),
           "ei_city": pd.DataFrame(), "unlinked_platforms": pd.DataFrame(),
           "key_players": pd.DataFrame(), "brokerage_type": pd.DataFrame(),
           "brokerage_region": pd.DataFrame()}
    if n == 0:
        rows.append({"metric": "organisations", "value": 0,
                     "detail": "no organisation in this region: nothing to fragment"})
        out["summary"] = pd.DataFrame(rows, columns=["metric", "value", "detail"])
        return out
    records = _collab_records(kg, G)
    prof = M.fragmentation_profile(G, regions=[], records=records, sources=sources, seed=seed)
    s = prof["summary"].loc["all"]
    detail = {
        "n_nodes": "organisations and platforms",
        "n_edges": "links (derived included)" if derived else "links (direct only)",
        "F": "Borgatti's fragmentation: share of pairs that cannot reach each other",
        "dF": "distance-weighted fragmentation",
        "share_enterprises_linked": "enterprises tied to a research institution or platform",
        "triple_helix_bits": "university-industry-government synergy T_UIG",
        "n_communities": f"{prof['summary'].attrs.get('community_method') or 'no'} communities, seed {seed}",
        "modularity": "Newman-Girvan modularity of those communities",
    }
    for key in ["n_nodes", "n_edges", "n_components", "largest_component_share", "n_isolates",
                "F", "dF", "dF_error_bound", "ei_type", "ei_region", "share_enterprises_linked",
                "n_platforms_without_enterprise", "triple_helix_bits", "n_communities",
                "modularity"]:
        if key not in s.index:
            continue
        v = s[key]
        v = None if v is None or (isinstance(v, float) and math.isnan(v)) else _round(v)
        rows.append({"metric": key, "value": v, "detail": detail.get(key, "")})
    if isinstance(s.get("note"), str) and s.get("note"):
        rows.append({"metric": "note", "value": None, "detail": s["note"]})
    link = M.industry_academia_linkage(G)
    out["unlinked_platforms"] = pd.DataFrame(
        {"platform": link["platforms_without_enterprise"],
         "label": [G.nodes[p].get("label") for p in link["platforms_without_enterprise"]]})
    if G.number_of_edges():
        out["ei_type"] = M.ei_index_by_group(G, "type").reset_index()
        city = {v: (P._text(d.get("region_city")) or P._text(d.get("region")) or "unknown")
                for v, d in G.nodes(data=True)}
        out["ei_city"] = M.ei_index_by_group(G, city).rename_axis("city").reset_index()
    kp_rows, kp_frame = _key_player_section(G, key_players, seed)
    rows += kp_rows
    if kp_frame is not None:
        out["key_players"] = kp_frame
    if G.number_of_edges() == 0:
        rows.append({"metric": "note", "value": None,
                     "detail": "no edges: betweenness is 0 for every node (no broker), constraint "
                               "and effective size undefined, no Gould-Fernandez brokerage"})
    else:
        bc = prof["nodes"]["betweenness"]
        if bc.nunique() == 1:
            rows.append({"metric": "note", "value": None,
                         "detail": f"every node ties on betweenness ({_round(bc.iloc[0])}): "
                                   "no broker stands out"})
    rows += _gould_fernandez_sections(G, out, reading="undirected ties read both ways")
    nodes = prof["nodes"].copy()
    nodes.insert(0, "label", [G.nodes[v].get("label") for v in nodes.index])
    nodes.insert(1, "type", [G.nodes[v].get("type") for v in nodes.index])
    out["nodes"] = nodes.reset_index().rename(columns={"index": "node"})
    summary = pd.DataFrame(rows, columns=["metric", "value", "detail"])
    summary.attrs.update({"region": rid, "derived": derived, "scope": scope, "seed": seed})
    out["summary"] = summary
    return out


def _key_player_section(G, key_players, seed):
    """The key-player summary row(s) and table: no winner named when nothing stands out.

    Edgeless graph, every candidate tied, or F = 1 reached before k nodes: the
    row says so and names nobody (or only the nodes that matter).
    """
    rows, frame = [], None
    n = G.number_of_nodes()
    if key_players and n - key_players >= 2:
        kp = M.key_players(G, key_players, metric="F", seed=seed)
        if not kp.nodes:
            rows.append({"metric": f"key players (k={key_players})", "value": None,
                         "detail": kp.note})
        elif kp.note.startswith("every candidate ties"):
            rows.append({"metric": f"key players (k={key_players})", "value": _round(kp.value),
                         "detail": f"no key players: {kp.note} (F = {_round(kp.value)} after "
                                   f"removing any {key_players})"})
        else:
            keep = _saturating_subset(G, kp)
            if len(keep) < len(kp.nodes):
                chosen = [kp.nodes[i] for i in keep]
                rest = len(kp.nodes) - len(chosen)
                detail = (f"F = 1 already after removing {', '.join(map(str, chosen))} "
                          f"({len(chosen)} of {key_players}): what remains has no edge, so "
                          f"the other {rest} place(s) tie among every remaining node and are "
                          "not named")
                ties = [list(kp.ties[i]) if i < len(kp.ties) else [] for i in keep]
            else:
                chosen, ties = list(kp.nodes), [list(t) for t in kp.ties]
                detail = "F after removing " + ", ".join(map(str, kp.nodes))
                if kp.note:
                    detail += "; " + kp.note
            rows.append({"metric": f"key players (k={key_players})", "value": _round(kp.value),
                         "detail": detail})
            frame = pd.DataFrame({
                "node": chosen,
                "label": [G.nodes[v].get("label") for v in chosen],
                "tied_with": ties})
    elif key_players:
        rows.append({"metric": f"key players (k={key_players})", "value": None,
                     "detail": f"{n} nodes: removing {key_players} leaves fewer than 2"})
    return rows, frame


def _saturating_subset(G, kp, *, max_sets=2000) -> list[int]:
    """Positions in ``kp.nodes`` of a smallest subset already giving F = 1 (else all).

    F = 1 means no edge is left: removing more nodes cannot change it, so the
    remaining places of the set are arbitrary and should not be named.
    """
    import itertools

    if kp.metric != "F" or kp.value < 1.0 - 1e-12 or len(kp.nodes) < 2:
        return list(range(len(kp.nodes)))
    k = len(kp.nodes)
    tried = 0
    for size in range(1, k):
        for combo in itertools.combinations(range(k), size):
            tried += 1
            if tried > max_sets:
                return list(range(k))
            removed = {kp.nodes[i] for i in combo}
            left = G.subgraph(v for v in G if v not in removed)
            if left.number_of_edges() == 0:
                return list(combo)
    return list(range(k))


def _city_groups(G) -> dict:
    """Node -> its city, else its most specific region ('unknown' when it has none)."""
    return {v: (P._text(d.get("region_city")) or P._text(d.get("region")) or "unknown")
            for v, d in G.nodes(data=True)}


def _gould_fernandez_sections(G, out, *, reading) -> list[dict]:
    """Fill ``out["brokerage_type"]``/``["brokerage_region"]``; return the summary rows.

    Leaders are named only when one node brokers most; tied leaders are listed
    together, and a network where nobody brokers gets the reason instead.
    """
    rows = []
    for key, groups, label in (("brokerage_type", "type", "organisation type"),
                               ("brokerage_region", _city_groups(G),
                                "city (else most specific region)")):
        gf = M.gould_fernandez(G, groups)
        tot = gf["total"]
        if tot.sum() == 0:
            rows.append({"metric": f"Gould-Fernandez brokerage by {label}", "value": 0,
                         "detail": gf.attrs["note"]})
            continue
        top = tot.max()
        leaders = sorted(tot.index[tot == top])
        by_role = ", ".join(f"{r} {int(gf[r].sum())}" for r in M.GF_ROLES)
        rows.append({"metric": f"Gould-Fernandez brokerage by {label}", "value": int(tot.sum()),
                     "detail": (f"open two-paths brokered ({reading}): {by_role}; most: "
                                + ", ".join(map(str, leaders))
                                + (f" (tied, {int(top)} each)" if len(leaders) > 1
                                   else f" ({int(top)})"))})
        frame = gf[gf["total"] > 0].copy()
        frame.insert(0, "label", [G.nodes[v].get("label") for v in frame.index])
        frame = frame.rename_axis("node").reset_index()
        frame = frame.sort_values(["total", "node"], ascending=[False, True], kind="mergesort")
        out[key] = frame[["node", "total", "label", "group", *M.GF_ROLES]].reset_index(drop=True)
    return rows


def brokerage_metrics(kg, region=None, *, ties="supply", scope="touching", derived=True):
    """Gould-Fernandez brokerage of a region's supply (or other directed) ties.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    region : str, optional
        Region id or label; None for the whole KG.
    ties : str or sequence of str
        ``"supply"`` (default): the directed supply network, supplier ->
        customer (:func:`ssbkg.projections.flow_graph`); any directed
        collaboration kinds of :data:`ssbkg.projections.DIRECTED_KINDS`
        (comma-separated or a list: each is a flow from ``from_party`` to
        ``to_party``; mixing kinds mixes flows, said in the summary); or
        ``"collaboration"``: the undirected collaboration network
        (:func:`ssbkg.projections.collaboration_graph`), read as the symmetric
        digraph, each tie both ways.
    scope : {"touching", "within"}
        Ties with at least one end in the region (default), or both.
    derived : bool
        With ``ties="collaboration"``: include links derived from shared
        projects and platforms.

    Returns
    -------
    dict of pandas.DataFrame
        ``summary`` (metric, value, detail: the network read, its direction,
        nodes, ties, brokerage by role and the leaders, or the reason nobody
        brokers), ``brokerage_type`` and ``brokerage_region`` (roles per
        broker, groups by organisation type and by city) and ``ties`` (every
        tie read: source, target, kinds, collaborations).

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> r = brokerage_metrics(curated_kg())
    >>> r["brokerage_type"][["node", "total", "coordinator"]].values.tolist()[:1]
    [['welion', 1, 1]]
    """
    rid = None if region is None else region_id(kg, region)
    kinds = [ties] if isinstance(ties, str) else list(ties)
    kinds = [k.strip() for x in kinds for k in str(x).split(",") if k.strip()]
    out = {"summary": None, "brokerage_type": pd.DataFrame(),
           "brokerage_region": pd.DataFrame(), "ties": pd.DataFrame()}
    rows = []
    where = "the whole KG" if rid is None else (
        f"ties with an end in {rid}" if scope == "touching" else f"ties within {rid}")
    if kinds == ["collaboration"]:
        G = P.collaboration_graph(kg, region=rid, derived=derived,
                                  scope="within" if rid is None else scope)
        reading = "undirected ties read both ways"
        rows.append({"metric": "network", "value": "collaboration",
                     "detail": "collaboration ties are undirected: each is read both ways "
                               "(the symmetric digraph), so every open path counts once per "
                               "direction and representative = gatekeeper; " + where})
        tie_rows = [{"source": a, "target": b, "kinds": d.get("kinds", []),
                     "collaborations": d.get("via", [])} for a, b, d in G.edges(data=True)]
    else:
        G = P.flow_graph(kg, kinds=kinds, region=rid, scope=scope)
        reading = "directed: " + "; ".join(P.DIRECTED_KINDS[k] for k in kinds)
        rows.append({"metric": "network", "value": ",".join(kinds),
                     "detail": reading + "; " + where + (
                         "; several kinds of flow are mixed in one network" if len(kinds) > 1
                         else "")})
        tie_rows = [{"source": a, "target": b, "kinds": d["kinds"],
                     "collaborations": d["collabs"]} for a, b, d in G.edges(data=True)]
        if G.graph["undirected"]:
            rows.append({"metric": "note", "value": len(G.graph["undirected"]),
                         "detail": "left out, no from/to party: "
                                   + ", ".join(G.graph["undirected"])})
    rows.append({"metric": "n_nodes", "value": G.number_of_nodes(),
                 "detail": "organisations at an end of a tie"
                 if kinds != ["collaboration"] else "organisations and platforms"})
    rows.append({"metric": "n_edges", "value": G.number_of_edges(), "detail": "ties"})
    out["ties"] = pd.DataFrame(tie_rows, columns=["source", "target", "kinds", "collaborations"])
    if G.number_of_edges() == 0:
        rows.append({"metric": "note", "value": None,
                     "detail": f"no {'/'.join(kinds)} tie ({where}): the network has no "
                               "open two-path, so nobody brokers and no Gould-Fernandez role "
                               "is reported"})
    else:
        rows += _gould_fernandez_sections(G, out, reading=reading)
    summary = pd.DataFrame(rows, columns=["metric", "value", "detail"])
    summary.attrs.update({"region": rid, "ties": kinds, "scope": scope})
    out["summary"] = summary
    return out


def _round(v):
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    try:
        return round(float(v), 6)
    except (TypeError, ValueError):
        return v


def _collab_records(kg, G) -> list[list]:
    """Collaborations and projects as party lists (triple-helix records) within G."""
    inside = set(G.nodes)
    recs = []
    for parties in P.collaboration_table(kg)["parties"]:
        ps = [p for p in parties if p in inside]
        if len(ps) >= 1 and len(ps) == len(parties):
            recs.append(sorted(ps))
    for rec in P.project_table(kg).itertuples(index=False):
        agents = sorted({a for a in list(rec.developers) + list(rec.partners)})
        if agents and all(a in inside for a in agents):
            recs.append(agents)
    return recs


#: The column printed as ``value`` in the long form, where the first match would mislead.
_VALUE_OF = {"gaps": ("density",), "specialisation": ("lq",), "segments": ("count",),
             "brokerage_type": ("total",), "brokerage_region": ("total",),
             "ties": ("target",)}


def long_form(result: dict, sections=None) -> pd.DataFrame:
    """Stack the DataFrames of an analysis into one table: section, item, value, detail.

    Every section's rows become ``item``/``value``/``detail`` triples so
    that one listing command can print them in any output format.
    """
    rows = []
    for name, frame in result.items():
        if sections and name not in sections:
            continue
        if frame is None or len(frame) == 0:
            continue
        if list(frame.columns[:3]) == ["metric", "value", "detail"]:
            for rec in frame.to_dict("records"):
                rows.append({"section": name, "item": rec["metric"], "value": rec["value"],
                             "detail": rec["detail"]})
            continue
        key = frame.columns[0]
        prefer = _VALUE_OF.get(name, ())
        for rec in frame.to_dict("records"):
            item = rec.pop(key)
            value = None
            for cand in prefer + ("lq", "density", "ei", "count", "hhi", "share", "betweenness",
                                  "capacity_gwh", "rank", "value"):
                if cand in rec:
                    value = rec.pop(cand)
                    break
            detail = "; ".join(f"{k}={_fmt(v)}" for k, v in rec.items() if not _missing(v))
            rows.append({"section": name, "item": item, "value": _round(value) if value is not None else None,
                         "detail": detail})
    return pd.DataFrame(rows, columns=["section", "item", "value", "detail"])


def _missing(v) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if isinstance(v, (list, tuple)) and not v:
        return True
    return isinstance(v, str) and v == ""


def _fmt(v) -> str:
    if isinstance(v, (list, tuple)):
        return ",".join(_fmt(x) for x in v)
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)
