"""Every vocabulary term used in ontology/, data/ and queries/ is declared.

A term-usage scanner reads

* ``ontology/**/*.ttl`` (parsed with rdflib: every IRI in any position),
* ``queries/**/*.rq`` (prefixed names ``p:local`` and full ``<IRI>`` s, outside
  comments and strings, resolved through the file's own ``PREFIX`` lines; and
  the ``concept:<Scheme>`` of ``# param:`` headers),
* ``data/*.csv`` (cells of the columns whose values are concept ids, class
  keys or units, through the column -> scheme map of docs/design.md),

and reports each use of a term that is not declared: ``ssb:`` terms must be in
:class:`ssbkg.namespace.SSB`; ORG, PROV, SKOS, schema.org, DCTERMS, RDF, RDFS,
OWL, SHACL, XSD and VANN terms in rdflib's closed namespaces; QUDT schema terms
in :data:`QUDT_ALLOWED`; units in :class:`ssbkg.namespace.UNIT` or
:class:`ssbkg.namespace.CUR`. The folders are filled by several people at once:
the scanner works on whatever is there, empty folders included.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import rdflib
from rdflib import namespace as rns

from ssbkg.namespace import CUR, PREFIXES, SSB, UNIT

ROOT = Path(__file__).resolve().parent.parent
SSB_NS = "https://w3id.org/ssbkg/ontology#"
QUDT_NS = "http://qudt.org/schema/qudt/"

#: QUDT schema terms we use (rdflib ships no QUDT namespace): an explicit allow-list.
QUDT_ALLOWED = frozenset({"numericValue", "unit", "QuantityValue", "Unit", "CurrencyUnit",
                          "symbol", "conversionMultiplier", "hasQuantityKind"})

#: namespace IRI -> (name, membership test) for every watched vocabulary.
CLOSED = {
    SSB_NS: ("ssb", lambda t: t in SSB),
    str(rns.ORG): ("org", lambda t: t in rns.ORG),
    str(rns.PROV): ("prov", lambda t: t in rns.PROV),
    str(rns.SKOS): ("skos", lambda t: t in rns.SKOS),
    str(rns.SDO): ("schema", lambda t: t in rns.SDO),
    str(rns.DCTERMS): ("dcterms", lambda t: t in rns.DCTERMS),
    str(rns.RDF): ("rdf", lambda t: t in rns.RDF),
    str(rns.RDFS): ("rdfs", lambda t: t in rns.RDFS),
    str(rns.OWL): ("owl", lambda t: t in rns.OWL),
    str(rns.SH): ("sh", lambda t: t in rns.SH),
    str(rns.XSD): ("xsd", lambda t: t in rns.XSD),
    str(rns.VANN): ("vann", lambda t: t in rns.VANN),
    QUDT_NS: ("qudt", lambda t: t in QUDT_ALLOWED),
    str(UNIT): ("unit", lambda t: t in UNIT),
    str(CUR): ("cur", lambda t: t in CUR),
}

# docs/design.md, "Concept schemes" and the organisation/platform/region/project
# type lists: (table, column) -> how a cell value maps to an ssb: term.
CONCEPT_COLUMNS = {
    ("organisations.csv", "segments"): "seg_", ("organisations.csv", "routes"): "route_",
    ("platforms.csv", "segments"): "seg_", ("platforms.csv", "routes"): "route_",
    ("platforms.csv", "level"): "level_",
    ("projects.csv", "segments"): "seg_", ("projects.csv", "routes"): "route_",
    ("projects.csv", "status"): "status_",
    ("collaborations.csv", "kind"): "collab_",
    ("observations.csv", "indicator"): "ind_", ("observations.csv", "qualifier"): "qual_",
    ("observations.csv", "kind"): "kind_", ("observations.csv", "status"): "status_",
    ("policies.csv", "kind"): "policykind_",
    ("policies.csv", "segments"): "seg_", ("policies.csv", "routes"): "route_",
    ("sources.csv", "kind"): "sourcekind_", ("sources.csv", "reliability"): "reliability_",
    ("sites.csv", "kind"): "sitekind_", ("sites.csv", "segments"): "seg_",
    ("sites.csv", "routes"): "route_", ("sites.csv", "status"): "status_",
}
CLASS_COLUMNS = {
    ("organisations.csv", "type"): {
        "enterprise": "Enterprise", "university": "University",
        "research_institute": "ResearchInstitute", "government_body": "GovernmentBody",
        "consultancy": "ResearchConsultancy"},
    ("platforms.csv", "type"): {
        "key_laboratory": "KeyLaboratory", "innovation_centre": "InnovationCentre",
        "collaborative_platform": "CollaborativePlatform",
        "public_service_platform": "PublicServicePlatform", "industrial_park": "IndustrialPark"},
    ("regions.csv", "level"): {
        "world": "World", "macro_region": "MacroRegion", "country": "Country",
        "province": "Province", "city": "City", "county": "County", "district": "District",
        "industrial_park": "IndustrialPark"},
    ("projects.csv", "kind"): {
        "cell_production": "CellProductionProject",
        "material_production": "MaterialProductionProject",
        "demonstration": "DemonstrationProject", "research": "ResearchProject"},
}
UNIT_COLUMNS = {("observations.csv", "unit")}


# --------------------------------------------------------------------------
# The scanner
# --------------------------------------------------------------------------

def _check_iri(iri, where):
    """A problem string if ``iri`` is in a watched namespace but undeclared, else None."""
    iri = str(iri)
    # Longest namespace first (unit/ and currency/ are not under schema/qudt/).
    for ns in sorted(CLOSED, key=len, reverse=True):
        if iri.startswith(ns):
            name, declared = CLOSED[ns]
            local = iri[len(ns):]
            if not declared(local):
                return f"{where}: {name}:{local} is not declared"
            return None
    return None


def scan_turtle(path):
    """Undeclared terms in one Turtle file (every IRI in any triple position)."""
    g = rdflib.Graph().parse(path, format="turtle")
    problems = set()
    for triple in g:
        for term in triple:
            if isinstance(term, rdflib.URIRef):
                p = _check_iri(term, Path(path).name)
                if p:
                    problems.add(p)
            elif isinstance(term, rdflib.Literal) and term.datatype is not None:
                p = _check_iri(term.datatype, Path(path).name)
                if p:
                    problems.add(p)
    return sorted(problems)


_IRI = re.compile(r"<([^<>\s\"{}|^`\\]*)>")
_STRING = re.compile(r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_COMMENT = re.compile(r"#[^\n]*")
_PREFIX = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^<>\s]*)>")
_PNAME = re.compile(r"(?<![\w:?$.<-])([A-Za-z][\w-]*)?:((?:[A-Za-z0-9_])(?:[\w.-]*[\w-])?)")
_PARAM_SCHEME = re.compile(r"^#\s*param:.*\bconcept:(\w+)", re.M)


def scan_sparql(text, name="query"):
    """Undeclared terms in one SPARQL query text."""
    problems = []
    for scheme in _PARAM_SCHEME.findall(text):
        if scheme not in SSB:
            problems.append(f"{name}: header concept:{scheme} is not an ssb: concept scheme")
    prefixes = {p or "": iri for p, iri in _PREFIX.findall(text)}
    body = _PREFIX.sub(" ", text)
    # Full IRIs first (before '#' in them is taken for a comment), then strings, comments.
    for iri in _IRI.findall(body):
        p = _check_iri(iri, name)
        if p:
            problems.append(p)
    body = _IRI.sub(" ", body)
    body = _STRING.sub(" ", body)
    body = _COMMENT.sub(" ", body)
    for prefix, local in _PNAME.findall(body):
        ns = prefixes.get(prefix)
        if ns is None:
            continue  # not a declared prefix: the query engine rejects it anyway
        p = _check_iri(ns + local, name)
        if p:
            problems.append(p)
    return sorted(set(problems))


def _split(cell):
    return [v.strip() for v in cell.split(";") if v.strip()]


def scan_table(path):
    """Undeclared concept ids, class keys and units in one data table."""
    path = Path(path)
    problems = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            line = reader.line_num
            for column, cell in row.items():
                key = (path.name, column)
                if cell is None or column is None:
                    continue
                where = f"{path.name} line {line} column {column}"
                if key in CONCEPT_COLUMNS:
                    prefix = CONCEPT_COLUMNS[key]
                    for v in _split(cell):
                        if f"{prefix}{v}" not in SSB:
                            problems.append(f"{where}: '{v}' is not declared (ssb:{prefix}{v})")
                elif key in CLASS_COLUMNS:
                    for v in _split(cell):
                        cls = CLASS_COLUMNS[key].get(v)
                        if cls is None or cls not in SSB:
                            problems.append(f"{where}: '{v}' names no ssb: class")
                elif key in UNIT_COLUMNS:
                    for v in _split(cell):
                        if v not in UNIT and v not in CUR:
                            problems.append(f"{where}: unit '{v}' is not in UNIT or CUR")
    return problems


def scan_tree(root):
    """Every undeclared term under ``root``'s ontology/, queries/ and data/ folders."""
    root = Path(root)
    problems = []
    for path in sorted((root / "ontology").rglob("*.ttl")):
        problems += scan_turtle(path)
    for path in sorted((root / "queries").rglob("*.rq")):
        problems += scan_sparql(path.read_text(encoding="utf-8"), str(path.relative_to(root)))
    for path in sorted((root / "data").glob("*.csv")):
        problems += scan_table(path)
    return problems


