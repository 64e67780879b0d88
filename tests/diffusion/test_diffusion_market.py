"""Market size m from the curated KG (the study's 2030 shipment forecast)."""

import json

import pytest
from click.testing import CliRunner

from ssbkg.cli.main import cli
from ssbkg.diffusion.market import market_size_from_kg
from ssbkg.errors import InputError, NotFoundError
from ssbkg.build import curated_kg


@pytest.fixture(scope="module")
def kg():
    return curated_kg()


def test_study_forecast_is_the_market_size(kg):
    # data/observations.csv, obs-world-ssb-shipments-2030: 614.1 GWh (GGII and EVTank, via
    # the seed study); 1 GWh = 1000 MWh
    info = market_size_from_kg(kg)
    assert info["value"] == pytest.approx(614.1)
    assert info["source_unit"] == "GigaW-HR" and info["ref_period"] == "2030"
    assert info["observation"].endswith("/obs/obs-world-ssb-shipments-2030")
    assert market_size_from_kg(kg, unit="MegaW-HR")["value"] == pytest.approx(614100.0)


def test_errors(kg):
    with pytest.raises(NotFoundError, match="'no-such-obs'"):
        market_size_from_kg(kg, observation="no-such-obs")
    with pytest.raises(InputError, match="unknown energy unit 'TONNE'"):
        market_size_from_kg(kg, unit="TONNE")
    with pytest.raises(InputError, match="TONNE, not an energy unit"):
        market_size_from_kg(kg, observation="obs-zhonglun-bopa-30000t-2026")


def test_cli_fit_with_market_size_from_kg(tmp_path):
    path = tmp_path / "ssb.csv"
    path.write_text("period,adoption\n2021,2\n2022,5\n2023,11\n2024,24\n2025,45\n",
                    encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(cli, ["diffusion", "fit", str(path), "--market-size-from-kg",
                              "--format", "json"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert [r["parameter"] for r in json.loads(res.stdout)] == ["p", "q"]
    assert "market size m = 614.1 GigaW-HR" in res.stderr
    res = runner.invoke(cli, ["diffusion", "fit", str(path), "--market-size-from-kg",
                              "--series-unit", "MegaW-HR"])
    assert "m = 614100 MegaW-HR" in res.stderr
    res = runner.invoke(cli, ["diffusion", "fit", str(path), "--market-size-from-kg",
                              "--market-size", "5"])
    assert res.exit_code == 2 and "not both" in res.output
