"""The report's sections, each computed from the KG through the library functions.

Every function here takes the shared :class:`~ssbkg.report.context.Context`
and the facts of the sections before it, and returns ``(blocks, facts)``:
blocks to render, facts (plain data) for later sections, the summary and the
figures. Nothing here types a number into the text: each figure comes from a
projection, a metric or an observation of the KG, with the sources of the
entities it counts.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import analysis as A
from .. import metrics as M
from .. import projections as P
from ..errors import FitError, GraphError, InputError, NotFoundError

__all__ = [
    "MIN_PEER_ORGS", "MAX_PEERS", "THIN_COVERAGE", "MAX_CANDIDATES",
    "default_peers", "STAGES", "ORG_TYPES",
]

#: A same-level region is a default peer when at least this many organisations are located in it.
MIN_PEER_ORGS = 3
#: At most this many default peers (the ones with most located organisations).
MAX_PEERS = 5
#: Below this many located organisations a region's coverage is called too thin to compare.
THIN_COVERAGE = 3
#: Candidate organisations listed per gap (the rest are counted).
MAX_CANDIDATES = 5

STAGES = M.VALUE_CHAIN
ORG_TYPES = ("enterprise", "university", "research_institute", "platform", "government_body")
_INACTIVE = ("operating", "completed")


def p(runs):
    return {"type": "p", "runs": runs}


def note(runs):
    return {"type": "note", "runs": runs}


def table(columns, headers, rows, caption=None):
    out = {"type": "table", "columns": list(columns), "headers": list(headers), "rows": rows}
    if caption is not None:
        out["caption"] = caption
    return out


def figure(ident, caption, where="(figure in the HTML report)"):
    return {"type": "figure", "id": ident, "caption": caption, "where": where}


def _nan(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _listify(v):
    if isinstance(v, (list, tuple)):
        return [x for x in v if isinstance(x, str) and x]
    if isinstance(v, str) and v:
        return [x for x in v.split(";") if x]
    return []


def _join(runs_list, sep=", "):
    out = []
    for i, r in enumerate(runs_list):
        if i:
            out.append(sep)
        out.extend(r if isinstance(r, list) else [r])
    return out


# ---------------------------------------------------------------- peers

def _orgs_in(ctx, region):
    return ctx.orgs[M.in_region(ctx.orgs, region)]


def default_peers(kg, region, *, orgs=None, min_orgs=MIN_PEER_ORGS, max_peers=MAX_PEERS):
    """The comparable regions of ``region``: same level, same country, enough data.

    A region is a peer when it is at the same level of the hierarchy as
    ``region`` (a province for a province), in the same country (for a country
    or larger: any region of that level), and holds at least ``min_orgs``
    located organisations; the ``max_peers`` with most organisations are kept
    (ties broken by id).

    Parameters
    ----------
    kg : ssbkg.kg.KG
    region : str
        Region id.

    Returns
    -------
    list of str, and the rule as a dict (level, country, min_orgs, max_peers,
    candidates considered, and the candidates left out for too few organisations).

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> peers, rule = default_peers(curated_kg(), "cn-zj")
    >>> rule["level"], rule["within"]
    ('province', 'cn')
    """
    orgs = P.organisation_table(kg) if orgs is None else orgs
    level = A.region_level(kg, region)
    lv = P._region_levels(kg).get(region, {})
    within = lv.get("country") if level not in ("country", "macro_region", "world") else None
    cands = [r for r in A._peers_at_level(kg, region, level, within) if r != region]
    n = {r: int(M.in_region(orgs, r).sum()) for r in cands}
    kept = sorted((r for r in cands if n[r] >= min_orgs), key=lambda r: (-n[r], r))
    rule = {"level": level, "within": within, "min_orgs": min_orgs, "max_peers": max_peers,
            "n_candidates": len(cands), "too_few": sorted(r for r in cands if n[r] < min_orgs),
            "beyond_max": kept[max_peers:]}
    return kept[:max_peers], rule


# ---------------------------------------------------------------- per-region facts

def region_facts(ctx, r):
    """Cluster metrics of one region through :func:`ssbkg.analysis.cluster_metrics`.

    The library's defaults are kept (basis, peers and reference of the location quotient:
    the regions of the same level in the same country), so that every figure equals what
    ``ssbkg metrics cluster --region R`` prints.
    """
    cm = A.cluster_metrics(ctx.kg, r, tables=ctx.tables)
    spec = cm["specialisation"]
    lq = {row["segment"]: row["lq"] for row in spec.to_dict("records")}
    present = [row["segment"] for row in spec.to_dict("records") if bool(row["present"])]
    specialised = {row["segment"] for row in spec.to_dict("records")
                   if bool(row["specialised"]) and bool(row["present"])}
    seg = cm["segments"]
    by_seg_orgs = {row["segment"]: list(row["organisations"]) for row in seg.to_dict("records")}
    by_seg_basis = {row["segment"]: {b: int(row[b]) for b in ("hq", "site", "project")}
                    for row in seg.to_dict("records")}
    sub = _orgs_in(ctx, r)
    projs = ctx.projects[M.in_region(ctx.projects, r)]
    by_seg_projects = {}
    for rec in projs.to_dict("records"):
        for s in _listify(rec["segments"]):
            by_seg_projects.setdefault(s, []).append(rec["id"])
    sites = ctx.tables.get("sites")
    by_seg_sites = {}
    if sites is not None and len(sites):
        for rec in sites[sites["regions"].map(lambda rs: r in rs)].to_dict("records"):
            for s in _listify(rec["segments"]):
                by_seg_sites.setdefault(s, []).append(rec["id"])
    state = {}
    for segs in STAGES.values():
        for s in segs:
            state[s] = ("specialised" if s in specialised else
                        "present" if s in present else "absent")
    notes = [row["detail"] for row in cm["summary"].to_dict("records")
             if row["metric"] == "note" and row["detail"]]
    summ = {row["metric"]: row for row in cm["summary"].to_dict("records")}
    attrs = cm["summary"].attrs
    return {"cm": cm, "present": present, "lq": lq, "state": state, "orgs": sub, "projects": projs,
            "seg_orgs": by_seg_orgs, "seg_basis": by_seg_basis, "seg_projects": by_seg_projects,
            "seg_sites": by_seg_sites, "notes": notes, "summary": summ,
            "reference": list(attrs.get("reference") or []), "peers_lib": list(attrs.get("peers") or []),
            "basis": attrs.get("basis"), "n_orgs": len(sub)}


def _region_list(ctx, ids):
    return _join([ctx.region(x) for x in ids]) or ctx.s("none")


# ---------------------------------------------------------------- 2 profile

def profile(ctx, F):
    regs = F["compared"]
    cols = ["item"] + regs
    heads = [ctx.s("col.item")] + [ctx.label("region", r)[0] for r in regs]
    rows = []

    def row(label, cells):
        rows.append([label] + cells)

    def org_count(r, mask_fn):
        sub = F["regions"][r]["orgs"]
        hit = sub[mask_fn(sub)] if len(sub) else sub
        return ctx.n(len(hit), ctx.src_many("org", hit["id"]))

    row(ctx.s("profile.organisations"), [org_count(r, lambda d: d["id"].notna()) for r in regs])
    for t in ORG_TYPES:
        row(ctx.s(f"type.{t}"), [org_count(r, lambda d, t=t: d["type"] == t) for r in regs])
    for stage, segs in STAGES.items():
        row(ctx.s("profile.stage").format(stage=ctx.label("stage", stage)[0]),
            [org_count(r, lambda d, segs=segs: d["segments"].map(
                lambda v: bool(set(_listify(v)) & set(segs)))) for r in regs])
    sites = ctx.tables.get("sites")
    if sites is not None and len(sites):
        cells = []
        for r in regs:
            here = sites[sites["regions"].map(lambda rs, r=r: r in rs)]
            cells.append(ctx.n(len(here), ctx.src_many("site", here["id"])))
        row(ctx.s("profile.sites"), cells)
    row(ctx.s("profile.projects"),
        [ctx.n(len(F["regions"][r]["projects"]),
               ctx.src_many("project", F["regions"][r]["projects"]["id"])) for r in regs])
    statuses = sorted({s for r in regs for s in F["regions"][r]["projects"]["status"].dropna()})
    for unit, col in (("GWh", "capacity_gwh"), ("t", "capacity_tonnes")):
        for st in statuses:
            cells = []
            for r in regs:
                pr = F["regions"][r]["projects"]
                sel = pr[(pr["status"] == st) & pr[col].notna()]
                cells.append(None if sel.empty else
                             ctx.n(float(sel[col].sum()), ctx.src_many("project", sel["id"])))
            if any(c is not None for c in cells):
                row(ctx.s("profile.capacity").format(unit=unit, status=ctx.label("status", st)[0]),
                    cells)
    row(ctx.s("profile.patents"), [F["ip"]["by_region"][r]["cell"] for r in regs])
    row(ctx.s("profile.collab_edges"),
        [ctx.n(F["collab"][r]["n_edges"], F["collab"][r]["src"]) for r in regs])
    blocks = [p(ctx.t("profile.intro", region=ctx.region(F["region"]))),
              table(cols, heads, rows)]
    if ctx.tables.get("sites") is None or not len(ctx.tables["sites"]):
        blocks.append(note(ctx.t("profile.no_sites")))
    blocks.append(note(ctx.t("profile.cells_unknown")))
    return blocks


# ---------------------------------------------------------------- 3 coverage

def coverage(ctx, F):
    r0 = F["region"]
    regs = F["compared"]
    rf = F["regions"][r0]
    rows = []
    for stage, segs in STAGES.items():
        for s in segs:
            orgs = rf["seg_orgs"].get(s, [])
            projs = rf["seg_projects"].get(s, [])
            sites = rf["seg_sites"].get(s, [])
            lq = rf["lq"].get(s)
            b = rf["seg_basis"].get(s, {})
            basis = ", ".join(f"{k} {v}" for k, v in b.items() if v) or None
            rows.append([
                ctx.nm("stage", stage), ctx.seg(s), ctx.s(f"state.{rf['state'][s]}"),
                None if _nan(lq) else ctx.n(lq, ctx.src_many("org", orgs)),
                _join([ctx.org(o) for o in sorted(orgs)]) or None, basis,
                _join([ctx.nm("site", x) for x in sorted(sites)]) or None,
                _join([ctx.nm("project", x) for x in sorted(projs)]) or None,
            ])
    heads = [ctx.s(k) for k in ("col.stage", "col.segment", "col.state", "col.lq",
                                "col.organisations", "col.basis", "col.sites", "col.projects")]
    blocks = [p(ctx.t("coverage.intro", region=ctx.region(r0),
                      reference=_region_list(ctx, rf["reference"]))),
              table(["stage", "segment", "state", "lq", "organisations", "basis", "sites",
                     "projects"], heads, rows)]
    blocks.append(note(ctx.t("coverage.basis")))
    unheld = [s for s in rf["seg_projects"] if not rf["seg_orgs"].get(s)]
    if unheld:
        blocks.append(note(ctx.t("coverage.project_only",
                                 segments=_join([ctx.seg(s) for s in unheld]))))
    # the comparison matrix
    mrows = []
    for stage, segs in STAGES.items():
        for s in segs:
            cells = [ctx.seg(s)]
            for r in regs:
                fr = F["regions"][r]
                n_o = len(fr["seg_orgs"].get(s, []))
                cells.append([ctx.s(f"state.{fr['state'][s]}"), " (",
                              ctx.n(n_o, ctx.src_many("org", fr["seg_orgs"].get(s, []))), ")"])
            mrows.append(cells)
    blocks.append(p(ctx.t("coverage.matrix_intro")))
    blocks.append(table(["segment"] + regs,
                        [ctx.s("col.segment")] + [ctx.label("region", r)[0] for r in regs], mrows))
    blocks.append(figure("coverage-heatmap", ctx.s("fig.coverage"), ctx.s("fig.where")))
    for r in regs:
        for n_ in F["regions"][r]["notes"]:
            blocks.append(note([ctx.region(r), ": ", n_]))
    return blocks


# ---------------------------------------------------------------- 4 routes

def routes(ctx, F):
    regs = F["compared"]
    import pyoxigraph as ox

    from .context import report_query

    study = ctx.kg.query_df(report_query("study-routes"),
                            {"source": ox.NamedNode(P.DATA + "source/seed-study")},
                            name="report-study-routes")
    study_routes = {P.local_id(r): int(n) for r, n in zip(study.get("route", []),
                                                          study.get("n_entities", []))}
    counts = {r: M.counts(F["regions"][r]["orgs"], r, by="routes") if F["regions"][r]["n_orgs"]
              else pd.Series(dtype=int) for r in regs}
    all_routes = sorted(set(study_routes) | {k for c in counts.values() for k, v in c.items() if v})
    rows = []
    for rt in all_routes:
        cells = [ctx.route(rt)]
        for r in regs:
            sub = F["regions"][r]["orgs"]
            ids = [o for o, rs in zip(sub["id"], sub["routes"]) if rt in _listify(rs)]
            cells.append(ctx.n(len(ids), ctx.src_many("org", ids)))
        cells.append(ctx.s("yes") if rt in study_routes else ctx.s("no"))
        rows.append(cells)
    heads = [ctx.s("col.route")] + [ctx.label("region", r)[0] for r in regs] + [ctx.s("col.study")]
    blocks = [p(ctx.t("routes.intro")), table(["route"] + regs + ["study"], heads, rows)]
    drows = []
    for r in regs:
        d = M.route_diversity(F["regions"][r]["orgs"], r) if F["regions"][r]["n_orgs"] else \
            {"routes": 0, "entropy_bits": 0.0, "evenness": float("nan"),
             "note": ctx.s("routes.no_orgs")}
        src = ctx.src_many("org", F["regions"][r]["orgs"]["id"])
        drows.append([ctx.region(r), ctx.n(d["routes"], src), ctx.n(d["entropy_bits"], src),
                      None if _nan(d["evenness"]) else ctx.n(d["evenness"], src),
                      d.get("note") or None])
    blocks.append(table(["region", "routes", "entropy_bits", "evenness", "note"],
                        [ctx.s(k) for k in ("col.region", "col.routes", "col.entropy",
                                            "col.evenness", "col.note")], drows))
    r0 = F["region"]
    missing = [rt for rt in sorted(study_routes) if not counts[r0].get(rt, 0)]
    if missing:
        blocks.append(p(ctx.t("routes.missing", region=ctx.region(r0),
                              routes=_join([ctx.route(x) for x in missing]))))
    else:
        blocks.append(p(ctx.t("routes.none_missing", region=ctx.region(r0))))
    return blocks, {"study_routes": study_routes, "missing": missing}


# ---------------------------------------------------------------- 5 gaps

def _complexity(ctx, r, cm):
    """COG (complexity outlook gain) per segment for ``r``, or the reason it is undefined.

    Computed by :func:`ssbkg.metrics.complexity` on the same basis matrix and the same peers
    that :func:`ssbkg.analysis.cluster_metrics` used (it reports ECI and COI, not COG).
    """
    attrs = cm["summary"].attrs
    peers = list(attrs.get("peers") or [])
    hold = ctx.tables.get("_holdings", {}).get(("segments", tuple(attrs.get("types") or ("enterprise",))))
    if hold is None or len(peers) < 2:
        return None, ctx.s("gaps.cog_no_row")
    concepts = [s for segs in STAGES.values() for s in segs]
    try:
        N = M.segment_counts(hold, peers, concepts=concepts)
        N = N.loc[:, N.sum(axis=0) > 0]
        N = N.loc[N.sum(axis=1) > 0]
        cx = M.complexity(N)
    except GraphError as exc:
        return None, str(exc)
    cog = cx.get("cog")
    if cog is None or r not in cog.index:
        return None, ctx.s("gaps.cog_no_row")
    return {k: float(v) for k, v in cog.loc[r].items()}, None


def _candidates(ctx, r0, seg):
    """Organisations outside ``r0`` active in ``seg``: route, capacity, location, sources."""
    orgs = ctx.orgs
    inside = M.in_region(orgs, r0)
    country = ctx.levels.get(r0, {}).get("country")
    rows = []
    for rec in orgs[~inside].to_dict("records"):
        if seg not in _listify(rec["segments"]):
            continue
        cap = rec.get("capacity_gwh")
        if _nan(cap):
            pr = ctx.projects[ctx.projects["developers"].map(lambda d: rec["id"] in d)]
            pr = pr[pr["capacity_gwh"].notna() & pr["segments"].map(lambda s: seg in _listify(s))]
            cap = float(pr["capacity_gwh"].sum()) if len(pr) else float("nan")
            cap_src = ctx.src_many("project", pr["id"]) if len(pr) else set()
        else:
            cap_src = ctx.src("org", rec["id"])
        same = country is not None and rec.get("region_country") == country
        rows.append((0 if same else 1, -(0 if _nan(cap) else cap), str(rec["label"] or rec["id"]),
                     rec, cap, cap_src))
    rows.sort(key=lambda x: x[:3])
    return [(rec, cap, cap_src) for *_, rec, cap, cap_src in rows]


def gaps(ctx, F):
    r0 = F["region"]
    rf = F["regions"][r0]
    cm = rf["cm"]
    ranking = cm["gaps"]
    cog, cog_reason = _complexity(ctx, r0, cm)
    # a density, LQ or COG is computed from everything the region holds: its sources are
    # those of all the organisations holding a segment there
    held = sorted({o for v in rf["seg_orgs"].values() for o in v})
    src_region = ctx.src_many("org", held)
    facts = {"absent": [], "unspecialised": []}
    blocks = [p(ctx.t("gaps.intro", region=ctx.region(r0)))]
    for kind in ("absent", "unspecialised"):
        sel = ranking[ranking["kind"] == kind]
        rows = []
        for rec in sel.to_dict("records"):
            s = rec["segment"]
            dval = None if _nan(rec["density"]) else float(rec["density"])
            src = src_region
            close = _join([[ctx.seg(c), " (", ctx.n(ph, src), ")"] for c, ph in
                           zip(rec.get("close_to") or [], rec.get("proximity") or [])]) or None
            cands = _candidates(ctx, r0, s)
            cruns = []
            for o, cap, cap_src in cands[:MAX_CANDIDATES]:
                item = [ctx.org(o["id"]), " (", ctx.region(o["region"]) if o["region"] else "?"]
                rts = _listify(o["routes"])
                if rts:
                    item += ["; "] + _join([ctx.route(x) for x in rts], "/")
                if not _nan(cap):
                    item += ["; ", ctx.n(cap, cap_src), " GWh"]
                item += [")"]
                src_o = ctx.src("org", o["id"])
                if src_o:
                    item += [ctx.cite(src_o)]
                cruns.append(item)
            if len(cands) > MAX_CANDIDATES:
                cruns.append(ctx.t("gaps.more", n=ctx.n(len(cands) - MAX_CANDIDATES)))
            cog_v = None if cog is None or _nan(cog.get(s)) else ctx.n(cog[s], src)
            rows.append([None if _nan(rec["rank"]) else ctx.n(int(rec["rank"])), ctx.seg(s),
                         None if dval is None else ctx.n(dval, src),
                         None if _nan(rec["lq"]) else ctx.n(rec["lq"], src),
                         cog_v, ctx.n(int(rec["peers_holding"])), close,
                         rec["note"] or None,
                         _join(cruns, "; ") or ctx.s("gaps.no_candidates")])
            facts[kind].append({"segment": s, "density": dval,
                                "lq": None if _nan(rec["lq"]) else float(rec["lq"]),
                                "cog": None if cog is None else cog.get(s),
                                "n_candidates": len(cands), "src": sorted(src)})
        blocks.append(p(ctx.t(f"gaps.{kind}_intro", n=ctx.n(len(sel)))))
        if rows:
            blocks.append(table(["rank", "segment", "density", "lq", "cog", "peers_holding",
                                 "close_to", "note", "candidates"],
                                [ctx.s(k) for k in ("col.rank", "col.segment", "col.density",
                                                    "col.lq", "col.cog", "col.peers_holding",
                                                    "col.close_to", "col.note",
                                                    "col.candidates")], rows))
    if cog is None:
        blocks.append(note(ctx.t("gaps.cog_undefined", reason=cog_reason or "")))
    eci = rf["summary"].get("economic complexity index (ECI)")
    if eci is not None:
        if eci["value"] is None or _nan(eci["value"]):
            blocks.append(note(ctx.t("gaps.eci_undefined", reason=eci["detail"] or "")))
        else:
            coi = rf["summary"].get("complexity outlook index (COI)", {})
            src = ctx.src_many("org", rf["orgs"]["id"])
            blocks.append(p(ctx.t("gaps.eci", eci=ctx.n(eci["value"], src),
                                  coi=ctx.n(coi.get("value"), src) if coi else ctx.s("undefined"),
                                  n=ctx.n(len(rf["peers_lib"])))))
    blocks.append(figure("opportunity-scatter", ctx.s("fig.opportunity"), ctx.s("fig.where")))
    blocks.append(note(ctx.t("gaps.reference", reference=_region_list(ctx, rf["reference"]))))
    facts["cog_reason"] = cog_reason
    facts["points"] = [{"segment": g["segment"], "density": g["density"], "cog": g["cog"],
                        "state": "absent" if k == "absent" else "present"}
                       for k in ("absent", "unspecialised") for g in facts[k]]
    return blocks, facts


# ---------------------------------------------------------------- 6 collaboration

def collab_facts(ctx, r):
    fm = A.fragmentation_metrics(ctx.kg, r)
    s = {row["metric"]: row for row in fm["summary"].to_dict("records")}
    n_edges = s.get("n_edges", {}).get("value") or 0
    ids = list(fm["nodes"]["node"]) if len(fm["nodes"]) else []
    collab_ids = []
    ct = P.collaboration_table(ctx.kg)
    inside = set(ids)
    for rec in ct.to_dict("records"):
        if inside & set(rec["parties"]):
            collab_ids.append(rec["id"])
    return {"fm": fm, "s": s, "n_edges": int(n_edges), "nodes": ids,
            "src": ctx.src_many("collab", collab_ids) | ctx.src_many("org", ids)}


def collaboration(ctx, F):
    r0 = F["region"]
    c = F["collab"][r0]
    s, fm = c["s"], c["fm"]
    src = c["src"]

    def val(key):
        v = s.get(key, {}).get("value")
        return None if _nan(v) else ctx.n(v, src)

    blocks = [p(ctx.t("collab.intro", region=ctx.region(r0)))]
    rows = []
    for key in ("n_nodes", "n_edges", "n_components", "n_isolates", "F", "dF",
                "share_enterprises_linked", "n_platforms_without_enterprise", "triple_helix_bits",
                "ei_type"):
        if key in s:
            rows.append([ctx.s(f"collab.{key}"), val(key)])
    blocks.append(table(["metric", "value"], [ctx.s("col.metric"), ctx.s("col.value")], rows))
    if "note" in s and s["note"].get("detail"):
        blocks.append(note([ctx.s("collab.library_note"), s["note"]["detail"]]))
    F_val = s.get("F", {}).get("value")
    degenerate = c["n_edges"] == 0 or (not _nan(F_val) and F_val is not None and F_val >= 1.0)
    if c["n_edges"] == 0 and c["nodes"]:
        blocks.append(note(ctx.t("collab.edgeless", n=ctx.n(len(c["nodes"]), src))))
    elif not c["nodes"]:
        blocks.append(note(ctx.t("collab.empty")))
    unl = fm["unlinked_platforms"]
    if len(unl):
        blocks.append(p(ctx.t("collab.unlinked", n=ctx.n(len(unl), ctx.src_many("org", unl["platform"])),
                              platforms=_join([ctx.org(x) for x in unl["platform"]]))))
    kp = fm["key_players"]
    if len(kp) and not degenerate:
        blocks.append(p(ctx.t("collab.key_players",
                              players=_join([ctx.org(x) for x in kp["node"]]))))
    elif len(kp) or degenerate:
        blocks.append(note(ctx.t("collab.key_players_tie")))
    nodes = fm["nodes"]
    if len(nodes) and "betweenness" in nodes and float(nodes["betweenness"].max()) > 0:
        top = nodes.sort_values(["betweenness", "node"], ascending=[False, True]).head(3)
        best = float(top["betweenness"].iloc[0])
        ties = nodes[nodes["betweenness"] == best]
        blocks.append(p(ctx.t("collab.brokers",
                              brokers=_join([[ctx.org(n_), " (", ctx.n(b, src), ")"]
                                             for n_, b in zip(top["node"], top["betweenness"])]))))
        if len(ties) > 1:
            blocks.append(note(ctx.t("collab.broker_ties", n=ctx.n(len(ties)))))
    elif len(nodes):
        blocks.append(note(ctx.t("collab.no_brokers")))
    blocks.append(note(ctx.t("collab.todo_gf")))
    # peers
    prow = []
    for r in F["compared"]:
        cr = F["collab"][r]
        sv = cr["s"]
        prow.append([ctx.region(r), ctx.n(len(cr["nodes"]), cr["src"]), ctx.n(cr["n_edges"], cr["src"]),
                     None if _nan(sv.get("F", {}).get("value")) else ctx.n(sv["F"]["value"], cr["src"]),
                     None if _nan(sv.get("n_platforms_without_enterprise", {}).get("value")) else
                     ctx.n(sv["n_platforms_without_enterprise"]["value"], cr["src"])])
    blocks.append(table(["region", "nodes", "edges", "F", "unlinked"],
                        [ctx.s(k) for k in ("col.region", "col.nodes", "col.edges", "col.F",
                                            "col.unlinked")], prow))
    return blocks, {"F": F_val, "n_edges": c["n_edges"], "n_unlinked": len(unl),
                    "n_nodes": len(c["nodes"]), "src": sorted(src)}


# ---------------------------------------------------------------- 7 pipeline

def pipeline(ctx, F):
    r0 = F["region"]
    rf = F["regions"][r0]
    pr = rf["projects"]
    blocks = [p(ctx.t("pipeline.intro", region=ctx.region(r0), n=ctx.n(len(pr), ctx.src_many("project", pr["id"]))))]
    if pr.empty:
        blocks.append(note(ctx.t("pipeline.none")))
        return blocks, {"changes": []}
    rows = []
    for rec in pr.sort_values(["status", "id"], na_position="last").to_dict("records"):
        src = ctx.src("project", rec["id"])
        rows.append([ctx.nm("project", rec["id"]),
                     _join([ctx.org(d) for d in rec["developers"]]) or None,
                     ctx.region(rec["region"]) if rec["region"] else None,
                     ctx.nm("status", rec["status"]) if rec["status"] else None,
                     None if _nan(rec["year"]) else ctx.n(int(rec["year"]), src),
                     None if _nan(rec["capacity_gwh"]) else ctx.n(rec["capacity_gwh"], src),
                     None if _nan(rec["capacity_tonnes"]) else ctx.n(rec["capacity_tonnes"], src),
                     _join([ctx.seg(s) for s in _listify(rec["segments"])]) or None])
    blocks.append(table(["project", "developer", "location", "status", "year", "gwh", "tonnes",
                         "segments"],
                        [ctx.s(k) for k in ("col.project", "col.developer", "col.location",
                                            "col.status", "col.year", "col.gwh", "col.tonnes",
                                            "col.segments")], rows))
    cap = M.capacity_by_status_year(pr, r0)
    crow = []
    for rec in cap.to_dict("records"):
        sel = pr[(pr["status"].fillna("unknown") == rec["status"])]
        src = ctx.src_many("project", sel["id"])
        crow.append([ctx.nm("status", rec["status"]),
                     rec["year"] if rec["year"] == "unknown" else ctx.n(int(rec["year"]), src),
                     ctx.n(rec["n_projects"], src),
                     None if _nan(rec["capacity_gwh"]) else ctx.n(rec["capacity_gwh"], src),
                     None if _nan(rec["capacity_tonnes"]) else ctx.n(rec["capacity_tonnes"], src)])
    blocks.append(table(["status", "year", "projects", "gwh", "tonnes"],
                        [ctx.s(k) for k in ("col.status", "col.year", "col.projects", "col.gwh",
                                            "col.tonnes")], crow))
    blocks.append(figure("capacity-by-status", ctx.s("fig.capacity"), ctx.s("fig.where")))
    changes = []
    for rec in pr.to_dict("records"):
        if rec["status"] in _INACTIVE:
            continue
        new = [s for s in _listify(rec["segments"]) if not rf["seg_orgs"].get(s)]
        if new:
            changes.append((rec["id"], new))
    if changes:
        for pid, new in changes:
            blocks.append(p(ctx.t("pipeline.would_add", project=ctx.nm("project", pid),
                                  segments=_join([ctx.seg(s) for s in new]))))
        blocks.append(note(ctx.t("pipeline.already_counted")))
    else:
        blocks.append(p(ctx.t("pipeline.no_change")))
    return blocks, {"changes": changes}


# ---------------------------------------------------------------- 8 IP

def _patent_src(ctx, holders):
    o = ctx.obs
    sel = o[(o["indicator"] == "patent_count") & o["subject"].isin(list(holders))]
    return ctx.src_many("obs", sel["obs"])


def ip_facts(ctx, F):
    pt = ctx.patents
    regs = F["compared"]
    with_data = []
    by_region = {}
    for r in regs:
        rows = pt[(pt["holder"] == r) | pt["regions"].map(lambda rs: r in rs)]
        if rows.empty:
            by_region[r] = {"count": None, "cell": ctx.s("ip.unknown"), "holders": []}
        else:
            with_data.append(r)
            by_region[r] = {"holders": list(rows["holder"])}
    pos = {}
    for r in with_data:
        pos[r] = M.patent_position(pt, r, peers=with_data)
        src = _patent_src(ctx, by_region[r]["holders"])
        by_region[r].update({"count": pos[r]["count"], "src": sorted(src),
                             "cell": ctx.n(pos[r]["count"], src)})
    return {"by_region": by_region, "with_data": with_data, "pos": pos}


def ip(ctx, F):
    r0 = F["region"]
    info = F["ip"]
    br = info["by_region"]
    blocks = []
    if br[r0]["count"] is None:
        blocks.append(note(ctx.t("ip.none", region=ctx.region(r0))))
    else:
        pos = info["pos"][r0]
        src = br[r0]["src"]
        blocks.append(p(ctx.t("ip.count", region=ctx.region(r0), n=ctx.n(pos["count"], src),
                              basis=ctx.s("ip.basis_direct") if pos.get("basis") == "direct"
                              else ctx.s("ip.basis_sum"))))
        for rec in pos.get("published") or []:
            if rec.get("rank") is None or _nan(rec.get("rank")):
                continue
            blocks.append(p(ctx.t("ip.published", holder=ctx.nm("region", rec["holder"])
                                  if rec["holder"] in ctx.levels else ctx.org(rec["holder"]),
                                  rank=ctx.n(rec["rank"], src), scope=rec.get("scope") or "")))
        if len(info["with_data"]) >= 2:
            blocks.append(p(ctx.t("ip.rank", rank=ctx.n(pos["rank"], src),
                                  n=ctx.n(pos["n_peers"]),
                                  peers=_join([ctx.region(x) for x in info["with_data"]]))))
        else:
            blocks.append(note(ctx.t("ip.no_rank")))
    rows = []
    pt = ctx.patents
    for r in F["compared"]:
        rows.append([ctx.region(r), br[r]["cell"],
                     ctx.n(info["pos"][r]["rank"], br[r]["src"]) if r in info["pos"] and
                     len(info["with_data"]) >= 2 else None])
    blocks.append(table(["region", "patents", "rank"],
                        [ctx.s("col.region"), ctx.s("col.patents"), ctx.s("col.rank_among")], rows))
    hold = pt[pt["regions"].map(lambda rs: r0 in rs) & (pt["holder"] != r0)]
    if len(hold):
        hrows = []
        for rec in hold.sort_values(["count", "holder"], ascending=[False, True]).to_dict("records"):
            src = _patent_src(ctx, [rec["holder"]])
            hrows.append([ctx.org(rec["holder"]), ctx.n(rec["count"], src), rec.get("scope") or None])
        blocks.append(p(ctx.t("ip.holders", region=ctx.region(r0))))
        blocks.append(table(["holder", "patents", "scope"],
                            [ctx.s("col.holder"), ctx.s("col.patents"), ctx.s("col.scope")], hrows))
        direct = br[r0]["count"]
        total = float(hold["count"].sum())
        if direct is not None and total < direct:
            blocks.append(note(ctx.t("ip.partial", named=ctx.n(total, _patent_src(ctx, hold["holder"])),
                                     total=ctx.n(direct, br[r0]["src"]))))
    missing = [r for r in F["compared"] if br[r]["count"] is None]
    if missing:
        blocks.append(note(ctx.t("ip.missing", regions=_join([ctx.region(x) for x in missing]))))
    return blocks


# ---------------------------------------------------------------- 9 cost & density

def _subject_region(ctx, kind, ident):
    """Region ids (all levels) an observation's subject sits in."""
    if kind == "org":
        hit = ctx.orgs[ctx.orgs["id"] == ident]
        return set(hit["regions"].iloc[0]) if len(hit) else set()
    if kind == "project":
        hit = ctx.projects[ctx.projects["id"] == ident]
        return set(hit["regions"].iloc[0]) if len(hit) else set()
    if kind == "collab":
        ct = P.collaboration_table(ctx.kg)
        hit = ct[ct["id"] == ident]
        out = set()
        if len(hit):
            for party in hit["parties"].iloc[0]:
                out |= _subject_region(ctx, "org", party)
        return out
    if kind == "region":
        return set(ctx.levels.get(ident, {}).values())
    return set()


