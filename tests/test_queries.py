"""The named query catalogue (``queries/*.rq``): headers, parameters and answers.

Every expected answer below was worked out by hand from the sources the curated
tables cite, and the sentence or fact is quoted beside it:

* "Study" is the seed industry study (``seed-study`` in ``data/sources.csv``);
  its unnamed "leading regional ecosystem" is Zhejiang (``cn-zj``), an
  inference the curators record on the rows concerned.
* "#NN" is fact NN of the curation reference list of public facts (each
  ``pf-NN`` source in ``data/sources.csv`` cites one such fact).

The tests run the queries through :func:`graph.catalogue.run` on the embedded
curated KG, the way ``ssbkg query NAME --param k=v`` does.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from graph.catalogue import PARAM_TYPES, list_queries, parse_header, run
from graph.kg import KG
from graph.resources import project_root, queries_dir

DATA = "https://w3id.org/ssbkg/id/"
SSB = "https://w3id.org/ssbkg/ontology#"
QUERIES = list_queries()
NAMES = [q.name for q in QUERIES]


@pytest.fixture(scope="module")
def kg():
    return KG.curated()


def local(value):
    """``https://w3id.org/ssbkg/id/org/fengli`` -> ``fengli``; ``...#route_oxide`` -> ``route_oxide``."""
    if not isinstance(value, str):
        return value
    if value.startswith(SSB):
        return value[len(SSB):]
    if value.startswith(DATA) or value.startswith("http://qudt.org/vocab/"):
        return value.rsplit("/", 1)[-1]
    return value


def ask(kg, name, **params):
    """Run a named query and shorten every IRI to its local id."""
    frame = run(kg, name, **params)
    return frame.map(local)


def column(frame, name):
    return set(frame[name].dropna())


def split_ids(cell):
    """A ``;``-joined id list cell as a set (empty for a missing value)."""
    if not isinstance(cell, str) or not cell:
        return set()
    return set(cell.split(";"))


# -- the catalogue itself ------------------------------------------------------


def test_catalogue_has_at_least_22_queries():
    assert len(QUERIES) >= 22


@pytest.mark.parametrize("query", QUERIES, ids=NAMES)
def test_header_is_complete(query):
    text = (queries_dir() / f"{query.name}.rq").read_text(encoding="utf-8")
    head = [line for line in text.splitlines() if line.startswith("#")]
    keys = {m.group(1) for line in head if (m := re.match(r"# (title|description|columns):", line))}
    assert keys == {"title", "description", "columns"}
    assert query.title and query.title != query.name
    assert len(query.description) > 40
    assert query.columns
    for p in query.params:
        assert p.type in PARAM_TYPES or re.fullmatch(r"concept:[A-Z][A-Za-z]+", p.type)
        assert p.description


@pytest.mark.parametrize("query", QUERIES, ids=NAMES)
def test_query_parses_and_columns_match_projection(query):
    # An empty Oxigraph store parses and plans the query; the projection must be
    # exactly the header's columns, in order.
    result = ox.Store().query(query.text, use_default_graph_as_union=True)
    assert [v.value for v in result.variables] == query.columns


@pytest.mark.parametrize("query", QUERIES, ids=NAMES)
def test_declared_params_are_projected_variables(query):
    # Parameters bind SPARQL variables of the same name; Oxigraph substitutes
    # projected variables, so each must be a column and occur in the WHERE body.
    body = query.text.split("WHERE", 1)[1]
    for p in query.params:
        assert p.name in query.columns, p.name
        assert re.search(rf"\?{p.name}\b", body), p.name


@pytest.mark.parametrize("query", QUERIES, ids=NAMES)
def test_no_filter_not_exists(query):
    # engine-notes: FILTER NOT EXISTS is pathological in Oxigraph; gaps use MINUS.
    sparql = "\n".join(l for l in query.text.splitlines() if not l.lstrip().startswith("#"))
    assert not re.search(r"NOT\s+EXISTS", sparql, re.IGNORECASE)


