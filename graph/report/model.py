"""The report's content model: sections of blocks made of runs, and the :class:`Report`.

A report is data before it is text. Every section is a list of *blocks*
(paragraphs, notes, tables, figures); a paragraph is a list of *runs*: plain
text from the report's own translated templates, a **number** (``{"num":
value, "text": display, "src": [source ids]}``) or a **name** from the data
(``{"name": label, "id": entity id, "fallback": bool}``). The renderers escape
every run, so a name in the data can never become markup, and link every number
to its sources' entries in the last section. Markdown, HTML and JSON are three
views of the same blocks.
"""

from __future__ import annotations

import json
import math
import re

__all__ = ["Report", "plain_tree", "num", "name", "fmt_number", "template_runs", "SCHEMA_VERSION"]

SCHEMA_VERSION = "ssbkg-report/1"


def fmt_number(value, *, digits=3) -> str:
    """Display text of a number: integers as such, floats to ``digits`` significant figures.

    Examples
    --------
    >>> fmt_number(340.0), fmt_number(0.428571), fmt_number(1.818181), fmt_number(19.0)
    ('340', '0.429', '1.82', '19')
    >>> fmt_number(float("nan"))
    'n/a'
    """
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}".replace(",", " ") if abs(value) >= 10000 else str(value)
    v = float(value)
    if math.isnan(v):
        return "n/a"
    if v == int(v) and abs(v) < 1e15:
        return fmt_number(int(v))
    text = f"{v:.{digits}g}"
    if "e" in text:
        text = f"{v:.{digits}f}".rstrip("0").rstrip(".")
    return text


def _plain(value):
    """A JSON-safe plain value (NaN -> None, numpy scalars -> Python)."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def num(value, src=(), *, text=None, digits=3, unit=None) -> dict:
    """A number run: its value, its display text and the sources it rests on.

    Examples
    --------
    >>> num(340.0, ["seed-study"])
    {'num': 340.0, 'text': '340', 'src': ['seed-study']}
    """
    run = {"num": _plain(value), "text": text if text is not None else fmt_number(value, digits=digits),
           "src": sorted(set(src))}
    if unit:
        run["unit"] = unit
    return run


def name(label, ident=None, *, fallback=False, src=()) -> dict:
    """A name from the data (escaped by every renderer). ``fallback``: English shown for zh."""
    run = {"name": "" if label is None else str(label)}
    if ident is not None:
        run["id"] = ident
    if fallback:
        run["fallback"] = True
    if src:
        run["src"] = sorted(set(src))
    return run


_FIELD = re.compile(r"\{(\w+)\}")


def template_runs(template: str, values: dict) -> list:
    """Split a translated template at its ``{placeholders}`` into runs.

    A value may be a run (dict), a list of runs, or plain text (kept as text,
    escaped later like everything else).

    Examples
    --------
    >>> template_runs("{n} organisations in {r}.", {"n": num(3), "r": name("Zhejiang")})
    [{'num': 3, 'text': '3', 'src': []}, ' organisations in ', {'name': 'Zhejiang'}, '.']
    """
    runs = []
    pos = 0
    for m in _FIELD.finditer(template):
        if m.start() > pos:
            runs.append(template[pos:m.start()])
        value = values[m.group(1)]
        if isinstance(value, list):
            runs.extend(value)
        elif isinstance(value, dict):
            runs.append(value)
        else:
            runs.append(str(value))
        pos = m.end()
    if pos < len(template):
        runs.append(template[pos:])
    return runs


def plain_tree(obj):
    """A deep copy with JSON-safe leaves: NaN -> None, numpy scalars -> Python, tuples -> lists."""
    if isinstance(obj, dict):
        return {str(k): plain_tree(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain_tree(v) for v in obj]
    if isinstance(obj, (set, frozenset)):
        return sorted(plain_tree(v) for v in obj)
    return _plain(obj)


class Report:
    """A cluster-gap report: the content (dict) and its Markdown, HTML and JSON views.

    Build one with :func:`ssbkg.report.cluster_gap_report`; the CLI only writes
    what these methods return.

    Attributes
    ----------
    content : dict
        ``schema``, ``meta`` (region, peers, language, how the peers were
        chosen), ``sections`` (list of ``{id, number, title, blocks}``),
        ``sources`` (list of source records with their reference label) and
        ``figures`` (figure data, for the plots).
    """

    def __init__(self, content: dict):
        self.content = plain_tree(content)

    @property
    def sections(self) -> list:
        return self.content["sections"]

    def section(self, ident: str) -> dict:
        for sec in self.sections:
            if sec["id"] == ident:
                return sec
        raise KeyError(ident)

    def to_json(self) -> str:
        """The report as JSON (schema in docs/report.md), sorted keys, UTF-8 text."""
        return json.dumps(self.content, ensure_ascii=False, indent=1, sort_keys=True,
                          allow_nan=False) + "\n"

    def to_markdown(self) -> str:
        """The report as Markdown (names escaped, numbers linked to their sources)."""
        from .render import to_markdown

        return to_markdown(self)

    def to_html(self) -> str:
        """The report as one self-contained HTML file (inline SVG plots, print stylesheet)."""
        from .render import to_html

        return to_html(self)

    def _repr_html_(self):
        from .render import to_html

        return to_html(self, fragment=True)

    def __repr__(self):
        m = self.content["meta"]
        return (f"<Report {m['region']['id']} vs {', '.join(p['id'] for p in m['peers']) or '-'}"
                f" ({m['lang']}, {len(self.sections)} sections)>")
