"""Tables to quads, and building a checked Oxigraph store from them.

Provenance model (docs/design.md): every table row becomes one named graph
``ssbd:assertion/<table>/<id>`` holding exactly the triples the row states;
``ssbd:graph/provenance`` describes each assertion graph (source, locator,
table, line, inference); sources live in ``ssbd:graph/sources`` and the
ontology modules in ``ssbd:graph/ontology``. User Turtle files passed with
``--with`` get a graph ``ssbd:graph/user/<name>`` described as coming from
that user file, a source of reliability ``weak`` (not assessed) until its facts
are curated into tables.

Quads are generated as N-Quads text (ids are checked against
:data:`ssbkg.tables.ID_PATTERN`, so IRIs need no escaping) and bulk-loaded.
"""

from __future__ import annotations

import gc
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .derive import derive
from .kg import KG, STORE_MARKER  # noqa: F401 (STORE_MARKER re-exported)
from .store import install_store, replaceable
from .errors import InputError
from .namespace import SSB as _SSB_NS, SSBD as _SSBD_NS, SSBSYN as _SSBSYN_NS
from .resources import ontology_dir, queries_dir
from .tables import CURRENCIES, SCHEMAS, Tables, read_tables
from .vocab import CLASS_VALUES

__all__ = [
    "ONTOLOGY_GRAPH",
    "BuildResult",
    "build_store",
    "load_dump",
    "load_into",
    "table_nquads",
    "run_checks",
    "ontology_files",
    "STORE_MARKER",
    "curated_kg",
    "open_kg",
]

SSB = str(_SSB_NS._NS)
SSBD = str(_SSBD_NS)
SSBSYN = str(_SSBSYN_NS)
ONTOLOGY_GRAPH = SSBD + "graph/ontology"
#: File written into every store folder a build makes (its summary, JSON).

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_SCHEMA = "https://schema.org/"
_PROV = "http://www.w3.org/ns/prov#"
_DCT = "http://purl.org/dc/terms/"
_ORG = "http://www.w3.org/ns/org#"
_QUDT = "http://qudt.org/schema/qudt/"
_UNIT = "http://qudt.org/vocab/unit/"
_CUR = "http://qudt.org/vocab/currency/"

def _t(name: str) -> str:
    """The IRI of a term of the closed ssb: namespace (fails at import when misspelt)."""
    return str(getattr(_SSB_NS, name))


#: Table value -> class local name for the class-valued columns, from the
#: ``skos:notation`` of each class in the ontology (:mod:`ssbkg.vocab`).
_CLASS = {kind: dict(values) for kind, values in CLASS_VALUES.items()}

#: IRI kind segment of each table's entities (``ssbd:<kind>/<id>``).
_KIND = {
    "sources": "source", "regions": "region", "organisations": "org",
    "platforms": "org", "projects": "project", "sites": "site", "claims": "claim", "collaborations": "collab",
    "observations": "obs", "policies": "policy", "challenges": "challenge",
    "recommendations": "recommendation", "people": "person",
}