def cost_density(ctx, F):
    o = ctx.obs
    blocks = [p(ctx.t("cost.intro"))]
    tg = o[o["indicator"].isin(["cost_ratio", "energy_density_ratio"])].sort_values(["indicator", "value"])
    rows = []
    targets = {}
    for rec in tg.to_dict("records"):
        src = ctx.src("obs", rec["obs"])
        rows.append([ctx.nm("ind", rec["indicator"]), ctx.nm("qual", rec["qualifier"]) if rec["qualifier"] else None,
                     ctx.n(rec["value"], src), ctx.nm("kind", rec["kind"]) if rec["kind"] else None,
                     rec["scope"] if not _nan(rec["scope"]) else None])
        targets.setdefault(rec["indicator"], []).append(rec)
    if rows:
        blocks.append(table(["indicator", "qualifier", "ratio", "kind", "scope"],
                            [ctx.s(k) for k in ("col.indicator", "col.qualifier", "col.ratio",
                                                "col.kind", "col.scope")], rows))
    else:
        blocks.append(note(ctx.t("cost.no_targets")))
    # a lithium-ion baseline: an energy-density or cost figure whose scope is liquid lithium-ion
    dens = o[o["indicator"] == "energy_density"]
    scope = dens["scope"].fillna("").str.lower()
    base = dens[scope.str.contains("lithium-ion|li-ion", regex=True) & ~scope.str.contains("solid")]
    r0 = F["region"]
    mrows = []
    for r in F["compared"]:
        for rec in dens.to_dict("records"):
            if r not in _subject_region(ctx, rec["subject_kind"], rec["subject"]):
                continue
            if rec["obs"] in set(base["obs"]):
                continue
            src = ctx.src("obs", rec["obs"])
            v = ctx.n(rec["value"], src)
            if not _nan(rec["upper_value"]):
                v = [v, "-", ctx.n(rec["upper_value"], src)]
            mrows.append([ctx.region(r), ctx.nm(rec["subject_kind"], rec["subject"]), v,
                          ctx.nm("kind", rec["kind"]) if rec["kind"] else None,
                          rec["scope"] if not _nan(rec["scope"]) else None,
                          None if _nan(rec["stated_on"]) else str(rec["stated_on"])])
    if mrows:
        blocks.append(p(ctx.t("cost.makers")))
        blocks.append(table(["region", "subject", "wh_per_kg", "kind", "scope", "stated"],
                            [ctx.s(k) for k in ("col.region", "col.subject", "col.wh_kg", "col.kind",
                                                "col.scope", "col.stated")], mrows))
    else:
        blocks.append(note(ctx.t("cost.no_makers")))
    if base.empty:
        blocks.append(note(ctx.t("cost.no_baseline")))
    else:
        b = base.sort_values("stated_on").iloc[-1]
        bsrc = ctx.src("obs", b["obs"])
        blocks.append(p(ctx.t("cost.baseline", value=ctx.n(b["value"], bsrc))))
        for rec in dens.to_dict("records"):
            if r0 in _subject_region(ctx, rec["subject_kind"], rec["subject"]) and rec["obs"] not in set(base["obs"]):
                src = ctx.src("obs", rec["obs"]) | bsrc
                ratio = float(rec["value"]) / float(b["value"])
                blocks.append(p(ctx.t("cost.ratio", subject=ctx.nm(rec["subject_kind"], rec["subject"]),
                                      ratio=ctx.n(ratio, src))))
    costs = o[o["indicator"] == "pack_cost"]
    in_region = [rec for rec in costs.to_dict("records")
                 if r0 in _subject_region(ctx, rec["subject_kind"], rec["subject"])]
    if not in_region:
        blocks.append(note(ctx.t("cost.no_costs", region=ctx.region(r0), n=ctx.n(len(costs), ctx.src_many("obs", costs["obs"])))))
    return blocks


