"""The data tables of docs/design.md: their schemas, and reading and checking them.

Every table is a UTF-8 CSV file with one header row. :data:`SCHEMAS` says,
per table, which columns exist, which are required, which hold references to
ids of other tables, which hold concept ids (and which ids are allowed),
dates, numbers and ``;``-separated lists. :func:`read_tables` reads the
curated tables and any user folders, checks every cell and raises
:class:`ssbkg.errors.InputError` naming the file, the line and the column of
the first problem.

Line numbers are **file line numbers**: the header is line 1, the first data
row is line 2, so a user can open the file at that line. (A quoted cell that
spans several lines counts every line it spans; the number given is the line
where the row starts.)
"""

from __future__ import annotations

import calendar
import csv
import io
import math
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import InputError
from . import vocab as _vocab
from .resources import data_dir, ontology_dir

__all__ = [
    "Column",
    "Record",
    "Tables",
    "SCHEMAS",
    "CONCEPTS",
    "UNITS",
    "CURRENCIES",
    "ID_PATTERN",
    "read_tables",
    "read_table",
    "parse_date",
    "indicator_ids",
    "PLAUSIBLE",
    "YEARS",
    "EARLY_DATE",
]

#: The shape of every id: lower-case letters, digits, ``_`` and ``-``.
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")

#: Allowed values per concept kind, derived from the ontology (:mod:`ssbkg.vocab`):
#: concept notations of each scheme and, for class-valued columns (``orgtype``,
#: ``platformtype``, ``regionlevel``, ``projectkind``), the ``skos:notation`` of
#: each class. A new concept is one edit in ontology/ (then ``python -m ssbkg.vocab``).
CONCEPTS: dict[str, frozenset] = dict(_vocab.CONCEPTS)

#: Currency codes (ISO 4217) allowed as units; they map to ``cur:<code>``.
CURRENCIES = _vocab.CURRENCIES

#: QUDT unit local names allowed as units; they map to ``unit:<name>``.
UNITS = _vocab.UNITS

#: Units whose values may be negative (shares and changes); all others are
#: capacities, amounts or counts and must not be negative.
SIGNED_UNITS = frozenset({"PERCENT"})

#: Unit -> (lowest, highest) plausible value of an observation in that unit; a value
#: outside is refused as a typo (a digit too many, a wrong unit), naming the row.
#: Energy up to 10 TWh (about four times the world's battery production of 2025),
#: mass up to 100 Mt, power up to 10 TW, money up to about USD 1 trillion, counts up to
#: 10^12; the reasons per unit are in docs/data.md ("Plausible values").
PLAUSIBLE: dict[str, tuple] = {
    # energy: 10 TWh
    "W-HR": (0, 1e13), "KiloW-HR": (0, 1e10), "MegaW-HR": (0, 1e7), "GigaW-HR": (0, 1e4),
    # mass: 100 Mt
    "GM": (0, 1e14), "KiloGM": (0, 1e11), "TONNE": (0, 1e8),
    # power: 10 TW (the world's generating capacity is about 9 TW)
    "W": (0, 1e13), "KiloW": (0, 1e10), "MegaW": (0, 1e7), "GigaW": (0, 1e4),
    # charge: a cell or module of a million ampere-hours
    "A-HR": (0, 1e6), "MilliA-HR": (0, 1e9),
    # voltage: 1 MV (a pack is 400-800 V)
    "V": (0, 1e6),
    # specific energy and energy density: Li-air's theoretical ~11,000 Wh/kg bounds both
    "W-HR-PER-KiloGM": (0, 12000), "W-HR-PER-L": (0, 12000),
    # length 100,000 km, area 100,000 km2 (the world's separator output is ~2e10 m2 a year)
    "M": (0, 1e8), "KiloM": (0, 1e5), "M2": (0, 1e11),
    # durations: a century
    "DAY": (0, 36525), "MO": (0, 1200), "YR": (0, 100),
    # shares and changes: a fall cannot pass -100 %, a rise of 100x is the ceiling
    "PERCENT": (-100, 10000),
    # counts, ratios, years (a calendar year in NUM is also checked as a date: YEARS)
    "NUM": (0, 1e12),
    # money: about USD 1 trillion in each currency
    "USD": (0, 1e12), "EUR": (0, 1e12), "GBP": (0, 1e12), "CNY": (0, 1e13),
    "JPY": (0, 2e14), "KRW": (0, 2e15), "TWD": (0, 4e13),
}

