"""Region analyses (ssbkg.analysis) and ``ssbkg metrics``, on the hand-made network fixture.

tests/fixtures/network: East Province holds Port City (CellCo, East University,
East SSB Lab) and Hill City (MatCo, Idle Centre), plus Loner and East Government
at province level; West Province holds CarCo. Every expected number below is
worked out from those tables by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from ssbkg import analysis as A
from ssbkg.build import build_store
from ssbkg.cli.main import cli
from ssbkg.errors import GraphError, NotFoundError
from ssbkg.kg import KG

FIXTURE = Path(__file__).parent / "fixtures" / "network"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("analysis") / "kg"
    build_store(path=path, with_=[FIXTURE], curated=False)
    return path


@pytest.fixture(scope="module")
def kg(store_dir):
    return KG.from_path(store_dir)


def _summary(frame):
    return dict(zip(frame["metric"], frame["value"]))


def test_region_named_by_label_or_id(kg):
    assert A.region_id(kg, "East Province") == "nw-east"
    assert A.region_id(kg, "东省") == "nw-east"
    assert A.region_id(kg, "nw-east") == "nw-east"
    assert A.region_level(kg, "nw-port") == "city"
    with pytest.raises(NotFoundError):
        A.region_id(kg, "Atlantis")


def test_cluster_metrics_east(kg):
    r = A.cluster_metrics(kg, "East Province")
    s = _summary(r["summary"])
    # CellCo, MatCo, Loner, East University, East Government, East SSB Lab, Idle Centre
    assert s["organisations"] == 7
    assert s["organisations: enterprise"] == 3
    # upstream: cathode (Loner) + solid_electrolyte (MatCo) of 6 segments
    assert s["completeness: upstream"] == pytest.approx(2 / 6, abs=1e-4)
    # midstream: cells and packs (CellCo) of 2
    assert s["completeness: midstream"] == 1.0
    # downstream: CarCo (nev) is in West Province
    assert s["completeness: downstream"] == 0.0
    # nw-line: 6 GWh under construction (latest statement); nw-plant: 500 t planned
    assert s["capacity GWh: under_construction"] == 6.0
    assert s["capacity tonnes: planned"] == 500.0
    # patents: CellCo 30 + MatCo 12 (latest) = 42, no region-level figure
    assert s["patents"] == 42.0
    spec = r["specialisation"].set_index("segment")
    # the basis, whole counting: East {cathode 1 (Loner), cells 1, packs 1 (CellCo),
    # solid_electrolyte 1 (MatCo)} = 4, West {nev 1 (CarCo)} = 1;
    # LQ(East, cathode) = (1/4) / (1/5) = 5/4
    assert spec.loc["cathode", "lq"] == pytest.approx(5 / 4)
    assert spec.loc["cathode", "value"] == 1.0 and spec.loc["cells", "value"] == 1.0
    assert spec.loc["nev", "lq"] == 0.0
    # default peers and reference: the provinces of Netland
    assert r["summary"].attrs["peers"] == ["nw-east", "nw-west"]
    assert r["summary"].attrs["reference"] == ["nw-east", "nw-west"]
    detail = dict(zip(r["summary"]["metric"], r["summary"]["detail"]))
    assert detail["peers"] == "province-level regions in nw-land: nw-east;nw-west"
    assert detail["reference"] == "the peers"
    # nev is absent from East; nothing it holds is unspecialised (every LQ >= 1)
    gaps = r["gaps"]
    assert set(gaps.loc[gaps["kind"] == "absent", "segment"]) >= {"nev"}
    assert gaps.loc[gaps["kind"] == "unspecialised"].empty
    # East and West share no segment: the region-segment presence graph is in two
    # pieces, so the complexity ranking is not determined -- said, not computed
    eci = r["summary"].set_index("metric").loc["economic complexity index (ECI)"]
    assert eci["value"] is None and "disconnected pieces" in eci["detail"]
    # only East has patent data among the provinces: no rank among 1 peer is printed
    assert "patent rank among peers" not in s


def test_cluster_metrics_reference_is_recorded(kg):
    r = A.cluster_metrics(kg, "nw-east", reference=["nw-east"])
    spec = r["specialisation"].set_index("segment")
    # with East as its own reference every present segment has LQ 1
    assert spec.loc["cathode", "lq"] == pytest.approx(1.0)
    assert r["summary"].attrs["reference"] == ["nw-east"]
    detail = dict(zip(r["summary"]["metric"], r["summary"]["detail"]))
    assert detail["reference"] == "given: nw-east"


def test_fragmentation_metrics_east(kg):
    r = A.fragmentation_metrics(kg, "nw-east", key_players=1)
    s = _summary(r["summary"])
    # ties inside East: cellco-uni, cellco-matco, cellco-lab, lab-uni, gov-lab = 5
    assert s["n_nodes"] == 7 and s["n_edges"] == 5
    # components {cellco, uni, matco, lab, gov}, {loner}, {idle}
    assert s["n_components"] == 3 and s["n_isolates"] == 2
    assert s["largest_component_share"] == pytest.approx(5 / 7, abs=1e-6)
    # F = 1 - 5*4 / (7*6)
    assert s["F"] == pytest.approx(1 - 20 / 42, abs=1e-6)
    # enterprises CellCo (tied to the university and the lab), MatCo and Loner (not)
    assert s["share_enterprises_linked"] == pytest.approx(1 / 3, abs=1e-6)
    assert list(r["unlinked_platforms"]["platform"]) == ["nw-idle"]
    # removing CellCo leaves {uni, lab, gov}, {matco}, {loner}, {idle} among 6:
    # F = 1 - 3*2 / (6*5) = 0.8; removing the lab leaves {cellco, uni, matco}, {gov},
    # {loner}, {idle}: also 0.8. Any other single removal leaves a component of 4
    # (F <= 1 - 12/30 = 0.6), so the best is one of the two tied nodes.
    assert list(r["key_players"]["node"]) in (["nw-cellco"], ["nw-lab"])
    assert s["key players (k=1)"] == pytest.approx(0.8)
    # ...and the output says so: the other one is listed as tied
    other = {"nw-cellco": "nw-lab", "nw-lab": "nw-cellco"}[r["key_players"]["node"][0]]
    assert r["key_players"]["tied_with"][0] == [other]
    detail = dict(zip(r["summary"]["metric"], r["summary"]["detail"]))
    assert "tied" in detail["key players (k=1)"]
    # Gould-Fernandez by type, undirected ties read both ways. Open paths through CellCo:
    # uni-matco, lab-matco (and reverse); uni-lab are tied. Through the lab: cellco-gov,
    # uni-gov. Types: university U, enterprise E, platform P, government G.
    # CellCo (E): uni(U)-matco(E) gatekeeper + representative; lab(P)-matco(E) the same.
    gf = r["brokerage_type"].set_index("node")
    assert gf.loc["nw-cellco", ["coordinator", "itinerant", "representative", "gatekeeper",
                                "liaison"]].tolist() == [0, 0, 2, 2, 0]
    # the lab (P): cellco(E)-gov(G) and uni(U)-gov(G), each way: 4 liaisons
    assert gf.loc["nw-lab", "liaison"] == 4 and gf.loc["nw-lab", "total"] == 4


def test_fragmentation_of_a_region_without_organisations(kg):
    # Glen City exists but holds no organisation: a defined, explained answer
    r = A.fragmentation_metrics(kg, "Glen City")
    assert r["summary"].to_dict("records") == [
        {"metric": "organisations", "value": 0,
         "detail": "no organisation in this region: nothing to fragment"}]
    c = _summary(A.cluster_metrics(kg, "Glen City")["summary"])
    assert c["organisations"] == 0 and c["completeness: all"] == 0.0
    # a region that does not exist is an error naming it
    with pytest.raises(NotFoundError, match="nowhere"):
        A.fragmentation_metrics(kg, "nowhere")


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "md", "table"])
def test_cli_metrics_cluster(store_dir, fmt):
    res = CliRunner().invoke(cli, ["metrics", "cluster", "--region", "East Province",
                                   "--store", str(store_dir), "--section", "summary",
                                   "--format", fmt])
    assert res.exit_code == 0, res.output
    if fmt == "json":
        rows = json.loads(res.output)
        got = {r["item"]: r["value"] for r in rows}
        assert got["organisations"] == 7 and got["patents"] == 42
        assert {r["section"] for r in rows} == {"summary"}
    else:
        assert "completeness: midstream" in res.output


def test_cli_metrics_fragmentation(store_dir):
    res = CliRunner().invoke(cli, ["metrics", "fragmentation", "--region", "东省", "--store",
                                   str(store_dir), "--format", "json", "--section", "summary"])
    assert res.exit_code == 0, res.output
    got = {r["item"]: r["value"] for r in json.loads(res.output)}
    assert got["n_components"] == 3
    assert got["F"] == pytest.approx(1 - 20 / 42, abs=1e-6)


def test_cli_unknown_region_is_one_line(store_dir):
    res = CliRunner().invoke(cli, ["metrics", "cluster", "--region", "Atlantis", "--store",
                                   str(store_dir)])
    assert res.exit_code == 1
    assert res.output.strip().splitlines() == [res.output.strip()]
    assert "Atlantis" in res.output


def test_fragmentation_of_an_edgeless_region_names_no_winner(kg):
    # Hill City: MatCo and Idle Centre, no tie between them
    r = A.fragmentation_metrics(kg, "Hill City", key_players=1)
    notes = r["summary"].loc[r["summary"]["metric"] == "note", "detail"].tolist()
    assert any("no edges: betweenness is 0 for every node" in n for n in notes)
    assert any("E-I undefined" in n for n in notes)
    s = dict(zip(r["summary"]["metric"], r["summary"]["value"]))
    assert s["F"] == 1.0
    assert s["Gould-Fernandez brokerage by organisation type"] == 0
    # 2 nodes: a key-player set of 1 would leave a single node; said, not computed
    assert pd.isna(s["key players (k=1)"]) and r["key_players"].empty


def test_brokerage_on_directed_supply_ties(kg):
    # supply ties: MatCo (Hill City) -> CellCo (Port City) -> CarCo (West Province, no city).
    # CellCo brokers MatCo -> CarCo (no MatCo -> CarCo tie): one open two-path.
    r = A.brokerage_metrics(kg)
    s = _summary(r["summary"])
    assert s["network"] == "supply" and s["n_nodes"] == 3 and s["n_edges"] == 2
    t = r["brokerage_type"].set_index("node")
    # all three are enterprises: coordinator
    assert list(t.index) == ["nw-cellco"]
    assert t.loc["nw-cellco", ["coordinator", "itinerant", "representative", "gatekeeper",
                               "liaison"]].tolist() == [1, 0, 0, 0, 0]
    # Hill City -> Port City -> West Province: three groups, liaison
    g = r["brokerage_region"].set_index("node")
    assert g.loc["nw-cellco", "liaison"] == 1 and g.loc["nw-cellco", "total"] == 1
    assert sorted(zip(r["ties"]["source"], r["ties"]["target"])) == [
        ("nw-cellco", "nw-carco"), ("nw-matco", "nw-cellco")]
    # the directed reading counts one path; the same two ties read both ways would give
    # CellCo two (MatCo -> CarCo and CarCo -> MatCo)
    # within East only MatCo -> CellCo is kept: nobody brokers, and the output says so
    w = A.brokerage_metrics(kg, "East Province", scope="within")
    assert _summary(w["summary"])["n_edges"] == 1 and w["brokerage_type"].empty
    detail = dict(zip(w["summary"]["metric"], w["summary"]["detail"]))
    assert "nobody brokers" in detail["Gould-Fernandez brokerage by organisation type"]
    # government funding (East Government -> East SSB Lab) is one tie: no two-path
    f = A.brokerage_metrics(kg, ties="government_funding")
    assert _summary(f["summary"])["n_edges"] == 1 and f["brokerage_type"].empty


def test_cli_metrics_brokerage(store_dir):
    res = CliRunner().invoke(cli, ["metrics", "brokerage", "--store", str(store_dir),
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    got = {(r["section"], r["item"]): r["value"] for r in rows}
    assert got[("brokerage_type", "nw-cellco")] == 1
    assert got[("ties", "nw-matco")] == "nw-cellco"
    bad = CliRunner().invoke(cli, ["metrics", "brokerage", "--store", str(store_dir),
                                   "--ties", "supply,collaboration"])
    assert bad.exit_code != 0 and "collaboration' alone" in bad.output


def test_region_matrix_reads_the_basis(kg):
    # whole counting on the basis (hq, sites, developed projects), not split over segments:
    # East holds CellCo (cells, packs; its Port line is cells too), MatCo (solid_electrolyte,
    # also its Hill plant), Loner (cathode); West holds CarCo (nev)
    N = A.region_matrix(kg, level="province", weight="enterprises")
    assert N.loc["nw-east"].to_dict() == {"cathode": 1.0, "cells": 1.0, "nev": 0.0,
                                          "packs": 1.0, "solid_electrolyte": 1.0}
    assert N.loc["nw-west", "nev"] == 1.0
    assert N.attrs["weight"] == "enterprises" and N.attrs["level"] == "province"
    # routes by city: Port: CellCo sulfide; Hill: MatCo oxide and sulfide, 1 each
    R = A.region_matrix(kg, facet="route", level="city", weight="enterprises")
    assert R.loc["nw-port"].to_dict() == {"oxide": 0.0, "sulfide": 1.0}
    assert R.loc["nw-hill"].to_dict() == {"oxide": 1.0, "sulfide": 1.0}
    # capacity: the 6 GWh CellCo line in Port City, in full in its segment cells
    cap = A.region_matrix(kg, level="city", weight="capacity")
    assert cap.loc["nw-port", "cells"] == 6.0 and cap.to_numpy().sum() == 6.0
    # patents in full in each segment: CellCo 30 in cells and packs, MatCo 12 (latest)
    pat = A.region_matrix(kg, level="province", weight="patents")
    assert pat.loc["nw-east", "cells"] == 30.0 and pat.loc["nw-east", "packs"] == 30.0
    assert pat.loc["nw-east", "solid_electrolyte"] == 12.0
    # and it is the matrix cluster_metrics reads: East's segments section
    seg = A.cluster_metrics(kg, "East Province")["segments"].set_index("segment")["count"]
    assert all(seg[s] == N.loc["nw-east", s] for s in N.columns)
    with pytest.raises(GraphError):
        A.region_matrix(kg, level="galaxy")


def test_key_players_stop_naming_once_f_is_one(kg):
    # East's five ties (cellco-uni, cellco-matco, cellco-lab, lab-uni, gov-lab) are all
    # covered by {CellCo, Lab} and by no single node or other pair (cellco-matco needs CellCo
    # or MatCo, gov-lab needs the Lab or Gov, lab-uni the Lab or Uni): F = 1 after those two,
    # so a third key player would be any of the remaining five, tied, and is not named
    r = A.fragmentation_metrics(kg, "nw-east", key_players=3)
    assert sorted(r["key_players"]["node"]) == ["nw-cellco", "nw-lab"]
    detail = dict(zip(r["summary"]["metric"], r["summary"]["detail"]))["key players (k=3)"]
    assert "F = 1 already after removing" in detail and "(2 of 3)" in detail
    assert _summary(r["summary"])["key players (k=3)"] == 1


def test_key_players_name_nobody_when_every_candidate_ties():
    import networkx as nx

    # a 6-cycle: removing any one node leaves a path of 5, F = 0 for every choice
    rows, frame = A._key_player_section(nx.cycle_graph(6), 1, 0)
    assert frame is None
    assert rows[0]["value"] == 0 and rows[0]["detail"].startswith("no key players: every "
                                                                  "candidate ties")
    # a star with 4 leaves and k = 2: the centre disconnects everything (F = 1), the second
    # place ties among the leaves and is not named
    rows, frame = A._key_player_section(nx.star_graph(4), 2, 0)
    assert list(frame["node"]) == [0] and "(1 of 2)" in rows[0]["detail"]
    # an edgeless graph: nobody, with the reason
    rows, frame = A._key_player_section(nx.empty_graph(5), 2, 0)
    assert frame is None and rows[0]["value"] is None and "no edges" in rows[0]["detail"]