# ---------------------------------------------------------------- 10 diffusion

def diffusion(ctx, F):
    from ..diffusion.market import market_size_from_kg, series_from_kg
    from ..diffusion.fit import fit_bass

    r0 = F["region"]
    blocks = [p(ctx.t("diffusion.intro"))]
    facts = {"fit": None, "m": None}
    try:
        m = market_size_from_kg(ctx.kg)
        oid = P.local_id(m["observation"])
        facts["m"] = m
        blocks.append(p(ctx.t("diffusion.market", m=ctx.n(m["value"], ctx.src("obs", oid)),
                              period=m.get("ref_period") or "")))
    except (NotFoundError, InputError) as exc:
        blocks.append(note(ctx.t("diffusion.no_market", reason=str(exc))))
    tried = []
    country = ctx.levels.get(r0, {}).get("country")
    fit = None
    for ind in ("installed_volume", "cells_shipped", "shipment"):
        for subj in [x for x in (r0, country, "world") if x]:
            try:
                periods, values = series_from_kg(ctx.kg, ind, subj, unit="GigaW-HR")
            except (NotFoundError, InputError) as exc:
                tried.append((ind, subj, str(exc)))
                continue
            try:
                fit = fit_bass(values, periods=periods,
                               market_size=facts["m"]["value"] if facts["m"] else None)
                facts["fit"] = fit
                break
            except FitError as exc:
                tried.append((ind, subj, str(exc)))
        if fit is not None:
            break
    if fit is None:
        reasons = [r for r in tried if "no actual observation" not in r[2]]
        blocks.append(note(ctx.t("diffusion.no_series")))
        for ind, subj, why in reasons:
            blocks.append(note([ctx.nm("ind", ind), " / ", ctx.region(subj), ": ", why]))
    else:
        blocks.append(p(ctx.t("diffusion.fit", p=ctx.n(fit.params["p"]), q=ctx.n(fit.params["q"]))))
    c = F["collab"][r0]
    blocks.append(note(ctx.t("diffusion.todo", n=ctx.n(len(c["nodes"]), c["src"]),
                             e=ctx.n(c["n_edges"], c["src"]))))
    return blocks, facts