#: Plausible years of every date (and of ``milestone_year`` values): from 1900 to 2100.
YEARS = (1900, 2100)

#: Written in a row's ``note``, says that the cited source gives a date before 1900
#: (a founding in 1886), which is then accepted.
EARLY_DATE = "[early-date]"

#: Largest plausible ``rank`` (a position in a list of the world's firms).
MAX_RANK = 100_000


@dataclass(frozen=True)
class Column:
    """One column of a table.

    ``kind`` is one of ``text``, ``id``, ``ref``, ``concept``, ``date``,
    ``number``, ``integer``, ``unit``, ``url``. ``many`` marks a ``;``-separated
    list. ``refs`` names the tables a reference may point to (``"*"`` = any
    table); ``concept`` names the key of :data:`CONCEPTS`.
    """

    name: str
    kind: str = "text"
    required: bool = False
    many: bool = False
    refs: tuple = ()
    concept: str | None = None


_ORGS = ("organisations", "platforms")


def _common(*, source_required=True):
    return [
        Column("source", "ref", required=source_required, many=True, refs=("sources",)),
        Column("locator"),
        Column("inference"),
        Column("note"),
    ]


def _labels():
    return [
        Column("label_en", required=True),
        Column("label_zh"),
    ]


#: Table name -> list of columns, in the order of docs/design.md.
SCHEMAS: dict[str, list[Column]] = {
    "sources": [
        Column("id", "id", required=True),
        Column("title", required=True),
        Column("publisher"),
        Column("url", "url"),
        Column("issued", "date"),
        Column("kind", "concept", required=True, concept="sourcekind"),
        Column("reliability", "concept", required=True, concept="reliability"),
        Column("note"),
    ],
    "regions": [
        Column("id", "id", required=True),
        Column("level", "concept", required=True, concept="regionlevel"),
        *_labels(),
        Column("parent", "ref", refs=("regions",)),
        Column("iso_code"),
        *_common(),
    ],
    "organisations": [
        Column("id", "id", required=True),
        Column("type", "concept", required=True, concept="orgtype"),
        *_labels(),
        Column("alt_labels", many=True),
        Column("region", "ref", refs=("regions",)),
        Column("parent_org", "ref", refs=("organisations",)),
        Column("segments", "concept", many=True, concept="segment"),
        Column("routes", "concept", many=True, concept="route"),
        Column("founded", "date"),
        *_common(),
    ],
    "platforms": [
        Column("id", "id", required=True),
        Column("type", "concept", required=True, concept="platformtype"),
        *_labels(),
        Column("alt_labels", many=True),
        Column("region", "ref", refs=("regions",)),
        Column("host", "ref", many=True, refs=_ORGS),
        Column("level", "concept", concept="level"),
        Column("segments", "concept", many=True, concept="segment"),
        Column("routes", "concept", many=True, concept="route"),
        Column("founded", "date"),
        *_common(),
    ],
    "projects": [
        Column("id", "id", required=True),
        Column("kind", "concept", required=True, concept="projectkind"),
        *_labels(),
        Column("developer", "ref", many=True, refs=_ORGS),
        Column("partners", "ref", many=True, refs=_ORGS),
        Column("region", "ref", refs=("regions",)),
        Column("segments", "concept", many=True, concept="segment"),
        Column("routes", "concept", many=True, concept="route"),
        Column("status", "concept", concept="status"),
        Column("started", "date"),
        Column("completed", "date"),
        *_common(),
    ],
    "sites": [
        Column("id", "id", required=True),
        Column("kind", "concept", required=True, concept="sitekind"),
        *_labels(),
        Column("operator", "ref", refs=("organisations",)),
        Column("region", "ref", required=True, refs=("regions",)),
        Column("segments", "concept", many=True, concept="segment"),
        Column("routes", "concept", many=True, concept="route"),
        Column("status", "concept", concept="status"),
        Column("opened", "date"),
        *_common(),
    ],
    "collaborations": [
        Column("id", "id", required=True),
        Column("kind", "concept", required=True, concept="collab"),
        Column("parties", "ref", many=True, refs=_ORGS),
        Column("from_party", "ref", many=True, refs=_ORGS),
        Column("to_party", "ref", many=True, refs=_ORGS),
        Column("project", "ref", refs=("projects",)),
        Column("started", "date"),
        Column("ended", "date"),
        Column("description"),
        *_common(),
    ],
    "observations": [
        Column("id", "id", required=True),
        Column("subject", "ref", required=True, refs=("*",)),
        Column("indicator", "concept", required=True, concept="indicator"),
        Column("value", "number", required=True),
        Column("upper_value", "number"),
        Column("unit", "unit", required=True),
        Column("qualifier", "concept", concept="qual"),
        Column("kind", "concept", concept="kind"),
        Column("stated_on", "date"),
        Column("ref_period", "date"),
        Column("status", "concept", concept="status"),
        Column("rank", "integer"),
        Column("scope"),
        *_common(),
    ],
    "policies": [
        Column("id", "id", required=True),
        *_labels(),
        Column("kind", "concept", concept="policykind"),
        Column("issuer", "ref", refs=("organisations", "regions")),
        Column("jurisdiction", "ref", refs=("regions",)),
        Column("issued", "date"),
        Column("segments", "concept", many=True, concept="segment"),
        Column("routes", "concept", many=True, concept="route"),
        Column("description"),
        *_common(),
    ],
    "challenges": [
        Column("id", "id", required=True),
        Column("category", required=True),
        Column("manifestation"),
        Column("consequence"),
        Column("region", "ref", many=True, refs=("regions",)),
        *_common(),
    ],
    "recommendations": [
        Column("id", "id", required=True),
        Column("theme", required=True),
        Column("text", required=True),
        Column("region", "ref", many=True, refs=("regions",)),
        *_common(),
    ],
    "people": [
        Column("id", "id", required=True),
        *_labels(),
        Column("affiliation", "ref", many=True, refs=_ORGS),
        Column("role"),
        *_common(),
    ],
    # issue 9: competing statements of one fact, each with its own source and date
    "claims": [
        Column("id", "id", required=True),
        Column("subject", "ref", required=True, refs=("*",)),
        Column("property", required=True),
        Column("value", required=True),
        Column("stated_on", "date"),
        *_common(),
    ],
    # issue 9: who made a figure (a forecaster, a market-research firm)
    "attributions": [
        Column("id", "id", required=True),
        Column("figure", "ref", required=True, refs=("observations",)),
        Column("by", "ref", required=True, many=True, refs=("organisations",)),
        *_common(),
    ],
}

