"""Read one version of the KG (a store, an export or a folder of tables) as rows.

Whatever the input, a version is read as N-Quads lines and grouped the way
the build wrote them (docs/design.md, "Provenance model"): the triples of the
named graph ``ssbd:assertion/<table>/<id>`` are one table row, the
statements of ``ssbd:graph/provenance`` about that graph are the row's
provenance (sources, locator, inference, line), and each subject of
``ssbd:graph/sources`` is a row of ``sources.csv``. The ontology graph and
the derived graphs (``ssbd:graph/derived/*``, recomputed from the data at
every build and load) are kept apart: the diff counts their changes but
never lists them. Triples of a user Turtle file (``ssbd:graph/user/<name>``),
of any other graph or of the default graph are grouped by subject.

A version is cheap to compare: :class:`Version` keeps, per row, the set of
its lines; :meth:`Version.values` decodes a row into table columns only when
asked (:mod:`ssbkg.monitor.diff` asks for the rows whose lines differ).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .decode import _local

__all__ = ["Version", "load_version", "version_from_kg", "version_from_lines", "INPUT_KINDS"]

#: What an OLD or NEW argument may be.
INPUT_KINDS = ("tables", "store", "export")

_SSBD = "https://w3id.org/ssbkg/id/"
_SSBSYN = "https://w3id.org/ssbkg/synthetic/"
_BASES = (_SSBD, _SSBSYN)

_BNODE = re.compile(r"_:[A-Za-z0-9_.-]+")
_ROW_GRAPH = re.compile(r"assertion/([a-z_]+)/(.+)\Z")


@dataclass
class Version:
    """One version of the KG, grouped into table rows.

    Attributes
    ----------
    label : str
        What the version was read from (a path).
    kind : str
        One of :data:`INPUT_KINDS`.
    base : str
        The data namespace (curated ``ssbd:`` or synthetic ``ssbsyn:``).
    rows : dict
        ``(table, id)`` -> frozenset of the row's ``subject predicate
        object`` lines (the named graph's triples; for a source, its
        statements in the sources graph).
    prov : dict
        ``(table, id)`` -> frozenset of ``predicate object`` lines of the
        row's provenance.
    ontology, derived : frozenset
        Lines of the ontology graph and of the derived graphs (compared,
        never listed).
    """

    label: str
    kind: str
    base: str = _SSBD
    rows: dict = field(default_factory=dict)
    prov: dict = field(default_factory=dict)
    ontology: frozenset = frozenset()
    derived: frozenset = frozenset()
    _values: dict = field(default_factory=dict, repr=False)
    _cache: dict = field(default_factory=dict, repr=False)

    def tables(self) -> dict:
        """Row counts per table, sorted by table name."""
        out: dict = {}
        for table, _ in self.rows:
            out[table] = out.get(table, 0) + 1
        return dict(sorted(out.items()))

    def ids(self, table: str) -> list:
        """The sorted ids of one table's rows."""
        key = ("ids",)
        if key not in self._cache:
            out: dict = {}
            for t, i in self.rows:
                out.setdefault(t, []).append(i)
            self._cache[key] = {t: sorted(v) for t, v in out.items()}
        return list(self._cache[key].get(table, ()))

    def values(self, table: str, ident: str) -> dict:
        """The row decoded into its table columns (:func:`ssbkg.monitor.diff.decode_row`)."""
        key = (table, ident)
        got = self._values.get(key)
        if got is None:
            from .decode import decode_provenance, decode_row

            got = decode_row(table, ident, self.rows.get(key, ()), self.base)
            got.update(decode_provenance(self.prov.get(key, ()), self.base))
            self._values[key] = got
        return got

    def get(self, table: str, ident: str):
        """:meth:`values`, or None when the row is not in this version."""
        if (table, ident) not in self.rows:
            return None
        return self.values(table, ident)

    def table(self, name: str) -> dict:
        """``id`` -> decoded values of every row of one table (computed once)."""
        key = ("table", name)
        if key not in self._cache:
            self._cache[key] = {i: self.values(name, i) for i in self.ids(name)}
        return self._cache[key]

    def by(self, name: str, column: str) -> dict:
        """Value of ``column`` -> ``[(id, values), ...]`` of one table's rows (computed once)."""
        key = ("by", name, column)
        if key not in self._cache:
            out: dict = {}
            for i, row in self.table(name).items():
                out.setdefault(row.get(column), []).append((i, row))
            self._cache[key] = out
        return self._cache[key]