# column -> (predicate, how): how is "ref", "concept:<prefix>", "date",
# "text", "en", "zh", "alt", "decimal", "integer", "unit", "iri"
_MAP = {
    "label_en": (_SKOS + "prefLabel", "en"),
    "label_zh": (_SKOS + "prefLabel", "zh"),
    "alt_labels": (_SKOS + "altLabel", "alt"),
    "segments": (_t("segment"), "concept:seg_"),
    "routes": (_t("route"), "concept:route_"),
    "note": (_RDFS + "comment", "text"),
}
_TABLE_MAP = {
    "sources": {
        "title": (_DCT + "title", "text"), "publisher": (_DCT + "publisher", "text"),
        "url": (_SCHEMA + "url", "iri"), "issued": (_DCT + "issued", "date"),
        "kind": (_t("sourceKind"), "concept:sourcekind_"),
        "reliability": (_t("reliability"), "concept:reliability_"),
    },
    "regions": {
        "parent": (_SCHEMA + "containedInPlace", "ref"),
        "iso_code": (_SKOS + "notation", "text"),
    },
    "organisations": {
        "region": (_SCHEMA + "location", "ref"),
        "parent_org": (_ORG + "subOrganizationOf", "ref"),
        "founded": (_SCHEMA + "foundingDate", "date"),
    },
    "platforms": {
        "region": (_SCHEMA + "location", "ref"),
        "host": (_t("hostedBy"), "ref"),
        "level": (_t("platformLevel"), "concept:level_"),
        "founded": (_SCHEMA + "foundingDate", "date"),
    },
    "projects": {
        "developer": (_t("developer"), "ref"), "partners": (_t("partner"), "ref"),
        "region": (_SCHEMA + "location", "ref"),
        "status": (_t("status"), "concept:status_"),
        "started": (_SCHEMA + "startDate", "date"),
        "completed": (_SCHEMA + "endDate", "date"),
    },
    "sites": {
        "kind": (_t("siteKind"), "concept:sitekind_"),
        "operator": (_ORG + "siteOf", "ref"),
        "region": (_SCHEMA + "location", "ref"),
        "status": (_t("status"), "concept:status_"),
        "opened": (_SCHEMA + "startDate", "date"),
    },
    "collaborations": {
        "kind": (_t("collaborationKind"), "concept:collab_"),
        "parties": (_t("party"), "ref"), "from_party": (_t("fromParty"), "ref"),
        "to_party": (_t("toParty"), "ref"), "project": (_t("aboutProject"), "ref"),
        "started": (_SCHEMA + "startDate", "date"), "ended": (_SCHEMA + "endDate", "date"),
        "description": (_SCHEMA + "description", "text"),
    },
    "observations": {
        "subject": (_t("subject"), "ref"),
        "indicator": (_t("indicator"), "concept:ind_"),
        "value": (_QUDT + "numericValue", "decimal"),
        "upper_value": (_t("upperValue"), "decimal"),
        "unit": (_QUDT + "unit", "unit"),
        "qualifier": (_t("qualifier"), "concept:qual_"),
        "kind": (_t("observationKind"), "concept:kind_"),
        "stated_on": (_t("statedOn"), "date"),
        "ref_period": (_t("refPeriod"), "date"),
        "status": (_t("status"), "concept:status_"),
        "rank": (_t("rank"), "integer"),
        "scope": (_t("scope"), "text"),
    },
    "policies": {
        "kind": (_t("policyKind"), "concept:policykind_"),
        "issuer": (_t("issuedBy"), "ref"),
        "jurisdiction": (_t("jurisdiction"), "ref"),
        "issued": (_SCHEMA + "datePublished", "date"),
        "description": (_SCHEMA + "description", "text"),
    },
    "challenges": {
        "category": (_t("challengeCategory"), "text"),
        "manifestation": (_t("manifestation"), "text"),
        "consequence": (_t("consequence"), "text"),
        "region": (_t("concernsRegion"), "ref"),
    },
    "recommendations": {
        "theme": (_t("theme"), "text"), "text": (_SCHEMA + "description", "text"),
        "region": (_t("concernsRegion"), "ref"),
    },
    "claims": {
        "subject": (_RDF + "subject", "ref"),
        "stated_on": (_t("statedOn"), "date"),
    },
    "attributions": {},
    "people": {
        "affiliation": (_SCHEMA + "affiliation", "ref"),
        "role": (_SCHEMA + "jobTitle", "text"),
    },
}
_FIXED_CLASS = {
    "sources": "Source", "sites": "Site", "claims": "Claim", "collaborations": "Collaboration", "observations": "Observation",
    "policies": "Policy", "challenges": "Challenge", "recommendations": "Recommendation",
}
for _name in [*_FIXED_CLASS.values(), "Assertion", "InferredAssertion", "locator",
              "inference", "sourceTable", "sourceRow"]:
    _t(_name)
_CLASS_COLUMN = {
    "regions": ("level", "regionlevel"), "organisations": ("type", "orgtype"),
    "platforms": ("type", "platformtype"), "projects": ("kind", "projectkind"),
}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _lit(text: str) -> str:
    return '"' + (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    ) + '"'