#: The facts a claim may state (``claims.csv`` ``property``) -> how its value is checked.
CLAIM_PROPERTIES = {"status": "status", "region": "regions"}

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)\Z")
_INTEGER = re.compile(r"[+-]?\d+\Z")
_IRI_BAD = re.compile(r'[\s<>"{}|^`\\]')


@dataclass
class Record:
    """One checked data row.

    ``values`` maps column name to the parsed cell: ``None`` when empty, a
    tuple of strings for list columns, a ``(text, precision)`` pair for dates
    (precision ``"date"``, ``"gYearMonth"`` or ``"gYear"``), a
    :class:`~decimal.Decimal` for numbers, an ``int`` for integers, else the
    stripped text.
    """

    table: str
    id: str
    file: str
    line: int
    values: dict
    curated: bool = True

    def __getitem__(self, key):
        return self.values[key]

    def get(self, key, default=None):
        value = self.values.get(key)
        return default if value is None else value


@dataclass
class Tables:
    """Checked tables of one build: ``records[table]`` is a list of :class:`Record`."""

    records: dict = field(default_factory=lambda: {name: [] for name in SCHEMAS})
    files: list = field(default_factory=list)

    def __getitem__(self, table):
        return self.records[table]

    def __iter__(self):
        for name in SCHEMAS:
            yield from self.records[name]

    def ids(self) -> dict:
        """Map every id to its :class:`Record`."""
        return {rec.id: rec for rec in self}

    @property
    def n_rows(self) -> int:
        return sum(len(v) for v in self.records.values())

    def counts(self) -> dict:
        """Rows per table, only tables with rows."""
        return {k: len(v) for k, v in self.records.items() if v}

    def source_kinds(self) -> set:
        """The set of ``kind`` values of all sources."""
        return {rec["kind"] for rec in self.records["sources"]}


