"""The KG commands driven in-process with click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from ssbkg.catalogue import list_queries
from ssbkg.cli.kg_cmd import COMMANDS as KG_COMMANDS
from ssbkg.cli.main import cli
from ssbkg.cli.output import FORMATS
from ssbkg.cli.query_cmd import COMMANDS as QUERY_COMMANDS

FIX = Path(__file__).parent / "fixtures"
SSBD = "https://w3id.org/ssbkg/id/"


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.delenv("SSBKG_STORE", raising=False)
    monkeypatch.delenv("SSBKG_ENDPOINT", raising=False)
    return CliRunner()


def _invoke(runner, args, **kw):
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False, **kw)


@pytest.mark.parametrize("command", KG_COMMANDS + QUERY_COMMANDS, ids=lambda c: c.name)
def test_every_command_has_help_and_an_example(runner, command):
    result = _invoke(runner, [command.name, "--help"])
    assert result.exit_code == 0
    assert command.help and command.help.strip().splitlines()[0]
    assert "Example:" in result.output


def test_build_prints_a_summary(runner, tiny_build):
    result = _invoke(runner, ["build", "--no-curated", "--with", FIX / "tiny"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert f"triples: {tiny_build.triples}" in lines
    assert "graphs: 21" in lines and "tables: 11" in lines and "rows: 18" in lines
    assert any(line.split() == ["organisations", "3"] for line in lines)


BAD = [
    ("organisations.csv", "Alpha;阿法,tx-city", "Alpha;阿法,tx-nowhere", "row 2, field 'region'"),
    ("observations.csv", "annual_capacity,2,4,", "annual_capacity,-2,4,", "row 2, field 'value'"),
    ("observations.csv", "GigaW-HR", "GWh", "row 2, field 'unit'"),
    ("organisations.csv", "2015-03", "2015-3", "row 2, field 'founded'"),
    ("platforms.csv", "plat-lab,key", "org-alpha,key", "row 2, field 'id'"),
    ("regions.csv", ",locator,", ",", "row 1, field 'locator'"),
    ("observations.csv", ",1,China,", ",-1,China,", "row 3, field 'rank'"),
    ("projects.csv", "2024-01-15,,src-a", "2024-01-15,,src-q", "row 2, field 'source'"),
    ("people.csv", "Chen Wei,", ",", "row 2, field 'label_en'"),
]


@pytest.mark.parametrize("name, old, new, where", BAD, ids=[b[3] for b in BAD])
def test_build_bad_input_is_one_line_and_leaves_no_store(runner, tiny_copy, tmp_path,
                                                         name, old, new, where):
    p = tiny_copy / name
    p.write_text(p.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    store = tmp_path / "out" / "kg"
    result = _invoke(runner, ["build", "--no-curated", "--with", tiny_copy, "--store", store])
    assert result.exit_code == 1
    out = result.output.strip()
    assert len(out.splitlines()) == 1
    assert out.startswith(f"Error: {p}, {where}:")
    assert not store.exists()
    parent = tmp_path / "out"
    assert not parent.exists() or list(parent.iterdir()) == []  # no temp folder either


def test_build_non_utf8_is_one_line(runner, tiny_copy, tmp_path):
    p = tiny_copy / "people.csv"
    p.write_bytes(p.read_bytes().replace("Chief scientist".encode(), b"Chief scientist \xff"))
    result = _invoke(runner, ["build", "--no-curated", "--with", tiny_copy, "--store",
                              tmp_path / "kg"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {p}, row 2, field 'role': bytes that are not UTF-8")
    assert not (tmp_path / "kg").exists()


def test_command_line_option_beats_the_other_env_variable(runner, tiny_store_path):
    # SSBKG_ENDPOINT points nowhere, but --store is given: the store is read
    result = _invoke(runner, ["stats", "--store", tiny_store_path, "--format", "csv"],
                     env={"SSBKG_ENDPOINT": "http://127.0.0.1:9/query"})
    assert result.exit_code == 0 and "graphs,21" in result.output
    result = _invoke(runner, ["stats", "--store", tiny_store_path, "--endpoint",
                              "http://127.0.0.1:9/query"])
    assert result.exit_code == 2 and "not both" in result.output


def test_build_broken_turtle(runner, tmp_path):
    result = _invoke(runner, ["build", "--no-curated", "--with", FIX / "tiny",
                              "--with", FIX / "broken.ttl", "--store", tmp_path / "kg"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {FIX / 'broken.ttl'}, row 3: broken Turtle")
    assert not (tmp_path / "kg").exists()


def test_failed_rebuild_keeps_the_old_store(runner, tiny_copy, tmp_path):
    store = tmp_path / "kg"
    assert _invoke(runner, ["build", "--no-curated", "--with", tiny_copy, "--store", store]).exit_code == 0
    before = sorted((p.name, p.stat().st_size) for p in store.iterdir())
    p = tiny_copy / "people.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("org-alpha", "org-omega"), encoding="utf-8")
    result = _invoke(runner, ["build", "--no-curated", "--with", tiny_copy, "--store", store])
    assert result.exit_code == 1 and "field 'affiliation'" in result.output
    assert sorted((p.name, p.stat().st_size) for p in store.iterdir()) == before
    assert sorted(x.name for x in tmp_path.iterdir()) == [".kg.lock", "kg", "tables"]  # the lock file stays by design


def _quads_in(path: Path, fmt: str) -> int:
    rdf = {"turtle": ox.RdfFormat.TURTLE, "nquads": ox.RdfFormat.N_QUADS,
           "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    return len(list(ox.parse(path=str(path), format=rdf)))


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "jsonld"])
def test_export_is_complete_and_byte_identical(runner, tiny_store_path, tiny_build, tmp_path, fmt):
    a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    r1 = _invoke(runner, ["export", "--store", tiny_store_path, "--format", fmt, "-o", a])
    assert r1.exit_code == 0, r1.output
    # the same tables built again (other blank-node ids) export the same bytes
    store2 = tmp_path / "again"
    assert _invoke(runner, ["build", "--no-curated", "--with", FIX / "tiny",
                            "--store", store2]).exit_code == 0
    assert _invoke(runner, ["export", "--store", store2, "--format", fmt, "-o", b]).exit_code == 0
    assert a.read_bytes() == b.read_bytes()
    n = _quads_in(a, fmt)
    if fmt == "turtle":
        # the union: every triple once; no triple is in two graphs, so as many as quads
        assert n == tiny_build.triples
    else:
        assert n == tiny_build.triples
        graphs = {str(q.graph_name) for q in ox.parse(path=str(a), format=ox.RdfFormat.N_QUADS
                                                         if fmt == "nquads" else ox.RdfFormat.JSON_LD)}
        assert len(graphs) == 19 + 2  # test_build's TINY_GRAPHS: 19 and 2 derived


def test_export_failure_writes_nothing(runner, tmp_path):
    out = tmp_path / "x.nq"
    result = _invoke(runner, ["export", "--endpoint", "http://127.0.0.1:9/query",
                              "--format", "nquads", "-o", out])
    assert result.exit_code == 1 and "cannot reach endpoint" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_validate_tiny_store_warns_but_passes(runner, tiny_store_path, fmt):
    result = _invoke(runner, ["validate", "--store", tiny_store_path, "--format", fmt])
    assert result.exit_code == 0
    assert "0 violations, 3 warnings" in result.output
    iri = "<https://w3id.org/ssbkg/id/source/src-b>"
    shown = iri.replace("<", "&lt;").replace(">", "&gt;") if fmt == "md" else iri  # md escapes HTML
    assert shown in result.output and "schema:url" in result.output


def test_validate_exits_1_on_a_violation(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(f"<{SSBD}org/bad-org> a <https://w3id.org/ssbkg/ontology#Enterprise> .\n",
                   encoding="utf-8")
    store = tmp_path / "kg"
    assert _invoke(runner, ["build", "--no-curated", "--with", FIX / "tiny", "--with", bad,
                            "--store", store]).exit_code == 0
    result = _invoke(runner, ["validate", "--store", store, "--format", "csv", "--no-warnings"])
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stderr.startswith("2 violations")  # exactly the two below
    # bad-org lacks the English label and the location the core shapes require
    assert {(r["entity"], r["property"]) for r in rows if r["severity"] == "Violation"} >= {
        ("<https://w3id.org/ssbkg/id/org/bad-org>", "skos:prefLabel"), ("<https://w3id.org/ssbkg/id/org/bad-org>", "schema:location")}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("by", ["summary", "class", "source", "region", "coverage"])
def test_stats(runner, tiny_store_path, by, fmt):
    result = _invoke(runner, ["stats", "--store", tiny_store_path, "--by", by, "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        rows = json.loads(result.output)
        if by == "summary":
            got = {r["measure"]: r["value"] for r in rows}
            # 16 data-row graphs + provenance, sources, ontology + 2 derived; 1 inferred
            # (tx-prov), 2 sources (test_build hand count)
            assert (got["graphs"], got["assertions"], got["inferred assertions"],
                    got["sources"]) == (21, 16, 1, 2)
        if by == "region":
            got = {r["region"]: (r["organisations"], r["projects"]) for r in rows}
            # Bay City: org-alpha, org-uni, plat-lab and proj-line; the province adds org-beta
            assert got["tx-city"] == (3, 1) and got["tx-prov"] == (4, 1)
            assert got["tx-world"] == (4, 1)
        if by == "coverage":
            got = {r["region"]: (r["organisations"], r["below_country"], r["sites"],
                                 r["projects"], r["sources"]) for r in rows}
            # Bay City: org-alpha and org-uni (src-a), proj-line (src-a); North Province adds
            # org-beta (src-b); platforms are not organisations here; no sites
            assert got["tx-city"] == (2, 2, 0, 1, 1)
            assert got["tx-prov"] == (3, 3, 0, 1, 2)
            assert got["tx-land"] == (3, 3, 0, 1, 2)
            share = {r["region"]: r["share_below_country"] for r in rows}
            assert share["tx-land"] == 1.0
            notes = {r["region"]: r["note"] for r in rows}
            assert notes["tx-land"] == "fewer than 5 organisations: compare with care"
        if by == "source":
            got = {r["source"]: (r["reliability"], r["assertions"]) for r in rows}
            # src-b: tx-prov, org-beta, col-supply, obs-pat, ch-cost
            assert got == {"src-a": ("primary", 12), "src-b": ("weak", 5)}
        if by == "class":
            got = {r["class"]: r["instances"] for r in rows}
            assert got["Enterprise"] == 2 and got["KeyLaboratory"] == 1 and got["Person"] == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_query_named_with_params(runner, tiny_store_path, fmt):
    result = _invoke(runner, ["query", "region-routes", "--param", "region=北省",
                              "-p", "route=sulfide", "--store", tiny_store_path, "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        rows = json.loads(result.output)
        assert [(r["region"], r["route"], r["organisations"]) for r in rows] == [
            ("<https://w3id.org/ssbkg/id/region/tx-prov>", "ssb:route_sulfide", 3)]
    elif fmt == "md":  # Markdown shows the IRI as text, not as an autolink or HTML
        assert "&lt;https://w3id.org/ssbkg/id/region/tx-prov&gt;" in result.output
    else:
        assert "<https://w3id.org/ssbkg/id/region/tx-prov>" in result.output


def test_query_full_iris(runner, tiny_store_path):
    result = _invoke(runner, ["query", "region-routes", "-p", "region=tx-prov", "-p",
                              "route=oxide", "--full-iris", "--format", "csv",
                              "--store", tiny_store_path])
    assert f"{SSBD}region/tx-prov" in result.output


def test_query_file_and_stdin(runner, tiny_store_path, tmp_path):
    q = tmp_path / "q.rq"
    q.write_text("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                 "FILTER(?g != <https://w3id.org/ssbkg/id/graph/ontology>) }", encoding="utf-8")
    r = _invoke(runner, ["query", "--file", q, "--format", "csv", "--store", tiny_store_path])
    assert r.output == "n\n230\n"  # test_build's hand count: 198 stated + 32 derived
    r = _invoke(runner, ["query", "--file", "-", "--format", "csv", "--store", tiny_store_path],
                input=q.read_text(encoding="utf-8"))
    assert r.output == "n\n230\n"
    r = _invoke(runner, ["query", "-f", "-", "--store", tiny_store_path],
                input=f"ASK {{ <{SSBD}org/org-beta> ?p ?o }}")
    assert r.output == "true\n"
    r = _invoke(runner, ["query", "-f", "-", "--store", tiny_store_path],
                input=f"CONSTRUCT {{ <{SSBD}org/org-beta> ?p ?o }} WHERE "
                      f"{{ <{SSBD}org/org-beta> <http://www.w3.org/ns/org#subOrganizationOf> ?o "
                      "BIND(<http://www.w3.org/ns/org#subOrganizationOf> AS ?p) }")
    assert r.output == (f"<{SSBD}org/org-beta> <http://www.w3.org/ns/org#subOrganizationOf> "
                        f"<{SSBD}org/org-alpha> .\n")


def test_query_file_with_header_takes_params(runner, tiny_store_path, tmp_path):
    q = tmp_path / "q.rq"
    q.write_text("# title: Label lookup\n# param: name string required  A label\n"
                 "SELECT ?x ?name WHERE { ?x <http://www.w3.org/2004/02/skos/core#prefLabel> ?l "
                 "FILTER(STR(?l) = ?name) }\n", encoding="utf-8")
    r = _invoke(runner, ["query", "-f", q, "-p", "name=Bay City", "--format", "csv",
                         "--store", tiny_store_path])
    assert r.output == "x,name\n<https://w3id.org/ssbkg/id/region/tx-city>,Bay City\n"


@pytest.mark.parametrize("args, words", [
    (["query"], "give a query NAME or --file"),
    (["query", "region-routes", "-p", "region"], "'region' is not key=value"),
    (["query", "no-such-query"], "no named query 'no-such-query'"),
    (["query", "region-routes", "-p", "colour=red"], "unknown parameter 'colour'"),
    (["query", "region-routes", "-p", "region=Atlantis"], "no region 'Atlantis'"),
])
def test_query_errors(runner, tiny_store_path, args, words):
    result = _invoke(runner, args + ["--store", tiny_store_path])
    assert result.exit_code != 0 and words in result.output
    assert "Traceback" not in result.output


def test_malformed_sparql_file(runner, tiny_store_path, tmp_path):
    q = tmp_path / "bad.rq"
    q.write_text("SELECT ?x WHERE { ?x ?y }", encoding="utf-8")
    result = _invoke(runner, ["query", "-f", q, "--store", tiny_store_path])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: query {q}: malformed SPARQL")
    assert len(result.output.strip().splitlines()) == 1


def test_store_from_env(runner, tiny_store_path):
    result = _invoke(runner, ["query", "-f", "-", "--format", "csv"],
                     input=f"SELECT ?l WHERE {{ <{SSBD}org/org-uni> "
                           "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l "
                           "FILTER(LANG(?l) = 'en') }",
                     env={"SSBKG_STORE": str(tiny_store_path)})
    assert result.output == "l,l_lang\nBay University,en\n"  # csv keeps the language tag


@pytest.mark.parametrize("fmt", FORMATS)
def test_queries_lists_the_catalogue(runner, fmt):
    result = _invoke(runner, ["queries", "--format", fmt])
    assert result.exit_code == 0
    for q in list_queries():
        assert q.name in result.output
    if fmt == "json":
        rows = json.loads(result.output)
        assert [r["name"] for r in rows] == [q.name for q in list_queries()]
        routes = next(r for r in rows if r["name"] == "region-routes")
        assert routes["parameters"] == "region:region? route:concept:TechnologyRoutes?"


def test_serve_dry_run(runner, tiny_store_path):
    result = _invoke(runner, ["serve", "--store", tiny_store_path, "--port", "7999",
                              "--timeout-s", "5", "--dry-run"])
    assert result.exit_code == 0
    argv = result.output.split()
    assert argv[1:] == ["serve-read-only", "--location", str(tiny_store_path), "--bind",
                        "127.0.0.1:7999", "--union-default-graph", "--timeout-s", "5"]


def test_query_timeout(runner, tiny_store_path):
    result = _invoke(runner, ["query", "-f", "-", "--timeout", "1", "--store", tiny_store_path],
                     input="SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert result.exit_code == 1
    assert result.output == "Error: query stdin: stopped after the time limit of 1 s\n"


@pytest.mark.parametrize("path, words", [
    ("no/such/folder", "no such file or folder"),
    (str(FIX / "tiny" / "people.csv"), "expected a folder of tables or a Turtle file"),
])
def test_build_with_a_bad_path(runner, path, words):
    result = _invoke(runner, ["build", "--no-curated", "--with", path])
    assert result.exit_code == 1 and words in result.output
    assert result.output.startswith(f"Error: {path}")


@pytest.mark.parametrize("fmt, expected", [
    # obs-cap has no rank (observations.csv line 2), obs-pat rank 1 (line 3)
    ("csv", "obs,rank\n<https://w3id.org/ssbkg/id/obs/obs-cap>,\n<https://w3id.org/ssbkg/id/obs/obs-pat>,1\n"),
    ("json", [{"obs": "<https://w3id.org/ssbkg/id/obs/obs-cap>", "rank": None}, {"obs": "<https://w3id.org/ssbkg/id/obs/obs-pat>", "rank": 1}]),
])
def test_missing_numbers_print_as_empty(runner, tiny_store_path, fmt, expected):
    q = ("SELECT ?obs ?rank WHERE { ?obs <http://qudt.org/schema/qudt/numericValue> ?v "
         "OPTIONAL { ?obs <https://w3id.org/ssbkg/ontology#rank> ?rank } } ORDER BY ?obs")
    result = _invoke(runner, ["query", "-f", "-", "--format", fmt, "--store", tiny_store_path],
                     input=q)
    assert (json.loads(result.output) if fmt == "json" else result.output) == expected


def test_serve_builds_a_missing_store_first(runner, tmp_path):
    store = tmp_path / "kg"
    result = _invoke(runner, ["serve", "--store", store, "--dry-run"])
    assert result.exit_code == 0
    assert (store / "ssbkg-build.json").is_file()
    assert f"--location {store} --bind 127.0.0.1:7878" in result.stdout
    # the curated KG: the store answers like a fresh in-memory build
    from ssbkg.build import build_store
    from ssbkg.kg import KG

    n = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert KG.from_path(store).count(n) == KG(build_store().store).count(n)


@pytest.mark.parametrize("command", [["metrics", "fragmentation", "--region", "tx-city"],
                                     ["metrics", "cluster", "--region", "tx-prov"]])
def test_thin_coverage_prints_a_caveat(runner, tiny_store_path, command):
    # the tiny KG locates 2 organisations in Bay City and 3 in North Province, below the
    # threshold of 5 (ssbkg.stats.COVERAGE_THRESHOLD)
    result = _invoke(runner, [*command, "--store", tiny_store_path, "--format", "json"])
    assert result.exit_code == 0, result.output
    n = {"tx-city": "2 organisations", "tx-prov": "3 organisations"}[command[3]]
    assert f"Caveat: the KG locates only {n} in {command[3]} (threshold 5)" in result.stderr
    json.loads(result.stdout)  # the answer itself stays clean JSON