def version_from_lines(lines, *, label: str = "(lines)", kind: str = "export") -> Version:
    """Group N-Quads lines (str, one statement each) into a :class:`Version`.

    Examples
    --------
    >>> v = version_from_lines([
    ...     '<https://w3id.org/ssbkg/id/org/a> <http://www.w3.org/2004/02/skos/core#prefLabel> '
    ...     '"A"@en <https://w3id.org/ssbkg/id/assertion/organisations/a> .',
    ...     '<https://w3id.org/ssbkg/id/assertion/organisations/a> '
    ...     '<http://www.w3.org/ns/prov#wasDerivedFrom> <https://w3id.org/ssbkg/id/source/s1> '
    ...     '<https://w3id.org/ssbkg/id/graph/provenance> .'])
    >>> sorted(v.rows), v.values("organisations", "a")["label_en"]
    ([('organisations', 'a')], 'A')
    >>> v.values("organisations", "a")["source"]
    ('s1',)
    """
    rows: dict = {}
    prov: dict = {}
    ontology: list = []
    derived: list = []
    # first the statements of each graph (one dict look-up per line), then each graph once
    by_graph: dict = {}
    for raw in lines:
        line = raw.strip()
        if not line or line[0] == "#":
            continue
        if not line.endswith(" ."):
            raise InputError(f"not an N-Quads statement: {line[:80]}", file=label)
        parts = line[:-2].rsplit(" ", 1)
        g = parts[-1] if len(parts) == 2 else ""
        if ((g[:1] == "<" and g[-1:] == ">" and '"' not in g) or g[:2] == "_:") \
                and parts[0].count(" ") >= 2:
            got = by_graph.get(g)
            if got is None:
                got = by_graph[g] = []
            got.append(parts[0])
        else:
            if line[:-2].count(" ") < 2:
                raise InputError(f"not an N-Quads statement: {line[:80]}", file=label)
            by_graph.setdefault(None, []).append(line[:-2])
    base = None
    prefixes: dict = {}
    for b in _BASES:
        prefixes[b] = (f"<{b}assertion/", f"<{b}graph/provenance>", f"<{b}graph/sources>",
                       f"<{b}graph/ontology>", f"<{b}graph/derived/", f"<{b}graph/user/",
                       f"<{b}activity/derive/")
    for b in _BASES:
        if base is None and any(g is not None and (g.startswith(prefixes[b][0]) or
                                                   g == prefixes[b][1]) for g in by_graph):
            base = b
    syn = f"<{_SSBSYN}"
    ontology_graph = prefixes[_SSBD][3]

    def subjects(heads):
        out: dict = {}
        for h in heads:
            s, rest = h.split(" ", 1)
            out.setdefault(s, []).append(rest)
        return out

    for g, heads in by_graph.items():
        if g is None:
            for s, rest in subjects(heads).items():
                rows[("default", _local(s))] = [f"{s} {r}" for r in rest]
            continue
        pre = prefixes[_SSBSYN if g.startswith(syn) else _SSBD]
        if g.startswith(pre[0]):
            mm = _ROW_GRAPH.match(g[len(pre[0]) - len("assertion/"):-1])
            key = (mm.group(1), mm.group(2)) if mm else ("graph", g[1:-1])
            rows.setdefault(key, []).extend(heads)
        elif g == pre[1]:
            for s, rest in subjects(heads).items():
                if s.startswith(pre[4]) or s.startswith(pre[6]):
                    derived.extend(f"{s} {r}" for r in rest)
                    continue
                if s.startswith(pre[0]):
                    mm = _ROW_GRAPH.match(s[len(pre[0]) - len("assertion/"):-1])
                    key = (mm.group(1), mm.group(2)) if mm else ("graph", s[1:-1])
                elif s.startswith(pre[5]):
                    key = ("user/" + s[len(pre[5]):-1], "(file)")
                else:
                    key = ("provenance", _local(s))
                prov.setdefault(key, []).extend(rest)
        elif g == pre[2]:
            for s, rest in subjects(heads).items():
                rows[("sources", _local(s))] = [f"{s} {r}" for r in rest]
        elif g == ontology_graph:
            # blank node labels differ between a store's dump and an export: not compared
            ontology.extend(_BNODE.sub("_:", h) for h in heads)
        elif g.startswith(pre[4]):
            derived.extend(f"{h} {g}" for h in heads)
        elif g.startswith(pre[5]):
            for s, rest in subjects(heads).items():
                rows[("user/" + g[len(pre[5]):-1], _local(s))] = [f"{s} {r}" for r in rest]
        else:
            for s, rest in subjects(heads).items():
                rows[("graph:" + g[1:-1], _local(s))] = [f"{s} {r}" for r in rest]
    # a user file's provenance describes the file, not a row: keep it as its own row
    for key in list(prov):
        if key not in rows and key[0].startswith("user/"):
            rows[key] = []
    return Version(
        label=str(label), kind=kind, base=base or _SSBD,
        rows={k: frozenset(v) for k, v in rows.items()},
        prov={k: frozenset(v) for k, v in prov.items()},
        ontology=frozenset(ontology), derived=frozenset(derived),
    )


