"""A diff and its warnings as Markdown, JSON or CSV text (the renderers only format).

Names from the data are escaped in Markdown (``markdown_cell``: HTML, pipes,
backticks, link brackets). An empty diff says so in words in Markdown, is
``"changes": []`` in JSON and a header alone in CSV.
"""

from __future__ import annotations

import csv
import io
import json
import re

from .diff import Diff

__all__ = ["FORMATS", "CSV_COLUMNS", "render", "rows", "to_markdown", "to_json", "to_csv", "md_cell"]

#: Output formats of :func:`render`.
FORMATS = ("md", "json", "csv")

#: The columns of the CSV output: one line per changed field and one per warning.
CSV_COLUMNS = ["section", "kind", "table", "id", "entity", "label", "region", "field", "old",
               "new", "sources_old", "sources_new", "message"]


def md_cell(value) -> str:
    """Text from the data made safe for a Markdown table cell.

    Examples
    --------
    >>> md_cell("<b>x</b> | [y](javascript:z)")
    '&lt;b&gt;x&lt;/b&gt; \\\\| \\\\[y\\\\](javascript:z)'
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`\[\]|])", r"\\\1", text)
    return text.replace("\r", " ").replace("\n", " ")


def _md_table(header, rows) -> list:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(md_cell(c) for c in r) + " |" for r in rows]
    return out


def to_markdown(d: Diff, warnings=None) -> str:
    """The diff as Markdown: a summary, changes by entity, provenance-only changes, warnings."""
    lines = [f"# What changed: {md_cell(d.old)} -> {md_cell(d.new)}", ""]
    s = d.summary()["rows"]
    if d.empty:
        lines.append("No changes: every table row has the same facts and provenance in both "
                     "versions.")
    else:
        lines.append(f"{s['added']} added, {s['removed']} removed, {s['changed']} changed, "
                     f"{s['provenance']} with provenance-only changes (rows).")
    ign = d.ignored
    if ign.get("ontology") or ign.get("derived"):
        lines.append("")
        lines.append(f"Not listed: {ign.get('ontology', 0)} ontology triple(s) and "
                     f"{ign.get('derived', 0)} derived triple(s) differ (derived graphs are "
                     "recomputed from the data; their changes show in the gap warnings).")
    if d.changes:
        lines += ["", "## Changes by entity", ""]
        rows = []
        for entity, changes in d.by_entity().items():
            for rc in changes:
                if rc.change == "provenance":
                    continue
                for f in rc.fields or [None]:
                    rows.append([entity, rc.label, rc.change, f"{rc.table}/{rc.id}",
                                 f.field if f else "", _v(f.old) if f else "",
                                 _v(f.new) if f else "", rc.sources_old, rc.sources_new])
                for f in rc.provenance:
                    rows.append([entity, rc.label, rc.change + " (provenance)",
                                 f"{rc.table}/{rc.id}", f.field, _v(f.old), _v(f.new),
                                 rc.sources_old, rc.sources_new])
        lines += _md_table(["entity", "label", "change", "row", "field", "old", "new",
                            "sources (old)", "sources (new)"], rows)
    if d.provenance:
        lines += ["", "## Provenance-only changes (same facts, other sources)", ""]
        rows = [[rc.entity, rc.label, f"{rc.table}/{rc.id}", f.field, _v(f.old), _v(f.new)]
                for rc in d.provenance for f in rc.provenance]
        lines += _md_table(["entity", "label", "row", "field", "old", "new"], rows)
    if warnings is not None:
        lines += ["", "## Warnings", ""]
        if not warnings:
            lines.append("No warning fired.")
        else:
            rows = [[w.kind, w.entity, w.label, w.region_label or w.region, w.before, w.after,
                     w.sources_old, w.sources_new, w.message] for w in warnings]
            lines += _md_table(["kind", "entity", "label", "region", "before", "after",
                                "sources (old)", "sources (new)", "message"], rows)
    return "\n".join(lines) + "\n"


def _v(value):
    if value is None:
        return "—"
    return value


def to_json(d: Diff, warnings=None) -> str:
    """The diff (and the warnings, when given) as indented JSON."""
    out = d.to_dict()
    if warnings is not None:
        out["warnings"] = [w.as_dict() for w in warnings]
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def rows(d: Diff, warnings=None) -> list:
    """The flat rows of :data:`CSV_COLUMNS`: one per changed field, then one per warning."""
    out = []
    for r in d.field_rows():
        out.append({"section": "change", "kind": r["change"], "table": r["table"], "id": r["id"],
                    "entity": r["entity"], "label": r["label"] or "", "region": "",
                    "field": r["field"], "old": r["old"] or "", "new": r["new"] or "",
                    "sources_old": r["sources_old"], "sources_new": r["sources_new"],
                    "message": ""})
    for x in warnings or ():
        out.append({"section": "warning", "kind": x.kind, "table": "", "id": "",
                    "entity": x.entity, "label": x.label or "", "region": x.region or "",
                    "field": "", "old": x.before, "new": x.after,
                    "sources_old": ";".join(x.sources_old),
                    "sources_new": ";".join(x.sources_new), "message": x.message})
    return out


def to_csv(d: Diff, warnings=None) -> str:
    """:func:`rows` as CSV (a header alone when nothing changed)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in rows(d, warnings):
        w.writerow([r[c] for c in CSV_COLUMNS])
    return buf.getvalue()


def render(d: Diff, fmt: str = "md", warnings=None) -> str:
    """The diff in one of :data:`FORMATS`; ``warnings`` (a list) adds them, None leaves them out.

    Examples
    --------
    >>> from ssbkg.monitor.load import version_from_lines
    >>> from ssbkg.monitor.diff import diff
    >>> v = version_from_lines([])
    >>> print(render(diff(v, v), "csv"), end="")
    section,kind,table,id,entity,label,region,field,old,new,sources_old,sources_new,message
    """
    from ..errors import InputError

    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return {"md": to_markdown, "json": to_json, "csv": to_csv}[fmt](d, warnings)