def test_concept_params_name_existing_schemes(kg):
    schemes = {row["s"] for row in kg.query(
        "SELECT DISTINCT ?s WHERE { ?c <http://www.w3.org/2004/02/skos/core#inScheme> ?s }")}
    for q in QUERIES:
        for p in q.params:
            if p.type.startswith("concept:"):
                assert SSB + p.type.split(":", 1)[1] in schemes, (q.name, p.type)


def test_docs_list_every_query():
    root = project_root()
    if root is None:
        pytest.skip("installed package: docs/ is not shipped")
    doc = (root / "docs" / "queries.md").read_text(encoding="utf-8")
    for name in NAMES:
        assert f"`{name}`" in doc, name


def test_required_param_missing_is_a_query_error(kg):
    from graph.errors import QueryError

    with pytest.raises(QueryError, match="region"):
        run(kg, "region-projects")


def test_header_parser_reads_continuation_lines():
    q = parse_header((queries_dir() / "region-routes.rq").read_text(encoding="utf-8"),
                     "region-routes")
    assert q.description.endswith("cities, counties and parks.")
    assert [(p.name, p.type, p.required) for p in q.params] == [
        ("region", "region", False), ("route", "concept:TechnologyRoutes", False)]


def test_labels_resolve_like_ids(kg):
    # A region, an organisation and a concept given by id, English label and
    # Chinese label bind the same IRI, so the answers are identical.
    by_id = run(kg, "region-routes", region="cn-zj")
    assert by_id.equals(run(kg, "region-routes", region="Zhejiang"))
    assert by_id.equals(run(kg, "region-routes", region="浙江"))
    members = run(kg, "platform-members", platform="casip")
    assert members.equals(run(kg, "platform-members", platform="CASIP"))  # alt label
    assert members.equals(run(kg, "platform-members", platform="中国全固态电池产学研协同创新平台"))
    oxide = run(kg, "region-routes", region="cn-zj", route="oxide")
    assert oxide.equals(run(kg, "region-routes", region="cn-zj", route="氧化物"))


# -- regions, enterprises and routes ------------------------------------------

# Study, Table 2 ("Enterprise Ecosystem"), rows as (segment, companies):
#   Upstream Materials: Ronbay Tech, Shanshan, Zhonglan Tianye, Huayou Cobalt
#     -- "Cathode, anode, electrolyte materials supply chain."
#   Midstream Cell Manufacturing: Fengli New Energy, Jinyu Nengyuan, Weilan (Huzhou)
#     -- "Primarily oxide-based solid electrolyte route."
#   Midstream Cell Manufacturing: Yishengda -- "Oxide/Polymer composite electrolyte route."
#   Downstream Application: Geely, Leapmotor, Hozon -- "NEV integration. Geely announced
#     self-developed all-solid-state battery ..."
UPSTREAM_ZJ = {"ronbay", "shanshan", "zhonglan-tianye", "huayou-cobalt"}
CELLS_ZJ = {"fengli", "jinyu-nengyuan", "welion-huzhou", "yishengda"}
NEV_ZJ = {"geely", "leapmotor", "hozon"}


def test_region_routes_zhejiang(kg):
    got = ask(kg, "region-routes", region="cn-zj")
    counts = dict(zip(got["route"], got["organisations"]))
    # oxide: Fengli, Jinyu Nengyuan, Weilan (Huzhou) (Table 2, "Primarily oxide-based")
    assert counts["route_oxide"] == 3
    # oxide/polymer composite: Yishengda (Table 2)
    assert counts["route_oxide_polymer_composite"] == 1
    # all-solid-state: Geely ("self-developed all-solid-state battery"), the "Provincial
    # Key Laboratory of All-Solid-State Power Battery Technology and Application"
    # (Existing Strengths 2) and NIMTE (#60, all-solid-state electrolyte materials)
    assert counts["route_all_solid_state"] == 3
    # halide: Eastern Institute of Technology, Ningbo (#61, halide superionic conductor)
    assert counts["route_halide"] == 1
    # Study: no Zhejiang organisation is said to follow the sulfide route.
    assert "route_sulfide" not in counts
    assert set(got["region_label"]) == {"Zhejiang"}