# ---------------------------------------------------------------- 11 recommendations

#: Keyword rules linking a recommendation's text to the measured gap that supports it
#: (docs/report.md lists them). kind -> words; a recommendation matching a kind's words is
#: supported when that kind's gap is measured.
REC_RULES = {
    "collaboration": ("collaboration", "partnership", "industry-academia", "university",
                      "research institute"),
    "platforms": ("platform",),
    "segments": ("supply chain", "investment attraction", "chain", "enterprise structure",
                 "materials", "equipment"),
    "ip": ("patent", "intellectual property", " ip "),
    "cost": ("cost", "manufacturing investment"),
    "applications": ("application", "consumer electronics", "low-altitude", "grid storage",
                     "storage"),
}
_APPLICATION_SEGMENTS = ("consumer_electronics", "low_altitude_aircraft", "grid_storage", "nev",
                         "humanoid_robots", "datacentre_backup")


def recommendations(ctx, F):
    from ..catalogue import run

    r0 = F["region"]
    try:
        recs = run(ctx.kg, "region-challenges", region=r0)
    except NotFoundError:
        recs = pd.DataFrame(columns=["item", "type", "topic", "text"])
    recs = recs[recs["type"] == "recommendation"] if len(recs) else recs
    gf = F["gaps"]
    cf = F["collab_r0"]
    absent = [g["segment"] for g in gf["absent"]]
    unspec = [g["segment"] for g in gf["unspecialised"]]
    measured = {}
    if cf["n_nodes"] and (cf["F"] is None or _nan(cf["F"]) or cf["F"] > 0.5):
        measured["collaboration"] = ctx.t("rec.gap_F", F=ctx.n(cf["F"], cf["src"]) if not _nan(cf["F"]) else ctx.s("undefined"))
    if cf["n_unlinked"]:
        measured["platforms"] = ctx.t("rec.gap_platforms", n=ctx.n(cf["n_unlinked"], cf["src"]))
    if absent:
        measured["segments"] = ctx.t("rec.gap_segments", n=ctx.n(len(absent)),
                                     segments=_join([ctx.seg(s) for s in absent[:3]]))
    ipr = F["ip"]
    if F["region"] in ipr["pos"]:
        pos = ipr["pos"][r0]
        pub = [x for x in pos.get("published") or [] if x.get("rank") and not _nan(x.get("rank")) and x["rank"] > 1]
        if pub:
            measured["ip"] = ctx.t("rec.gap_ip", rank=ctx.n(pub[0]["rank"], F["ip"]["by_region"][r0]["src"]))
    app_absent = [s for s in absent if s in _APPLICATION_SEGMENTS]
    if app_absent:
        measured["applications"] = ctx.t("rec.gap_applications",
                                         segments=_join([ctx.seg(s) for s in app_absent]))
    rows = []
    covered = set()
    for rec in recs.sort_values("item").to_dict("records") if len(recs) else []:
        text = f" {str(rec['text']).lower()} "
        rid = P.local_id(rec["item"])
        kinds = [k for k, words in REC_RULES.items() if any(w in text for w in words)]
        support = [measured[k] for k in kinds if k in measured]
        for k in kinds:
            if k in measured:
                covered.add(k)
        # a segment named in the text
        for s in absent + unspec:
            lab = (ctx._labels.get(("seg", s), (None, None))[0] or s).lower()
            if lab in text:
                support.append(ctx.t("rec.gap_named", segment=ctx.seg(s)))
                covered.add(("seg", s))
        rows.append([ctx.nm("recommendation", rid, src=ctx.src("recommendation", rid)),
                     rec["topic"] if not _nan(rec["topic"]) else None,
                     [str(rec["text"]), ctx.cite(ctx.src("recommendation", rid))],
                     _join(support, "; ") if support else ctx.s("rec.unsupported")])
    blocks = [p(ctx.t("rec.intro", region=ctx.region(r0)))]
    if rows:
        blocks.append(table(["id", "theme", "text", "gap"],
                            [ctx.s(k) for k in ("col.id", "col.theme", "col.text", "col.gap")], rows))
    else:
        blocks.append(note(ctx.t("rec.none", region=ctx.region(r0))))
    uncovered = [k for k in measured if k not in covered]
    if uncovered and rows:
        blocks.append(p(ctx.t("rec.uncovered")))
        for k in uncovered:
            blocks.append(p(measured[k]))
    elif rows:
        blocks.append(p(ctx.t("rec.all_covered")))
    blocks.append(note(ctx.t("rec.rule")))
    return blocks