def _date(value) -> str:
    text, precision = value
    return f'{_lit(text)}^^<{_XSD}{precision}>'


@dataclass
class BuildResult:
    """What :func:`build_store` made: the store and a summary of it."""

    store: ox.Store
    triples: int
    graphs: int
    tables: dict
    rows: int
    path: str | None = None
    inputs: list = field(default_factory=list)

    def summary(self) -> dict:
        """Counts as a plain dict (what ``ssbkg build`` prints)."""
        return {
            "triples": self.triples, "graphs": self.graphs, "rows": self.rows,
            "tables": dict(self.tables), "store": self.path or "(memory)",
        }


def _entity(base: str, table: str, ident: str, ids: dict) -> str:
    if table == "*":
        table = ids[ident].table
    return f"<{base}{_KIND[table]}/{ident}>"


def _row_lines(rec, base: str, ids: dict, graph: str):
    """N-Quads lines of one row's own triples, in ``graph``."""
    table = rec.table
    g = f" {graph} .\n"
    if table == "attributions":
        # no entity of its own: the row states who made the figure
        figure = _entity(base, "observations", rec["figure"], ids)
        return [f"{figure} <{_PROV}wasAttributedTo> {_entity(base, 'organisations', b, ids)}{g}"
                for b in rec["by"]]
    s = _entity(base, table, rec.id, ids)
    out = []
    if table in _CLASS_COLUMN:
        column, scheme = _CLASS_COLUMN[table]
        out.append(f"{s} <{_RDF}type> <{SSB}{_CLASS[scheme][rec[column]]}>{g}")
    elif table in _FIXED_CLASS:
        out.append(f"{s} <{_RDF}type> <{SSB}{_FIXED_CLASS[table]}>{g}")
    else:  # people
        out.append(f"{s} <{_RDF}type> <{_SCHEMA}Person>{g}")
    mapping = _TABLE_MAP[table]
    for col in SCHEMAS[table]:
        name = col.name
        value = rec.values[name]
        if value is None or name in ("id", "source", "locator", "inference"):
            continue
        if name in mapping:
            pred, how = mapping[name]
        elif name in _MAP:
            pred, how = _MAP[name]
        else:
            continue  # the class column
        values = value if col.many else (value,)
        for v in values:
            if how == "ref":
                target = col.refs[0] if len(col.refs) == 1 else "*"
                obj = _entity(base, target, v, ids)
            elif how.startswith("concept:"):
                obj = f"<{SSB}{how[8:]}{v}>"
            elif how == "date":
                obj = _date(v)
            elif how == "en":
                obj = _lit(v) + "@en"
            elif how == "zh":
                obj = _lit(v) + "@zh"
            elif how == "alt":
                obj = _lit(v) + ("@zh" if _CJK.search(v) else "@en")
            elif how == "decimal":
                obj = f'"{_decimal_text(v)}"^^<{_XSD}decimal>'
            elif how == "integer":
                obj = f'"{v}"^^<{_XSD}integer>'
            elif how == "unit":
                obj = f"<{_CUR}{v}>" if v in CURRENCIES else f"<{_UNIT}{v}>"
            elif how == "iri":
                obj = f"<{v}>"
            else:
                obj = _lit(v)
            out.append(f"{s} <{pred}> {obj}{g}")
    if table == "claims":
        # a reified statement: rdf:predicate and rdf:object from the property and value cells
        if rec["property"] == "status":
            pred, obj = _t("status"), f"<{SSB}status_{rec['value']}>"
        else:
            pred, obj = _SCHEMA + "location", _entity(base, "regions", rec["value"], ids)
        out.append(f"{s} <{_RDF}predicate> <{pred}>{g}")
        out.append(f"{s} <{_RDF}object> {obj}{g}")
    if table == "sites" and rec.values.get("operator"):
        # the operator has the site (W3C ORG states both directions; this row states both)
        operator = _entity(base, "organisations", rec["operator"], ids)
        out.append(f"{operator} <{_ORG}hasSite> {s}{g}")
    if table == "platforms" and rec["type"] == "industrial_park" and rec.values.get("region"):
        # a park is a region too: its region is its parent, so that roll-ups and
        # region walks (schema:containedInPlace*) reach the actors located in it
        parent = _entity(base, "regions", rec["region"], ids)
        out.append(f"{s} <{_SCHEMA}containedInPlace> {parent}{g}")
    return out