def test_region_routes_rolls_up_sub_regions(kg):
    # Weilan (Huzhou) is the only oxide maker placed in Huzhou (Table 2);
    # Huzhou is a sub-region of Zhejiang, so it counts in both.
    huzhou = ask(kg, "region-routes", region="cn-zj-huzhou", route="oxide")
    assert list(huzhou["organisations"]) == [1]
    china = ask(kg, "region-routes", region="cn", route="oxide")
    assert int(china["organisations"].iloc[0]) >= 3
    # Unbound region: one row per (region, route), the province among them.
    every = ask(kg, "region-routes", route="oxide_polymer_composite")
    rows = dict(zip(every["region"], every["organisations"]))
    assert rows["cn-zj"] == 1 and rows["cn"] >= 1 and rows["world"] >= 1


def test_region_enterprises_zhejiang(kg):
    got = ask(kg, "region-enterprises", region="cn-zj")
    by_segment = got.groupby("segment")["enterprise"].apply(set).to_dict()
    assert by_segment["seg_cathode"] == UPSTREAM_ZJ
    assert by_segment["seg_anode"] == UPSTREAM_ZJ
    assert by_segment["seg_solid_electrolyte"] == UPSTREAM_ZJ
    assert by_segment["seg_cells"] == CELLS_ZJ
    assert by_segment["seg_nev"] == NEV_ZJ
    stages = dict(zip(got["segment"], got["stage"]))
    assert stages["seg_cathode"] == "stage_upstream"
    assert stages["seg_cells"] == "stage_midstream"
    assert stages["seg_nev"] == "stage_downstream"
    routes = {e: split_ids(r) for e, r in zip(got["enterprise"], got["routes"])}
    assert routes["fengli"] == {"oxide"}
    assert routes["yishengda"] == {"oxide_polymer_composite"}
    assert routes["geely"] == {"all_solid_state"}
    # Weilan (Huzhou) sits in Huzhou, a sub-region (Table 2 'Weilan (Huzhou)').
    assert dict(zip(got["enterprise"], got["location"]))["welion-huzhou"] == "cn-zj-huzhou"


def test_region_enterprises_one_segment(kg):
    got = ask(kg, "region-enterprises", region="Zhejiang", segment="cells")
    assert set(got["enterprise"]) == CELLS_ZJ
    assert set(got["segment"]) == {"seg_cells"}


def test_route_makers_no_sulfide_maker_in_zhejiang(kg):
    # Study Table 2: Zhejiang's cell makers are oxide or oxide/polymer composite.
    assert ask(kg, "route-makers", route="sulfide", region="cn-zj").empty
    oxide = ask(kg, "route-makers", route="oxide", region="cn-zj")
    assert set(oxide["organisation"]) == {"fengli", "jinyu-nengyuan", "welion-huzhou"}


def test_route_makers_sulfide_elsewhere(kg):
    # Study Table 1, Jiangsu: Changzhou "Solid-State Battery Innovation Valley" --
    # "Focus on sulfide electrolyte."
    js = ask(kg, "route-makers", route="sulfide", region="Jiangsu")
    assert set(js["organisation"]) == {"changzhou-ssb-innovation-valley"}
    # #1: Toyota x Idemitsu develop sulfide solid electrolytes; Study Table 1: Japan,
    # Toyota, "Sulfide-based electrolyte route".
    jp = ask(kg, "route-makers", route="sulfide", region="jp")
    assert {"toyota", "idemitsu"} <= set(jp["organisation"])
    # #8 Samsung SDI and #12 SK On (sulfide) are Korean.
    kr = ask(kg, "route-makers", route="sulfide", region="kr")
    assert {"samsung-sdi", "sk-on"} <= set(kr["organisation"])


