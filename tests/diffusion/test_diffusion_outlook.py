"""diffusion_outlook: the one call the report makes, checked against the KG by hand."""

import math

import pytest

from ssbkg.build import curated_kg
from ssbkg.diffusion.outlook import diffusion_outlook, launch_year


@pytest.fixture(scope="module")
def kg():
    return curated_kg()


def test_launch_year_reads_mass_or_commercial_production(kg):
    # data/observations.csv: obs-geely-assb-mass-production, target 2027, "mass production
    # of the self-developed all-solid-state battery"
    assert launch_year(kg, ["geely"])["year"] == 2027
    # BYD: demonstration use 2027 is neither mass nor commercial production; mass
    # production 2030 (obs-byd-mass-production-2030) is
    byd = launch_year(kg, ["byd"])
    assert byd["year"] == 2030 and "mass production" in byd["milestone"]
    assert launch_year(kg, ["no-such-org"])["year"] is None


def test_outlook_of_a_region_without_links(kg):
    out = diffusion_outlook(kg, "Zhejiang", runs=40, start_year=2027)
    net = out["network"]
    assert out["region"] == "cn-zj" and out["assumptions"]["start_year"] == 2027
    if net["edges"] == 0:
        # pure innovation: t50 = ln 2 / p = 23.1 years (nodes x 40 runs: within 20 %)
        assert net["t50"] == pytest.approx(math.log(2) / 0.03, rel=0.2)
        assert any("no links" in n for n in out["notes"])
    assert net["year50"] == pytest.approx(2027 + net["t50"])
    table = out["scenarios"]
    assert list(table["scenario"]) == ["baseline", "link-platforms", "bridge", "p x2"]
    # every link a scenario adds is listed, with its rule
    for name in ("link-platforms", "bridge"):
        listed = out["links"][out["links"]["scenario"] == name]
        assert len(listed) == int(table.loc[table["scenario"] == name, "links_added"].iloc[0])
        assert listed["rule"].str.len().min() > 20
    # no KG series for Zhejiang: none fitted, and each indicator says why
    assert out["series_fit"] is None and len(out["series_notes"]) == 3
    # the same network fit as effective_bass itself (two views of one number)
    assert table.loc[0, "Q"] == net["Q"] and table.loc[0, "t50"] == net["t50"]
