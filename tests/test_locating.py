"""Where organisations are: headquarters and sites, the country-level gap, by hand.

A copy of the tiny tables (tests/fixtures/tiny) gains, in this file:

* a second province ``tx-south`` of Testland;
* two organisations located only at the country ``tx-land`` (``org-far``, an
  enterprise, and ``org-gov``, a government body);
* three sites: Alpha's plant in ``tx-south``, Alpha's R&D centre in Bay City
  (``tx-city``, its headquarters city) and Far Corp's pilot line in ``tx-south``.

The tiny organisations are org-alpha (Bay City), org-beta (North Province) and
org-uni (Bay City); Bay City is in North Province.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from ssbkg.build import build_store, curated_kg
from ssbkg.catalogue import run
from ssbkg.errors import GraphError
from ssbkg.kg import KG
from ssbkg.projections import organisation_regions
from ssbkg.resources import data_dir

SITES = """id,kind,label_en,label_zh,operator,region,segments,routes,status,opened,source,locator,inference,note
alpha-south-plant,plant,Alpha South Plant,,org-alpha,tx-south,cells,,operating,,src-a,p. 6,,
alpha-bay-rd,rd_centre,Alpha Bay R&D,,org-alpha,tx-city,,,,,src-a,p. 6,,
far-south-line,pilot_line,Far South line,,org-far,tx-south,cells,,,,src-b,,,
"""


def _append(path, lines):
    path.write_text(path.read_text(encoding="utf-8") + lines, encoding="utf-8")


@pytest.fixture
def located(tiny_copy):
    _append(tiny_copy / "regions.csv", "tx-south,province,South Province,南省,tx-land,,src-a,p. 5,,\n")
    _append(tiny_copy / "organisations.csv",
            "org-far,enterprise,Far Corp,,,tx-land,,cells,,,src-b,,,\n"
            "org-gov,government_body,Land Ministry,,,tx-land,,,,,src-a,,,\n")
    (tiny_copy / "sites.csv").write_text(SITES, encoding="utf-8")
    return KG(build_store(with_=[tiny_copy], curated=False).store)


def _records(frame):
    return [(r.organisation, r.region, r.basis, tuple(r.sites)) for r in frame.itertuples()]


def test_regions_as_stated(located):
    assert _records(organisation_regions(located)) == [
        ("org-alpha", "tx-city", "hq", ()),
        ("org-alpha", "tx-city", "site", ("alpha-bay-rd",)),
        ("org-alpha", "tx-south", "site", ("alpha-south-plant",)),
        ("org-beta", "tx-prov", "hq", ()),
        ("org-far", "tx-land", "hq", ()),
        ("org-far", "tx-south", "site", ("far-south-line",)),
        ("org-gov", "tx-land", "hq", ()),
        ("org-uni", "tx-city", "hq", ()),
    ]


def test_firm_counts_for_both_provinces(located):
    rows = organisation_regions(located, level="province")
    # Alpha: headquarters in Bay City (North Province), plant in South Province -> both;
    # its R&D centre in Bay City is a second North Province row, on basis "site".
    assert _records(rows) == [
        ("org-alpha", "tx-prov", "hq", ()),
        ("org-alpha", "tx-prov", "site", ("alpha-bay-rd",)),
        ("org-alpha", "tx-south", "site", ("alpha-south-plant",)),
        ("org-beta", "tx-prov", "hq", ()),
        ("org-far", "tx-south", "site", ("far-south-line",)),
        ("org-uni", "tx-prov", "hq", ()),
    ]
    # the two country-level headquarters have no province: listed, not guessed
    assert rows.attrs["unplaced"] == [("org-far", "tx-land", "hq"), ("org-gov", "tx-land", "hq")]
    # firms per province on either basis: North 3 (alpha, beta, uni), South 2 (alpha, far)
    assert rows.groupby("region")["organisation"].nunique().to_dict() == {"tx-prov": 3, "tx-south": 2}


def test_one_basis_only(located):
    hq = organisation_regions(located, level="province", basis=["hq"])
    assert hq.groupby("region")["organisation"].nunique().to_dict() == {"tx-prov": 3}
    site = organisation_regions(located, level="province", basis=("site",))
    assert site.groupby("region")["organisation"].nunique().to_dict() == {"tx-prov": 1, "tx-south": 2}


@pytest.mark.parametrize("kwargs, words", [
    ({"level": "continent"}, "unknown region level 'continent'"),
    ({"basis": ("hq", "office")}, "unknown basis 'office'"),
    ({"basis": ()}, "unknown basis"),
])
def test_bad_arguments(located, kwargs, words):
    with pytest.raises(GraphError, match=words):
        organisation_regions(located, **kwargs)


def test_unlocated_organisations_lists_country_level_firms(located):
    frame = run(located, "unlocated-organisations")
    got = [(r["organisation"].rsplit("/", 1)[-1], r["type"], r["location"].rsplit("/", 1)[-1],
            r["level"], r["site_regions"] if isinstance(r["site_regions"], str) else "")
           for r in frame.to_dict("records")]
    assert got == [
        ("org-far", "enterprise", "tx-land", "country", "tx-south"),
        ("org-gov", "government_body", "tx-land", "country", ""),
    ]


def test_unlocated_organisations_of_the_curated_tables():
    # an independent reading of the CSVs: organisations whose region has level
    # country, macro_region or world
    with open(data_dir() / "regions.csv", encoding="utf-8", newline="") as fh:
        level = {r["id"]: r["level"] for r in csv.DictReader(fh)}
    with open(data_dir() / "organisations.csv", encoding="utf-8", newline="") as fh:
        expected = {r["id"] for r in csv.DictReader(fh)
                    if level.get(r["region"]) in {"country", "macro_region", "world"}}
    frame = run(curated_kg(), "unlocated-organisations")
    got = {o.rsplit("/", 1)[-1] for o in frame["organisation"]}
    assert got == expected
    # and each row's location is the region the CSV row gives
    regions = pd.read_csv(data_dir() / "organisations.csv", dtype=str,
                          keep_default_na=False).set_index("id")["region"]
    for org, loc in zip(frame["organisation"], frame["location"]):
        assert loc.rsplit("/", 1)[-1] == regions[org.rsplit("/", 1)[-1]]