def test_region_route_gaps_zhejiang(kg):
    got = ask(kg, "region-route-gaps", region="cn-zj")
    gaps = set(got["route"])
    # Study: no sulfide, polymer or lithium-metal-anode actor in the regional ecosystem.
    assert {"route_sulfide", "route_polymer", "route_lithium_metal_anode"} <= gaps
    # Present: oxide (Table 2), composite (Yishengda), all-solid-state (Geely),
    # halide (#61), in-situ solidification (the grid-side station, Key Project Pipeline).
    assert not gaps & {"route_oxide", "route_oxide_polymer_composite",
                       "route_all_solid_state", "route_halide", "route_in_situ_solidification"}


def test_region_segment_gaps_zhejiang(kg):
    got = ask(kg, "region-segment-gaps", region="cn-zj")
    gaps = set(got["segment"])
    # Study Table 2 covers cathode, anode, electrolyte (upstream), cells (midstream)
    # and NEVs (downstream); the in-situ grid-side station covers grid storage.
    assert not gaps & {"seg_cathode", "seg_anode", "seg_solid_electrolyte", "seg_cells",
                       "seg_nev", "seg_grid_storage"}
    # Nothing in the study places separators, salts, equipment or packs in the region.
    assert {"seg_separator_film", "seg_lithium_salts_precursors", "seg_equipment",
            "seg_packs"} <= gaps
    stages = dict(zip(got["segment"], got["stage"]))
    assert stages["seg_equipment"] == "stage_upstream"
    assert stages["seg_packs"] == "stage_midstream"


def test_region_segment_gaps_one_stage(kg):
    got = ask(kg, "region-segment-gaps", region="cn-zj", stage=SSB + "stage_midstream")
    assert set(got["segment"]) == {"seg_packs"}


def test_suppliers_of_solid_electrolyte(kg):
    zj = ask(kg, "suppliers", region="cn-zj", segment="solid_electrolyte")
    # Table 2 upstream companies, plus the pipeline's electrolyte projects:
    # "Huzhou 5,000-ton project; Quzhou 6,000-ton (planned) all-solid-state electrolyte".
    assert set(zj["supplier"]) == UPSTREAM_ZJ | {
        "huzhou-5000t-electrolyte", "quzhou-6000t-assb-electrolyte"}
    world = ask(kg, "suppliers", region="world", segment="solid_electrolyte")
    # #3 Idemitsu SE pilot plant; #17 Solid Power SP2 electrolyte line (Thornton, CO).
    assert {"idemitsu", "solid-power", "solid-power-sp2-thornton"} <= set(world["supplier"])
    us = ask(kg, "suppliers", region="us-co", segment="solid_electrolyte")
    assert dict(zip(us["supplier"], us["routes"]))["solid-power"] == "sulfide"


def test_region_hierarchy_zhejiang(kg):
    got = ask(kg, "region-hierarchy", region="cn-zj")
    # Study cities: pipeline (Taizhou, Huzhou, Hangzhou, Yiwu, Quzhou), specialised
    # platforms (Huzhou, Shaoxing, Jiaxing, Jinhua, Wenzhou), NIMTE's Ningbo.
    assert set(got["subregion"]) == {
        "cn-zj-taizhou", "cn-zj-huzhou", "cn-zj-hangzhou", "cn-zj-yiwu", "cn-zj-quzhou",
        "cn-zj-shaoxing", "cn-zj-jiaxing", "cn-zj-jinhua", "cn-zj-wenzhou", "cn-zj-ningbo"}
    rows = got.set_index("subregion")
    # Yiwu is a county-level city under Jinhua (curators' standard parent).
    assert rows.loc["cn-zj-yiwu", "parent"] == "cn-zj-jinhua"
    assert rows.loc["cn-zj-yiwu", "level"] == "County"
    assert rows.loc["cn-zj-huzhou", "subregion_label_zh"] == "湖州"


# -- projects and capacity ----------------------------------------------------

# Study, Key Project Pipeline: "Cell Production: Taizhou Qingtao 10GWh project; Huzhou
# Phase I 2GWh project; Hangzhou 7GWh project; Yiwu 2GWh nano solid-state battery project.
# Electrolyte Production: Huzhou 5,000-ton project; Quzhou 6,000-ton (planned)
# all-solid-state electrolyte project."
ZJ_CELL_GWH = {"taizhou-qingtao-10gwh": 10, "huzhou-weilan-2gwh": 2, "hangzhou-7gwh": 7,
               "yiwu-2gwh-nano-ssb": 2}
