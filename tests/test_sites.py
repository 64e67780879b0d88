"""Sites (W3C ORG ``org:Site``): one site row and one observation about it, worked by hand.

The tiny tables (tests/fixtures/tiny) plus ``sites.csv`` with one row
and ``observations.csv`` with one more row, both written here; every expected
triple below is read off those two lines, cell by cell.
"""

from __future__ import annotations

import pytest

from ssbkg.build import build_store
from ssbkg.errors import InputError
from ssbkg.kg import KG
from ssbkg.tables import read_tables
from ssbkg.validate import violations

SSBD = "https://w3id.org/ssbkg/id/"
SSB = "https://w3id.org/ssbkg/ontology#"
ORG = "http://www.w3.org/ns/org#"
XSD = "http://www.w3.org/2001/XMLSchema#"

SITES_HEADER = ("id,kind,label_en,label_zh,operator,region,segments,routes,status,opened,"
                "source,locator,inference,note\n")
SITE_ROW = "site-plant,plant,Bay Plant,湾厂,org-alpha,tx-city,cells,sulfide,operating,2023-06,src-a,p. 4,,\n"
OBS_ROW = ("obs-site-cap,site-plant,annual_capacity,1.5,,GigaW-HR,exact,actual,2024-03,,"
           "operating,,,src-a,p. 4,,\n")


def _with_site(folder, row=SITE_ROW):
    (folder / "sites.csv").write_text(SITES_HEADER + row, encoding="utf-8")
    obs = folder / "observations.csv"
    obs.write_text(obs.read_text(encoding="utf-8") + OBS_ROW, encoding="utf-8")
    return folder


@pytest.fixture
def site_kg(tiny_copy):
    return KG(build_store(with_=[_with_site(tiny_copy)], curated=False).store)


def _graph(kg, graph):
    rows = kg.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return sorted((str(r["s"]).rsplit("/", 1)[-1], str(r["p"]).rsplit("/", 1)[-1].rsplit("#", 1)[-1],
                   str(r["o"])) for r in rows)


def test_site_row_reads(tiny_copy):
    rec = read_tables(_with_site(tiny_copy), curated=False).ids()["site-plant"]
    assert rec.table == "sites" and rec.line == 2
    assert rec["operator"] == "org-alpha" and rec["segments"] == ("cells",)
    assert rec["opened"] == ("2023-06", "gYearMonth")


def test_site_graph_holds_exactly_the_row(site_kg):
    s = "site-plant"
    assert _graph(site_kg, f"{SSBD}assertion/sites/site-plant") == sorted([
        (s, "type", SSB + "Site"),
        (s, "siteKind", SSB + "sitekind_plant"),
        (s, "prefLabel", "Bay Plant"),
        (s, "prefLabel", "湾厂"),
        (s, "siteOf", SSBD + "org/org-alpha"),
        (s, "location", SSBD + "region/tx-city"),
        (s, "segment", SSB + "seg_cells"),
        (s, "route", SSB + "route_sulfide"),
        (s, "status", SSB + "status_operating"),
        (s, "startDate", "2023-06"),
        # the operator has the site: W3C ORG's org:hasSite, stated by the same row
        ("org-alpha", "hasSite", SSBD + "site/site-plant"),
    ])


def test_observation_hangs_off_the_site(site_kg):
    rows = site_kg.query(f"""SELECT ?v ?unit WHERE {{
        ?o <{SSB}subject> <{SSBD}site/site-plant> ;
           <http://qudt.org/schema/qudt/numericValue> ?v ; <http://qudt.org/schema/qudt/unit> ?unit }}""")
    assert [(float(str(r["v"])), str(r["unit"])) for r in rows] == [
        (1.5, "http://qudt.org/vocab/unit/GigaW-HR")]  # obs-site-cap: 1.5 GigaW-HR


def test_site_build_adds_the_hand_counted_triples(tiny_build, site_kg):
    # site row 11 triples (10 cells incl. type, + hasSite); its provenance 5 (type,
    # wasDerivedFrom src-a, locator, table, row); observation 9 (type, subject,
    # indicator, value, unit, qualifier, kind, statedOn, status) + provenance 5.
    # The site is in Bay City with cells/sulfide, which org-alpha already covers,
    # so the derived coverage graphs do not change: 11 + 5 + 9 + 5 = 30.
    def count(kg):
        return kg.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                        f"FILTER(?g != <{SSBD}graph/ontology>) }}")
    assert count(site_kg) - count(KG(tiny_build.store)) == 30


def test_site_has_no_violation_and_no_warning(site_kg):
    rows = violations(site_kg, "sparql")
    assert [r for r in rows if "site-plant" in r["focus"]] == []


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_site_without_kind_breaks_its_shape(tiny_copy, engine):
    # the same site stated in Turtle without ssb:siteKind and with a status that is a route
    ttl = tiny_copy.parent / "bad-site.ttl"
    ttl.write_text(f"""
<{SSBD}site/bad> a <{SSB}Site> ;
    <http://www.w3.org/2004/02/skos/core#prefLabel> "Bad site"@en ;
    <{ORG}siteOf> <{SSBD}org/org-alpha> ;
    <https://schema.org/location> <{SSBD}region/tx-city> ;
    <{SSB}status> <{SSB}route_oxide> .
""", encoding="utf-8")
    kg = KG(build_store(with_=[tiny_copy, ttl], curated=False).store)
    got = {(r["shape"].rsplit("#", 1)[-1], r["component"].rsplit("#", 1)[-1])
           for r in violations(kg, engine) if r["focus"].endswith("site/bad")}
    assert ("Site_siteKind", "MinCountConstraintComponent") in got
    assert ("Site_status", "NodeConstraintComponent") in got


def test_site_needs_an_operator_that_exists(tiny_copy):
    row = SITE_ROW.replace("org-alpha", "org-nobody")
    with pytest.raises(InputError, match="unknown reference 'org-nobody'"):
        read_tables(_with_site(tiny_copy, row), curated=False)


def test_site_kind_is_checked(tiny_copy):
    row = SITE_ROW.replace("site-plant,plant", "site-plant,factory")
    with pytest.raises(InputError, match="unknown sitekind 'factory'"):
        read_tables(_with_site(tiny_copy, row), curated=False)