# ---------------------------------------------------------------- 12 coverage & caveats

def data_coverage(ctx, F):
    rows = []
    thin = []
    for r in F["compared"]:
        fr = F["regions"][r]
        sub = fr["orgs"]
        level = ctx.levels.get(r, {})
        own_level = [k for k, v in level.items() if v == r]
        finer = sub["region"].map(lambda x: x != r).sum() if len(sub) else 0
        src_ids = ctx.src_many("org", sub["id"]) | ctx.src_many("project", fr["projects"]["id"])
        lacks = []
        if fr["n_orgs"] == 0:
            lacks.append(ctx.s("cov.no_orgs"))
        if fr["projects"].empty:
            lacks.append(ctx.s("cov.no_projects"))
        elif fr["projects"]["capacity_gwh"].notna().sum() == 0:
            lacks.append(ctx.s("cov.no_capacity"))
        if F["ip"]["by_region"][r]["count"] is None:
            lacks.append(ctx.s("cov.no_patents"))
        if F["collab"][r]["n_edges"] == 0:
            lacks.append(ctx.s("cov.no_links"))
        if fr["n_orgs"] < THIN_COVERAGE:
            thin.append(r)
        rows.append([ctx.region(r), ctx.n(fr["n_orgs"], ctx.src_many("org", sub["id"])),
                     ctx.n(int(finer), ctx.src_many("org", sub["id"])),
                     ctx.n(len(fr["projects"]), ctx.src_many("project", fr["projects"]["id"])),
                     ctx.n(len(src_ids), src_ids), "; ".join(lacks) or ctx.s("cov.nothing")])
    blocks = [p(ctx.t("cov.intro")),
              table(["region", "organisations", "below", "projects", "sources", "lacks"],
                    [ctx.s(k) for k in ("col.region", "col.organisations_n", "col.below",
                                        "col.projects_n", "col.sources_n", "col.lacks")], rows)]
    r0 = F["region"]
    country = ctx.levels.get(r0, {}).get("country")
    if country and country != r0:
        at_country = ctx.orgs[ctx.orgs["region"] == country]
        if len(at_country):
            blocks.append(note(ctx.t("cov.country_only", n=ctx.n(len(at_country), ctx.src_many("org", at_country["id"])),
                                     country=ctx.region(country))))
    if thin:
        blocks.append(note(ctx.t("cov.thin", regions=_join([ctx.region(x) for x in thin]),
                                 k=ctx.n(THIN_COVERAGE))))
    weak = sorted(s for s, rec in ctx.sources.items() if rec.get("reliability") == "weak")
    blocks.append(note(ctx.t("cov.weak")))
    return blocks, {"thin": thin}