ZJ_ELECTROLYTE_T = {"huzhou-5000t-electrolyte": 5000, "quzhou-6000t-assb-electrolyte": 6000}


def test_region_projects_zhejiang_pipeline(kg):
    got = ask(kg, "region-projects", region="cn-zj")
    cells = got[got["kind"] == "CellProductionProject"]
    assert dict(zip(cells["project"], cells["capacity"])) == ZJ_CELL_GWH
    assert set(cells["unit"]) == {"GigaW-HR"}
    material = got[got["kind"] == "MaterialProductionProject"]
    assert dict(zip(material["project"], material["capacity"])) == ZJ_ELECTROLYTE_T
    assert set(material["unit"]) == {"TONNE"}
    rows = got.set_index("project")
    # "Quzhou 6,000-ton (planned)"
    assert rows.loc["quzhou-6000t-assb-electrolyte", "capacity_status"] == "status_planned"
    assert rows.loc["quzhou-6000t-assb-electrolyte", "status"] == "status_planned"
    # "Taizhou Qingtao": developed by Qingtao.
    assert rows.loc["taizhou-qingtao-10gwh", "developers"] == "qingtao"
    assert rows.loc["yiwu-2gwh-nano-ssb", "location"] == "cn-zj-yiwu"
    # "The world's first grid-side large-scale energy storage station using in-situ
    # solidified solid-state batteries has been successfully connected to the grid."
    assert rows.loc["grid-in-situ-ssb-storage-station", "kind"] == "DemonstrationProject"
    assert rows.loc["grid-in-situ-ssb-storage-station", "status"] == "status_operating"
    # #60: the CAS key project led by NIMTE ran 2012-2016.
    nimte = rows.loc["nimte-cas-high-energy-battery-project"]
    assert (str(nimte["started"]), str(nimte["completed"])) == ("2012", "2016")


def test_region_projects_one_kind(kg):
    got = ask(kg, "region-projects", region="Zhejiang", kind=SSB + "CellProductionProject")
    assert set(got["project"]) == set(ZJ_CELL_GWH)


def test_capacity_by_status_zhejiang(kg):
    got = ask(kg, "capacity-by-status", region="cn-zj")
    table = {(s, u): (n, c) for s, u, n, c in
             zip(got["status"], got["unit"], got["subjects"], got["total_capacity"])}
    # Four cell projects "underway": 10 + 2 + 7 + 2 = 21 GWh; Huzhou 5,000 t underway,
    # Quzhou 6,000 t "(planned)".
    assert table == {
        ("status_under_construction", "GigaW-HR"): (4, pytest.approx(21.0)),
        ("status_under_construction", "TONNE"): (1, pytest.approx(5000.0)),
        ("status_planned", "TONNE"): (1, pytest.approx(6000.0)),
    }
    planned = ask(kg, "capacity-by-status", region="cn-zj", status="planned")
    assert list(planned["total_capacity"]) == [pytest.approx(6000.0)]


def test_capacity_by_status_counts_a_revised_plan_once(kg):
    # #27 (2023-08-11): ProLogium Dunkirk, 48 GWh plant. #28 (2026-02-11): groundbreaking
    # held; 0.8 GWh in 2028, 4 GWh by 2030, 12 GWh by 2032, up to 48 GWh long term.
    # The latest announcement's largest figure, 48 GWh, under construction -- not 48 + 48.
    got = ask(kg, "capacity-by-status", region="fr-hdf-dunkirk")
    assert list(zip(got["status"], got["unit"], got["subjects"], got["total_capacity"])) == [
        ("status_under_construction", "GigaW-HR", 1, pytest.approx(48.0))]
    # Guangdong: "6GWh semi-solid line operational" (Study Table 1), stated for the region.
    gd = ask(kg, "capacity-by-status", region="cn-gd", status="operating")
    assert dict(zip(gd["unit"], gd["total_capacity"]))["GigaW-HR"] == pytest.approx(6.0)


