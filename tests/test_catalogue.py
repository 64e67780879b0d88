"""The named-query catalogue: headers, name resolution, running with parameters."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ssbkg.catalogue import (
    PARAM_TYPES,
    get_query,
    list_queries,
    parse_header,
    resolve,
    resolve_org,
    resolve_region,
    run,
)
from ssbkg.errors import AmbiguousNameError, NotFoundError, QueryError

SSBD = "https://w3id.org/ssbkg/id/"
SSB = "https://w3id.org/ssbkg/ontology#"

LABEL_QUERY = """# title: Things by English label
# description: Finds what has the given English label.
# param: name string required  The label
# param: min_year integer optional  Founded in or after
# columns: x, name
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?x ?name WHERE { ?x skos:prefLabel ?l FILTER(STR(?l) = ?name) } ORDER BY ?x
"""


def test_parse_header_fields_and_params():
    q = parse_header(LABEL_QUERY, "labels")
    assert q.title == "Things by English label"
    assert q.description == "Finds what has the given English label."
    assert [(p.name, p.type, p.required, p.description) for p in q.params] == [
        ("name", "string", True, "The label"),
        ("min_year", "integer", False, "Founded in or after"),
    ]
    assert q.columns == ["x", "name"]


@pytest.mark.parametrize("line", [
    "# param: region region maybe  Bad requirement",
    "# param: region place optional  Unknown type",
    "# param: region",
])
def test_bad_param_lines(line):
    with pytest.raises(QueryError):
        parse_header(line + "\nSELECT * {}", "bad")


def test_every_catalogue_query_has_a_header_and_parses():
    queries = list_queries()
    assert queries, "queries/*.rq is empty"
    for q in queries:
        assert q.title != q.name, f"{q.name} has no title"
        assert q.description, f"{q.name} has no description"
        for p in q.params:
            assert p.type in PARAM_TYPES or p.type.startswith("concept:")
        ox.Store().query(q.text)  # parses


def test_get_query_suggests_close_names():
    with pytest.raises(NotFoundError, match="did you mean region-routes"):
        get_query("region-route")


@pytest.mark.parametrize("value", ["tx-city", "Bay City", "bay city", "湾市",
                                   SSBD + "region/tx-city"])
def test_resolve_region_by_id_label_or_iri(tiny_kg, value):
    assert resolve_region(tiny_kg, value) == ox.NamedNode(SSBD + "region/tx-city")


@pytest.mark.parametrize("value, expected", [
    ("org-alpha", "org/org-alpha"),
    ("Alpha Cells", "org/org-alpha"),
    ("阿尔法电池", "org/org-alpha"),   # Chinese prefLabel
    ("阿法", "org/org-alpha"),          # Chinese alt label
    ("BU", "org/org-uni"),              # English alt label
    ("plat-lab", "org/plat-lab"),      # platforms share the org id space
])
def test_resolve_org(tiny_kg, value, expected):
    assert resolve_org(tiny_kg, value) == ox.NamedNode(SSBD + expected)


def test_unknown_name_lists_close_matches(tiny_kg):
    with pytest.raises(NotFoundError) as info:
        resolve_org(tiny_kg, "Alpah Cells")
    assert "close matches: Alpha Cells" in str(info.value)
    assert not isinstance(info.value, AmbiguousNameError)


def test_ambiguous_label_lists_candidates(tiny_kg):
    # "Bay" is an alt label of org-uni and of plat-lab (organisations.csv, platforms.csv)
    with pytest.raises(AmbiguousNameError) as info:
        resolve_org(tiny_kg, "Bay")
    assert "org-uni" in str(info.value) and "plat-lab" in str(info.value)


@pytest.mark.parametrize("scheme, value, expected", [
    ("TechnologyRoutes", "sulfide", "route_sulfide"),
    ("TechnologyRoutes", "硫化物", "route_sulfide"),  # its Chinese label in routes.ttl
    ("ValueChainSegments", "cathode", "seg_cathode"),
    ("ProjectStatuses", "under_construction", "status_under_construction"),
])
def test_resolve_concepts(tiny_kg, scheme, value, expected):
    assert resolve(tiny_kg, f"concept:{scheme}", value) == ox.NamedNode(SSB + expected)


def test_concept_of_another_scheme_is_not_found(tiny_kg):
    with pytest.raises(NotFoundError):
        resolve(tiny_kg, "concept:TechnologyRoutes", "cathode")


@pytest.mark.parametrize("ptype, value, expected", [
    ("integer", "42", '"42"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    ("decimal", "2.50", '"2.50"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
    ("date", "2023-10", '"2023-10"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'),
    ("string", 'a "b"', '"a \\"b\\""'),
    ("iri", "http://e/x", "<http://e/x>"),
])
def test_resolve_plain_types(tiny_kg, ptype, value, expected):
    assert str(resolve(tiny_kg, ptype, value)) == expected


@pytest.mark.parametrize("ptype, value", [
    ("integer", "4.2"), ("decimal", "lots"), ("date", "2023-13"), ("iri", "http://a b"),
])
def test_resolve_rejects_bad_values(tiny_kg, ptype, value):
    with pytest.raises(QueryError):
        resolve(tiny_kg, ptype, value)


@pytest.mark.parametrize("value", ["org-alpha", "Alpha Cells", "阿尔法电池",
                                   "ssbd:org/org-alpha", "ssbd:org\\/org-alpha",
                                   "https://w3id.org/ssbkg/id/org/org-alpha",
                                   "<https://w3id.org/ssbkg/id/org/org-alpha>"])
def test_iri_params_take_ids_labels_and_prefixed_names(tiny_kg, value):
    # an iri parameter (e.g. entity-sources' entity) names any entity like the
    # region and org parameters do: id, English or Chinese label, prefixed or full IRI
    assert resolve(tiny_kg, "iri", value).value == "https://w3id.org/ssbkg/id/org/org-alpha"


def test_iri_param_unknown_name(tiny_kg):
    with pytest.raises(NotFoundError):
        resolve(tiny_kg, "iri", "not an iri>")


def test_run_named_query_with_region_and_route(tiny_kg):
    # region-routes: organisations and platforms in North Province or below that declare
    # the sulfide route: org-alpha (Bay City), org-beta (the province), plat-lab (Bay City)
    df = run(tiny_kg, "region-routes", region="North Province", route="sulfide")
    assert list(df.columns[:3]) == ["region", "region_label", "route"]
    assert df.to_dict("records") == [{
        "region": SSBD + "region/tx-prov", "region_label": "North Province",
        "route": SSB + "route_sulfide", "route_label": df["route_label"][0],
        "organisations": 3,
    }]
    # and oxide: only org-beta
    df = run(tiny_kg, "region-routes", region="北省", route="oxide")
    assert df["organisations"].tolist() == [1]


def test_optional_params_stay_unbound(tiny_kg):
    # without a route: every route declared in Bay City
    df = run(tiny_kg, "region-routes", region="tx-city")
    got = dict(zip(df["route"], df["organisations"]))
    # Bay City: org-alpha (sulfide), plat-lab (sulfide); org-uni declares no route
    assert got == {SSB + "route_sulfide": 2}


def test_run_checks_params(tiny_kg):
    q = parse_header(LABEL_QUERY, "labels")
    with pytest.raises(QueryError, match="missing required parameter 'name'"):
        run(tiny_kg, q)
    with pytest.raises(QueryError, match="unknown parameter 'colour'"):
        run(tiny_kg, q, name="x", colour="red")
    with pytest.raises(NotFoundError, match="parameter 'region'"):
        run(tiny_kg, "region-routes", region="Atlantis")


HOSTILE = ['x" } ; DROP ALL ; SELECT * { ?s ?p "', "Bay City> } UNION { ?x ?p ?name"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_parameter_answers_like_an_unknown_value(tiny_kg, hostile):
    q = parse_header(LABEL_QUERY, "labels")
    assert run(tiny_kg, q, name="Bay City")["x"].tolist() == [SSBD + "region/tx-city"]
    harmless = run(tiny_kg, q, name="no such label")
    hostile_df = run(tiny_kg, q, name=hostile)
    assert hostile_df.to_dict("records") == harmless.to_dict("records") == []
    # as a region name it is simply not found, like any unknown name
    with pytest.raises(NotFoundError):
        run(tiny_kg, "region-routes", region=hostile)


def test_every_declared_parameter_can_be_bound():
    # Oxigraph substitutes only variables of the SELECT projection; a parameter that is
    # not projected would fail at run time, so check every query of the catalogue now
    for q in list_queries():
        for p in q.params:
            ox.Store().query(q.text, substitutions={ox.Variable(p.name): ox.Literal("x")})
