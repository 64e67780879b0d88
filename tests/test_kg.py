"""The KG object: queries, bindings, DataFrames, errors, opening stores."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ssbkg.errors import NotFoundError, QueryError
from ssbkg.build import curated_kg, open_kg
from ssbkg.kg import KG
from ssbkg.sparql import inject_values, to_python, to_term, values_block

SSBD = "https://w3id.org/ssbkg/id/"
PFX = """PREFIX ssb: <https://w3id.org/ssbkg/ontology#>
PREFIX ssbd: <https://w3id.org/ssbkg/id/>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qudt: <http://qudt.org/schema/qudt/>
"""

IN_REGION = PFX + """SELECT ?x ?region WHERE {
  ?x schema:location/schema:containedInPlace* ?region .
  FILTER(STRSTARTS(STR(?x), "https://w3id.org/ssbkg/id/org/"))
} ORDER BY ?x"""

BY_LABEL = PFX + "SELECT ?x ?name WHERE { ?x skos:prefLabel ?name } ORDER BY ?x"

HOSTILE = [
    'x" } ; DROP ALL ; SELECT * { ?s ?p "',
    "Bay City> } UNION { ?x ?p ?name",
    "\\u0022 } #",
    "'''",
]


def test_query_rows_and_bindings(tiny_kg):
    # organisations and platforms located in North Province or below:
    # org-alpha, org-uni, plat-lab (Bay City) and org-beta (the province itself)
    rows = tiny_kg.query(IN_REGION, bindings={"region": ox.NamedNode(SSBD + "region/tx-prov")})
    assert [r["x"].rsplit("/", 1)[1] for r in rows] == ["org-alpha", "org-beta", "org-uni", "plat-lab"]
    assert {r["region"] for r in rows} == {SSBD + "region/tx-prov"}
    # in Bay City: the three located there, not org-beta
    rows = tiny_kg.query(IN_REGION, bindings={"region": ox.NamedNode(SSBD + "region/tx-city")})
    assert [r["x"].rsplit("/", 1)[1] for r in rows] == ["org-alpha", "org-uni", "plat-lab"]


def test_literal_binding_with_language(tiny_kg):
    rows = tiny_kg.query(BY_LABEL, bindings={"name": ox.Literal("湾市", language="zh")})
    assert rows == [{"x": SSBD + "region/tx-city", "name": "湾市"}]
    # a plain string is not the language-tagged label
    assert tiny_kg.query(BY_LABEL, bindings={"name": ox.Literal("湾市")}) == []


def test_a_plain_str_binding_is_refused_with_how_to_pass_it(tiny_kg):
    # {"region": "cn-zj"} used to bind a string literal and silently match nothing
    with pytest.raises(QueryError, match=r"\?name is bound to the plain string '湾市'.*"
                                         r"pyoxigraph.Literal.*NamedNode.*catalogue.run"):
        tiny_kg.query(BY_LABEL, bindings={"name": "湾市"})
    with pytest.raises(QueryError, match="plain string"):
        tiny_kg.query_df(BY_LABEL, {"name": "cn-zj"})


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_binding_cannot_change_the_query(tiny_kg, hostile):
    harmless = tiny_kg.query(BY_LABEL, bindings={"name": ox.Literal("no such name")})
    assert harmless == []
    assert tiny_kg.query(BY_LABEL, bindings={"name": ox.Literal(hostile)}) == harmless
    # the store still holds everything (198 stated + 32 derived triples besides the
    # ontology, see test_build)
    n = tiny_kg.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                      "FILTER(?g != <https://w3id.org/ssbkg/id/graph/ontology>) }")
    assert n == 230


def test_query_df_types(tiny_kg):
    q = PFX + """SELECT ?obs ?value ?rank ?unit WHERE {
      ?obs qudt:numericValue ?value ; qudt:unit ?unit . OPTIONAL { ?obs ssb:rank ?rank } }
      ORDER BY ?obs"""
    df = tiny_kg.query_df(q)
    # observations.csv: obs-cap 2 GigaW-HR (no rank), obs-pat 120 NUM rank 1
    assert list(df["obs"]) == [SSBD + "obs/obs-cap", SSBD + "obs/obs-pat"]
    assert list(df["value"]) == [2.0, 120.0] and df["value"].dtype == float
    assert str(df["rank"].dtype) == "Int64" and df["rank"].isna().tolist() == [True, False]
    assert list(df["unit"]) == ["http://qudt.org/vocab/unit/GigaW-HR",
                                "http://qudt.org/vocab/unit/NUM"]


def test_ask_and_construct(tiny_kg):
    assert tiny_kg.query(PFX + "ASK { <https://w3id.org/ssbkg/id/org/org-beta> a ssb:Enterprise }") is True
    assert tiny_kg.query(PFX + "ASK { <https://w3id.org/ssbkg/id/org/org-beta> a ssb:University }") is False
    triples = tiny_kg.query(PFX + "CONSTRUCT { ?x skos:prefLabel ?l } WHERE { "
                            "<https://w3id.org/ssbkg/id/org/org-alpha> skos:prefLabel ?l BIND(<https://w3id.org/ssbkg/id/org/org-alpha> AS ?x) }")
    assert sorted(str(t.object) for t in triples) == ['"Alpha Cells"@en', '"阿尔法电池"@zh']


def test_malformed_sparql_is_one_line_naming_the_query(tiny_kg):
    with pytest.raises(QueryError) as info:
        tiny_kg.query("SELECT ?x WHERE { ?x ?y }", name="my-query")
    msg = str(info.value)
    assert msg.startswith("query my-query: malformed SPARQL") and "\n" not in msg


def test_binding_must_be_projected(tiny_kg):
    with pytest.raises(QueryError, match="projection"):
        tiny_kg.query("SELECT ?x WHERE { ?x ?p ?o }", bindings={"o": 1})


@pytest.mark.parametrize("value, expected", [
    (3, '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    (True, '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'),
    ("a\"b", '"a\\"b"'),
    (ox.NamedNode("http://e/x"), "<http://e/x>"),
])
def test_to_term(value, expected):
    assert str(to_term(value)) == expected


def test_to_term_accepts_rdflib_terms():
    import rdflib

    assert to_term(rdflib.URIRef("http://e/x")) == ox.NamedNode("http://e/x")
    assert to_term(rdflib.Literal("x", lang="en")) == ox.Literal("x", language="en")


def test_to_python():
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert to_python(ox.Literal("42", datatype=ox.NamedNode(xsd + "integer"))) == 42
    assert to_python(ox.Literal("2023-10", datatype=ox.NamedNode(xsd + "gYearMonth"))) == "2023-10"
    assert to_python(ox.Literal("false", datatype=ox.NamedNode(xsd + "boolean"))) is False


def test_values_block_escapes():
    text = values_block({"name": 'x" } ; DROP ALL ; SELECT * { ?s ?p "'})
    # the whole hostile value is one escaped string literal
    assert text == 'VALUES (?name) { ("x\\" } ; DROP ALL ; SELECT * { ?s ?p \\"") }'
    with pytest.raises(QueryError):
        values_block({"bad name": 1})
    with pytest.raises(QueryError):
        values_block({"b": ox.BlankNode()})


@pytest.mark.parametrize("query, expected_at", [
    # the WHERE group, not the IRI with '#', not the string with '{', not the comment
    ('PREFIX a: <http://e/#x> # { not here\nSELECT ?x WHERE { ?x a:p "{" }', "WHERE { VALUES"),
    ("SELECT ?x { ?x ?p ?o }", "SELECT ?x { VALUES"),
    ("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", "WHERE { VALUES"),
    ("ASK { ?x ?p ?o }", "ASK { VALUES"),
])
def test_inject_values_finds_the_where_group(query, expected_at):
    out = inject_values(query, {"x": ox.NamedNode("http://e/a")})
    assert expected_at in out
    ox.Store().query(out)  # still parses


def test_open_store_from_env(tiny_store_path, monkeypatch):
    monkeypatch.setenv("SSBKG_STORE", str(tiny_store_path))
    monkeypatch.delenv("SSBKG_ENDPOINT", raising=False)
    kg = open_kg()
    assert kg.path == str(tiny_store_path)
    assert kg.query(PFX + "ASK { <https://w3id.org/ssbkg/id/org/org-alpha> a ssb:Enterprise }")


def test_open_refuses_a_folder_that_is_not_a_store(tmp_path):
    with pytest.raises(NotFoundError, match="not an ssbkg store"):
        open_kg(store=tmp_path)


def test_unreachable_endpoint_is_a_query_error():
    kg = KG(endpoint="http://127.0.0.1:9/query", timeout=2)
    with pytest.raises(QueryError, match="cannot reach endpoint"):
        kg.query("ASK {}")


def test_curated_is_cached():
    assert curated_kg() is curated_kg()


def test_time_limit_stops_a_local_query(tiny_kg):
    kg = tiny_kg.with_timeout(1)
    # a three-way cartesian product of ~1,800 triples: about 6e9 rows, never finishes in 1 s
    with pytest.raises(QueryError, match="time limit of 1 s"):
        kg.query("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", name="huge")
    # a quick query answers as without the limit, errors keep their message
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/ssbkg/ontology#Enterprise> }"
    assert kg.query(q) == tiny_kg.query(q) == [{"n": 2}]  # org-alpha, org-beta
    with pytest.raises(QueryError, match="query bad: malformed SPARQL"):
        kg.query("SELECT ?x { ?x ?y }", name="bad")


def test_time_limit_on_an_on_disk_store(tiny_store_path):
    kg = KG.from_path(tiny_store_path).with_timeout(30)
    assert kg.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                    "FILTER(?g != <https://w3id.org/ssbkg/id/graph/ontology>) }") == 230
    # test_build's hand count: 198 stated + 32 derived


def test_notebook_functions(tiny_kg):
    from ssbkg.catalogue import resolve, run
    from ssbkg.validate import validate

    df = run(tiny_kg, "region-routes", region="Bay City", route="sulfide")
    assert df["organisations"].tolist() == [2]  # org-alpha and plat-lab
    assert resolve(tiny_kg, "region", "Testland") == ox.NamedNode(SSBD + "region/tx-land")
    conforms, report, text = validate(tiny_kg)
    assert conforms is True