def test_capacity_history_of_a_revised_plan(kg):
    got = ask(kg, "capacity-history",
              subject=DATA + "project/prologium-dunkirk-gigafactory")
    seen = sorted(zip(got["stated_on"].astype(str), got["value"], got["source"]))
    assert seen == sorted([
        ("2023-08-11", 48.0, "pf-27"),                             # #27
        ("2026-02-11", 0.8, "pf-28"), ("2026-02-11", 4.0, "pf-28"),  # #28 phases
        ("2026-02-11", 12.0, "pf-28"), ("2026-02-11", 48.0, "pf-28"),
    ])
    assert list(got["stated_on"].astype(str)) == sorted(got["stated_on"].astype(str))
    by_period = dict(zip(got["ref_period"].astype(str), got["value"]))
    assert by_period["2028"] == 0.8 and by_period["2030"] == 4.0 and by_period["2032"] == 12.0


def test_capacity_history_all_subjects(kg):
    got = ask(kg, "capacity-history")
    # #3: Idemitsu's pilot plant, "several hundred tonnes/yr", mass production "several
    # thousand tonnes" -- ranges, with their upper bounds.
    idemitsu = got[got["subject"] == "idemitsu-se-pilot-plant"]
    assert len(idemitsu) == 2 and idemitsu["upper_value"].notna().all()
    assert set(ZJ_CELL_GWH) <= set(got["subject"])


# -- patents, platforms, collaborations ---------------------------------------


def test_patent_leaders(kg):
    got = ask(kg, "patent-leaders")
    rows = list(zip(got["subject"], got["patents"]))
    # Study: Japan "Holds ~1300 solid-state battery patents (global leader)"; the region
    # "over 340 invention patents ..., ranking 4th in the country"; #55 SVOLT "109 sulfide
    # patents"; Fengli 55, Geely 25, NIMTE 22 (Existing Strengths 1).
    assert rows == [("jp", 1300.0), ("cn-zj", 340.0), ("svolt", 109.0), ("fengli", 55.0),
                    ("geely", 25.0), ("nimte", 22.0)]
    by = got.set_index("subject")
    assert by.loc["cn-zj", "rank"] == 4 and by.loc["cn-zj", "qualifier"] == "qual_more_than"
    assert by.loc["jp", "rank"] == 1 and by.loc["jp", "qualifier"] == "qual_approximately"
    assert by.loc["nimte", "location"] == "cn-zj-ningbo"


CASIP_MEMBERS = {"catl", "calb", "eve-energy", "svolt", "gotion", "findreams", "byd", "nio"}


def test_platforms_with_hosts_and_enterprises(kg):
    got = ask(kg, "platforms", region="cn")
    rows = got.set_index("platform")
    # #39: CASIP members CATL, CALB, EVE, SVOLT, Gotion, FinDreams, BYD, NIO.
    assert split_ids(rows.loc["casip", "enterprises"]) == CASIP_MEMBERS
    assert rows.loc["casip", "level"] == "level_national"
    # #43: WeLion is the sole industrialisation platform of the IOP CAS Clean Energy Lab.
    assert rows.loc["iop-cas-clean-energy-lab", "hosts"] == "iop-cas"
    assert split_ids(rows.loc["iop-cas-clean-energy-lab", "enterprises"]) == {"welion"}
    zj = ask(kg, "platforms", region="cn-zj")
    # Study, Existing Strengths 2: the "Provincial Key Laboratory of All-Solid-State Power
    # Battery Technology and Application".
    assert list(zj["platform"]) == ["zj-provincial-key-lab-assb"]
    assert list(zj["level"]) == ["level_provincial"]
    assert list(zj["type"]) == ["KeyLaboratory"]


