"""Fitting an adoption series stored in the KG (ssbkg diffusion fit --kg-indicator/--kg-subject).

tests/fixtures/network/observations.csv holds Netland's yearly installations
2018-2025, written from the Bass model with p = 0.03, q = 0.5, m = 100 GWh
(m [F(t) - F(t-1)], t = 1..8, rounded to 4 decimals), plus one 2030 *forecast*
of 40 GWh that must not enter the fit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ssbkg.build import build_store
from ssbkg.cli.main import cli
from ssbkg.diffusion.fit import fit_bass
from ssbkg.diffusion.market import series_from_kg
from ssbkg.errors import InputError, NotFoundError
from ssbkg.build import curated_kg
from ssbkg.kg import KG

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "network"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("series") / "kg"
    build_store(path=path, with_=[FIXTURE], curated=False)
    return path


def test_series_from_kg(store_dir):
    periods, values = series_from_kg(KG.from_path(store_dir), "installed_volume", "nw-land")
    assert periods == [2018.0, 2019.0, 2020.0, 2021.0, 2022.0, 2023.0, 2024.0, 2025.0]
    assert values[0] == pytest.approx(3.8057) and values[-1] == pytest.approx(10.1889)
    # the same series in MWh
    _, mwh = series_from_kg(KG.from_path(store_dir), "installed_volume", "nw-land",
                            unit="MegaW-HR")
    assert mwh[0] == pytest.approx(3805.7)


def test_fit_recovers_the_generating_parameters(store_dir):
    periods, values = series_from_kg(KG.from_path(store_dir), "installed_volume", "nw-land")
    res = fit_bass(values, periods)
    # rounding to 4 decimals perturbs the data by < 5e-5 GWh
    assert res.params["p"] == pytest.approx(0.03, rel=1e-4)
    assert res.params["q"] == pytest.approx(0.5, rel=1e-4)
    assert res.params["m"] == pytest.approx(100.0, rel=1e-4)


def test_cli_fit_from_kg(store_dir):
    res = CliRunner().invoke(cli, ["diffusion", "fit", "--kg-indicator", "installed_volume",
                                   "--kg-subject", "Netland", "--store", str(store_dir),
                                   "--format", "json"])
    assert res.exit_code == 1 and "Netland" in res.output  # ids only for --kg-subject
    res = CliRunner().invoke(cli, ["diffusion", "fit", "--kg-indicator", "installed_volume",
                                   "--kg-subject", "nw-land", "--store", str(store_dir),
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = {r["parameter"]: r["estimate"] for r in json.loads(res.stdout)}
    assert rows["q"] == pytest.approx(0.5, rel=1e-4)


def test_curated_semi_solid_installs_are_not_a_series():
    # public fact #41: 482.9 MWh in May 2024 and 1,621.8 MWh in Jan-May 2024 -- a month
    # and a five-month total cannot make one series (the total has no single period)
    with pytest.raises(InputError, match="has no reference period"):
        series_from_kg(curated_kg(), "installed_volume", "cn", unit="MegaW-HR")


def test_unknown_subject():
    with pytest.raises(NotFoundError):
        series_from_kg(curated_kg(), "installed_volume", "atlantis")


def test_series_file_and_kg_are_exclusive(tmp_path):
    csv = tmp_path / "s.csv"
    csv.write_text("period,adoption\n1,1\n2,2\n3,3\n4,2\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["diffusion", "fit", str(csv), "--kg-indicator", "x",
                                   "--kg-subject", "y"])
    assert res.exit_code == 2 and "not both" in res.output
