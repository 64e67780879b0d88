"""Checks of the curated tables in data/ (pandas and csv only, no build).

The expected columns and concept ids are copied by hand from docs/design.md
(sections "Tables" and "Concept schemes"); the expected facts are copied by
hand from the seed study (000_d0de3fa7d3c3709a.txt, the seed folder shared with the project) and the
public-facts reference list (#1..#65), quoted beside each number. None of
them is read from the tables under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import Decimal

import pandas as pd
import pytest
import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from ssbkg.resources import data_dir, ontology_dir

# ---------------------------------------------------------------------------
# The contract, copied from docs/design.md
# ---------------------------------------------------------------------------

COLUMNS = {
    "sources": "id, title, publisher, url, issued, kind, reliability, note",
    "regions": "id, level, label_en, label_zh, parent, iso_code, source, locator, inference, note",
    "organisations": "id, type, label_en, label_zh, alt_labels, region, parent_org, segments, routes, "
    "founded, source, locator, inference, note",
    "platforms": "id, type, label_en, label_zh, alt_labels, region, host, level, segments, routes, "
    "founded, source, locator, inference, note",
    "projects": "id, kind, label_en, label_zh, developer, partners, region, segments, routes, status, "
    "started, completed, source, locator, inference, note",
    "collaborations": "id, kind, parties, from_party, to_party, project, started, ended, description, "
    "source, locator, inference, note",
    "observations": "id, subject, indicator, value, upper_value, unit, qualifier, kind, stated_on, "
    "ref_period, status, rank, scope, source, locator, inference, note",
    "policies": "id, label_en, label_zh, kind, issuer, jurisdiction, issued, segments, routes, "
    "description, source, locator, inference, note",
    "challenges": "id, category, manifestation, consequence, region, source, locator, inference, note",
    "recommendations": "id, theme, text, region, source, locator, inference, note",
    "people": "id, label_en, label_zh, affiliation, role, source, locator, inference, note",
    # issue 9: standing facilities apart from headquarters (docs/data.md, "sites.csv")
    "sites": "id, kind, label_en, label_zh, operator, region, segments, routes, status, opened, "
    "source, locator, inference, note",
    # issue 9: competing claims, and who made a figure
    "claims": "id, subject, property, value, stated_on, source, locator, inference, note",
    "attributions": "id, figure, by, source, locator, inference, note",
}
COLUMNS = {t: [c.strip() for c in cols.split(",")] for t, cols in COLUMNS.items()}

SEGMENTS = {
    "cathode", "anode", "solid_electrolyte", "separator_film", "lithium_salts_precursors",
    "equipment", "cells", "packs", "nev", "grid_storage", "consumer_electronics",
    "low_altitude_aircraft", "humanoid_robots", "datacentre_backup",
}
ROUTES = {
    "sulfide", "oxide", "polymer", "halide", "oxide_polymer_composite", "semi_solid",
    "in_situ_solidification", "all_solid_state", "lithium_metal_anode",
}
STATUSES = {"planned", "under_construction", "operating", "completed", "suspended"}
COLLAB_KINDS = {
    "joint_development", "supply", "equity_investment", "joint_venture", "licensing",
    "platform_membership", "technology_transfer", "government_funding", "government_backing",
}
QUALIFIERS = {"exact", "approximately", "more_than", "at_least", "up_to", "range"}
OBS_KINDS = {"actual", "forecast", "target", "claim", "plan"}
PLATFORM_LEVELS = {"national", "provincial", "municipal"}
RELIABILITIES = {"primary", "secondary", "weak"}
SOURCE_KINDS = {"study", "news", "company", "government", "academic", "aggregator", "mirror", "synthetic"}
POLICY_KINDS = {"strategy", "plan", "funding", "target", "regulation"}
ORG_TYPES = {"enterprise", "university", "research_institute", "government_body", "consultancy"}
SITE_KINDS = {"plant", "production_base", "rd_centre", "pilot_line"}
PLATFORM_TYPES = {
    "key_laboratory", "innovation_centre", "collaborative_platform", "public_service_platform",
    "industrial_park",
}
REGION_LEVELS = {"world", "macro_region", "country", "province", "city", "county", "district", "industrial_park"}
PROJECT_KINDS = {"cell_production", "material_production", "demonstration", "research"}
# Units the design names, plus KiloW-HR and YR (QUDT local names the design's
# "..." leaves open; pack energy and durations need them), and ISO 4217 codes.
UNITS = {
    "GigaW-HR", "MegaW-HR", "KiloW-HR", "TONNE", "W-HR-PER-KiloGM", "W-HR-PER-L", "A-HR", "M2",
    "PERCENT", "NUM", "KiloM", "YR",
}
CURRENCIES = {"CNY", "USD", "EUR", "JPY", "KRW"}

# (table, column) -> the tables an id in that column may point to.
REFERENCES = {
    ("regions", "parent"): {"regions"},
    ("organisations", "region"): {"regions"},
    ("organisations", "parent_org"): {"organisations"},
    ("platforms", "region"): {"regions"},
    ("platforms", "host"): {"organisations", "platforms"},
    ("projects", "developer"): {"organisations", "platforms"},
    ("projects", "partners"): {"organisations", "platforms"},
    ("projects", "region"): {"regions"},
    ("collaborations", "parties"): {"organisations", "platforms"},
    ("collaborations", "from_party"): {"organisations", "platforms"},
    ("collaborations", "to_party"): {"organisations", "platforms"},
    ("collaborations", "project"): {"projects"},
    ("observations", "subject"): None,  # any table
    ("policies", "issuer"): {"organisations", "regions"},
    ("policies", "jurisdiction"): {"regions"},
    ("challenges", "region"): {"regions"},
    ("recommendations", "region"): {"regions"},
    ("people", "affiliation"): {"organisations", "platforms"},
    ("sites", "operator"): {"organisations"},
    ("sites", "region"): {"regions"},
    ("claims", "subject"): None,  # any table
    ("attributions", "figure"): {"observations"},
    ("attributions", "by"): {"organisations"},
}

# (table, column) -> allowed values (list columns are split on ';').
CONCEPT_COLUMNS = {
    ("sources", "kind"): SOURCE_KINDS,
    ("sources", "reliability"): RELIABILITIES,
    ("regions", "level"): REGION_LEVELS,
    ("organisations", "type"): ORG_TYPES,
    ("organisations", "segments"): SEGMENTS,
    ("organisations", "routes"): ROUTES,
    ("platforms", "type"): PLATFORM_TYPES,
    ("platforms", "level"): PLATFORM_LEVELS,
    ("platforms", "segments"): SEGMENTS,
    ("platforms", "routes"): ROUTES,
    ("projects", "kind"): PROJECT_KINDS,
    ("projects", "segments"): SEGMENTS,
    ("projects", "routes"): ROUTES,
    ("projects", "status"): STATUSES,
    ("collaborations", "kind"): COLLAB_KINDS,
    ("observations", "unit"): UNITS | CURRENCIES,
    ("observations", "qualifier"): QUALIFIERS,
    ("observations", "kind"): OBS_KINDS,
    ("observations", "status"): STATUSES,
    ("policies", "kind"): POLICY_KINDS,
    ("policies", "segments"): SEGMENTS,
    ("policies", "routes"): ROUTES,
    ("sites", "kind"): SITE_KINDS,
    ("sites", "segments"): SEGMENTS,
    ("sites", "routes"): ROUTES,
    ("sites", "status"): STATUSES,
}

DATE_COLUMNS = {
    "sources": ["issued"], "organisations": ["founded"], "platforms": ["founded"],
    "projects": ["started", "completed"], "collaborations": ["started", "ended"],
    "observations": ["stated_on", "ref_period"], "policies": ["issued"], "sites": ["opened"],
    "claims": ["stated_on"],
}

ZHEJIANG_CITIES = [
    "cn-zj-taizhou", "cn-zj-hangzhou", "cn-zj-yiwu", "cn-zj-quzhou", "cn-zj-ningbo",
    "cn-zj-shaoxing", "cn-zj-jiaxing", "cn-zj-jinhua", "cn-zj-wenzhou",
]  # Huzhou is in Zhejiang by #42 itself, so it needs no inference


# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tables():
    out = {}
    for name in COLUMNS:
        out[name] = pd.read_csv(data_dir() / f"{name}.csv", dtype=str, keep_default_na=False,
                                encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def ids(tables):
    return {i: name for name, df in tables.items() for i in df["id"]}


@pytest.fixture(scope="module")
def obs(tables):
    return tables["observations"].set_index("id")


def items(cell):
    return [x.strip() for x in cell.split(";") if x.strip()]


def find_obs(obs, **conditions):
    """Observations matching every column=value given (values compared as text)."""
    mask = pd.Series(True, index=obs.index)
    for col, value in conditions.items():
        if col == "value" or col == "upper_value":
            mask &= obs[col].map(lambda v: v != "" and Decimal(v) == Decimal(value))
        else:
            mask &= obs[col] == value
    return obs[mask]


# ---------------------------------------------------------------------------
# Structure
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_header_is_the_design_columns(name):
    with open(data_dir() / f"{name}.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == COLUMNS[name]


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_rows_have_as_many_cells_as_the_header(name):
    with open(data_dir() / f"{name}.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) > 1
    assert {len(r) for r in rows} == {len(COLUMNS[name])}


def test_ids_are_slugs_and_unique_across_tables(tables):
    seen = {}
    for name, df in tables.items():
        for i in df["id"]:
            assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", i), (name, i)
            assert i not in seen, f"{i} in {name} and {seen.get(i)}"
            seen[i] = name


@pytest.mark.parametrize("table,column", sorted(REFERENCES))
def test_references_resolve(tables, ids, table, column):
    allowed = REFERENCES[(table, column)]
    for _, row in tables[table].iterrows():
        for ref in items(row[column]):
            assert ref in ids, f"{table} {row['id']}: {column} {ref!r} is not an id"
            if allowed is not None:
                assert ids[ref] in allowed, f"{table} {row['id']}: {column} {ref!r} is a {ids[ref]} row"


def test_from_and_to_parties_are_parties(tables):
    for _, row in tables["collaborations"].iterrows():
        parties = set(items(row["parties"]))
        assert len(parties) >= 2, row["id"]
        assert set(items(row["from_party"])) <= parties, row["id"]
        assert set(items(row["to_party"])) <= parties, row["id"]


@pytest.mark.parametrize("name", sorted(set(COLUMNS) - {"sources"}))
def test_every_row_has_source_and_locator_and_sources_resolve(tables, name):
    source_ids = set(tables["sources"]["id"])
    for _, row in tables[name].iterrows():
        assert row["source"] and row["locator"], (name, row["id"])
        for s in items(row["source"]):
            assert s in source_ids, (name, row["id"], s)


@pytest.mark.parametrize("name", sorted(set(COLUMNS) - {"sources"}))
def test_public_fact_sources_are_located_by_number(tables, name):
    # A row citing pf-07 must say "#7" in its locator (and not, say, only "#70").
    for _, row in tables[name].iterrows():
        for s in items(row["source"]):
            m = re.fullmatch(r"pf-(\d\d)", s)
            if m:
                n = int(m.group(1))
                assert re.search(rf"#{n}(?!\d)", row["locator"]), (name, row["id"], s, row["locator"])


def test_every_public_fact_has_its_own_source_and_is_cited(tables):
    sources = tables["sources"].set_index("id")
    cited = set()
    for name, df in tables.items():
        if name != "sources":
            for cell in df["source"]:
                cited.update(items(cell))
    for n in range(1, 66):
        sid = f"pf-{n:02d}"
        assert sid in sources.index, sid
        assert sources.loc[sid, "url"].startswith("http"), sid
        assert sid in cited, f"public fact #{n} is cited by no row"
    # one source row per fact: 65 rows, plus the seed study and the curation;
    # the research helpers' sources (issue 9) carry ids starting 'src-' and are
    # counted apart, so this count stays the reference list's own
    base = [s for s in sources.index if not s.startswith("src-")]
    assert len(base) == 67
    assert set(base) - {f"pf-{n:02d}" for n in range(1, 66)} == {"seed-study", "ssbkg-curation"}


def test_public_fact_urls_and_dates(tables):
    # Spot checks against public-facts.md (copied by hand).
    s = tables["sources"].set_index("id")
    assert s.loc["pf-01", "url"] == (
        "https://automotiveworld.com/news-releases/idemitsu-and-toyota-announce-beginning-of-"
        "cooperation-toward-mass-production-of-all-solid-state-batteries-for-bevs")
    assert s.loc["pf-02", "url"] == s.loc["pf-01", "url"]  # "#2 ... same as #1"
    assert s.loc["pf-15", "issued"] == "2024-07-12"
    assert s.loc["pf-27", "issued"] == "2023-08-11"
    assert s.loc["pf-28", "issued"] == "2026-02-11"
    assert s.loc["pf-39", "url"] == ("https://www.electrive.com/2024/02/13/chinas-car-and-battery-"
                                     "industry-launches-solid-state-battery-offensive/")
    assert s.loc["pf-19", "issued"] == ""  # "—" in the list


def test_weak_sources_are_exactly_the_marked_facts(tables):
    # public-facts.md marks #19 and #25 "weak source: mirror", #48 and #65 "aggregator".
    s = tables["sources"].set_index("id")
    research = s.index.str.startswith("src-")
    weak = set(s.index[(s["reliability"] == "weak") & ~research])
    assert weak == {"pf-19", "pf-25", "pf-48", "pf-65"}
    # the research helpers' sources (RESEARCH.md): mirrors and aggregators are weak
    r = s[research]
    assert (r.loc[r["kind"].isin(["mirror", "aggregator"]), "reliability"] == "weak").all()
    assert s.loc["pf-19", "kind"] == "mirror" and s.loc["pf-25", "kind"] == "mirror"
    assert s.loc["pf-48", "kind"] == "aggregator" and s.loc["pf-65", "kind"] == "aggregator"


def test_seed_and_curation_sources(tables):
    s = tables["sources"].set_index("id")
    assert s.loc["seed-study", "kind"] == "study"
    assert (s["kind"] == "study").sum() == 1  # "use study only for the seed"
    assert s.loc["ssbkg-curation", "reliability"] == "secondary"
    assert "curators" in s.loc["ssbkg-curation", "note"]


@pytest.mark.parametrize("table,column", sorted(CONCEPT_COLUMNS))
def test_concept_values_are_in_the_design_lists(tables, table, column):
    allowed = CONCEPT_COLUMNS[(table, column)]
    for _, row in tables[table].iterrows():
        for v in items(row[column]):
            assert v in allowed, (table, row["id"], column, v)


def test_required_cells(tables):
    for name, cols in {
        "regions": ["level", "label_en"], "organisations": ["type", "label_en", "region"],
        "platforms": ["type", "label_en", "region"], "projects": ["kind", "label_en", "region"],
        "collaborations": ["kind", "parties"],
        "observations": ["subject", "indicator", "value", "unit", "qualifier", "kind"],
        "policies": ["label_en", "kind"], "challenges": ["category"],
        "recommendations": ["theme", "text"], "people": ["label_en", "affiliation"],
        "sources": ["title", "kind", "reliability"],
    }.items():
        for col in cols:
            empty = tables[name].loc[tables[name][col] == "", "id"].tolist()
            assert not empty, (name, col, empty)


def _parse_date(text):
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return dt.date(int(text[:4]), int(text[5:]), 1)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    raise ValueError(text)


@pytest.mark.parametrize("table", sorted(DATE_COLUMNS))
def test_dates_parse_at_their_precision(tables, table):
    for col in DATE_COLUMNS[table]:
        for _, row in tables[table].iterrows():
            if row[col]:
                _parse_date(row[col])  # raises on 2024-13, 2024-02-30, 24-07 ...


def test_parse_date_rejects_bad_dates():
    for bad in ["2024-13", "2024-02-30", "24-07", "2024/07", "July 2024"]:
        with pytest.raises(ValueError):
            _parse_date(bad)


def test_numbers_parse_and_are_not_negative(obs):
    for i, row in obs.iterrows():
        v = Decimal(row["value"])
        assert v >= 0, i
        if row["upper_value"]:
            assert Decimal(row["upper_value"]) > v, i
            assert row["qualifier"] == "range", i
        if row["qualifier"] == "range":
            assert row["upper_value"], i
        if row["rank"]:
            assert int(row["rank"]) >= 1, i


def test_capacities_are_dated_announcements_with_a_status(tables, obs):
    issued = tables["sources"].set_index("id")["issued"]
    cap = obs[obs["indicator"] == "annual_capacity"]
    assert len(cap) > 30
    for i, row in cap.iterrows():
        assert row["status"], i
        assert row["unit"] in {"GigaW-HR", "MegaW-HR", "TONNE"}, i
        if not row["stated_on"]:
            # only allowed when no cited source has a date
            assert all(issued[s] == "" for s in items(row["source"])), i


def test_every_organisation_has_a_country_at_least(tables):
    regions = tables["regions"].set_index("id")
    for _, row in tables["organisations"].iterrows():
        r = row["region"]
        levels = []
        while r:
            levels.append(regions.loc[r, "level"])
            r = regions.loc[r, "parent"]
        # a country or below; supranational bodies (the European Commission) sit in the EU
        assert "country" in levels or levels == ["macro_region", "world"], row["id"]


def test_region_tree_reaches_the_world(tables):
    regions = tables["regions"].set_index("id")
    for rid in regions.index:
        seen, r = set(), rid
        while regions.loc[r, "parent"]:
            assert r not in seen, f"cycle at {rid}"
            seen.add(r)
            r = regions.loc[r, "parent"]
        assert r == "world", rid


def test_chinese_labels_cite_the_curation_or_the_seed(tables):
    # Standard Chinese names come from no source: they must cite ssbkg-curation.
    # The one zh label the seed gives is 衛藍 (WeLion). A research source (id
    # 'src-', issue 9) may give the name itself: then its locator quotes the
    # Chinese page (Han characters in the locator).
    han = re.compile("[\u4e00-\u9fff]")
    for name in ["regions", "organisations", "platforms", "projects", "policies", "people"]:
        for _, row in tables[name].iterrows():
            if row["label_zh"] and row["label_zh"] != "衛藍":
                from_page = (any(s.startswith("src-") for s in items(row["source"]))
                             and han.search(row["locator"]))
                assert "ssbkg-curation" in items(row["source"]) or from_page, (name, row["id"])


# ---------------------------------------------------------------------------
# The indicators scheme
# ---------------------------------------------------------------------------

SSB = rdflib.Namespace("https://w3id.org/ssbkg/ontology#")
QUDT = rdflib.Namespace("http://qudt.org/schema/qudt/")


@pytest.fixture(scope="module")
def indicators_graph():
    return rdflib.Graph().parse(ontology_dir() / "indicators.ttl", format="turtle")


def test_indicators_used_are_declared_with_label_definition_and_unit(indicators_graph, obs):
    g = indicators_graph
    declared = {str(c)[len(str(SSB)) + len("ind_"):] for c in g.subjects(SKOS.inScheme, SSB.Indicators)}
    used = set(obs["indicator"])
    assert used <= declared, used - declared
    for name in declared:
        c = SSB[f"ind_{name}"]
        assert (c, RDF.type, SKOS.Concept) in g
        assert any(lbl.language == "en" for lbl in g.objects(c, SKOS.prefLabel)), name
        assert g.value(c, SKOS.definition) is not None, name
        assert (c, SKOS.topConceptOf, SSB.Indicators) in g, name
        assert g.value(c, QUDT.hasQuantityKind) is not None or "unit" in str(g.value(c, RDFS.comment)), name
    for required in ["annual_capacity", "investment", "grant", "patent_count", "shipment_forecast",
                     "market_share", "energy_density", "cost_ratio", "energy_density_ratio", "floor_area"]:
        assert required in declared, required


def test_indicator_ontology_header(indicators_graph):
    onto = rdflib.URIRef("https://w3id.org/ssbkg/ontology/indicators")
    assert (onto, RDF.type, rdflib.OWL.Ontology) in indicators_graph
    assert str(indicators_graph.value(onto, rdflib.OWL.versionInfo)) == "0.1.0"
    assert indicators_graph.value(onto, RDFS.label) is not None


# ---------------------------------------------------------------------------
# Facts of the seed study, copied by hand
# ---------------------------------------------------------------------------


def test_seed_region_table_numbers(obs):
    # "Japan | ... | Holds ~1300 solid-state battery patents (global leader)."
    r = find_obs(obs, subject="jp", indicator="patent_count", value="1300", qualifier="approximately")
    assert len(r) == 1 and r["rank"].iloc[0] == "1"
    # "South Korea | ... | Plans for mass production ... around 2027."
    assert len(find_obs(obs, subject="kr", indicator="milestone_year", value="2027", qualifier="approximately")) == 1
    # "China: Guangdong | ... | 314Ah semi-solid battery ... 6GWh semi-solid line operational. 300+万辆"
    assert len(find_obs(obs, subject="cn-gd", indicator="cell_capacity", value="314", unit="A-HR")) == 1
    # the line's figure hangs off the line (a site in Guangdong), not off the province (issue 9)
    assert len(find_obs(obs, subject="gd-6gwh-semi-solid-line", indicator="annual_capacity", value="6",
                        unit="GigaW-HR", status="operating")) == 1
    assert len(find_obs(obs, subject="cn-gd", indicator="annual_capacity")) == 0
    assert len(find_obs(obs, subject="cn-gd", value="3000000", qualifier="more_than")) == 1  # 300 万 = 3,000,000
    # "China: Jiangsu | ... | world's first 100-ton-level sulfide solid electrolyte production line"
    assert len(find_obs(obs, subject="changzhou-ssb-innovation-valley", value="100", unit="TONNE")) == 1
    # "China: Sichuan | ... | 15GWh Qingtao energy storage base"
    assert len(find_obs(obs, subject="qingtao-sichuan-15gwh-storage-base", value="15", unit="GigaW-HR",
                        source="seed-study")) == 1
    # "China: Fujian | Zhonglun ... | Expected 30,000-ton capacity by 2026, projected >30% global market share"
    assert len(find_obs(obs, subject="zhonglun", indicator="annual_capacity", value="30000", unit="TONNE",
                        ref_period="2026")) == 1
    assert len(find_obs(obs, subject="zhonglun", indicator="market_share", value="30", qualifier="more_than")) == 1


def test_seed_forecasts_and_money(obs, tables):
    # "global shipments ... forecast to reach 614.1 GWh by 2030, with all-solid-state ... approaching a 30% share"
    r = find_obs(obs, subject="world", indicator="shipment_forecast", value="614.1", unit="GigaW-HR",
                 ref_period="2030", kind="forecast")
    assert len(r) == 1 and "GGII" in r["note"].iloc[0] and "EVTank" in r["note"].iloc[0]
    assert len(find_obs(obs, subject="world", indicator="market_share", value="30", ref_period="2030",
                        qualifier="approximately")) == 1
    assert {"ggii", "evtank"} <= set(tables["organisations"]["id"])
    # "the 10-billion-yuan semi-solid production line in Zhuhai"
    assert len(find_obs(obs, subject="cn-gd-zhuhai", indicator="investment", value="10000000000", unit="CNY")) == 1
    # MIIT: "cultivate 3-5 global leading enterprises by 2027"
    r = find_obs(obs, subject="miit-ssb-support", value="3", upper_value="5", ref_period="2027")
    assert len(r) == 1 and r["qualifier"].iloc[0] == "range"


def test_seed_patents(obs):
    # "over 340 invention patents ..., ranking 4th ... Fengli ... 55 ... Geely ... 25 ... NIMTE (22 patents)"
    r = find_obs(obs, subject="cn-zj", indicator="patent_count", value="340", qualifier="more_than")
    assert len(r) == 1 and r["rank"].iloc[0] == "4"
    assert r["inference"].iloc[0]  # the region is inferred to be Zhejiang
    for org, n in [("fengli", "55"), ("geely", "25"), ("nimte", "22")]:
        assert len(find_obs(obs, subject=org, indicator="patent_count", value=n)) == 1, org


def test_seed_pipeline(tables, obs):
    projects = tables["projects"].set_index("id")
    # Cell Production: Taizhou Qingtao 10GWh; Huzhou Phase I 2GWh; Hangzhou 7GWh; Yiwu 2GWh nano
    expected_cells = {"cn-zj-taizhou": 10, "cn-zj-huzhou": 2, "cn-zj-hangzhou": 7, "cn-zj-yiwu": 2}
    seed_cells = {}
    for pid, p in projects.iterrows():
        if "seed-study" in items(p["source"]) and p["kind"] == "cell_production" and p["region"].startswith("cn-zj"):
            caps = find_obs(obs, subject=pid, indicator="annual_capacity", unit="GigaW-HR", source="seed-study")
            assert len(caps) == 1, pid
            seed_cells[p["region"]] = Decimal(caps["value"].iloc[0])
    assert seed_cells == expected_cells
    assert projects.loc["taizhou-qingtao-10gwh", "developer"] == "qingtao"
    # Electrolyte Production: Huzhou 5,000-ton; Quzhou 6,000-ton (planned)
    hz = find_obs(obs, subject="huzhou-5000t-electrolyte", value="5000", unit="TONNE")
    qz = find_obs(obs, subject="quzhou-6000t-assb-electrolyte", value="6000", unit="TONNE")
    assert len(hz) == 1 and len(qz) == 1
    assert qz["status"].iloc[0] == "planned" and projects.loc["quzhou-6000t-assb-electrolyte", "status"] == "planned"
    # Application Breakthrough: grid-side station with in-situ solidified batteries, connected
    st = projects.loc["grid-in-situ-ssb-storage-station"]
    assert "in_situ_solidification" in items(st["routes"]) and st["status"] == "operating"


def test_seed_cost_and_energy_density_targets(obs):
    # C_SSB <= 1.5 x C_Li-ion (premium) -> ~= 1x (mass adoption)
    assert len(find_obs(obs, indicator="cost_ratio", value="1.5", qualifier="up_to")) == 1
    assert len(find_obs(obs, indicator="cost_ratio", value="1", qualifier="approximately")) == 1
    # rho_SSB ~= 1.5 x rho_Li-ion (currently) -> >= 2x (target)
    assert len(find_obs(obs, indicator="energy_density_ratio", value="1.5", qualifier="approximately",
                        kind="actual")) == 1
    assert len(find_obs(obs, indicator="energy_density_ratio", value="2", qualifier="at_least",
                        kind="target")) == 1
    # Geely: "all-solid-state battery with 400 Wh/kg density, targeting pre-2027 mass production"
    assert len(find_obs(obs, subject="geely", indicator="energy_density", value="400",
                        unit="W-HR-PER-KiloGM")) == 1


def test_seed_industry_segment_table(tables):
    orgs = tables["organisations"].set_index("id")
    upstream = ["ronbay", "shanshan", "zhonglan-tianye", "huayou-cobalt"]
    for o in upstream:
        assert set(items(orgs.loc[o, "segments"])) == {"cathode", "anode", "solid_electrolyte"}, o
    for o in ["fengli", "jinyu-nengyuan", "welion-huzhou"]:
        assert "oxide" in items(orgs.loc[o, "routes"]) and "cells" in items(orgs.loc[o, "segments"]), o
    assert items(orgs.loc["yishengda", "routes"]) == ["oxide_polymer_composite"]
    for o in ["geely", "leapmotor", "hozon"]:
        assert "nev" in items(orgs.loc[o, "segments"]), o
    # Weilan: zh label as the study writes it; simplified form only as a curated alt label
    assert orgs.loc["welion", "label_zh"] == "衛藍"
    assert "卫蓝" in items(orgs.loc["welion", "alt_labels"])
    assert "ssbkg-curation" in items(orgs.loc["welion", "source"])


def test_seed_challenges_recommendations_policies_platforms(tables):
    ch = tables["challenges"]
    assert set(ch["category"]) == {"Technology & Collaboration", "Advanced Manufacturing", "Market & Economics"}
    rec = tables["recommendations"]
    assert len(rec) >= 15  # 15 bullets and the 15th Five-Year Plan paragraph
    key = rec.set_index("id").loc["rec-specialised-platforms-key-cities", "region"]
    assert set(items(key)) == {"cn-zj-huzhou", "cn-zj-shaoxing", "cn-zj-jiaxing", "cn-zj-jinhua", "cn-zj-wenzhou"}
    labels = set(tables["policies"]["label_en"])
    for name in ["National Blueprint for Lithium Batteries", "K-Battery Development Strategy",
                 "Storage Battery Industry Strategy", "Battery Strategic Research and Innovation Agenda"]:
        assert name in labels, name
    plats = tables["platforms"].set_index("id")
    assert plats.loc["zj-provincial-key-lab-assb", "label_en"] == (
        "Provincial Key Laboratory of All-Solid-State Power Battery Technology and Application")
    assert "sulfide" in items(plats.loc["changzhou-ssb-innovation-valley", "routes"])


def test_zhejiang_inference_is_marked(tables, obs):
    regions = tables["regions"].set_index("id")
    for city in ZHEJIANG_CITIES:
        if city in regions.index:
            assert regions.loc[city, "inference"], city
    assert regions.loc["cn-zj-yiwu", "parent"] == "cn-zj-jinhua"
    for name in ["organisations", "platforms", "projects", "challenges", "recommendations", "policies"]:
        df = tables[name]
        col = "region" if "region" in df.columns else "jurisdiction"
        for _, row in df.iterrows():
            if "cn-zj" in items(row[col]) and "seed-study" == row["source"].split(";")[0]:
                assert row["inference"], (name, row["id"])


# ---------------------------------------------------------------------------
# Facts of the public list, copied by hand
# ---------------------------------------------------------------------------


def test_prologium_announcements_are_kept_apart(obs):
    # #27 (2023-08-11): 48 GWh; #28 (2026-02-11): 0.8 GWh 2028, 4 GWh 2030, 12 GWh 2032, up to 48 GWh
    sub = "prologium-dunkirk-gigafactory"
    r2023 = find_obs(obs, subject=sub, indicator="annual_capacity", stated_on="2023-08-11")
    assert [Decimal(v) for v in r2023["value"]] == [Decimal(48)]
    r2026 = find_obs(obs, subject=sub, indicator="annual_capacity", stated_on="2026-02-11")
    phased = {r["ref_period"]: Decimal(r["value"]) for _, r in r2026.iterrows() if r["ref_period"]}
    assert phased == {"2028": Decimal("0.8"), "2030": Decimal(4), "2032": Decimal(12)}
    assert len(find_obs(obs, subject=sub, stated_on="2026-02-11", value="48", qualifier="up_to")) == 1


def test_semi_solid_deliveries_are_not_all_solid(tables):
    projects = tables["projects"].set_index("id")
    for pid in ["huzhou-weilan-2gwh", "qingtao-mg4-semi-solid", "welion-liyang-demo-line"]:
        routes = items(projects.loc[pid, "routes"])
        assert "semi_solid" in routes and "all_solid_state" not in routes, pid


def test_money_is_observed_and_funding_is_a_collaboration(tables, obs):
    collabs = tables["collaborations"].set_index("id")
    # #4: METI grant up to about JPY 7.1 bn
    g = find_obs(obs, indicator="grant", value="7100000000", unit="JPY")
    assert len(g) == 1
    c = collabs.loc[g["subject"].iloc[0]]
    assert c["kind"] == "government_funding" and c["from_party"] == "meti" and c["to_party"] == "idemitsu"
    # #27: EUR 1.5 bn French state aid; #19: USD 50 M federal grant (weak)
    assert len(find_obs(obs, indicator="grant", value="1500000000", unit="EUR")) == 1
    assert len(find_obs(obs, indicator="grant", value="50000000", unit="USD")) == 1
    # #14: 40 GWh/yr licence with an option to 80 GWh; USD 130 M prepayment
    lic = "collab-quantumscape-powerco-licence"
    assert collabs.loc[lic, "kind"] == "licensing"
    assert len(find_obs(obs, subject=lic, value="40", unit="GigaW-HR")) == 1
    assert len(find_obs(obs, subject=lic, value="80", unit="GigaW-HR", qualifier="up_to")) == 1
    # #46: JV with RMB 1 bn registered capital, 51 % / 49 %
    assert collabs.loc["collab-saic-qingtao-jv", "kind"] == "joint_venture"
    assert len(find_obs(obs, subject="qingtao", indicator="equity_share", value="51")) == 1
    assert len(find_obs(obs, subject="saic", indicator="equity_share", value="49")) == 1
    for kind in ["equity_investment", "government_funding"]:
        for _, row in tables["collaborations"][tables["collaborations"]["kind"] == kind].iterrows():
            assert row["from_party"] and row["to_party"], row["id"]


def test_casip_members_are_platform_memberships(tables):
    c = tables["collaborations"]
    members = c[(c["kind"] == "platform_membership") & (c["from_party"] == "casip")]
    # #39: "Members: CATL, CALB, EVE, SVOLT, Gotion, FinDreams, BYD, NIO"
    assert set(members["to_party"]) == {"catl", "calb", "eve-energy", "svolt", "gotion", "findreams", "byd", "nio"}


def test_several_hundred_tonnes_is_a_range(obs):
    # #3: "capacity of several hundred tonnes/yr"
    r = obs.loc["obs-idemitsu-se-pilot-capacity"]
    assert r["qualifier"] == "range" and Decimal(r["value"]) < Decimal(r["upper_value"]) < 1000
    assert "several hundred" in r["note"]


def test_public_fact_numbers_spot_checks(obs):
    checks = [
        # (#, subject, indicator, value, unit)
        (6, "samsung-sdi-s-line", "floor_area", "6500", "M2"),
        (12, "sk-on-daejeon-pilot-plant", "floor_area", "4628", "M2"),
        (17, "solid-power-sp2-thornton", "annual_capacity", "30", "TONNE"),
        (41, "cn", "installed_volume", "482.9", "MegaW-HR"),
        (45, "qingtao-kunshan-line", "annual_capacity", "0.1", "GigaW-HR"),
        (53, "gotion-gemstone-pilot-line", "production_yield", "90", "PERCENT"),
        (58, "tailan", "energy_density", "720", "W-HR-PER-KiloGM"),
        (62, "honda-sakura-demo-line", "floor_area", "27400", "M2"),
        (63, "honda-sakura-demo-line", "investment", "43000000000", "JPY"),
    ]
    for n, subject, ind, value, unit in checks:
        r = find_obs(obs, subject=subject, indicator=ind, value=value, unit=unit)
        assert len(r) == 1, n
        assert re.search(rf"#{n}(?!\d)", r["locator"].iloc[0]), n


# ---------------------------------------------------------------------------
# docs/data.md keeps its checklists in step with the tables
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data_doc():
    from ssbkg.resources import project_root

    root = project_root()
    if root is None:
        pytest.skip("docs/ ships only in a source checkout")
    return (root / "docs" / "data.md").read_text(encoding="utf-8")


def test_docs_checklist_lists_every_public_fact_with_rows_that_exist(data_doc, ids):
    section = data_doc.split("## Checklist: the public facts", 1)[1]
    listed = set()
    for line in section.splitlines():
        m = re.match(r"\| (\d+) \| `pf-(\d\d)` \|", line)
        if m:
            assert int(m.group(1)) == int(m.group(2)), line
            listed.add(int(m.group(1)))
            for table, rid in re.findall(r"`([a-z]+):([a-z0-9_-]+)`", line):
                assert ids.get(rid) == table, (line[:20], table, rid)
    assert listed == set(range(1, 66))


def test_docs_seed_checklist_names_existing_ids(data_doc, ids):
    section = data_doc.split("## Checklist: the seed study", 1)[1].split("## Checklist: the public facts")[0]
    named = 0
    for token in re.findall(r"`([^`]+)`", section):
        for part in token.split(";"):
            if "-" in part:
                assert part in ids, part
                named += 1
    assert named > 80


# ---------------------------------------------------------------------------
# Sites (issue 9): standing facilities apart from headquarters
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sites(tables):
    return tables["sites"].set_index("id")


@pytest.mark.parametrize("site, operator, region, kind, fact", [
    # public facts #42: "NIO cells produced at the new WeLion plant in Huzhou, Zhejiang (with R&D centre)"
    ("welion-huzhou-plant", "welion", "cn-zj-huzhou", "plant", "pf-42"),
    ("welion-huzhou-rd-centre", "welion", "cn-zj-huzhou", "rd_centre", "pf-42"),
    # #43: "200 MWh hybrid solid-liquid demo line in Liyang, Jiangsu"
    ("welion-liyang-demonstration-line", "welion", "cn-js-liyang", "pilot_line", "pf-43"),
    # #45: "China's first SSB production line" (Qingtao, Kunshan)
    ("qingtao-kunshan-production-line", "qingtao", "cn-js-kunshan", "plant", "pf-45"),
    # #48: "QingTao Chengdu base"
    ("qingtao-chengdu-production-base", "qingtao", "cn-sc-chengdu", "production_base", "pf-48"),
    # #6: 'Samsung SDI "S-Line" (Suwon R&D centre)'
    ("samsung-sdi-suwon-rd-centre", "samsung-sdi", "kr-gyeonggi-suwon", "rd_centre", "pf-06"),
])
def test_seeded_sites_are_the_public_facts(sites, site, operator, region, kind, fact):
    row = sites.loc[site]
    assert (row["operator"], row["region"], row["kind"]) == (operator, region, kind)
    assert fact in items(row["source"])


def test_every_site_has_a_source_and_a_locator(sites):
    for site, row in sites.iterrows():
        assert items(row["source"]), site
        assert row["locator"].strip(), site


def test_a_site_operator_is_not_a_consultancy_or_government(sites, tables):
    types = tables["organisations"].set_index("id")["type"]
    for site, row in sites.iterrows():
        if row["operator"]:  # empty = no source names the operator
            assert types[row["operator"]] in {"enterprise", "university", "research_institute"}, site


def test_forecasters_are_research_and_consulting_firms(tables):
    # issue 9: "GGII and EVTank ... are research and consulting firms", not enterprises
    types = tables["organisations"].set_index("id")["type"]
    assert types["ggii"] == "consultancy" and types["evtank"] == "consultancy"


def test_the_line_is_a_site_in_guangdong(sites):
    # Study Table 1, 'China: Guangdong': "6GWh semi-solid line operational"; no operator named
    line = sites.loc["gd-6gwh-semi-solid-line"]
    assert (line["region"], line["status"], line["operator"]) == ("cn-gd", "operating", "")
    assert items(line["routes"]) == ["semi_solid"]


def test_forecasts_name_their_forecasters(tables):
    # Study: "According to GGII and EVTank, global shipments of solid-state batteries are
    # forecast to reach 614.1 GWh by 2030, with all-solid-state batteries approaching a 30% share"
    att = tables["attributions"].set_index("figure")
    for figure in ("obs-world-ssb-shipments-2030", "obs-world-assb-share-2030"):
        assert set(items(att.loc[figure, "by"])) == {"ggii", "evtank"}
        assert att.loc[figure, "source"] == "seed-study"


def test_huzhou_status_is_two_claims(tables):
    # #42 (2023-07): cells produced at the WeLion Huzhou plant -> operating;
    # the study (2025): the Huzhou Phase I 2GWh project is underway -> under construction
    claims = tables["claims"]
    huzhou = claims[claims["subject"] == "huzhou-weilan-2gwh"]
    assert sorted(zip(huzhou["value"], huzhou["stated_on"], huzhou["source"])) == [
        ("operating", "2023-07", "pf-42"), ("under_construction", "2025", "seed-study")]
    # the project row itself takes no side
    assert tables["projects"].set_index("id").loc["huzhou-weilan-2gwh", "status"] == ""


# ---------------------------------------------------------------------------
# Known defects fixed (issue 9), each beside the source figure
# ---------------------------------------------------------------------------


def test_january_to_may_installs_are_not_a_full_year(obs):
    # #41: "1,621.8 MWh in January-May 2024" -- five months, not the year 2024
    row = obs.loc["obs-cn-semi-solid-installs-2024-jan-may"]
    assert Decimal(row["value"]) == Decimal("1621.8") and row["unit"] == "MegaW-HR"
    assert row["ref_period"] != "2024"
    assert "January-May 2024" in row["scope"]
    # #41: "482.9 MWh in May 2024" stays a month
    assert obs.loc["obs-cn-semi-solid-installs-2024-05", "ref_period"] == "2024-05"


@pytest.mark.parametrize("obs_id, phrase, low, high", [
    # #3: "several hundred tonnes/yr"
    ("obs-idemitsu-se-pilot-capacity", "several hundred", "200", "900"),
    # #24: "a high double-digit million dollar amount"
    ("obs-mercedes-factorial-investment", "high double-digit million", "70000000", "99000000"),
])
def test_numeric_readings_of_vague_phrases_are_marked_inferred(obs, obs_id, phrase, low, high):
    row = obs.loc[obs_id]
    assert (Decimal(row["value"]), Decimal(row["upper_value"])) == (Decimal(low), Decimal(high))
    assert phrase in row["inference"]


def test_casip_backing_is_not_funding(tables):
    # #39: "Backed by MIIT, MOST, SASAC, NEA and CAS" -- no money stated
    c = tables["collaborations"]
    casip = c[(c["to_party"] == "casip") & (c["from_party"].isin(["miit", "most", "sasac", "nea", "cas"]))]
    assert sorted(casip["from_party"]) == ["cas", "miit", "most", "nea", "sasac"]
    assert set(casip["kind"]) == {"government_backing"}