def test_platforms_without_enterprises(kg):
    got = set(ask(kg, "platforms-without-enterprises", region="world")["platform"])
    # No source names an enterprise working with the Zhejiang key laboratory, the Changzhou
    # valley (Study: "Attracting research institutes (e.g., CAS Institute of Physics)"),
    # the Yibin park or the Guangdong NEV base.
    assert {"zj-provincial-key-lab-assb", "changzhou-ssb-innovation-valley",
            "yibin-industrial-park", "guangdong-nev-industry-base"} <= got
    # Linked: CASIP (#39 members), the IOP lab (#43 WeLion), UK-BIC (#30 Ilika scales there).
    assert not got & {"casip", "iop-cas-clean-energy-lab", "uk-bic"}
    zj = ask(kg, "platforms-without-enterprises", region="cn-zj")
    assert list(zj["platform"]) == ["zj-provincial-key-lab-assb"]


def test_collaborations_of_welion(kg):
    got = ask(kg, "collaborations", org="welion")
    role = dict(zip(got["collaboration"], got["role"]))
    kind = dict(zip(got["collaboration"], got["kind"]))
    # #40: WeLion delivered its first cells to NIO on 30 June 2023 (supplier = from);
    # #42: produced at the WeLion plant in Huzhou.
    supply = got.set_index("collaboration").loc["collab-welion-nio-supply"]
    assert supply["role"] == "from" and supply["partners"] == "nio"
    assert supply["project"] == "huzhou-weilan-2gwh" and str(supply["started"]) == "2023-06-30"
    # #42: NIO a major shareholder; investors Huawei, Xiaomi, Shunwei (WeLion receives: to).
    investors = {p for c, p in zip(got["collaboration"], got["partners"])
                 if kind[c] == "collab_equity_investment"}
    assert investors == {"nio", "huawei", "xiaomi", "shunwei"}
    assert {role[c] for c in role if kind[c] == "collab_equity_investment"} == {"to"}
    # #65: Enjie (SEMCORP) supplies WeLion; #43: technology from the IOP CAS lab.
    assert role["collab-semcorp-welion-supply"] == "to"
    assert role["collab-iop-lab-welion-industrialisation"] == "to"


def test_collaborations_party_role(kg):
    # #1: Toyota x Idemitsu agreement -- a joint development between parties.
    got = ask(kg, "collaborations", org="toyota")
    row = got.set_index("collaboration").loc["collab-toyota-idemitsu-sulfide-se"]
    assert row["role"] == "party" and row["partners"] == "idemitsu"
    assert row["kind"] == "collab_joint_development"


def test_platform_members(kg):
    got = ask(kg, "platform-members", platform="casip")
    # #39: members, formed Jan 2024.
    assert set(got["member"]) == CASIP_MEMBERS
    assert set(got["role"]) == {"member"}
    assert set(got["joined"].astype(str)) == {"2024-01"}
    assert dict(zip(got["member"], got["location"]))["gotion"] == "cn-ah-hefei"  # #52 Hefei
    valley = ask(kg, "platform-members", platform="Changzhou Solid-State Battery Innovation Valley")
    # Study Table 1, Jiangsu: "Attracting research institutes (e.g., CAS Institute of Physics)."
    assert list(valley["member"]) == ["iop-cas"]
    assert list(valley["type"]) == ["ResearchInstitute"]
    lab = ask(kg, "platform-members", platform="iop-cas-clean-energy-lab")
    assert list(zip(lab["member"], lab["role"])) == [("iop-cas", "host")]


def test_people(kg):
    got = ask(kg, "people", organisation="welion")
    role = dict(zip(got["person"], got["role"]))
    # #44: "Li Hong is founder and chief scientist of WeLion"; #40: NIO SVP Zeng Shuxiang
    # is a WeLion director.
    assert set(role) == {"li-hong", "zeng-shuxiang"}
    assert role["li-hong"] == "founder and chief scientist"
    everyone = ask(kg, "people")
    # #45: Nan Cewen founded Qingtao and is a CAS academician: two affiliations.
    assert set(everyone[everyone["person"] == "nan-cewen"]["organisation"]) == {"qingtao", "cas"}