def _decimal_text(value) -> str:
    """Canonical xsd:decimal lexical form: no exponent, at least one digit after '.'."""
    text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    if "." not in text:
        text += ".0"
    return text


def table_nquads(tables: Tables, *, base: str = SSBD, tables_dir=None):
    """Yield the N-Quads lines of all rows, their provenance and the sources.

    Parameters
    ----------
    tables : Tables
        Checked tables from :func:`ssbkg.tables.read_tables`.
    base : str
        Data namespace: :data:`SSBD` (curated and user data) or :data:`SSBSYN`
        (synthetic data).

    Yields
    ------
    str
        One N-Quads statement per line, ending with a newline.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from ssbkg.tables import read_tables
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "sources.csv").write_text(
    ...     "id,title,publisher,url,issued,kind,reliability,note\\n"
    ...     "s1,A study,,,,study,primary,\\n", encoding="utf-8")
    >>> lines = list(table_nquads(read_tables(d, curated=False, indicators=None)))
    >>> len(lines)  # type, title, kind, reliability in the sources graph
    4
    >>> lines[0].split()[0]
    '<https://w3id.org/ssbkg/id/source/s1>'
    """
    ids = tables.ids()
    prov_graph = f"<{base}graph/provenance>"
    sources_graph = f"<{base}graph/sources>"
    for rec in tables["sources"]:
        yield from _row_lines(rec, base, ids, sources_graph)
    for name in SCHEMAS:
        if name == "sources":
            continue
        for rec in tables[name]:
            graph = f"<{base}assertion/{name}/{rec.id}>"
            yield from _row_lines(rec, base, ids, graph)
            p = f" {prov_graph} .\n"
            inferred = rec.values.get("inference")
            cls = "InferredAssertion" if inferred else "Assertion"
            yield f"{graph} <{_RDF}type> <{SSB}{cls}>{p}"
            for src in rec.values["source"] or ():
                yield f"{graph} <{_PROV}wasDerivedFrom> <{base}source/{src}>{p}"
            if rec.values.get("locator"):
                yield f"{graph} <{SSB}locator> {_lit(rec['locator'])}{p}"
            if inferred:
                yield f"{graph} <{SSB}inference> {_lit(inferred)}{p}"
            yield f"{graph} <{SSB}sourceTable> {_lit(name + '.csv')}{p}"
            yield f'{graph} <{SSB}sourceRow> "{rec.line}"^^<{_XSD}integer>{p}'


def ontology_files() -> list:
    """The ontology modules loaded into the ontology graph (shapes excluded)."""
    folder = ontology_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.ttl") if "shape" not in p.name.lower())


def _load_turtle(store: ox.Store, path: Path, graph: str) -> None:
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE,
                        to_graph=ox.NamedNode(graph))
    except SyntaxError as exc:
        raise InputError(f"broken Turtle: {exc.msg}", file=path, row=exc.lineno) from None
    except OSError as exc:
        raise InputError(f"cannot read Turtle: {exc}", file=path) from None


def _user_graph_name(path: Path, base: str, used: set) -> str:
    stem = re.sub(r"[^a-z0-9_-]+", "-", path.stem.lower()).strip("-") or "file"
    name, n = stem, 2
    while name in used:
        name, n = f"{stem}-{n}", n + 1
    used.add(name)
    return name


