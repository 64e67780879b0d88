"""Tables to quads: counts worked out by hand, typed literals, provenance, checks, atomicity."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssbkg.build import STORE_MARKER, build_store, ontology_files
from ssbkg.errors import InputError
from ssbkg.kg import KG

FIX = Path(__file__).parent / "fixtures"
SSBD = "https://w3id.org/ssbkg/id/"
SSB = "https://w3id.org/ssbkg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ONTOLOGY_GRAPH = f"<{SSBD}graph/ontology>"


def _ontology_triples() -> int:
    """Triples of the ontology modules, counted by rdflib (another parser)."""
    g = rdflib.Graph()
    for path in ontology_files():
        g.parse(path, format="turtle")
    return len(g)


def _count(kg, where: str) -> int:
    return kg.count(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")


# Hand count of tests/fixtures/tiny (one triple per non-empty cell or list item,
# plus rdf:type; the class column gives the type):
#   regions 3+5+4+4=16, organisations 10+9+6=25, platforms 10, projects 11,
#   collaborations 7, observations 11+11=22, people 5, policies 9, challenges 5,
#   recommendations 4                                                 -> 114 row triples
#   sources graph: src-a 7 (type, title, publisher, url, issued, kind, reliability),
#   src-b 5                                                            -> 12
#   provenance: per row type + one per source + locator + inference + table + row:
#   regions 4+5+7+5, organisations 5+4+4, platforms 4, projects 5, collaborations 4,
#   observations 5+4, people 4, policies 4, challenges 4, recommendations 4 -> 72
#   derived graphs (queries/derived/), region -> what any actor located in it or below
#   it has: segments: alpha (Bay City: cells, cathode), beta (North Province: solid
#   electrolyte); platform and project add only cells again. Bay City 2, North Province,
#   Testland and World 3 each -> 11. Routes: alpha sulfide (Bay City and up), beta
#   oxide + sulfide (North Province and up): 1 + 2 + 2 + 2 -> 7. Each derived graph is
#   described by 7 provenance triples (type, identifier, title, description,
#   wasGeneratedBy, and the activity's type and label)                -> 18 + 14 = 32
TINY_DERIVED = 11 + 7 + 2 * 7
TINY_TRIPLES = 114 + 12 + 72 + TINY_DERIVED
TINY_GRAPHS = 16 + 3 + 2  # one per data row (sources excluded), provenance, sources,
#                           ontology, and the two derived graphs


def test_tiny_counts(tiny_build, tiny_kg):
    assert tiny_build.rows == 18
    assert tiny_build.graphs == TINY_GRAPHS
    assert _count(tiny_kg, f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {ONTOLOGY_GRAPH})") == TINY_TRIPLES
    assert tiny_build.triples == TINY_TRIPLES + _ontology_triples()


def test_row_graph_holds_exactly_the_row(tiny_kg):
    rows = tiny_kg.query(f"""SELECT ?p ?o WHERE {{ GRAPH <{SSBD}assertion/organisations/org-beta>
                               {{ <{SSBD}org/org-beta> ?p ?o }} }}""")
    got = sorted((r["p"].rsplit("/", 1)[-1].rsplit("#", 1)[-1], r["o"]) for r in rows)
    # organisations.csv line 3, cell by cell
    assert got == sorted([
        ("type", SSB + "Enterprise"),
        ("prefLabel", "Beta Materials"),
        ("location", SSBD + "region/tx-prov"),
        ("subOrganizationOf", SSBD + "org/org-alpha"),
        ("segment", SSB + "seg_solid_electrolyte"),
        ("route", SSB + "route_oxide"),
        ("route", SSB + "route_sulfide"),
        ("foundingDate", "2019"),
        ("comment", "a subsidiary"),
    ])
    # and nothing else lives in that graph
    assert _count(tiny_kg, f"GRAPH <{SSBD}assertion/organisations/org-beta> {{ ?s ?p ?o }}") == 9


def test_provenance_of_an_inferred_row(tiny_kg):
    g = f"<{SSBD}assertion/regions/tx-prov>"
    rows = tiny_kg.select(f"SELECT ?p ?o WHERE {{ GRAPH <{SSBD}graph/provenance> {{ {g} ?p ?o }} }}")[1]
    got = sorted((p.value.rsplit("#", 1)[-1], str(o)) for p, o in rows)
    assert got == sorted([
        ("type", f"<{SSB}InferredAssertion>"),
        ("wasDerivedFrom", f"<{SSBD}source/src-a>"),
        ("wasDerivedFrom", f"<{SSBD}source/src-b>"),
        ("locator", '"p. 2"'),
        ("inference", '"North Province is in Testland, per the map"'),
        ("sourceTable", '"regions.csv"'),
        ("sourceRow", f'"4"^^<{XSD}integer>'),  # line 4 of regions.csv
    ])


@pytest.mark.parametrize("s, p, expected", [
    ("org/org-alpha", "https://schema.org/foundingDate", f'"2015-03"^^<{XSD}gYearMonth>'),
    ("org/org-beta", "https://schema.org/foundingDate", f'"2019"^^<{XSD}gYear>'),
    ("project/proj-line", "https://schema.org/startDate", f'"2024-01-15"^^<{XSD}date>'),
    ("obs/obs-pat", SSB + "rank", f'"1"^^<{XSD}integer>'),
    ("obs/obs-cap", "http://qudt.org/schema/qudt/unit", "<http://qudt.org/vocab/unit/GigaW-HR>"),
    ("region/tx-city", "http://www.w3.org/2004/02/skos/core#prefLabel", '"湾市"@zh'),
    ("org/org-uni", "http://www.w3.org/2004/02/skos/core#altLabel", '"BU"@en'),
    ("source/src-a", "https://schema.org/url", "<https://example.org/a>"),
])
def test_typed_literals(tiny_kg, s, p, expected):
    columns, rows = tiny_kg.select(f"SELECT ?o WHERE {{ <{SSBD}{s}> <{p}> ?o }}")
    assert expected in [str(r[0]) for r in rows]


@pytest.mark.parametrize("p, value", [
    ("http://qudt.org/schema/qudt/numericValue", "2.0"),  # observations.csv line 2: value 2
    (SSB + "upperValue", "4.0"),                         # upper_value 4
])
def test_decimal_values(tiny_kg, p, value):
    # Oxigraph keeps decimals in its own canonical form; compare the value and the type
    assert tiny_kg.query(f"""ASK {{ <{SSBD}obs/obs-cap> <{p}> ?v
                                 FILTER(DATATYPE(?v) = <{XSD}decimal> && ?v = {value}) }}""")


def test_alt_labels_get_their_language(tiny_kg):
    columns, rows = tiny_kg.select(
        f"SELECT ?o WHERE {{ <{SSBD}org/org-alpha> <http://www.w3.org/2004/02/skos/core#altLabel> ?o }}")
    assert sorted(str(r[0]) for r in rows) == ['"Alpha"@en', '"阿法"@zh']


def test_currency_unit(tiny_copy):
    p = tiny_copy / "observations.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("120,,NUM", "120,,CNY"), encoding="utf-8")
    kg = KG(build_store(with_=[tiny_copy], curated=False).store)
    assert kg.query(f"ASK {{ <{SSBD}obs/obs-pat> <http://qudt.org/schema/qudt/unit> "
                    "<http://qudt.org/vocab/currency/CNY> }")


def test_user_turtle_gets_its_own_graph(tiny_dir):
    result = build_store(with_=[tiny_dir, FIX / "user-extra.ttl"], curated=False)
    kg = KG(result.store)
    # user-extra.ttl: 6 triples; its provenance: type, wasDerivedFrom, locator, sourceTable (4);
    # its source: type, title, reliability weak (3); derived: Gamma's packs segment is
    # new in Bay City, North Province, Testland and World (4), its sulfide route is not
    assert result.graphs == TINY_GRAPHS + 1
    assert result.triples == TINY_TRIPLES + _ontology_triples() + 6 + 4 + 3 + 4
    g = f"<{SSBD}graph/user/user-extra>"
    assert _count(kg, f"GRAPH {g} {{ ?s ?p ?o }}") == 6
    assert kg.query(f'ASK {{ {g} <{SSB}locator> "user file" ; <{SSB}sourceTable> "user-extra.ttl" }}')


def test_broken_turtle_names_file_and_line(tiny_dir):
    with pytest.raises(InputError) as info:
        build_store(with_=[tiny_dir, FIX / "broken.ttl"], curated=False)
    assert info.value.file.endswith("broken.ttl") and info.value.row == 3
    assert "\n" not in str(info.value)


def test_a_fact_in_two_graphs_is_refused(tiny_dir):
    with pytest.raises(InputError, match="asserted in two graphs") as info:
        build_store(with_=[tiny_dir, FIX / "duplicate-fact.ttl"], curated=False)
    assert info.value.file.endswith("duplicate-fact.ttl")


@pytest.mark.parametrize("turtle, check", [
    (f"<{SSBD}org/x> a <{SSB}Enterprise> ; <https://schema.org/location> <{SSBD}region/nowhere> .",
     "dangling-reference-violation"),
    (f"<{SSBD}obs/x> a <{SSB}Observation> ; <{SSB}indicator> <{SSB}ind_annual_capacity> ; "
     f'<http://qudt.org/schema/qudt/numericValue> "1"^^<{XSD}decimal> .',
     "observation-without-unit-violation"),
])
def test_check_queries_gate_the_build(tiny_dir, tmp_path, turtle, check):
    path = tmp_path / "extra.ttl"
    path.write_text(turtle + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=check) as info:
        build_store(with_=[tiny_dir, path], curated=False)
    assert info.value.file == str(path)


def test_undeclared_concept_is_caught(tiny_copy):
    # a value the table schema accepts but the ontology does not declare would be
    # caught by the check; simulate by skipping the table's indicator list
    p = tiny_copy / "observations.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("patent_count", "patent_cnt"),
                 encoding="utf-8")
    with pytest.raises(InputError, match="undeclared-concept-violation") as info:
        build_store(with_=[tiny_copy], curated=False, indicators=None)
    assert info.value.file.endswith("observations.csv") and info.value.row == 3


def test_on_disk_build_is_atomic(tiny_dir, tiny_copy, tmp_path):
    target = tmp_path / "kg"
    good = build_store(target, with_=[tiny_dir], curated=False)
    assert good.store is not None and (target / STORE_MARKER).is_file()
    marker = (target / STORE_MARKER).read_text(encoding="utf-8")
    good.store = None
    # break a cell: the rebuild fails and the old store stays as it was
    p = tiny_copy / "regions.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("tx-land,country", "tx-land,nation"),
                 encoding="utf-8")
    with pytest.raises(InputError):
        build_store(target, with_=[tiny_copy], curated=False)
    assert (target / STORE_MARKER).read_text(encoding="utf-8") == marker
    assert json.loads(marker)["triples"] == TINY_TRIPLES + _ontology_triples()
    kg = KG.from_path(target)
    assert _count(kg, "GRAPH ?g { ?s ?p ?o }") == TINY_TRIPLES + _ontology_triples()
    # no temp folder left; the lock file stays beside the store (ssbkg.store.lock_path)
    assert sorted(x.name for x in tmp_path.iterdir()) == [".kg.lock", "kg", "tables"]
    # a failing build of a new store leaves nothing behind
    with pytest.raises(InputError):
        build_store(tmp_path / "new", with_=[tiny_copy], curated=False)
    assert sorted(x.name for x in tmp_path.iterdir()) == [".kg.lock", "kg", "tables"]


def test_failing_check_leaves_no_store(tiny_dir, tmp_path):
    with pytest.raises(InputError):
        build_store(tmp_path / "kg", with_=[tiny_dir, FIX / "duplicate-fact.ttl"], curated=False)
    assert list(tmp_path.iterdir()) == []


def test_refuses_to_replace_a_folder_that_is_not_a_store(tiny_dir, tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="not an ssbkg store"):
        build_store(target, with_=[tiny_dir], curated=False)
    assert (target / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_rebuild_replaces_an_earlier_store(tiny_dir, tmp_path):
    target = tmp_path / "kg"
    build_store(target, with_=[tiny_dir], curated=False).store = None
    result = build_store(target, with_=[tiny_dir, FIX / "user-extra.ttl"], curated=False)
    assert result.graphs == TINY_GRAPHS + 1


def _make_synthetic(folder: Path):
    p = folder / "sources.csv"
    p.write_text(p.read_text(encoding="utf-8").replace(",study,", ",synthetic,")
                 .replace(",news,", ",synthetic,"), encoding="utf-8")


def test_synthetic_never_mixes_with_curated(tiny_copy):
    _make_synthetic(tiny_copy)
    with pytest.raises(InputError, match="synthetic") as info:
        build_store(with_=[tiny_copy], curated=True)
    assert info.value.field == "kind" and info.value.file.endswith("sources.csv")


def test_synthetic_alone_builds_in_its_namespace(tiny_copy):
    _make_synthetic(tiny_copy)
    kg = KG(build_store(with_=[tiny_copy], curated=False).store)
    syn = "https://w3id.org/ssbkg/synthetic/"
    assert kg.query(f"ASK {{ <{syn}org/org-alpha> ?p ?o }}")
    assert _count(kg, f"?s ?p ?o FILTER(STRSTARTS(STR(?s), '{SSBD}org/'))") == 0


def test_half_synthetic_sources_are_refused(tiny_copy):
    p = tiny_copy / "sources.csv"
    p.write_text(p.read_text(encoding="utf-8").replace(",news,", ",synthetic,"), encoding="utf-8")
    with pytest.raises(InputError, match="synthetic"):
        build_store(with_=[tiny_copy], curated=False)


def test_curated_kg_builds():
    result = build_store()
    tables = result.tables
    assert result.rows == sum(tables.values()) > 0
    kg = KG(result.store)
    # every data row has its own graph: rows minus sources, plus 3 fixed graphs and
    # one per derivation query (queries/derived/)
    assert result.graphs == result.rows - tables.get("sources", 0) + 3 + 2
    assert _count(kg, "?g a ?t FILTER(?t IN (<%sAssertion>, <%sInferredAssertion>))"
                  % (SSB, SSB)) == result.rows - tables.get("sources", 0)


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
    | st.sampled_from(['"', "\\", ">", "}", "\n", "\r", "\t", "'", ";", ","]),
    min_size=1, max_size=40,
).filter(lambda s: s.strip() == s and s.strip() != "" and "\r" not in s)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_TEXT, note=_TEXT)
def test_text_round_trips_through_the_kg(tmp_path_factory, title, note):
    folder = tmp_path_factory.mktemp("rt")
    with open(folder / "sources.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "title", "publisher", "url", "issued", "kind", "reliability", "note"])
        w.writerow(["s1", title, "", "", "", "study", "primary", note])
    kg = KG(build_store(with_=[folder], curated=False, checks=False).store)
    rows = kg.query(f"""SELECT ?t ?n WHERE {{ <{SSBD}source/s1> <http://purl.org/dc/terms/title> ?t ;
                                             <http://www.w3.org/2000/01/rdf-schema#comment> ?n }}""")
    assert rows == [{"t": title, "n": note}]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False,
                         allow_infinity=False),
       # dates in the plausible years of tables.YEARS (others are refused: test_plausible.py)
       stated=st.dates(min_value=__import__("datetime").date(1900, 1, 1),
                       max_value=__import__("datetime").date(2100, 12, 31)),
       precision=st.sampled_from(["date", "gYearMonth", "gYear"]))
