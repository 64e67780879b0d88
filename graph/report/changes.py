"""The report's "What changed" section: the diff since an older version, about the region.

:func:`what_changed` compares an older version of the KG (a store, an export
or a folder of tables, :func:`ssbkg.monitor.load_version`) with the KG the
report reads, and lists the early warnings (:mod:`ssbkg.monitor.warnings`)
and the changed rows that concern the report's region: an entity located in
the region or below it in either version (an observation or claim through
its subject, a collaboration through any party). Its texts are in
:mod:`ssbkg.report.changes_texts`.
"""

from __future__ import annotations

from ..monitor.diff import diff
from ..monitor.load import Version, load_version, version_from_kg
from ..monitor.warnings import region_chain, region_of, warnings
from .sections import note, p, table

__all__ = ["what_changed", "MAX_ROWS"]

#: Changed rows shown at most (the rest are counted; ``ssbkg diff`` lists all).
MAX_ROWS = 40


def _regions_of(v: Version, rc) -> set:
    """The regions (with their ancestors) a changed row concerns in one version."""
    chain = region_chain(v)
    out = set()
    ids = [rc.entity]
    row = v.get(rc.table, rc.id)
    if rc.table == "collaborations" and row is not None:
        for col in ("parties", "from_party", "to_party"):
            ids += list(row.get(col) or ())
    for ident in ids:
        reg = region_of(v, ident) or (ident if ident in chain else None)
        if reg:
            out.update(chain.get(reg, [reg]))
    return out


def _value(v) -> str:
    if v is None:
        return "—"
    return ";".join(v) if isinstance(v, tuple) else str(v)


def what_changed(ctx, F, since) -> list:
    """The blocks of the section, for the report context ``ctx`` and facts ``F``.

    Parameters
    ----------
    ctx : ssbkg.report.context.Context
    F : dict
        The report's facts (``F["region"]`` is the region id).
    since : str, Path or Version
        The older version.

    Returns
    -------
    list of dict
        Paragraphs, notes and tables (the report's blocks).
    """
    old = since if isinstance(since, Version) else load_version(since)
    new = version_from_kg(ctx.kg)
    d = diff(old, new)
    r0 = F["region"]
    label = old.label
    if d.empty:
        return [p(ctx.t("changes.none", old=label))]
    mine = [rc for rc in d if r0 in _regions_of(new, rc) | _regions_of(old, rc)]
    s = d.summary()["rows"]
    blocks = [p(ctx.t("changes.intro", old=label, a=ctx.n(s["added"]), r=ctx.n(s["removed"]),
                      c=ctx.n(s["changed"]), p=ctx.n(s["provenance"]), n=ctx.n(len(mine)),
                      region=ctx.region(r0)))]
    chain = region_chain(new)
    ws = [w for w in warnings(d) if w.region and r0 in chain.get(w.region, [w.region])]
    if ws:
        blocks.append(p(ctx.t("changes.warnings", region=ctx.region(r0), n=ctx.n(len(ws)))))
        rows = []
        for w in ws:
            ent = [ctx.nm(_kind(new, e), e) for e in w.entity.split(";")]
            rows.append([ctx.s(f"warn.{w.kind}"), _sep(ent),
                         ctx.region(w.region) if w.region else "", w.before, w.after,
                         ctx.cite(set(w.sources_old) | set(w.sources_new))])
        blocks.append(table(["warning", "entity", "region", "before", "after", "sources"],
                            [ctx.s("col.warning"), ctx.s("col.subject"), ctx.s("col.region"),
                             ctx.s("col.before"), ctx.s("col.after"), ctx.s("col.sources")],
                            rows))
    else:
        blocks.append(p(ctx.t("changes.no_warnings", region=ctx.region(r0))))
    if mine:
        blocks.append(p(ctx.t("changes.rows", region=ctx.region(r0))))
        rows = []
        for rc in mine[:MAX_ROWS]:
            fields = list(rc.fields) + list(rc.provenance)
            text = "; ".join(f"{f.field}: {_value(f.old)} → {_value(f.new)}" for f in fields)
            rows.append([ctx.nm(_kind(new, rc.entity) or _kind(old, rc.entity), rc.entity),
                         f"{rc.table}/{rc.id}", ctx.s(f"change.{rc.change}"), text,
                         ctx.cite(set(rc.sources_old) | set(rc.sources_new))])
        blocks.append(table(["entity", "row", "change", "fields", "sources"],
                            [ctx.s("col.subject"), ctx.s("col.row"), ctx.s("col.change"),
                             ctx.s("col.fields"), ctx.s("col.sources")], rows))
        if len(mine) > MAX_ROWS:
            blocks.append(note(ctx.t("changes.more", n=ctx.n(len(mine) - MAX_ROWS))))
    blocks.append(note(ctx.t("changes.rule")))
    return blocks


_KINDS = {"organisations": "org", "platforms": "org", "projects": "project", "sites": "site",
          "regions": "region", "collaborations": "collab", "observations": "obs",
          "people": "person", "sources": "source", "policies": "policy"}


def _kind(v: Version, ident: str):
    for table, kind in _KINDS.items():
        if v.get(table, ident) is not None:
            return kind
    return "org"


def _sep(runs):
    out = []
    for i, r in enumerate(runs):
        if i:
            out.append(", ")
        out.append(r)
    return out