def load_into(store: ox.Store, tables: Tables, turtle_files=(), *, base: str = SSBD,
              ontology: bool = True, chunk: int = 200_000) -> dict:
    """Load tables, user Turtle files and the ontology into ``store``.

    Returns a map from ssbkg IRI to ``(file, line)`` for error messages.
    """
    batch = []
    for line in table_nquads(tables, base=base):
        batch.append(line)
        if len(batch) >= chunk:
            _bulk(store, batch)
            batch = []
    if batch:
        _bulk(store, batch)
    origin = {}
    for rec in tables:
        if rec.table != "sources":
            origin[f"{base}assertion/{rec.table}/{rec.id}"] = (rec.file, rec.line)
    if ontology:
        for path in ontology_files():
            _load_turtle(store, path, ONTOLOGY_GRAPH)
    used: set = set()
    for path in turtle_files:
        path = Path(path)
        name = _user_graph_name(path, base, used)
        graph = f"{base}graph/user/{name}"
        source = f"{base}source/user-file/{name}"
        _load_turtle(store, path, graph)
        origin[graph] = (str(path), None)
        p = f" <{base}graph/provenance> .\n"
        s = f" <{base}graph/sources> .\n"
        _bulk(store, [
            f"<{graph}> <{_RDF}type> <{SSB}Assertion>{p}",
            f"<{graph}> <{_PROV}wasDerivedFrom> <{source}>{p}",
            f"<{graph}> <{SSB}locator> {_lit('user file')}{p}",
            f"<{graph}> <{SSB}sourceTable> {_lit(path.name)}{p}",
            f"<{source}> <{_RDF}type> <{SSB}Source>{s}",
            f"<{source}> <{_DCT}title> {_lit('user file ' + path.name)}{s}",
            # not assessed: a user file counts as a weak source until curated into tables
            f"<{source}> <{_t('reliability')}> <{SSB}reliability_weak>{s}",
        ])
    return origin


def _bulk(store: ox.Store, lines) -> None:
    store.bulk_load(input="".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS)


_DUPLICATES = """
SELECT ?s ?p ?o (MIN(STR(?g)) AS ?first) (MAX(STR(?g)) AS ?second)
WHERE { GRAPH ?g { ?s ?p ?o } }
GROUP BY ?s ?p ?o HAVING (COUNT(?g) > 1) LIMIT 5
"""


def run_checks(store: ox.Store, origin: dict | None = None, checks_dir=None) -> None:
    """Check a loaded store; raise InputError on the first failed check.

    Checks that no triple is asserted in two graphs, then runs every
    ``queries/checks/*-violation.rq``: each must return no rows. A check
    that returns a ``graph`` column is traced back to its file and line.
    """
    origin = origin or {}
    dup = next(iter(store.query(_DUPLICATES)), None)
    if dup is not None:
        first, second = dup["first"].value, dup["second"].value
        blame = origin.get(second) or origin.get(first) or (None, None)
        raise InputError(
            f"triple {dup['s']} {dup['p']} {dup['o']} is asserted in two graphs "
            f"({first} and {second}); a fact lives in one graph only",
            file=blame[0], row=blame[1],
        )
    folder = Path(checks_dir) if checks_dir is not None else queries_dir() / "checks"
    for path in sorted(folder.glob("*-violation.rq")):
        text = path.read_text(encoding="utf-8")
        try:
            solutions = store.query(text, use_default_graph_as_union=True)
            first = next(iter(solutions), None)
        except SyntaxError as exc:
            raise InputError(f"check query does not parse: {exc}", file=path) from None
        if first is None:
            continue
        values = {v.value: first[v] for v in solutions.variables}
        graph = values.get("graph")
        where = origin.get(graph.value if graph is not None else "", (None, None))
        shown = ", ".join(f"{k}={t.value if t is not None else ''}" for k, t in values.items())
        raise InputError(
            f"check {path.stem} failed: {shown}", file=where[0], row=where[1],
        )


def _size(store: ox.Store) -> tuple:
    """``(triples, graphs)`` in the named graphs of ``store``.

    The store's own counts: ``len`` less the default graph's quads, and the
    named graphs. Equal to ``COUNT(*)`` and ``COUNT(DISTINCT ?g)`` over
    ``GRAPH ?g { ?s ?p ?o }`` (tests/test_build.py checks), as no ssbkg step
    leaves an empty named graph declared, at a fifth of their cost (0.09 s
    against 0.42 s at 1M triples, measured).
    """
    default = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    return len(store) - default, sum(1 for _ in store.named_graphs())