def test_numbers_and_dates_round_trip(tmp_path_factory, value, stated, precision):
    import shutil
    from decimal import Decimal

    folder = tmp_path_factory.mktemp("num") / "t"
    shutil.copytree(FIX / "tiny", folder)
    text = {"date": stated.isoformat(), "gYearMonth": stated.isoformat()[:7],
            "gYear": stated.isoformat()[:4]}[precision]
    p = folder / "observations.csv"
    p.write_text(p.read_text(encoding="utf-8").replace(
        "120,,NUM,approximately,actual,2024-05", f"{value},,NUM,approximately,actual,{text}"),
        encoding="utf-8")
    kg = KG(build_store(with_=[folder], curated=False, checks=False).store)
    rows = kg.select(f"""SELECT ?v ?d WHERE {{ <{SSBD}obs/obs-pat>
        <http://qudt.org/schema/qudt/numericValue> ?v ; <{SSB}statedOn> ?d }}""")[1]
    (v, d), = rows
    assert Decimal(v.value) == value and v.datatype.value == XSD + "decimal"
    assert (d.value, d.datatype.value) == (text, XSD + precision)


def test_size_counts_are_the_sparql_counts(tiny_build, tmp_path):
    # build's (triples, graphs) come from the store's own counters; SPARQL counts them too
    from ssbkg.build import _size, load_dump

    def sparql(store):
        kg = KG(store)
        return (kg.count("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"),
                kg.count("SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }"))

    assert _size(tiny_build.store) == sparql(tiny_build.store) == (
        tiny_build.triples, tiny_build.graphs)
    # a dump with a triple in the default graph: not counted, as by the SPARQL form
    path = tmp_path / "kg.nq"
    path.write_text('<http://e/a> <http://e/p> "in a graph" <http://e/g> .\n'
                    '<http://e/a> <http://e/p> "in the default graph" .\n', encoding="utf-8")
    loaded = load_dump(path, checks=False)
    assert (loaded.triples, loaded.graphs) == sparql(loaded.store) == (1 + 14, 2)
