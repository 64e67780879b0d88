"""SHACL validation: the SPARQL engine against hand-worked results and against pySHACL."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from ssbkg.build import build_store
from ssbkg.errors import InputError
from ssbkg.kg import KG
from ssbkg.validate import compile_shapes, load_shapes, validate, violations

FIX = Path(__file__).parent / "fixtures"
EX = "http://example.org/"
SSBD = "https://w3id.org/ssbkg/id/"
SSB = "https://w3id.org/ssbkg/ontology#"
ENGINES = ["sparql", "pyshacl"]


def _key(r):
    return (r["severity"], r["focus"].rsplit("/", 1)[-1], r["shape"].rsplit("#", 1)[-1]
            .rsplit("/", 1)[-1], r["component"])


@pytest.fixture(scope="module")
def shapes_kg():
    store = ox.Store()
    store.load(path=str(FIX / "shapes-data.ttl"), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode("http://example.org/data"))
    return KG(store)


# Worked out by hand from tests/fixtures/shapes-data.ttl (comments there):
SHAPES_EXPECTED = {
    ("Violation", "bad", "Thing_name", "MaxCountConstraintComponent"),
    ("Violation", "bad", "Thing_size", "MinInclusiveConstraintComponent"),
    ("Violation", "bad", "Thing_size", "LessThanOrEqualsConstraintComponent"),
    ("Violation", "bad", "Thing_kind", "InConstraintComponent"),
    ("Violation", "bad", "Thing_maker", "ClassConstraintComponent"),
    ("Warning", "bad", "Thing_code", "PatternConstraintComponent"),
    ("Violation", "bad", "Thing_part", "NodeConstraintComponent"),
    ("Violation", "bad", "Thing_label", "UniqueLangConstraintComponent"),
    ("Violation", "bad", "Thing_label", "LanguageInConstraintComponent"),
    ("Violation", "ugly", "Thing_name", "MinCountConstraintComponent"),
    ("Violation", "ugly", "Thing_size", "DatatypeConstraintComponent"),
    ("Violation", "ugly", "Thing_size", "MinInclusiveConstraintComponent"),
    ("Violation", "ugly", "Thing_label", "QualifiedMinCountConstraintComponent"),
    ("Info", "ugly", "EitherShape", "OrConstraintComponent"),
    ("Violation", "banned", "NotShape", "NotConstraintComponent"),
}


@pytest.mark.parametrize("engine", ENGINES)
def test_hand_made_shapes(shapes_kg, engine):
    rows = violations(shapes_kg, engine, shapes=[FIX / "shapes" / "test-shapes.ttl"])
    assert {_key(r) for r in rows} == SHAPES_EXPECTED


def test_values_and_paths_reported(shapes_kg):
    rows = violations(shapes_kg, shapes=[FIX / "shapes" / "test-shapes.ttl"])
    by = {(_key(r)[1], _key(r)[2], _key(r)[3]): r for r in rows}
    assert by[("bad", "Thing_kind", "InConstraintComponent")]["value"] == EX + "c"
    assert by[("bad", "Thing_maker", "ClassConstraintComponent")]["value"] == EX + "m2"
    assert by[("bad", "Thing_part", "NodeConstraintComponent")]["value"] == EX + "p2"
    assert by[("bad", "Thing_part", "NodeConstraintComponent")]["path"] == f"{EX}part|{EX}component"
    assert by[("bad", "Thing_size", "MinInclusiveConstraintComponent")]["value"] == "-1"
    assert by[("ugly", "Thing_name", "MinCountConstraintComponent")]["message"] == \
        "A thing has exactly one name"


def test_conforms_ignores_warnings_and_infos(shapes_kg):
    shapes = Graph().parse(FIX / "shapes" / "test-shapes.ttl")
    conforms, report, text = validate(shapes_kg, shapes=shapes)
    assert conforms is False and "A thing has exactly one name" in text
    # keep only the warning rule: the graph then conforms
    only_warning = Graph().parse(format="turtle", data="""
      @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
      ex:S a sh:NodeShape ; sh:targetClass ex:Thing ;
        sh:property [ sh:path ex:code ; sh:pattern "^[A-Z]{2}[0-9]+$" ; sh:severity sh:Warning ] .""")
    conforms, report, text = validate(shapes_kg, shapes=only_warning)
    assert conforms is True and "Warning" in text


def test_unsupported_constraint_is_refused(shapes_kg):
    shapes = Graph().parse(format="turtle", data="""
      @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
      ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:sparql [ sh:select "SELECT * {}" ] .""")
    with pytest.raises(InputError, match="sparql"):
        compile_shapes(shapes)


def test_compiled_queries_never_use_filter_not_exists():
    for c in compile_shapes(load_shapes()):
        assert "NOT EXISTS" not in c.query.upper()


@pytest.mark.parametrize("engine", ENGINES)
def test_tiny_kg_has_only_the_expected_warnings(tiny_kg, engine):
    rows = violations(tiny_kg, engine)
    # by hand from the fixture: org-beta has no Chinese name; src-b has no URL, no publisher
    assert {_key(r) for r in rows} == {
        ("Warning", "org-beta", "OrganisationRecommended_prefLabelZh",
         "QualifiedMinCountConstraintComponent"),
        ("Warning", "src-b", "SourceRecommended_url", "MinCountConstraintComponent"),
        ("Warning", "src-b", "SourceRecommended_publisher", "MinCountConstraintComponent"),
    }
    labels = {r["focus"].rsplit("/", 1)[-1]: r["label"] for r in rows}
    assert labels["org-beta"] == "Beta Materials"


BROKEN = """
@prefix ssb: <https://w3id.org/ssbkg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix qudt: <http://qudt.org/schema/qudt/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/ssbkg/id/org/bad-org> a ssb:Enterprise ;
    skos:prefLabel "Bad"@en , "Bad two"@en .