def _synthetic_base(tables: Tables, curated: bool) -> str:
    synthetic = [r for r in tables["sources"] if r["kind"] == "synthetic"]
    if not synthetic:
        return SSBD
    other = [r for r in tables["sources"] if r["kind"] != "synthetic"]
    if curated or other:
        rec = synthetic[0]
        raise InputError(
            "a source of kind 'synthetic' cannot be mixed with curated or real data; "
            "build synthetic tables alone (curated=False, only synthetic sources)",
            file=rec.file, row=rec.line, field="kind",
        )
    return SSBSYN


def build_store(path=None, with_=(), curated: bool = True, *, checks: bool = True,
                indicators="ontology") -> BuildResult:
    """Build the KG from the curated tables, user table folders and Turtle files.

    Parameters
    ----------
    path : str or Path, optional
        Folder of the on-disk store. None builds in memory. On disk the store
        is built in a temporary folder beside ``path`` and renamed into place
        only when every check passed; on any error ``path`` is untouched and
        the temporary folder removed (the KG is built and checked in memory
        first, then written to disk). An existing ``path`` is replaced only if
        it is an earlier build (it holds :data:`STORE_MARKER`) or empty.
    with_ : iterable of str or Path
        User table folders and Turtle files (``*.ttl``).
    curated : bool
        Include the curated tables in ``data/``.
    checks : bool
        Run :func:`run_checks` (default True).
    indicators : "ontology", set or None
        Passed to :func:`ssbkg.tables.read_tables`.

    Returns
    -------
    BuildResult
        The store (read-only when on disk) and its counts.

    Raises
    ------
    InputError
        Bad tables or Turtle, synthetic sources mixed with real data, a
        triple asserted twice, or a failed check query.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "sources.csv").write_text(
    ...     "id,title,publisher,url,issued,kind,reliability,note\\n"
    ...     "s1,A study,,,,study,primary,\\n", encoding="utf-8")
    >>> r = build_store(with_=[d], curated=False, checks=False, indicators=None)
    >>> r.rows, r.tables
    (1, {'sources': 1})
    """
    dirs, turtles = [], []
    for item in with_:
        item = Path(item)
        if item.is_dir():
            dirs.append(item)
        elif item.suffix.lower() in (".ttl", ".turtle") and item.is_file():
            turtles.append(item)
        elif not item.exists():
            raise InputError("no such file or folder", file=item)
        else:
            raise InputError("expected a folder of tables or a Turtle file (.ttl)", file=item)
    tables = read_tables(*dirs, curated=curated, indicators=indicators)
    base = _synthetic_base(tables, curated)
    inputs = list(tables.files) + [str(t) for t in turtles]

    def fill(store):
        origin = load_into(store, tables, turtles, base=base)
        if checks:  # before deriving: a stated coverage triple then meets its own check
            run_checks(store, origin)
        derive(store, base)
        return _size(store)

    if path is None:
        store = ox.Store()
        triples, graphs = fill(store)
        return BuildResult(store, triples, graphs, tables.counts(), tables.n_rows, None, inputs)

    target = Path(path)
    if target.exists() and not replaceable(target):
        raise InputError(
            "exists and is not an ssbkg store; choose an empty or new folder", file=target
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    # build and check in memory (fast), then write the checked quads to disk through
    # a temporary N-Quads file, so the dump is never held in memory beside the stores
    memory = ox.Store()
    triples, graphs = fill(memory)
    fd, dump = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".nq", dir=target.parent)
    os.close(fd)
    try:
        memory.dump(output=dump, format=ox.RdfFormat.N_QUADS)
        del memory
        gc.collect()
        result = BuildResult(None, triples, graphs, tables.counts(), tables.n_rows,
                             str(target), inputs)
        meta = {**result.summary(), "store": None, "base": base, "inputs": inputs}

        def fill_disk(store):
            store.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)

        install_store(target, fill_disk, meta)
    finally:
        os.remove(dump)
    result.store = ox.Store.read_only(str(target))
    return result


_DUMP_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS,
                 ".trig": ox.RdfFormat.TRIG}


