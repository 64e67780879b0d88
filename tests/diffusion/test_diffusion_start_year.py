"""The diffusion start year read from the KG (ssbkg.diffusion.outlook.start_year_from_kg)
and printed by `ssbkg diffusion simulate | scenario --region`.

A copy of tests/fixtures/network with hand-written additions, so every expected year is
read off the rows below: East Province gets an installed-volume series (2022, 2023) and
an operating MatCo line opened 2021 in Hill City (and another operating there with no
start date); West Province one dated installs figure
(2020, not a series) and nothing else.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ssbkg.build import build_store
from ssbkg.cli.main import cli
from ssbkg.diffusion.outlook import start_year_from_kg
from ssbkg.kg import KG

FIXTURE = Path(__file__).parent.parent / "fixtures" / "network"

OBS = [
    "nw-s1,nw-east,installed_volume,10,,MegaW-HR,exact,actual,2024,2023,,,,nw-src,,,",
    "nw-s2,nw-east,installed_volume,4,,MegaW-HR,exact,actual,2024,2022,,,,nw-src,,,",
    "nw-s3,nw-west,installed_volume,1,,MegaW-HR,exact,actual,2024,2020,,,,nw-src,,,",
]
PROJECT = ("nw-op,cell_production,MatCo Old Line,,nw-matco,,nw-hill,cells,,operating,2021-03,,"
           "nw-src,,,\n"
           "nw-undated,material_production,MatCo Undated Line,,nw-matco,,nw-hill,"
           "solid_electrolyte,,operating,,,nw-src,,,")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tables = tmp_path_factory.mktemp("start") / "tables"
    shutil.copytree(FIXTURE, tables)
    with open(tables / "observations.csv", "a", encoding="utf-8") as fh:
        fh.write("\n".join(OBS) + "\n")
    with open(tables / "projects.csv", "a", encoding="utf-8") as fh:
        fh.write(PROJECT + "\n")
    path = tables.parent / "kg"
    build_store(path=path, with_=[tables], curated=False)
    return path


@pytest.fixture(scope="module")
def kg(store):
    return KG.from_path(store)


def test_series_first_then_operating_production(kg):
    east = start_year_from_kg(kg, "nw-east")
    # the series nw-s2/nw-s1 starts in 2022 (its first period); the series rule comes
    # first even though the MatCo line operates since 2021, which is listed as the next rule
    assert (east["year"], east["rule"], east["subject"], east["date"]) == (
        2022, "series", "nw-east", "2022")
    assert east["other"] == ["operating: 2021 (nw-op, operating since 2021-03)"]
    assert "start year 2022 from the KG" in east["source"]
    # Hill City has the line but no series: operating production, 2021
    hill = start_year_from_kg(kg, "nw-hill")
    assert (hill["year"], hill["rule"], hill["subject"]) == (2021, "operating", "nw-op")
    # ... with a caution: the undated operating line may be older than 2021
    assert hill["undated"] == ["nw-undated"]
    assert "caution: 1 operating production site(s) or project(s) here have no start date" \
        in hill["source"]
    # the series rule reads adoption itself: no caution about production dates
    assert "caution" not in east["source"]
    # West: a single dated figure is not a series, and nothing operates there
    west = start_year_from_kg(kg, "nw-west")
    assert west["year"] is None and "no start year in the KG for nw-west" in west["source"]
    # the under-construction CellCo line (started 2024) is not operating production
    port = start_year_from_kg(kg, "nw-port")
    assert port["year"] is None


def test_simulate_and_scenario_print_calendar_years_and_their_source(store):
    runner = CliRunner()
    res = runner.invoke(cli, ["diffusion", "simulate", "--region", "East Province",
                              "--store", str(store), "--p", "0.05", "--q", "0.3",
                              "--years", "3", "--runs", "5", "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [r["year"] for r in rows] == [2022, 2023, 2024, 2025]
    assert [r["t"] for r in rows] == [0, 1, 2, 3]
    assert "start year 2022 from the KG: first period of its installed_volume series" \
        in res.stderr
    res = runner.invoke(cli, ["diffusion", "scenario", "--region", "East Province",
                              "--store", str(store), "--p", "0.05", "--q", "0.3", "--runs", "5",
                              "--p-multiplier", "2", "--format", "json"])
    assert res.exit_code == 0, res.output
    table = json.loads(res.stdout)
    for row in table:
        assert row["year50"] == pytest.approx(2022 + row["t50"])
    # West: no year anywhere, so times stay years since launch, with the reason
    res = runner.invoke(cli, ["diffusion", "simulate", "--region", "West Province",
                              "--store", str(store), "--p", "0.05", "--q", "0.3",
                              "--years", "2", "--runs", "5", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert "year" not in json.loads(res.stdout)[0]
    assert "note: no start year in the KG for nw-west" in res.stderr
    # --start-year wins and says so
    res = runner.invoke(cli, ["diffusion", "simulate", "--region", "West Province",
                              "--store", str(store), "--p", "0.05", "--q", "0.3",
                              "--years", "1", "--runs", "5", "--start-year", "2030",
                              "--format", "json"])
    assert json.loads(res.stdout)[0]["year"] == 2030
    assert "start year 2030: given by --start-year" in res.stderr