def parse_date(text: str):
    """Parse a date of year, year-month or full precision.

    Returns ``(text, precision)`` with precision ``"gYear"``, ``"gYearMonth"``
    or ``"date"``; raises ValueError when malformed or not a calendar date.

    Examples
    --------
    >>> parse_date("2023-10")
    ('2023-10', 'gYearMonth')
    >>> parse_date("2027")
    ('2027', 'gYear')
    >>> parse_date("2023-02-30")
    Traceback (most recent call last):
    ...
    ValueError: day is out of range for month
    >>> parse_date("0000")
    Traceback (most recent call last):
    ...
    ValueError: malformed date '0000': there is no year 0000
    """
    m = _DATE.match(text)
    if not m:
        raise ValueError(f"malformed date {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.groups()
    if int(year) == 0:
        raise ValueError(f"malformed date {text!r}: there is no year 0000")
    if day is not None:
        date(int(year), int(month), int(day))
        return text, "date"
    if month is not None:
        if not 1 <= int(month) <= 12:
            raise ValueError(f"malformed date {text!r}: month {month} is not 01-12")
        return text, "gYearMonth"
    return text, "gYear"


_INDICATOR_CACHE: dict = {}


def indicator_ids(path=None) -> frozenset | None:
    """The indicator ids declared in ontology/indicators.ttl (``ssb:ind_<id>``).

    Returns None when the file does not exist (then any well-formed id is
    accepted).
    """
    path = Path(path) if path is not None else ontology_dir() / "indicators.ttl"
    if not path.is_file():
        return None
    key = (str(path), path.stat().st_mtime_ns)
    if key not in _INDICATOR_CACHE:
        import pyoxigraph as ox

        prefix = "https://w3id.org/ssbkg/ontology#ind_"
        try:
            quads = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
            ids = {
                q.subject.value[len(prefix):]
                for q in quads
                if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(prefix)
            }
        except SyntaxError as exc:
            raise InputError(f"broken Turtle: {exc.msg}", file=path, row=exc.lineno) from None
        _INDICATOR_CACHE[key] = frozenset(ids)
    return _INDICATOR_CACHE[key]


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # name the column: decode leniently and count separators before the bad byte
        head = raw[raw.rfind(b"\n", 0, exc.start) + 1: exc.start].decode("utf-8", "replace")
        col_index = next(csv.reader([head + "x"]), [""]).__len__() - 1
        header = next(csv.reader([raw.split(b"\n", 1)[0].decode("utf-8", "replace")]), [])
        field_name = header[col_index].strip() if 0 <= col_index < len(header) else None
        raise InputError(
            f"bytes that are not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            file=path, row=line, field=field_name,
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def read_table(path, table: str | None = None, *, curated: bool = False,
               indicators=None) -> list:
    """Read and check one table file (references are checked by :func:`read_tables`).

    Parameters
    ----------
    path : str or Path
        The CSV file; its stem names the table unless ``table`` is given.
    table : str, optional
        One of :data:`SCHEMAS`.
    curated : bool
        Mark the records as curated (True) or user (False) data.
    indicators : set of str, optional
        Allowed indicator ids; None accepts any well-formed id.

    Returns
    -------
    list of Record

    Raises
    ------
    InputError
        For an unknown table, a missing or unknown column, an empty required
        field, a malformed id, date, number or URL, an unknown concept id or
        unit, a negative amount, or bytes that are not UTF-8.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "sources.csv").write_text(
    ...     "id,title,publisher,url,issued,kind,reliability,note\\n"
    ...     "s1,A study,,,2024-05,study,primary,\\n", encoding="utf-8")
    >>> [(r.id, r.line, r["issued"]) for r in read_table(d / "sources.csv")]
    [('s1', 2, ('2024-05', 'gYearMonth'))]
    """
    path = Path(path)
    table = table or path.stem
    if table not in SCHEMAS:
        raise InputError(
            f"unknown table '{table}'; expected one of {', '.join(sorted(SCHEMAS))}",
            file=path,
        )
    columns = SCHEMAS[table]
    text = _decode(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("empty file: the header row is missing", file=path, row=1) from None
    header = [h.strip() for h in header]
    names = [c.name for c in columns]
    for c in names:
        if c not in header:
            raise InputError("missing column", file=path, row=1, field=c)
    for h in header:
        if h not in names:
            raise InputError(
                f"unknown column; expected {', '.join(names)}", file=path, row=1, field=h
            )
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise InputError("column appears twice", file=path, row=1, field=dup)
    records = []
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise InputError(
                f"row has {len(cells)} cells but the header has {len(header)}",
                file=path, row=start,
            )
        raw = {h: c.strip() for h, c in zip(header, cells)}
        values = {col.name: _parse_cell(col, raw[col.name], path, start, indicators)
                  for col in columns}
        records.append(Record(table, values["id"], str(path), start, values, curated))
    return records


def _parse_cell(col: Column, cell: str, path, line, indicators):
    def fail(message):
        raise InputError(message, file=path, row=line, field=col.name)

    if cell == "":
        if col.required:
            fail("required field is empty")
        return None
    if col.many:
        items = [p.strip() for p in cell.split(";")]
        if any(p == "" for p in items):
            fail(f"empty item in list {cell!r} (items are separated by ';')")
        return tuple(_parse_one(col, p, fail, indicators) for p in items)
    return _parse_one(col, cell, fail, indicators)


def _parse_one(col: Column, value: str, fail, indicators):
    kind = col.kind
    if kind in ("id", "ref"):
        if not ID_PATTERN.match(value):
            fail(f"malformed id {value!r}: use lower-case letters, digits, '_' and '-'")
        return value
    if kind == "concept":
        if not ID_PATTERN.match(value):
            fail(f"malformed concept id {value!r}")
        if col.concept == "indicator":
            allowed = indicators
        else:
            allowed = CONCEPTS[col.concept]
        if allowed is not None and value not in allowed:
            close = _close(value, allowed)
            fail(f"unknown {col.concept} {value!r}" + (f"; did you mean {close}?" if close else ""))
        return value
    if kind == "date":
        try:
            return parse_date(value)
        except ValueError as exc:
            fail(f"malformed date {value!r}: {exc}" if "malformed" not in str(exc) else str(exc))
    if kind == "number":
        if not _NUMBER.match(value):
            fail(f"malformed number {value!r}: write digits with a '.' decimal point, no separators")
        try:
            number = Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern excludes it
            fail(f"malformed number {value!r}")
        as_float = float(number)
        if not math.isfinite(as_float) or (as_float == 0 and number != 0):
            shown = value if len(value) <= 24 else f"{value[:12]}...{value[-6:]} ({len(value)} characters)"
            fail(f"number {shown} is out of the range a number can hold; check for extra digits")
        return number
    if kind == "integer":
        if not _INTEGER.match(value):
            fail(f"malformed integer {value!r}")
        number = int(value)
        if number < 0:
            fail(f"negative count {value}")
        if number > MAX_RANK:
            fail(f"implausible {col.name} {value}: at most {MAX_RANK:,} (docs/data.md, "
                 "Plausible values)")
        return number
    if kind == "unit":
        if value not in UNITS and value not in CURRENCIES:
            close = _close(value, UNITS | CURRENCIES)
            fail(f"unknown unit {value!r}" + (f"; did you mean {close}?" if close else ""))
        return value
    if kind == "url":
        if _IRI_BAD.search(value) or not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
            fail(f"malformed URL {value!r}")
        return value
    return value


def _close(value, choices):
    import difflib

    return ", ".join(difflib.get_close_matches(value, sorted(choices), n=3, cutoff=0.6))


def read_tables(*dirs, curated: bool = True, indicators="ontology") -> Tables:
    """Read, check and cross-check the curated tables and any user table folders.

    Parameters
    ----------
    *dirs : str or Path
        User folders holding any subset of the table files of docs/design.md.
    curated : bool
        Also read the curated tables in :func:`ssbkg.resources.data_dir` (first).
    indicators : "ontology", set of str or None
        Allowed indicator ids: read from ontology/indicators.ttl (default),
        a given set, or None to accept any well-formed id.

    Returns
    -------
    Tables

    Raises
    ------
    InputError
        Names the file, the line (header = line 1) and the column of the
        first problem: anything :func:`read_table` rejects, a duplicate id
        (across all tables and folders), a reference to an unknown id
        (region, organisation, project, source ...), a negative amount, a
        value outside :data:`PLAUSIBLE` for its unit, a date outside
        :data:`YEARS` (before 1900 allowed with :data:`EARLY_DATE` in the
        row's note), a project completed before it started or a
        collaboration ended before it started.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "sources.csv").write_text(
    ...     "id,title,publisher,url,issued,kind,reliability,note\\n"
    ...     "s1,A study,,,,study,primary,\\n", encoding="utf-8")
    >>> _ = (d / "regions.csv").write_text(
    ...     "id,level,label_en,label_zh,parent,iso_code,source,locator,inference,note\\n"
    ...     "cn,country,China,中国,,CN,s1,,,\\n"
    ...     "cn-zj,province,Zhejiang,浙江,cn,,s1,,,\\n", encoding="utf-8")
    >>> t = read_tables(d, curated=False, indicators=None)
    >>> t.counts()
    {'sources': 1, 'regions': 2}
    """
    if indicators == "ontology":
        indicators = indicator_ids()
    folders = [(Path(data_dir()), True)] if curated else []
    folders += [(Path(d), False) for d in dirs]
    tables = Tables()
    for folder, is_curated in folders:
        if not folder.is_dir():
            if is_curated:
                continue  # no curated data yet
            raise InputError("not a folder of tables", file=folder)
        for path in sorted(folder.glob("*.csv")):
            records = read_table(path, curated=is_curated, indicators=indicators)
            tables.records[path.stem].extend(records)
            tables.files.append(str(path))
    _check_ids(tables)
    _check_references(tables)
    _check_amounts(tables)
    _check_dates(tables)
    _check_claims(tables)
    return tables


def _check_ids(tables: Tables) -> None:
    seen: dict = {}
    for rec in tables:
        if rec.id in seen:
            first = seen[rec.id]
            raise InputError(
                f"duplicate id '{rec.id}' (first used in {first.file} row {first.line})",
                file=rec.file, row=rec.line, field="id",
            )
        seen[rec.id] = rec


def _check_references(tables: Tables) -> None:
    by_table = {name: {r.id for r in recs} for name, recs in tables.records.items()}
    everything = set().union(*by_table.values()) - by_table["sources"]
    allowed_by_refs: dict = {}
    for rec in tables:
        for col in SCHEMAS[rec.table]:
            if col.kind != "ref" or rec.values[col.name] is None:
                continue
            targets = col.refs
            allowed = allowed_by_refs.get(targets)
            if allowed is None:
                allowed = everything if targets == ("*",) else set().union(
                    *(by_table[t] for t in targets))
                allowed_by_refs[targets] = allowed
            values = rec.values[col.name] if col.many else (rec.values[col.name],)
            for value in values:
                if value not in allowed:
                    what = "any table" if targets == ("*",) else " or ".join(f"{t}.csv" for t in targets)
                    close = _close(value, allowed)
                    raise InputError(
                        f"unknown reference '{value}' (not an id in {what})"
                        + (f"; did you mean {close}?" if close else ""),
                        file=rec.file, row=rec.line, field=col.name,
                    )
                if col.name in ("parent", "parent_org") and value == rec.id:
                    raise InputError("a row cannot be its own parent",
                                     file=rec.file, row=rec.line, field=col.name)


def _check_claims(tables: Tables) -> None:
    regions = {r.id for r in tables["regions"]}
    for rec in tables["claims"]:
        prop, value = rec["property"], rec["value"]
        if prop not in CLAIM_PROPERTIES:
            raise InputError(f"unknown claim property {prop!r}; expected "
                             f"{' or '.join(sorted(CLAIM_PROPERTIES))}",
                             file=rec.file, row=rec.line, field="property")
        allowed = CONCEPTS["status"] if prop == "status" else regions
        if value not in allowed:
            close = _close(value, allowed)
            what = "status" if prop == "status" else "region id"
            raise InputError(f"unknown {what} {value!r}" + (f"; did you mean {close}?" if close else ""),
                             file=rec.file, row=rec.line, field="value")


def _check_amounts(tables: Tables) -> None:
    for rec in tables["observations"]:
        unit = rec["unit"]
        for name in ("value", "upper_value"):
            value = rec.values[name]
            if value is not None and value < 0 and unit not in SIGNED_UNITS:
                raise InputError(
                    f"negative amount {value} in unit {unit} (capacities, amounts and "
                    "counts cannot be negative)",
                    file=rec.file, row=rec.line, field=name,
                )
            _check_plausible(rec, name, value, unit)
        upper = rec.values["upper_value"]
        if upper is not None and upper < rec["value"]:
            raise InputError(
                f"upper_value {upper} is below value {rec['value']}",
                file=rec.file, row=rec.line, field="upper_value",
            )


def _plausible(value, unit) -> bool:
    low, high = PLAUSIBLE.get(unit, (None, None))
    return low is None or low <= value <= high


def _check_plausible(rec, name, value, unit) -> None:
    if value is None or _plausible(value, unit):
        return
    low, high = PLAUSIBLE[unit]
    raise InputError(
        f"implausible value {value} {unit}: outside {low:g} to {high:g} {unit} "
        "(docs/data.md, Plausible values); check the digits and the unit",
        file=rec.file, row=rec.line, field=name)


def _span(value):
    """(first day, last day) a date of year, month or day precision stands for."""
    text, precision = value
    parts = [int(p) for p in text.split("-")]
    if precision == "gYear":
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if precision == "gYearMonth":
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    day = date(*parts)
    return day, day


def _early_ok(rec) -> bool:
    return EARLY_DATE in (rec.values.get("note") or "")


def _check_year(rec, name, year, shown) -> None:
    low, high = YEARS
    if year > high:
        raise InputError(f"implausible date {shown}: after {high}", file=rec.file, row=rec.line,
                         field=name)
    if year < low and not _early_ok(rec):
        raise InputError(
            f"implausible date {shown}: before {low}; if the source gives it, write "
            f"{EARLY_DATE} in the row's note", file=rec.file, row=rec.line, field=name)


#: (table, start column, end column) whose dates must be ordered.
DATE_ORDER = (("projects", "started", "completed"), ("collaborations", "started", "ended"))


def _check_dates(tables: Tables) -> None:
    for rec in tables:
        for col in SCHEMAS[rec.table]:
            if col.kind == "date" and rec.values.get(col.name) is not None:
                text = rec.values[col.name][0]
                _check_year(rec, col.name, int(text[:4]), text)
    for rec in tables["observations"]:
        if rec["indicator"] == "milestone_year" and rec["unit"] == "NUM":
            for name in ("value", "upper_value"):
                value = rec.values[name]
                if value is not None:
                    if value != value.to_integral():
                        raise InputError(f"milestone_year {value} is not a whole year",
                                         file=rec.file, row=rec.line, field=name)
                    _check_year(rec, name, int(value), str(value))
    for table, start, end in DATE_ORDER:
        for rec in tables[table]:
            first, last = rec.values.get(start), rec.values.get(end)
            if first is None or last is None:
                continue
            if _span(first)[0] > _span(last)[1]:
                raise InputError(
                    f"{end} {last[0]} is before {start} {first[0]}",
                    file=rec.file, row=rec.line, field=end)
