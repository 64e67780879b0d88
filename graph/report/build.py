"""Assemble the cluster-gap report of a region: 13 sections computed from the KG."""

from __future__ import annotations

from .. import analysis as A
from ..errors import InputError
from . import sections as S
from .context import Context
from .model import SCHEMA_VERSION, Report

__all__ = ["cluster_gap_report", "DEFAULT_REGION", "SECTION_IDS"]

#: The study's own region (it never names it; the curators place it in Zhejiang, docs/data.md).
DEFAULT_REGION = "cn-zj"

SECTION_IDS = ("summary", "profile", "coverage", "routes", "gaps", "collaboration", "pipeline",
               "ip", "cost", "diffusion", "recommendations", "data_coverage", "sources")


def _walk_sources(obj, out):
    if isinstance(obj, dict):
        for key in ("src", "cite"):
            for s in obj.get(key, ()) or ():
                out.add(s)
        for v in obj.values():
            if isinstance(v, (dict, list)):
                _walk_sources(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _walk_sources(v, out)


def _summary(ctx, F):
    r0 = F["region"]
    blocks = []
    g = F["gaps"]
    thin = r0 in F["data_coverage"]["thin"]
    if thin:
        blocks.append(S.note(ctx.t("summary.thin", region=ctx.region(r0),
                                   n=ctx.n(F["regions"][r0]["n_orgs"],
                                           ctx.src_many("org", F["regions"][r0]["orgs"]["id"])))))
    ranked_absent = [x for x in g["absent"] if x["density"] is not None]
    if ranked_absent and not ranked_absent[0]["density"] > 0:
        blocks.append(S.p(ctx.t("summary.absent_zero", region=ctx.region(r0),
                                n=ctx.n(len(g["absent"])),
                                density=ctx.n(ranked_absent[0]["density"], ranked_absent[0]["src"]))))
    elif ranked_absent:
        top = ranked_absent[0]
        blocks.append(S.p(ctx.t("summary.absent", region=ctx.region(r0),
                                n=ctx.n(len(g["absent"])), segment=ctx.seg(top["segment"]),
                                density=ctx.n(top["density"], top["src"]))))
    elif g["absent"]:
        blocks.append(S.p(ctx.t("summary.absent_unranked", region=ctx.region(r0),
                                n=ctx.n(len(g["absent"])),
                                segments=S._join([ctx.seg(x["segment"]) for x in g["absent"][:3]]))))
    else:
        blocks.append(S.p(ctx.t("summary.no_absent", region=ctx.region(r0))))
    if g["unspecialised"]:
        top = g["unspecialised"][0]
        lq = top["lq"]
        blocks.append(S.p(ctx.t("summary.unspecialised", n=ctx.n(len(g["unspecialised"])),
                                segment=ctx.seg(top["segment"]),
                                lq=ctx.n(lq, top["src"]) if lq is not None else ctx.s("undefined"))))
    else:
        blocks.append(S.p(ctx.t("summary.no_unspecialised")))
    c = F["collab_r0"]
    if c["n_nodes"] == 0:
        blocks.append(S.p(ctx.t("summary.no_network", region=ctx.region(r0))))
    elif c["n_edges"] == 0:
        blocks.append(S.p(ctx.t("summary.edgeless", n=ctx.n(c["n_nodes"], c["src"]),
                                u=ctx.n(c["n_unlinked"], c["src"]))))
    else:
        blocks.append(S.p(ctx.t("summary.fragmentation", F=ctx.n(c["F"], c["src"]),
                                u=ctx.n(c["n_unlinked"], c["src"]))))
    if F["peers"]:
        blocks.append(S.p(ctx.t("summary.peers", peers=S._join([ctx.region(x) for x in F["peers"]]),
                                rule=F["peer_rule_text"])))
    else:
        blocks.append(S.note(ctx.t("summary.no_peers", rule=F["peer_rule_text"])))
    return blocks


def _sources_section(ctx, used):
    rows = []
    refs = {}
    for i, sid in enumerate(sorted(used), 1):
        rec = ctx.sources.get(sid, {"id": sid})
        refs[sid] = f"S{i}"
        weak = rec.get("reliability") == "weak"
        rows.append({"id": sid, "ref": f"S{i}", "title": rec.get("title"),
                     "publisher": rec.get("publisher"), "issued": rec.get("issued"),
                     "url": rec.get("url"), "kind": rec.get("kind"),
                     "reliability": rec.get("reliability"), "weak": weak})
    blocks = [S.p(ctx.t("sources.intro", n=ctx.n(len(rows)),
                        w=ctx.n(sum(1 for r in rows if r["weak"]))))]
    return blocks, rows, refs


def cluster_gap_report(kg, region=DEFAULT_REGION, *, peers=None, lang="en", since=None):
    """The cluster-gap report of ``region`` against its peers, as a :class:`Report`.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    region : str
        Region id or English/Chinese label (default: the study's own region,
        Zhejiang).
    peers : list of str, optional
        Regions to compare with (ids or labels). Default: the comparable
        regions at the same level (:func:`ssbkg.report.sections.default_peers`).
    lang : {"en", "zh"}
        Language of the texts and labels (zh: the KG's Chinese labels, English
        where a label is missing, marked).
    since : str, Path or ssbkg.monitor.Version, optional
        An older version of the KG (store, export or folder of tables): adds
        the section "What changed" after the summary
        (:func:`ssbkg.report.changes.what_changed`).

    Returns
    -------
    Report

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> rep = cluster_gap_report(curated_kg(), "Zhejiang")
    >>> [s["number"] for s in rep.sections] == list(range(1, 14))
    True
    """
    ctx = Context(kg, lang)
    rid = A.region_id(kg, region)
    if peers is None:
        peer_ids, rule = S.default_peers(kg, rid, orgs=ctx.orgs)
        rule_text = ctx.s("peers.default").format(level=ctx.s(f"level.{rule['level']}"),
                                                  within=ctx.label("region", rule["within"])[0]
                                                  if rule["within"] else ctx.s("anywhere"),
                                                  k=rule["min_orgs"], m=rule["max_peers"])
    else:
        peer_ids = []
        for x in peers:
            pid = A.region_id(kg, x)
            if pid == rid:
                raise InputError(f"peer {x!r} is the report's own region")
            if pid not in peer_ids:
                peer_ids.append(pid)
        rule = {"chosen_by": "caller"}
        rule_text = ctx.s("peers.given")
    compared = [rid] + peer_ids
    F = {"region": rid, "peers": peer_ids, "compared": compared, "peer_rule_text": rule_text}
    F["regions"] = {r: S.region_facts(ctx, r) for r in compared}
    F["collab"] = {r: S.collab_facts(ctx, r) for r in compared}
    F["ip"] = S.ip_facts(ctx, F)
    body = {}
    body["profile"] = S.profile(ctx, F)
    body["coverage"] = S.coverage(ctx, F)
    body["routes"], F["routes"] = S.routes(ctx, F)
    body["gaps"], F["gaps"] = S.gaps(ctx, F)
    body["collaboration"], F["collab_r0"] = S.collaboration(ctx, F)
    body["pipeline"], F["pipeline"] = S.pipeline(ctx, F)
    body["ip"] = S.ip(ctx, F)
    body["cost"] = S.cost_density(ctx, F)
    body["diffusion"], F["diffusion"] = S.diffusion(ctx, F)
    body["recommendations"] = S.recommendations(ctx, F)
    body["data_coverage"], F["data_coverage"] = S.data_coverage(ctx, F)
    body["summary"] = _summary(ctx, F)
    ids = SECTION_IDS
    if since is not None:
        from .changes import what_changed

        body["changes"] = what_changed(ctx, F, since)
        ids = SECTION_IDS[:1] + ("changes",) + SECTION_IDS[1:]
    used = set()
    _walk_sources(body, used)
    body["sources"], source_rows, refs = _sources_section(ctx, used)
    sections = [{"id": sid, "number": i, "title": ctx.s(f"title.{sid}"), "blocks": body[sid]}
                for i, sid in enumerate(ids, 1)]
    figures = _figure_data(ctx, F)
    content = {
        "schema": SCHEMA_VERSION,
        "meta": {
            "title": ctx.s("report.title").format(region=ctx.label("region", rid)[0]),
            "region": {"id": rid, "label": ctx.label("region", rid)[0],
                       "level": A.region_level(kg, rid)},
            "peers": [{"id": x, "label": ctx.label("region", x)[0]} for x in peer_ids],
            "peer_rule": {k: v for k, v in rule.items()},
            "lang": lang,
            "fallback_note": ctx.s("fallback.note") if lang != "en" else None,
        },
        "sections": sections,
        "sources": source_rows,
        "source_refs": refs,
        "figures": figures,
    }
    return Report(content)


def _figure_data(ctx, F):
    """Plain data behind each plot (the plots are drawn from it, in render)."""
    regs = F["compared"]
    segs = [s for v in S.STAGES.values() for s in v]
    state_code = {"absent": 0, "present": 1, "specialised": 2}
    heat = {"regions": [ctx.label("region", r)[0] for r in regs],
            "segments": [ctx.label("seg", s)[0] for s in segs],
            "values": [[state_code[F["regions"][r]["state"][s]] for s in segs] for r in regs],
            "legend": [ctx.s(f"state.{k}") for k in ("absent", "present", "specialised")]}
    pts = [{"label": ctx.label("seg", x["segment"])[0], "density": x["density"],
            "cog": x["cog"], "state": x["state"]} for x in F["gaps"]["points"]]
    cap = []
    for r in regs:
        pr = F["regions"][r]["projects"]
        for st in sorted(pr["status"].dropna().unique()):
            sel = pr[(pr["status"] == st) & pr["capacity_gwh"].notna()]
            if len(sel):
                cap.append({"region": ctx.label("region", r)[0], "status": ctx.label("status", st)[0],
                            "gwh": float(sel["capacity_gwh"].sum())})
    diff = None
    fit = F["diffusion"].get("fit")
    if fit is not None:
        diff = {"p": float(fit.params["p"]), "q": float(fit.params["q"])}
    return {"coverage-heatmap": heat, "opportunity-scatter": {"points": pts,
            "x": ctx.s("col.density"), "y": ctx.s("col.cog"),
            "cog_reason": F["gaps"].get("cog_reason")},
            "capacity-by-status": {"bars": cap, "unit": "GWh"},
            "diffusion-curves": diff}
