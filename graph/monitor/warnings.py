"""Early-warning rules over a diff: what changed that an analyst should look at.

Each rule reads the two versions of a :class:`~ssbkg.monitor.diff.Diff` and
returns :class:`EarlyWarning` objects naming the entity, its region, the figures
before and after and the sources behind both. The rules, their thresholds
and their reasons are in docs/monitoring.md; :data:`RULES` is the list in
one place (kind -> one-line description), :data:`KINDS` the kinds in order.

A rule fires on a change between the versions, never on a state both share:
a project already past its year in OLD does not warn again in NEW.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diff import Diff
from .load import Version

__all__ = [
    "EarlyWarning",
    "RULES",
    "KINDS",
    "STATUS_RANK",
    "CAPACITY_CUT",
    "CAPACITY_UNITS",
    "warnings",
    "as_of_year",
    "region_chain",
    "region_of",
]

#: Order of the project statuses; a move to a lower rank is backwards.
#: ``operating`` and ``completed`` are both done (a finished build that runs);
#: ``suspended`` is below every other status.
STATUS_RANK = {"suspended": -1, "planned": 0, "under_construction": 1, "operating": 2,
               "completed": 2}

#: A capacity cut: the newest announced capacity falls by more than this share.
CAPACITY_CUT = 0.10

#: Units of capacity compared, as (dimension, factor to the dimension's unit).
CAPACITY_UNITS = {"GigaW-HR": ("GWh", 1.0), "MegaW-HR": ("GWh", 1e-3),
                  "KiloW-HR": ("GWh", 1e-6), "TONNE": ("t", 1.0)}

#: Warning kind -> what fires it (docs/monitoring.md has the reasons).
RULES = {
    "status-backwards": "a project or site's status moved backwards (planned < under "
                        "construction < operating = completed; suspended below all)",
    "past-due": "a project or site passed its latest stated milestone year (a plan or target "
                "milestone_year about it) without operating or completing",
    "capacity-cut": f"the newest announced annual capacity of an entity fell by more than "
                    f"{CAPACITY_CUT:.0%}",
    "new-gap": "a region lost its last organisation in a segment (the cluster basis, "
               "ssbkg.metrics.basis)",
    "gap-filled": "a region gained an organisation in a segment where it had none",
    "platform-orphaned": "an innovation platform lost its last enterprise partner (host, "
                         "party of a collaboration without an end date, or project partner)",
    "source-weakened": "a fact that rested on a primary or secondary source now rests only on "
                       "weak sources, or on none",
    "collaboration-ended": "a collaboration got an end date, or its row was removed",
}

#: The warning kinds, in the order warnings are listed.
KINDS = tuple(RULES)

_RELIABILITY = {"primary": 0, "secondary": 1, "weak": 2}


@dataclass(frozen=True)
class EarlyWarning:
    """One early warning.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    entity, label : str
        What it is about (id) and its English label.
    region, region_label : str or None
        Where it is (the entity's region; for a gap, the region that gained or
        lost the segment).
    before, after : str
        The figures in OLD and in NEW, as text with units.
    sources_old, sources_new : tuple of str
        Source ids of the rows the warning reads, in each version.
    message : str
        One sentence.
    """

    kind: str
    entity: str
    label: str | None
    region: str | None
    region_label: str | None
    before: str
    after: str
    sources_old: tuple = ()
    sources_new: tuple = ()
    message: str = ""

    def as_dict(self) -> dict:
        return {"kind": self.kind, "entity": self.entity, "label": self.label,
                "region": self.region, "region_label": self.region_label,
                "before": self.before, "after": self.after,
                "sources_old": list(self.sources_old), "sources_new": list(self.sources_new),
                "message": self.message}


# ---------------------------------------------------------------- helpers


def _label(v: Version, ident: str | None):
    if ident is None:
        return None
    for t in ("organisations", "platforms", "projects", "sites", "regions", "collaborations",
              "sources", "people", "policies"):
        row = v.get(t, ident)
        if row is not None:
            return row.get("label_en") or row.get("title") or row.get("description")
    return None


def region_of(v: Version, ident: str | None):
    """The region of an entity (its own column), or of its subject for an observation."""
    for t in ("projects", "sites", "organisations", "platforms"):
        row = v.get(t, ident)
        if row is not None:
            return row.get("region")
    return None


def _sources(row) -> tuple:
    return tuple((row or {}).get("source") or ())


def _date_key(text) -> str:
    return text or ""


def as_of_year(v: Version) -> int | None:
    """The newest year a version states: its sources' ``issued``, observations' and claims' ``stated_on``.

    This is the version's "now" for :data:`RULES` ``past-due`` unless a year is given.
    """
    years = []
    for ident, row in v.table("sources").items():
        if row.get("issued"):
            years.append(int(row["issued"][:4]))
    for t in ("observations", "claims"):
        for row in v.table(t).values():
            if row.get("stated_on"):
                years.append(int(row["stated_on"][:4]))
    return max(years) if years else None


def _best(v: Version, sources) -> int | None:
    """Best reliability rank of the given sources in ``v`` (None: no known source)."""
    ranks = []
    for s in sources or ():
        row = v.get("sources", s)
        if row is not None and row.get("reliability") in _RELIABILITY:
            ranks.append(_RELIABILITY[row["reliability"]])
    return min(ranks) if ranks else None


def _status(v: Version, table: str, ident: str):
    """The entity's status: its row's, else the claim the conflicts rule prefers (docs/data.md)."""
    row = v.get(table, ident) or {}
    if row.get("status"):
        return row["status"], _sources(row)
    claims = [(cid, c) for cid, c in v.by("claims", "subject").get(ident, ())
              if c.get("property") == "status"]
    if not claims:
        return None, ()

    def key(item):
        cid, c = item
        best = _best(v, c.get("source"))
        when = c.get("stated_on") or max(
            ((v.get("sources", s) or {}).get("issued") or "" for s in c.get("source") or ()),
            default="")
        return (best if best is not None else 9, _neg(when))

    ranked = sorted(claims, key=key)
    if len(ranked) > 1 and key(ranked[0]) == key(ranked[1]):
        return None, ()  # a tie: no answer, as the rule says
    cid, c = ranked[0]
    return c.get("value"), _sources(c)


def _neg(text: str):
    """Sort key putting the newest ISO date first."""
    return tuple(-ord(ch) for ch in text)


# ---------------------------------------------------------------- rules


def _status_backwards(d, old, new, as_of):
    out = []
    for table in ("projects", "sites"):
        for ident in sorted(set(old.ids(table)) & set(new.ids(table))):
            a, sa = _status(old, table, ident)
            b, sb = _status(new, table, ident)
            if a is None or b is None or a == b:
                continue
            ra, rb = STATUS_RANK.get(a), STATUS_RANK.get(b)
            if ra is None or rb is None or rb >= ra:
                continue
            reg = region_of(new, ident)
            out.append(EarlyWarning("status-backwards", ident, _label(new, ident), reg,
                               _label(new, reg), a, b, sa, sb,
                               f"status moved back from {a} to {b}"))
    return out


def _milestone_year(v: Version, ident: str):
    years, srcs = [], set()
    for oid, o in v.by("observations", "subject").get(ident, ()):
        if o.get("indicator") == "milestone_year" and o.get("kind") in ("plan", "target"):
            years.append(int(float(o.get("upper_value") or o["value"])))
            srcs.update(o.get("source") or ())
    return (max(years), tuple(sorted(srcs))) if years else (None, ())


def _past_due(d, old, new, as_of):
    out = []
    now_old = as_of if as_of is not None else as_of_year(old)
    now_new = as_of if as_of is not None else as_of_year(new)
    if now_new is None:
        return out
    for table in ("projects", "sites"):
        for ident in sorted(set(old.ids(table)) & set(new.ids(table))):
            b, _ = _status(new, table, ident)
            yb, sb = _milestone_year(new, ident)
            if yb is None or yb >= now_new or STATUS_RANK.get(b, 0) >= 2:
                continue
            a, _ = _status(old, table, ident)
            ya, sa = _milestone_year(old, ident)
            was_due = (ya is not None and now_old is not None and ya < now_old
                       and STATUS_RANK.get(a, 0) < 2)
            if was_due:
                continue
            reg = region_of(new, ident)
            out.append(EarlyWarning(
                "past-due", ident, _label(new, ident), reg, _label(new, reg),
                f"{a or 'status unknown'}, year {ya if ya is not None else 'none'}",
                f"{b or 'status unknown'}, year {yb} (as of {now_new})", sa, sb,
                f"stated year {yb} has passed (as of {now_new}) and it is "
                f"{b or 'of unknown status'}, not operating or completed"))
    return out


def _announced(v: Version):
    """(subject, dimension) -> (capacity, unit text, sources, stated_on) of the newest statement."""
    groups: dict = {}
    for oid, o in v.table("observations").items():
        if o.get("indicator") != "annual_capacity" or o.get("unit") not in CAPACITY_UNITS:
            continue
        dim, factor = CAPACITY_UNITS[o["unit"]]
        value = float(o.get("upper_value") or o["value"]) * factor
        groups.setdefault((o.get("subject"), dim), []).append((o.get("stated_on"), value, oid, o))
    out = {}
    for key, items in groups.items():
        dated = [i for i in items if i[0]]
        pool = dated or items
        newest = max(_date_key(i[0]) for i in pool)
        chosen = [i for i in pool if _date_key(i[0]) == newest]
        value = max(i[1] for i in chosen)
        srcs = sorted({s for i in chosen for s in (i[3].get("source") or ())})
        out[key] = (value, key[1], tuple(srcs), newest, sorted(i[2] for i in chosen))
    return out


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _capacity_cut(d, old, new, as_of):
    out = []
    a, b = _announced(old), _announced(new)
    for key in sorted(set(a) & set(b), key=lambda k: (k[0] or "", k[1])):
        (va, unit, sa, da, oa), (vb, _, sb, db, ob) = a[key], b[key]
        if va <= 0 or vb >= va * (1 - CAPACITY_CUT):
            continue
        ident = key[0]
        reg = region_of(new, ident)
        out.append(EarlyWarning(
            "capacity-cut", ident, _label(new, ident), reg, _label(new, reg),
            f"{_fmt(va)} {unit} (stated {da or 'undated'}: {', '.join(oa)})",
            f"{_fmt(vb)} {unit} (stated {db or 'undated'}: {', '.join(ob)})", sa, sb,
            f"announced capacity cut by {1 - vb / va:.0%}"))
    return out


def region_chain(v: Version):
    """region id -> [itself, parent, ..., top] (industrial parks are regions too)."""
    parent = {i: r.get("parent") for i, r in v.table("regions").items()}
    for i, r in v.table("platforms").items():
        if r.get("type") == "industrial_park" and r.get("region"):
            parent[i] = r["region"]

    def up(r):
        seen, out = set(), []
        while r and r not in seen:
            out.append(r)
            seen.add(r)
            r = parent.get(r)
        return out

    return {r: up(r) for r in parent}


def _holding_sets(v: Version):
    """(region, segment) -> {organisation: sources} under the cluster basis."""
    import pandas as pd

    from ..metrics.basis import holdings

    chain = region_chain(v)

    def regs(r):
        return chain.get(r, [r] if r else [])

    orgs = pd.DataFrame([{"id": i, "type": r.get("type"), "regions": regs(r.get("region")),
                          "segments": list(r.get("segments") or ())}
                         for i, r in v.table("organisations").items()],
                        columns=["id", "type", "regions", "segments"])
    sites = pd.DataFrame([{"id": i, "operator": r.get("operator"), "regions": regs(r.get("region")),
                           "segments": list(r.get("segments") or ())}
                          for i, r in v.table("sites").items()],
                         columns=["id", "operator", "regions", "segments"])
    projects = pd.DataFrame([{"id": i, "developers": list(r.get("developer") or ()),
                              "regions": regs(r.get("region")),
                              "segments": list(r.get("segments") or ())}
                             for i, r in v.table("projects").items()],
                            columns=["id", "developers", "regions", "segments"])
    if orgs.empty:
        return {}
    hold = holdings(orgs, sites=sites if not sites.empty else None,
                    projects=projects if not projects.empty else None)
    tables = {"hq": "organisations", "site": "sites", "project": "projects"}
    out: dict = {}
    for rec in hold.itertuples(index=False):
        row = v.get(tables[rec.basis], rec.via) or {}
        for reg in rec.regions:
            out.setdefault((reg, rec.concept), {}).setdefault(rec.organisation, set()).update(
                row.get("source") or ())
    return out


def _gaps(d, old, new, as_of):
    out = []
    a, b = _holding_sets(old), _holding_sets(new)
    regions = set(old.ids("regions")) & set(new.ids("regions"))
    regions |= set(old.ids("platforms")) & set(new.ids("platforms"))
    for key in sorted(set(a) | set(b)):
        reg, seg = key
        if reg not in regions:
            continue
        oa, ob = a.get(key, {}), b.get(key, {})
        if bool(oa) == bool(ob):
            continue
        kind = "new-gap" if oa else "gap-filled"
        movers = sorted(oa if oa else ob)
        srcs_a = tuple(sorted({s for o in oa.values() for s in o}))
        srcs_b = tuple(sorted({s for o in ob.values() for s in o}))
        entity = ";".join(movers)
        labels = ";".join(_label(new, m) or _label(old, m) or m for m in movers)
        before = f"{len(oa)} organisation(s) in {seg}" + (f": {', '.join(sorted(oa))}" if oa else "")
        after = f"{len(ob)} organisation(s) in {seg}" + (f": {', '.join(sorted(ob))}" if ob else "")
        msg = (f"{_label(new, reg) or reg} lost its last organisation in {seg}" if oa
               else f"{_label(new, reg) or reg} gained an organisation in {seg}, a gap before")
        out.append(EarlyWarning(kind, entity, labels, reg, _label(new, reg), before, after,
                           srcs_a, srcs_b, msg))
    return out


def _partners(v: Version):
    """platform id -> {enterprise id: sources of the rows linking them}."""
    plats = v.table("platforms")
    ent = {i for i, r in v.table("organisations").items() if r.get("type") == "enterprise"}
    out = {p: {} for p in plats}
    for p, r in plats.items():
        for h in (r.get("host") or ()) if isinstance(r.get("host"), tuple) else [r.get("host")]:
            if h in ent:
                out[p].setdefault(h, set()).update(r.get("source") or ())

    def link(parties, row):
        ps = [x for x in parties if x in out]
        es = [x for x in parties if x in ent]
        for p in ps:
            for e in es:
                out[p].setdefault(e, set()).update(row.get("source") or ())

    for c in v.table("collaborations").values():
        if c.get("ended"):
            continue  # an ended collaboration is a past partnership
        parties = set(c.get("parties") or ()) | set(c.get("from_party") or ()) \
            | set(c.get("to_party") or ())
        link(parties, c)
    for pr in v.table("projects").values():
        link(set(pr.get("developer") or ()) | set(pr.get("partners") or ()), pr)
    return out


def _platform_orphaned(d, old, new, as_of):
    out = []
    a, b = _partners(old), _partners(new)
    for p in sorted(set(a) & set(b)):
        if a[p] and not b[p]:
            reg = region_of(new, p)
            srcs = tuple(sorted({s for v in a[p].values() for s in v}))
            out.append(EarlyWarning(
                "platform-orphaned", p, _label(new, p), reg, _label(new, reg),
                f"{len(a[p])} enterprise partner(s): {', '.join(sorted(a[p]))}",
                "0 enterprise partners", srcs, _sources(new.get("platforms", p)),
                "the platform lost its last enterprise partner"))
    return out


def _source_weakened(d, old, new, as_of):
    out = []
    names = {0: "primary", 1: "secondary", 2: "weak", None: "no source"}
    for (table, ident) in sorted(set(old.rows) & set(new.rows)):
        if table == "sources" or table.startswith(("user/", "graph", "default", "provenance")):
            continue
        ra, rb = old.values(table, ident), new.values(table, ident)
        ba, bb = _best(old, ra.get("source")), _best(new, rb.get("source"))
        if ba is None or ba > 1 or (bb is not None and bb <= 1):
            continue
        entity = entity_of_row(new, table, ident, rb)
        reg = region_of(new, entity)
        out.append(EarlyWarning(
            "source-weakened", ident, _label(new, ident) or _label(new, entity), reg,
            _label(new, reg),
            f"best source {names[ba]}: {', '.join(_sources(ra))}",
            f"best source {names[bb]}: {', '.join(_sources(rb)) or '(none)'}",
            _sources(ra), _sources(rb),
            f"{table} row {ident} now rests only on "
            + ("weak sources" if bb == 2 else "no known source")))
    return out


def entity_of_row(v: Version, table: str, ident: str, values: dict) -> str:
    from .diff import entity_of

    return entity_of(v, table, values) or ident


def _collaboration_ended(d, old, new, as_of):
    out = []
    a, b = old.table("collaborations"), new.table("collaborations")
    for cid in sorted(a):
        ra = a[cid]
        rb = b.get(cid)
        parties = sorted(set(ra.get("parties") or ()) | set(ra.get("from_party") or ())
                         | set(ra.get("to_party") or ()))
        reg = next((r for r in (region_of(new, p) or region_of(old, p) for p in parties) if r),
                   None)
        label = (ra.get("kind") or "collaboration") + ": " + ", ".join(
            _label(new, p) or _label(old, p) or p for p in parties)
        if rb is None:
            out.append(EarlyWarning("collaboration-ended", cid, label, reg, _label(new, reg) or _label(old, reg),
                               f"{ra.get('kind')}, started {ra.get('started') or 'undated'}",
                               "row removed", _sources(ra), (),
                               "the collaboration's row was removed"))
        elif not ra.get("ended") and rb.get("ended"):
            out.append(EarlyWarning("collaboration-ended", cid, label, reg, _label(new, reg),
                               f"{ra.get('kind')}, no end date",
                               f"ended {rb['ended']}", _sources(ra), _sources(rb),
                               f"the collaboration ended ({rb['ended']})"))
    return out


_RULE_FUNCS = {
    "status-backwards": _status_backwards,
    "past-due": _past_due,
    "capacity-cut": _capacity_cut,
    "new-gap": _gaps,
    "platform-orphaned": _platform_orphaned,
    "source-weakened": _source_weakened,
    "collaboration-ended": _collaboration_ended,
}


def warnings(d: Diff, *, as_of: int | None = None, kinds=None) -> list:
    """Apply the early-warning rules (:data:`RULES`) to a diff.

    Parameters
    ----------
    d : Diff
        From :func:`ssbkg.monitor.diff` (it carries both versions).
    as_of : int, optional
        The year both versions are read at by ``past-due``; default each
        version's own newest stated year (:func:`as_of_year`).
    kinds : iterable of str, optional
        Only these kinds (default all of :data:`KINDS`).

    Returns
    -------
    list of EarlyWarning
        In the order of :data:`KINDS`, then entity. Empty for an empty diff.

    Examples
    --------
    >>> from ssbkg.monitor.load import version_from_lines
    >>> from ssbkg.monitor.diff import diff
    >>> v = version_from_lines([])
    >>> warnings(diff(v, v))
    []
    """
    if d.empty:
        return []
    wanted = set(KINDS if kinds is None else kinds)
    out = []
    for name, func in _RULE_FUNCS.items():
        if name == "new-gap" and not wanted & {"new-gap", "gap-filled"}:
            continue
        if name != "new-gap" and name not in wanted:
            continue
        out.extend(w for w in func(d, d.old_version, d.new_version, as_of) if w.kind in wanted)
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(out, key=lambda w: (order[w.kind], w.entity, w.region or ""))