def load_dump(file, path=None, *, checks: bool = True) -> BuildResult:
    """Load a KG exported by ``ssbkg export`` (N-Quads or TriG) into a store.

    The file goes straight to Oxigraph's bulk loader, so this is the fast way
    to restore a shared KG. With ``checks`` the build's check queries
    (``queries/checks/*-violation.rq``) run on the loaded data; then the
    derived graphs (:mod:`ssbkg.derive`) are computed afresh, whatever the
    file held of them.

    Parameters
    ----------
    file : str or Path
        An ``.nq``/``.nquads`` or ``.trig`` file.
    path : str or Path, optional
        Folder of an on-disk store (written atomically, as
        :func:`build_store` does); None loads into memory.
    checks : bool
        Run the check queries.

    Returns
    -------
    BuildResult
        ``tables`` is empty and ``rows`` 0: the dump carries no tables.

    Raises
    ------
    InputError
        A missing file, an unknown extension, a syntax error (the parser's
        message names the line), or a failed check.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "kg.nq"
    >>> _ = f.write_text('<http://e/a> <http://e/p> "x" <http://e/g> .\\n', encoding="utf-8")
    >>> r = load_dump(f, checks=False)
    >>> r.triples, r.graphs  # the quad; the derived graphs' descriptions (empty here)
    (15, 2)
    """
    file = Path(file)
    if not file.is_file():
        raise InputError("no such file", file=file)
    fmt = _DUMP_FORMATS.get(file.suffix.lower())
    if fmt is None:
        raise InputError("expected an N-Quads (.nq) or TriG (.trig) file written by "
                         "'ssbkg export'", file=file)

    def fill(store):
        try:
            store.bulk_load(path=str(file), format=fmt)
        except SyntaxError as exc:
            raise InputError(f"broken {fmt.name}: {' '.join(str(exc).split())}",
                             file=file) from None
        except UnicodeDecodeError:
            raise InputError("bytes that are not UTF-8", file=file) from None
        if checks:
            run_checks(store)
        derive(store)
        return _size(store)

    if path is None:
        store = ox.Store()
        triples, graphs = fill(store)
        return BuildResult(store, triples, graphs, {}, 0, None, [str(file)])
    target = Path(path)
    if target.exists() and not replaceable(target):
        raise InputError(
            "exists and is not an ssbkg store; choose an empty or new folder", file=target
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    counts = {}

    def meta(store):
        return {"triples": counts["triples"], "graphs": counts["graphs"], "tables": {},
                "rows": 0, "path": str(target), "inputs": [str(file)], "loaded_from": str(file)}

    def fill_disk(store):
        counts["triples"], counts["graphs"] = fill(store)

    install_store(target, fill_disk, meta)
    result = BuildResult(ox.Store.read_only(str(target)), counts["triples"], counts["graphs"],
                         {}, 0, str(target), [str(file)])
    return result


_CURATED = None


def curated_kg() -> KG:
    """The embedded curated KG, built in memory once per process.

    Examples
    --------
    >>> curated_kg() is curated_kg()
    True
    """
    global _CURATED
    if _CURATED is None:
        _CURATED = KG(build_store().store)
    return _CURATED


def open_kg(store=None, endpoint=None) -> KG:
    """Open the KG a command or notebook reads.

    Uses ``store`` (a folder made by ``ssbkg build --store``) or ``endpoint``
    (a SPARQL 1.1 query URL), else the environment variables ``SSBKG_STORE`` /
    ``SSBKG_ENDPOINT``, else the embedded curated KG built in memory.

    Examples
    --------
    >>> open_kg() is curated_kg()  # neither given, no environment variable set
    True
    """
    if store is None and endpoint is None:
        store = os.environ.get("SSBKG_STORE") or None
        endpoint = os.environ.get("SSBKG_ENDPOINT") or None
    if store is not None and endpoint is not None:
        raise InputError("give either a store or an endpoint, not both")
    if endpoint is not None:
        return KG(endpoint=str(endpoint))
    if store is not None:
        return KG.from_path(store)
    return curated_kg()
