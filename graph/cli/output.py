"""The one output-options decorator shared by every listing command.

Every command that prints rows takes ``--format table|csv|tsv|json|jsonl|md``
and ``--output FILE`` (written atomically), and hands its rows to :func:`emit`.
:func:`emit_stream` writes csv, tsv and jsonl (JSON lines: one object per
row) as the rows come, for results too big to hold; the other formats need
every row (column widths, a JSON array) and hold them.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import time
from functools import wraps

import click

from ..io import atomic_write

__all__ = ["output_options", "emit", "emit_stream", "render", "FORMATS", "STREAMING"]

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "md")

#: The formats :func:`emit_stream` writes row by row.
STREAMING = ("csv", "tsv", "jsonl")


def output_options(func):
    """Add ``--format`` and ``--output`` to a listing command.

    The wrapped command receives ``fmt`` and ``output`` keyword arguments and
    should finish with ``emit(rows, fmt=fmt, output=output)``.
    """

    @click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )
    @click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False, writable=True),
        default=None,
        help="Write to FILE (atomically) instead of standard output.",
    )
    @wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def _rows_and_columns(rows, columns=None):
    """Normalise a DataFrame or an iterable of dicts to (list of dicts, columns)."""
    pd = sys.modules.get("pandas")  # a DataFrame implies pandas is loaded already
    if pd is not None and isinstance(rows, pd.DataFrame):
        cols = [str(c) for c in rows.columns] if columns is None else list(columns)
        records = [dict(zip(cols, rec)) for rec in rows.itertuples(index=False, name=None)]
        return records, cols
    records = [dict(r) for r in rows]
    if columns is None:
        cols = []
        for r in records:
            for k in r:
                if k not in cols:
                    cols.append(k)
    else:
        cols = list(columns)
    return records, cols


def _missing(value) -> bool:
    """None, NaN, pandas.NA or NaT (not an empty list)."""
    if value is None:
        return True
    if isinstance(value, (list, tuple, dict, set, str, int, bool)):
        return False
    if isinstance(value, float):
        return value != value
    pd = sys.modules.get("pandas")  # NA and NaT only exist once pandas is loaded
    if pd is None:
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _cell(value) -> str:
    if _missing(value):
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(_cell(v) for v in value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.6g}"
    return str(value)


def _json_value(value):
    if _missing(value):
        return None
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        return _json_value(value.item())
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def render(rows, fmt: str = "table", columns=None) -> str:
    """Render rows (DataFrame or dicts) as text in one of :data:`FORMATS`.

    Examples
    --------
    >>> print(render([{"a": 1, "b": "x"}], fmt="csv"), end="")
    a,b
    1,x
    >>> render([], fmt="json")
    '[]\\n'
    >>> print(render([{"a": 1, "b": "浙江"}, {"a": None, "b": "x"}], fmt="jsonl"), end="")
    {"a": 1, "b": "浙江"}
    {"a": null, "b": "x"}
    >>> import pandas as pd
    >>> print(render([{"a": pd.NA, "b": float("nan"), "c": ["x", "y"]}], fmt="csv"), end="")
    a,b,c
    ,,x;y
    """
    records, cols = _rows_and_columns(rows, columns)
    if fmt == "json":
        return (
            json.dumps(
                [{c: _json_value(r.get(c)) for c in cols} for r in records],
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    if fmt == "jsonl":
        return "".join(_jsonl_line(cols, [r.get(c) for c in cols]) for r in records)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(
            buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n"
        )
        if cols:
            writer.writerow(cols)
        for r in records:
            writer.writerow([_cell(r.get(c)) for c in cols])
        return buf.getvalue()
    if fmt == "md":
        if not cols:
            return ""
        esc = markdown_cell
        lines = ["| " + " | ".join(esc(c) for c in cols) + " |"]
        lines.append("|" + "|".join("---" for _ in cols) + "|")
        for r in records:
            lines.append("| " + " | ".join(esc(_cell(r.get(c))) for c in cols) + " |")
        return "\n".join(lines) + "\n"
    if fmt == "table":
        if not cols:
            return ""
        cells = [[_cell(r.get(c)).replace("\n", " ") for c in cols] for r in records]
        widths = [
            max([len(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(cols)
        ]
        out = ["  ".join(_pad(c, w) for c, w in zip(cols, widths)).rstrip()]
        out.append("  ".join("-" * w for w in widths))
        for row in cells:
            out.append("  ".join(_pad(v, w) for v, w in zip(row, widths)).rstrip())
        return "\n".join(out) + "\n"
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def markdown_cell(text: str) -> str:
    """A table cell for Markdown: HTML and Markdown syntax from the data shown as text.

    ``<``, ``>`` and ``&`` become entities (a renderer would otherwise run
    ``<img src=x onerror=...>``); ``|`` (a cell break), ``\\``, a backtick and
    ``[``, ``]`` (a link such as ``[x](javascript:...)``) are backslash-escaped;
    newlines become spaces.

    Examples
    --------
    >>> print(markdown_cell("<img src=x onerror=alert(1)> | [a](javascript:x)"))
    &lt;img src=x onerror=alert(1)&gt; \\| \\[a\\](javascript:x)
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`\[\]|])", r"\\\1", text)
    return text.replace("\r", " ").replace("\n", " ")


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _jsonl_line(cols, values) -> str:
    return json.dumps({c: _json_value(v) for c, v in zip(cols, values)},
                      ensure_ascii=False) + "\n"


def _write_rows(fh, fmt, columns, rows, convert=None, flush_every=0.2):
    """Write a header and then each row as it comes; flush so that a reader sees them."""
    flush = getattr(fh, "flush", None)
    if hasattr(rows, "on_wait") and flush is not None:
        rows.on_wait = flush  # before blocking on the engine, hand over what was written
    if fmt == "jsonl":
        def line(values):
            return _jsonl_line(columns, values)
    else:
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")

        def line(values):
            writer.writerow([_cell(v) for v in values])
            text = buf.getvalue()
            buf.seek(0)
            buf.truncate()
            return text

        if columns:
            fh.write(line(columns))
    last = None
    for values in rows:
        fh.write(line(values if convert is None else convert(values)))
        now = time.monotonic()
        if flush is not None and (last is None or now - last > flush_every):
            flush()
            last = now
    if flush is not None:
        flush()


def emit_stream(columns, rows, *, fmt: str = "csv", output=None, convert=None) -> None:
    """Write rows (an iterable of value tuples in ``columns`` order) as they come.

    ``convert``, if given, maps each row to the tuple written.

    csv, tsv and jsonl are written row by row (to standard output, flushed at
    least every 0.2 s and whenever the rows' source waits, or into a temporary
    file moved onto ``output`` at the end); other formats hold the rows and
    go through :func:`emit`.

    Examples
    --------
    >>> emit_stream(["a", "b"], iter([(1, "x"), (2.5, None)]), fmt="csv")
    a,b
    1,x
    2.5,
    """
    columns = list(columns)
    if fmt not in STREAMING:
        held = [dict(zip(columns, r if convert is None else convert(r))) for r in rows]
        emit(held, fmt=fmt, output=output, columns=columns)
        return
    if output:
        with atomic_write(output, newline="") as fh:
            _write_rows(fh, fmt, columns, rows, convert)
    else:
        _write_rows(sys.stdout, fmt, columns, rows, convert)


def emit(rows, *, fmt: str = "table", output=None, columns=None) -> None:
    """Print rows to standard output or write them atomically to ``output``."""
    text = render(rows, fmt=fmt, columns=columns)
    if output:
        with atomic_write(output, newline="") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
