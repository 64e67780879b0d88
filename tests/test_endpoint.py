"""The same answers through a real Oxigraph server as from the local store, bindings included."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from ssbkg import stats
from ssbkg.catalogue import resolve_org, resolve_region, run
from ssbkg.cli.main import cli
from ssbkg.errors import AmbiguousNameError, NotFoundError, QueryError
from ssbkg.export import export_bytes
from ssbkg.kg import KG
from ssbkg.validate import violations

pytestmark = pytest.mark.server

SSBD = "https://w3id.org/ssbkg/id/"
IN_REGION = """PREFIX schema: <https://schema.org/>
SELECT ?x ?region WHERE { ?x schema:location/schema:containedInPlace* ?region } ORDER BY ?x"""
BY_LABEL = """SELECT ?x ?name WHERE { ?x <http://www.w3.org/2004/02/skos/core#prefLabel> ?name }
ORDER BY ?x"""
FILTERED = """PREFIX qudt: <http://qudt.org/schema/qudt/>
SELECT ?obs ?min WHERE { ?obs qudt:numericValue ?v FILTER(?v >= ?min) } ORDER BY ?obs"""


@pytest.fixture(scope="module")
def local(tiny_store_path):
    return KG.from_path(tiny_store_path)


@pytest.fixture(scope="module")
def remote(endpoint):
    return KG(endpoint=endpoint)


def test_union_default_graph(endpoint):
    # the server sees facts of the named graphs without GRAPH (ssbkg serve sets the flag)
    url = endpoint + "?" + urllib.parse.urlencode(
        {"query": f"ASK {{ <{SSBD}org/org-alpha> ?p ?o }}"})
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req) as response:
        assert json.load(response)["boolean"] is True


@pytest.mark.parametrize("query, bindings", [
    (IN_REGION, None),
    (IN_REGION, {"region": ox.NamedNode(SSBD + "region/tx-prov")}),
    (BY_LABEL, {"name": ox.Literal("湾市", language="zh")}),
    (BY_LABEL, {"name": ox.Literal("Bay City")}),  # plain string: no match locally nor remotely
    (BY_LABEL, {"name": ox.Literal('x" } ; DROP ALL ; SELECT * { ?s ?p "')}),
    (BY_LABEL, {"name": ox.Literal("Bay City> } UNION { ?x ?p ?name")}),
    (FILTERED, {"min": 100}),  # a parameter used only in a FILTER
    ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", None),
])
def test_same_rows_locally_and_remotely(local, remote, query, bindings):
    a = local.query(query, bindings)
    b = remote.query(query, bindings)
    assert a == b
    assert local.query_df(query, bindings).equals(remote.query_df(query, bindings))


def test_hand_checked_answers_through_the_endpoint(remote):
    rows = remote.query(IN_REGION, {"region": ox.NamedNode(SSBD + "region/tx-city")})
    # Bay City: org-alpha, org-uni, plat-lab and proj-line are located there
    assert [r["x"].rsplit("/", 1)[1] for r in rows] == ["org-alpha", "org-uni", "plat-lab",
                                                         "proj-line"]
    # obs-pat (120) is the only value >= 100
    assert [r["obs"] for r in remote.query(FILTERED, {"min": 100})] == [SSBD + "obs/obs-pat"]
    hostile = remote.query(BY_LABEL, {"name": ox.Literal('x" } ; DROP ALL ; SELECT * { ?s ?p "')})
    assert hostile == remote.query(BY_LABEL, {"name": ox.Literal("no such label")}) == []


def test_ask_and_construct(local, remote):
    q = f"ASK {{ <{SSBD}org/org-beta> a <https://w3id.org/ssbkg/ontology#Enterprise> }}"
    assert local.query(q) is remote.query(q) is True
    c = (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{SSBD}assertion/organisations/org-beta> "
         "{ ?s ?p ?o } }")
    assert sorted(map(str, local.query(c))) == sorted(map(str, remote.query(c)))
    assert len(remote.query(c)) == 9  # organisations.csv line 3 (test_build)


def test_named_queries_and_resolvers(local, remote):
    for kg in (local, remote):
        assert resolve_region(kg, "北省") == ox.NamedNode(SSBD + "region/tx-prov")
        assert resolve_org(kg, "阿法") == ox.NamedNode(SSBD + "org/org-alpha")
        with pytest.raises(AmbiguousNameError):
            resolve_org(kg, "Bay")
        with pytest.raises(NotFoundError):
            resolve_region(kg, 'x" } ; DROP ALL ; SELECT * { ?s ?p "')
    a = run(local, "region-routes", region="North Province", route="sulfide")
    b = run(remote, "region-routes", region="North Province", route="sulfide")
    assert a.equals(b) and b["organisations"].tolist() == [3]
    a = run(local, "region-routes", region="tx-city")
    b = run(remote, "region-routes", region="tx-city")
    assert a.equals(b)


def test_validation_stats_and_export_agree(local, remote):
    assert violations(local) == violations(remote)
    for f in (stats.summary, stats.class_counts, stats.source_counts, stats.region_counts):
        assert f(local).equals(f(remote)), f.__name__
    for fmt in ("turtle", "nquads", "jsonld"):
        assert export_bytes(local, fmt) == export_bytes(remote, fmt)


def test_malformed_query_fails_alike(local, remote):
    for kg in (local, remote):
        with pytest.raises(QueryError, match="malformed SPARQL"):
            kg.query("SELECT ?x WHERE { ?x ?y }", name="broken")


def test_cli_reads_the_endpoint(endpoint, tiny_store_path, monkeypatch):
    monkeypatch.delenv("SSBKG_STORE", raising=False)
    runner = CliRunner()
    args = ["query", "region-routes", "-p", "region=北省", "-p", "route=sulfide",
            "--format", "json"]
    remote = runner.invoke(cli, args + ["--endpoint", endpoint], catch_exceptions=False)
    local = runner.invoke(cli, args + ["--store", str(tiny_store_path)], catch_exceptions=False)
    assert remote.exit_code == 0 and remote.output == local.output
    env = runner.invoke(cli, ["stats", "--format", "csv"], env={"SSBKG_ENDPOINT": endpoint},
                        catch_exceptions=False)
    assert "graphs,21" in env.output


# Representative values on the tiny fixture for each parameter type
_VALUES = {
    "region": "北省", "org": "Alpha Cells", "concept:TechnologyRoutes": "sulfide",
    "concept:ValueChainSegments": "cells", "concept:ProjectStatuses": "under_construction",
    "string": "organisations.csv",
}
_IRIS = {"subject": SSBD + "project/proj-line", "entity": SSBD + "org/org-alpha",
         "currency": "http://qudt.org/vocab/currency/CNY",
         "kind": "https://w3id.org/ssbkg/ontology#CellProductionProject",
         "stage": "https://w3id.org/ssbkg/ontology#stage_midstream"}


def _params(q, with_optional: bool):
    out = {}
    for p in q.params:
        if not (p.required or with_optional):
            continue
        value = _IRIS.get(p.name) if p.type == "iri" else _VALUES.get(p.type)
        if p.name == "platform":
            value = "plat-lab"
        if value is None:
            if p.required:
                return None
            continue
        out[p.name] = value
    return out


@pytest.mark.parametrize("with_optional", [False, True])
def test_every_catalogue_query_answers_alike(local, remote, with_optional):
    from ssbkg.catalogue import list_queries

    compared = 0
    for q in list_queries():
        params = _params(q, with_optional)
        if params is None:
            continue
        a = run(local, q, **params)
        b = run(remote, q, **params)
        assert a.equals(b), q.name
        compared += 1
    assert compared == len(list_queries())