<https://w3id.org/ssbkg/id/obs/bad-obs> a ssb:Observation ;
    ssb:subject <https://w3id.org/ssbkg/id/org/bad-org> ;
    ssb:indicator ssb:ind_annual_capacity ;
    qudt:numericValue "-5"^^xsd:decimal ; ssb:upperValue "-9"^^xsd:decimal ;
    qudt:unit <http://example.org/not-a-unit> ;
    ssb:statedOn "2024"^^xsd:gYear .
<https://w3id.org/ssbkg/id/graph/derived/bogus> a ssb:DerivedGraph .
"""


@pytest.fixture(scope="module")
def broken_kg(tmp_path_factory):
    path = tmp_path_factory.mktemp("broken") / "broken.ttl"
    path.write_text(BROKEN, encoding="utf-8")
    store = build_store(with_=[FIX / "tiny", path], curated=False).store
    # a corrupted derived graph: a route recorded as a covered segment (the build
    # refuses such a triple from a file, so it goes straight into the store)
    store.add(ox.Quad(ox.NamedNode(SSBD + "region/tx-city"), ox.NamedNode(SSB + "coversSegment"),
                      ox.NamedNode(SSB + "route_oxide"),
                      ox.NamedNode(SSBD + "graph/derived/region-segment-coverage")))
    return KG(store)


def test_deliberate_violations_found_by_both_engines(broken_kg):
    a = {_key(r) for r in violations(broken_kg, "sparql")}
    b = {_key(r) for r in violations(broken_kg, "pyshacl")}
    assert a == b
    # by hand from the Turtle above and ontology/shapes/core-shapes.ttl
    expected = {
        ("Violation", "bad-org", "Organisation_prefLabel", "QualifiedMaxCountConstraintComponent"),
        ("Violation", "bad-org", "Organisation_prefLabel", "UniqueLangConstraintComponent"),
        ("Violation", "bad-org", "Organisation_location", "MinCountConstraintComponent"),
        ("Violation", "bad-obs", "Observation_range", "LessThanOrEqualsConstraintComponent"),
        ("Violation", "bad-obs", "Observation_unit", "PatternConstraintComponent"),
        ("Violation", "bad-obs", "NonNegativeObservationShape", "OrConstraintComponent"),
        # a route given as a covered segment; a derived graph that says nothing of its origin
        ("Violation", "tx-city", "Region_coversSegment", "NodeConstraintComponent"),
        ("Violation", "bogus", "DerivedGraph_identifier", "MinCountConstraintComponent"),
        ("Violation", "bogus", "DerivedGraph_wasGeneratedBy", "MinCountConstraintComponent"),
    }
    assert expected <= a
    assert {k for k in a if k[0] == "Violation"} == expected
    conforms, _report, _text = validate(broken_kg)
    assert conforms is False


def test_engines_agree_on_the_curated_kg():
    kg = KG(build_store().store)
    a = sorted(_key(r) + (r["value"], r["path"]) for r in violations(kg, "sparql"))
    b = sorted(_key(r) + (r["value"], r["path"]) for r in violations(kg, "pyshacl"))
    assert a == b


def test_curated_kg_has_no_violations():
    rows = [r for r in violations(KG(build_store().store)) if r["severity"] == "Violation"]
    shown = "; ".join(f"{r['focus'].rsplit('/', 1)[-1]} {r['path']}: {r['message']}"
                      for r in rows[:5])
    assert rows == [], f"{len(rows)} violations, e.g. {shown}"


MORE_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:PairShape a sh:NodeShape ; sh:targetSubjectsOf ex:start ;
  sh:property [ sh:path ex:start ; sh:lessThan ex:end ] ;
  sh:property [ sh:path ex:alias ; sh:equals ex:name ] ;
  sh:property [ sh:path ex:name ; sh:disjoint ex:nickname ; sh:maxLength 5 ] ;
  sh:property [ sh:path ( ex:owner ex:country ) ; sh:minCount 1 ] ;
  sh:property [ sh:path [ sh:inversePath ex:member ] ; sh:maxCount 1 ] ;
  sh:property [ sh:path [ sh:oneOrMorePath ex:parent ] ; sh:hasValue ex:root ] .
"""
MORE_DATA = """
@prefix ex: <http://example.org/> .
ex:ok ex:start 1 ; ex:end 2 ; ex:alias "Ann" ; ex:name "Ann" ; ex:nickname "A" ;
  ex:owner ex:o1 ; ex:parent ex:mid .
ex:mid ex:parent ex:root .
ex:o1 ex:country ex:fr .
ex:g1 ex:member ex:ok .
ex:ko ex:start 3 ; ex:end 2 ;           # lessThan
  ex:alias "Bob" ; ex:name "Bobby-B" ;   # equals (both ways), maxLength
  ex:nickname "Bobby-B" ;                # disjoint
  ex:owner ex:o2 ;                       # the sequence owner/country has no value
  ex:parent ex:other .                   # no root among the ancestors
ex:g1 ex:member ex:ko . ex:g2 ex:member ex:ko .   # two groups: inverse path maxCount
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_pair_constraints_and_complex_paths(engine):
    store = ox.Store()
    store.load(MORE_DATA.encode(), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode("http://example.org/data"))
    shapes = Graph().parse(format="turtle", data=MORE_SHAPES)
    rows = violations(KG(store), engine, shapes=shapes)
    got = sorted((r["focus"].rsplit("/", 1)[-1], r["component"].replace("ConstraintComponent", ""),
                  r["value"]) for r in rows)
    # by hand from the comments in MORE_DATA; ex:ok conforms
    assert got == sorted([
        ("ko", "LessThan", "3"), ("ko", "Equals", "Bob"), ("ko", "Equals", "Bobby-B"),
        ("ko", "MaxLength", "Bobby-B"), ("ko", "Disjoint", "Bobby-B"), ("ko", "MinCount", None),
        ("ko", "MaxCount", None), ("ko", "HasValue", None),
    ])


def test_recursive_shapes_are_refused():
    shapes = Graph().parse(format="turtle", data="""
      @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
      ex:S a sh:NodeShape ; sh:targetClass ex:Thing ;
        sh:property [ sh:path ex:child ; sh:node ex:S ] .""")
    with pytest.raises(InputError, match="refers to itself"):
        compile_shapes(shapes)