# --------------------------------------------------------------------------
# The project's own files
# --------------------------------------------------------------------------

def test_ontology_terms_are_declared():
    problems = []
    for path in sorted((ROOT / "ontology").rglob("*.ttl")):
        problems += scan_turtle(path)
    assert not problems, "\n".join(problems)


def test_query_terms_are_declared():
    problems = []
    for path in sorted((ROOT / "queries").rglob("*.rq")):
        problems += scan_sparql(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert not problems, "\n".join(problems)


def test_query_prefixes_match_the_prefix_map():
    # A query that binds a known prefix to another IRI (http://schema.org/ for
    # https://schema.org/, a missing '#') silently matches nothing.
    problems = []
    for path in sorted((ROOT / "queries").rglob("*.rq")):
        for prefix, iri in _PREFIX.findall(path.read_text(encoding="utf-8")):
            if prefix in PREFIXES and PREFIXES[prefix] != iri:
                problems.append(f"{path.relative_to(ROOT)}: {prefix}: is <{iri}>, "
                                f"not <{PREFIXES[prefix]}>")
    assert not problems, "\n".join(problems)


def test_prefix_check_catches_http_schema():
    text = "PREFIX schema: <http://schema.org/>\nSELECT * { ?s schema:name ?n }"
    [(prefix, iri)] = _PREFIX.findall(text)
    assert prefix == "schema" and PREFIXES[prefix] != iri


def test_data_values_are_declared():
    problems = []
    for path in sorted((ROOT / "data").glob("*.csv")):
        problems += scan_table(path)
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------
# The scanner itself: it catches misspellings and leaves the rest alone
# --------------------------------------------------------------------------

QUERY_OK = """# title: Enterprises by segment
# param: segment concept:ValueChainSegments optional  A segment
PREFIX ssb: <https://w3id.org/ssbkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX unit: <http://qudt.org/vocab/unit/>
SELECT ?org ?label WHERE {
  ?org a ssb:Enterprise ; ssb:segment ssb:seg_cathode ;   # ssb:notATerm in a comment
       schema:location/schema:containedInPlace* ?r ;
       skos:prefLabel ?label .
  ?o <http://qudt.org/schema/qudt/unit> unit:GigaW-HR .
  FILTER(?label != "ssb:alsoNotATerm" && STRSTARTS(STR(?org), "https://w3id.org/ssbkg/id/"))
}
"""


def test_scanner_accepts_a_correct_query():
    assert scan_sparql(QUERY_OK) == []


@pytest.mark.parametrize("right,wrong,term", [
    ("ssb:segment ", "ssb:segmnet ", "ssb:segmnet"),               # misspelled property
    ("ssb:seg_cathode ", "ssb:seg_cathod ", "ssb:seg_cathod"),     # misspelled concept
    ("a ssb:Enterprise", "a ssb:Enterprize", "ssb:Enterprize"),    # misspelled class
    ("skos:prefLabel ?", "skos:preflabel ?", "skos:preflabel"),    # wrong case in SKOS
    ("schema:location/", "schema:locatedIn/", "schema:locatedIn"), # not a schema.org term
    ("unit:GigaW-HR", "unit:GWh", "unit:GWh"),                     # not a declared unit
])
def test_scanner_catches_a_misspelled_query_term(right, wrong, term):
    assert QUERY_OK.count(right) == 1
    assert scan_sparql(QUERY_OK.replace(right, wrong)) == [f"query: {term} is not declared"]


def test_scanner_catches_a_misspelled_full_iri():
    wrong = QUERY_OK.replace("qudt/unit>", "qudt/units>")
    assert scan_sparql(wrong) == ["query: qudt:units is not declared"]


def test_scanner_checks_param_header_schemes():
    wrong = QUERY_OK.replace("concept:ValueChainSegments", "concept:ValueChainSegment")
    assert scan_sparql(wrong) == [
        "query: header concept:ValueChainSegment is not an ssb: concept scheme"]


def test_scanner_catches_a_misspelled_turtle_term(tmp_path):
    ttl = tmp_path / "x.ttl"
    ttl.write_text(
        "@prefix ssb: <https://w3id.org/ssbkg/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/ssbkg/id/org/x> ssb:segmnet ssb:seg_cathode ;\n"
        "    skos:prefLabel \"X\"@en .\n", encoding="utf-8")
    assert scan_turtle(ttl) == ["x.ttl: ssb:segmnet is not declared"]


def test_scanner_catches_bad_table_values(tmp_path):
    (tmp_path / "organisations.csv").write_text(
        "id,type,label_en,segments,routes\n"
        "a,enterprise,A,cathode;anode,sulfide\n"       # fine
        "b,enterprize,B,cathod,sulfide\n"              # class key and segment misspelled
        "c,university,C,,sulphide\n",                  # route misspelled
        encoding="utf-8")
    (tmp_path / "observations.csv").write_text(
        "id,unit,qualifier\n"
        "o1,GigaW-HR,exact\n"
        "o2,CNY,about\n"                               # qualifier not a concept
        "o3,GWh,exact\n",                              # unit not declared
        encoding="utf-8")
    problems = scan_table(tmp_path / "organisations.csv") + scan_table(tmp_path / "observations.csv")
    assert problems == [
        "organisations.csv line 3 column type: 'enterprize' names no ssb: class",
        "organisations.csv line 3 column segments: 'cathod' is not declared (ssb:seg_cathod)",
        "organisations.csv line 4 column routes: 'sulphide' is not declared (ssb:route_sulphide)",
        "observations.csv line 3 column qualifier: 'about' is not declared (ssb:qual_about)",
        "observations.csv line 4 column unit: unit 'GWh' is not in UNIT or CUR",
    ]


def test_scanner_passes_on_empty_folders(tmp_path):
    for d in ("ontology", "queries", "data"):
        (tmp_path / d).mkdir()
    assert scan_tree(tmp_path) == []


def test_scanner_passes_on_missing_folders(tmp_path):
    assert scan_tree(tmp_path) == []


def test_scan_tree_finds_a_misspelling_anywhere(tmp_path):
    (tmp_path / "queries" / "sub").mkdir(parents=True)
    (tmp_path / "queries" / "sub" / "q.rq").write_text(
        "PREFIX ssb: <https://w3id.org/ssbkg/ontology#>\nSELECT * { ?s ssb:segmnet ?o }\n",
        encoding="utf-8")
    assert scan_tree(tmp_path) == ["queries/sub/q.rq: ssb:segmnet is not declared"]


# --------------------------------------------------------------------------
# The table reader (ssbkg.tables) accepts exactly what the ontology declares
# --------------------------------------------------------------------------

# ssbkg.tables concept kind -> our scheme (docs/design.md, "Concept schemes").
TABLE_KIND_SCHEME = {
    "segment": "ValueChainSegments", "route": "TechnologyRoutes", "status": "ProjectStatuses",
    "collab": "CollaborationKinds", "qual": "Qualifiers", "kind": "ObservationKinds",
    "level": "PlatformLevels", "reliability": "Reliabilities", "sourcekind": "SourceKinds",
    "policykind": "PolicyKinds", "sitekind": "SiteKinds",
}


@pytest.fixture(scope="module")
def ontology_graph():
    g = rdflib.Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def _notations(g, scheme):
    return {str(g.value(c, rns.SKOS.notation))
            for c in g.subjects(rns.SKOS.inScheme, rdflib.URIRef(SSB_NS + scheme))}


@pytest.mark.parametrize("kind,scheme", sorted(TABLE_KIND_SCHEME.items()))
def test_table_reader_accepts_the_schemes_values(ontology_graph, kind, scheme):
    tables = pytest.importorskip("ssbkg.tables")
    assert set(tables.CONCEPTS[kind]) == _notations(ontology_graph, scheme)


def test_table_reader_accepts_the_declared_indicators(ontology_graph):
    tables = pytest.importorskip("ssbkg.tables")
    assert set(tables.indicator_ids()) == _notations(ontology_graph, "Indicators")


@pytest.mark.parametrize("kind,key", [("orgtype", ("organisations.csv", "type")),
                                      ("platformtype", ("platforms.csv", "type")),
                                      ("regionlevel", ("regions.csv", "level")),
                                      ("projectkind", ("projects.csv", "kind"))])
def test_table_reader_accepts_the_class_keys(kind, key):
    tables = pytest.importorskip("ssbkg.tables")
    assert set(tables.CONCEPTS[kind]) == set(CLASS_COLUMNS[key])


def test_table_reader_units_are_declared():
    tables = pytest.importorskip("ssbkg.tables")
    assert {u for u in tables.UNITS if u not in UNIT} == set()
    assert {c for c in tables.CURRENCIES if c not in CUR} == set()