_DUMPS = {".nq": "nquads", ".nquads": "nquads", ".trig": "trig"}


def _kind_of(path: Path) -> str:
    from ..kg import STORE_MARKER

    if path.is_dir():
        if (path / STORE_MARKER).is_file():
            return "store"
        if any(path.glob("*.csv")):
            return "tables"
        raise InputError("neither an ssbkg store (no ssbkg-build.json) nor a folder of "
                         "tables (no .csv file)", file=path)
    if path.is_file():
        if path.suffix.lower() in _DUMPS:
            return "export"
        raise InputError("expected a store folder, a folder of tables, or an N-Quads (.nq) "
                         "or TriG (.trig) export", file=path)
    raise InputError("no such file or folder", file=path)


def load_version(path, *, with_=(), curated: bool = False, indicators="ontology") -> Version:
    """Read a store, an export or a folder of tables as a :class:`Version`.

    Parameters
    ----------
    path : str or Path
        A store folder made by ``ssbkg build --store`` (it holds
        ``ssbkg-build.json``), an export written by ``ssbkg export`` (``.nq``
        or ``.trig``), or a folder of tables (``*.csv`` as in ``data/``).
    with_ : sequence of str or Path
        More table folders read with a folder of tables (as ``ssbkg build
        --with``); ignored for a store or an export.
    curated : bool
        Read the curated tables of ``data/`` beneath a folder of tables (for
        a folder that only adds rows, as ``ssbkg build --with`` takes it).
    indicators : "ontology", set or None
        Passed to :func:`ssbkg.tables.read_tables`.

    Returns
    -------
    Version

    Raises
    ------
    InputError
        A missing path, an unknown kind of input, a table that does not pass
        the table checks (file, row, field), a broken export.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "sources.csv").write_text(
    ...     "id,title,publisher,url,issued,kind,reliability,note\\n"
    ...     "s1,A study,,,,study,primary,\\n", encoding="utf-8")
    >>> v = load_version(d, indicators=None)
    >>> v.kind, v.tables()
    ('tables', {'sources': 1})
    """
    path = Path(path)
    kind = _kind_of(path)
    if kind == "tables":
        from ..build import table_nquads
        from ..tables import read_tables

        tables = read_tables(path, *with_, curated=curated, indicators=indicators)
        base = _SSBSYN if tables["sources"] and all(
            r["kind"] == "synthetic" for r in tables["sources"]) else _SSBD
        return version_from_lines(table_nquads(tables, base=base), label=str(path), kind=kind)
    import pyoxigraph as ox

    if kind == "store":
        try:
            store = ox.Store.read_only(str(path))
        except OSError as exc:
            raise InputError(f"cannot open the store: {' '.join(str(exc).split())}",
                             file=path) from None
        data = store.dump(format=ox.RdfFormat.N_QUADS)
        del store
    else:
        fmt = ox.RdfFormat.N_QUADS if _DUMPS[path.suffix.lower()] == "nquads" else ox.RdfFormat.TRIG
        try:
            data = ox.serialize(ox.parse(path=str(path), format=fmt), format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise InputError(f"broken {fmt.name}: {' '.join(str(exc).split())}", file=path) from None
        except UnicodeDecodeError:
            raise InputError("bytes that are not UTF-8", file=path) from None
    text = data.decode("utf-8")
    del data
    return version_from_lines(text.split("\n"), label=str(path), kind=kind)


def version_from_kg(kg, *, label: str | None = None) -> Version:
    """A KG (a local store or an endpoint, :class:`ssbkg.kg.KG`) as a :class:`Version`.

    Reads every quad once (:func:`ssbkg.export.sorted_nquads`).

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> version_from_kg(curated_kg()).tables()["claims"]
    2
    """
    from ..export import sorted_nquads

    text = sorted_nquads(kg).decode("utf-8")
    where = label or getattr(kg, "path", None) or getattr(kg, "endpoint", None) or "(KG)"
    return version_from_lines(text.split("\n"), label=str(where), kind="store")
