"""Tests of ssbkg.metrics.cluster: cluster profile and summary, worked by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from ssbkg.errors import GraphError
from ssbkg.metrics.cluster import (
    VALUE_CHAIN,
    capacity_by_status_year,
    cluster_profile,
    cluster_summary,
    completeness,
    counts,
    in_region,
    patent_position,
    route_diversity,
)

HZ = ["cn-zj-huzhou", "cn-zj", "cn"]
NB = ["cn-zj-ningbo", "cn-zj", "cn"]
SZ = ["cn-js-suzhou", "cn-js", "cn"]


@pytest.fixture
def orgs():
    return pd.DataFrame(
        {
            "id": ["o1", "o2", "o3", "o4", "o5", "o6"],
            "type": ["enterprise", "enterprise", "university", "enterprise",
                     "research_institute", "platform"],
            "regions": [HZ, HZ, HZ, NB, SZ, HZ],
            "segments": [["cells", "packs"], ["cathode"], ["solid_electrolyte"], ["nev"],
                         ["cells", "anode"], []],
            "routes": [["sulfide", "oxide"], ["sulfide"], ["sulfide", "polymer"], [],
                       ["oxide"], []],
        }
    )


@pytest.fixture
def projects():
    return pd.DataFrame(
        {
            "id": ["p1", "p2", "p3", "p4", "p5"],
            # p3 has no developer; p4's developer is a research institute
            "developers": [["o1"], ["o1"], [], ["o5"], ["o4"]],
            "regions": [HZ, HZ, HZ, SZ, NB],
            "segments": [["cells"], ["cells"], ["anode"], ["cells"], ["grid_storage"]],
            "status": ["operating", "operating", "planned", "under_construction", "planned"],
            "year": [2023, 2023, 2026, 2025, None],
            "capacity_gwh": [2.0, 0.5, np.nan, 10.0, 1.0],
            "capacity_tonnes": [np.nan, np.nan, 1000.0, np.nan, np.nan],
        }
    )


@pytest.fixture
def patents():
    return pd.DataFrame(
        {
            "holder": ["o1", "o3", "o5", "cn-zj"],
            "regions": [HZ, HZ, SZ, ["cn-zj", "cn"]],
            "count": [120, 30, 200, 500],
            "rank": [np.nan, np.nan, np.nan, 2],
            "scope": [None, None, None, "Chinese provinces, SSB patents"],
        }
    )


def test_in_region_any_level(orgs):
    assert in_region(orgs, "cn-zj-huzhou").sum() == 4  # o1, o2, o3, o6
    assert in_region(orgs, "cn-zj").sum() == 5  # + o4 (Ningbo)
    assert in_region(orgs, "cn").sum() == 6
    with pytest.raises(GraphError, match="region"):
        in_region(orgs, None)


def test_counts_by_hand(orgs):
    seg = counts(orgs, "cn-zj-huzhou")
    # enterprises: o1 cells+packs, o2 cathode; o3 (university) and o6 (platform) are
    # not in the basis
    assert seg[["cells", "packs", "cathode", "solid_electrolyte", "anode"]].tolist() == [
        1, 1, 1, 0, 0
    ]
    assert len(seg) == 14 and seg.sum() == 3
    # widening the basis to universities brings o3's solid electrolyte in
    wide = counts(orgs, "cn-zj-huzhou", types=("enterprise", "university"))
    assert wide["solid_electrolyte"] == 1
    # stage: upstream o2 -> 1 ; midstream o1 -> 1 ; downstream none
    assert counts(orgs, "cn-zj-huzhou", by="stage").to_dict() == {
        "upstream": 1, "midstream": 1, "downstream": 0
    }
    assert counts(orgs, "cn-zj-huzhou", by="type").to_dict() == {
        "enterprise": 2, "platform": 1, "university": 1
    }
    # routes: sulfide o1, o2, o3 ; oxide o1 ; polymer o3 (count desc, then name)
    assert counts(orgs, "cn-zj-huzhou", by="routes").to_dict() == {
        "sulfide": 3, "oxide": 1, "polymer": 1
    }
    # at country level cells is o1 only: o5 (Suzhou) is a research institute
    assert counts(orgs, "cn")["cells"] == 1


def test_completeness_by_hand(orgs):
    c = completeness(orgs, "cn-zj-huzhou")
    # upstream: cathode (o2) of 6 -> 1/6 ; midstream cells, packs (o1) -> 1 ;
    # downstream 0/6 ; all 3/14 (o3's solid electrolyte: a university, not counted)
    assert c["completeness"].to_dict() == pytest.approx(
        {"upstream": 1 / 6, "midstream": 1.0, "downstream": 0.0, "all": 3 / 14}
    )
    assert c.loc["upstream", "missing"] == [
        "anode", "solid_electrolyte", "separator_film", "lithium_salts_precursors", "equipment"
    ]
    assert c.loc["midstream", "missing"] == []
    assert len(c.loc["downstream", "missing"]) == 6
    # province level adds Ningbo's nev: downstream 1/6
    assert completeness(orgs, "cn-zj").loc["downstream", "completeness"] == pytest.approx(1 / 6)


def test_completeness_with_projects_and_custom_stages(orgs, projects):
    # p3 (Huzhou) is an anode project with no developer: it does not make anode
    # present, upstream stays cathode only (1/6)
    c = completeness(orgs, "cn-zj-huzhou", projects=projects)
    assert c.loc["upstream", "completeness"] == pytest.approx(1 / 6)
    assert "anode" in c.loc["upstream", "missing"]
    # p5 (Ningbo, grid storage) is developed by o4: grid_storage present in Zhejiang
    c = completeness(orgs, "cn-zj", projects=projects)
    assert "grid_storage" in c.loc["downstream", "present"]
    # with a developer, p3 would count: give it o2
    dev = projects.assign(developers=[["o1"], ["o1"], ["o2"], ["o5"], ["o4"]])
    c = completeness(orgs, "cn-zj-huzhou", projects=dev)
    assert c.loc["upstream", "completeness"] == pytest.approx(2 / 6)
    stages = {"materials": ["cathode", "anode"], "cells": ["cells"]}
    c = completeness(orgs, "cn-zj-huzhou", stages=stages)
    # materials: cathode of {cathode, anode} -> 1/2 ; cells 1/1 ; all 2/3
    assert c["completeness"].to_dict() == pytest.approx(
        {"materials": 0.5, "cells": 1.0, "all": 2 / 3}
    )
    with pytest.raises(GraphError, match="is in stages"):
        completeness(orgs, "cn", stages={"a": ["cells"], "b": ["cells"]})


def test_empty_region_is_defined(orgs):
    c = completeness(orgs, "cn-sh")
    assert (c["completeness"] == 0).all()
    assert c.loc["all", "missing"] == [s for segs in VALUE_CHAIN.values() for s in segs]
    d = route_diversity(orgs, "cn-sh")
    assert d["routes"] == 0 and d["entropy_bits"] == 0.0 and math.isnan(d["evenness"])
    assert "no technology route" in d["note"]
    p = cluster_profile(orgs, "cn-sh")
    assert p["n_organisations"] == 0 and p["types"].empty


def test_route_diversity_by_hand(orgs):
    d = route_diversity(orgs, "cn-zj-huzhou")
    # pairs: sulfide 3, oxide 1, polymer 1 -> p = 0.6, 0.2, 0.2
    # H = -(0.6 log2 0.6 + 2 * 0.2 log2 0.2) = 1.370951 bits ; J = H / log2 3 = 0.864974
    assert d["routes"] == 3
    assert d["entropy_bits"] == pytest.approx(1.370951, abs=1e-6)
    assert d["evenness"] == pytest.approx(0.864974, abs=1e-6)
    assert d["counts"] == {"sulfide": 3, "oxide": 1, "polymer": 1}


def test_one_organisation_region(orgs):
    # Ningbo has one organisation (o4) and no route: entropy 0, evenness undefined.
    p = cluster_profile(orgs, "cn-zj-ningbo")
    assert p["n_organisations"] == 1
    assert p["completeness"].loc["downstream", "n_present"] == 1
    assert p["route_diversity"]["routes"] == 0
    one = pd.DataFrame({"regions": [["x"]], "routes": [["oxide"]]})
    d = route_diversity(one, "x")
    assert d["routes"] == 1 and d["entropy_bits"] == 0.0 and math.isnan(d["evenness"])
    assert "fewer than 2 routes" in d["note"]


def test_capacity_by_status_year_by_hand(projects):
    c = capacity_by_status_year(projects, "cn-zj-huzhou")
    # operating 2023: p1 2.0 + p2 0.5 = 2.5 ; planned 2026: p3 states no GWh (NaN), 1000 t
    assert c["status"].tolist() == ["operating", "planned"]
    assert c["year"].tolist() == [2023, 2026]
    assert c["n_projects"].tolist() == [2, 1]
    assert c.loc[0, "capacity_gwh"] == pytest.approx(2.5)
    assert math.isnan(c.loc[1, "capacity_gwh"]) and c.loc[1, "n_gwh"] == 0
    assert c.loc[1, "capacity_tonnes"] == pytest.approx(1000.0)
    zj = capacity_by_status_year(projects, "cn-zj")
    # Ningbo's p5 has no year: reported as "unknown", after the known years
    last = zj.iloc[-1]
    assert (last["status"], last["year"], last["capacity_gwh"]) == ("planned", "unknown", 1.0)
    assert capacity_by_status_year(projects, "cn-sh").empty


def test_patent_position_by_hand(patents):
    hz = patent_position(patents, "cn-zj-huzhou", peers=["cn-js-suzhou", "cn-zj-ningbo"])
    # Huzhou: holders o1 120 + o3 30 = 150 ; Suzhou: o5 200 ; Ningbo: none -> 0
    assert hz["count"] == 150 and hz["basis"].startswith("sum")
    assert hz["rank"] == 2 and hz["n_peers"] == 3
    assert hz["peers"]["region"].tolist() == ["cn-js-suzhou", "cn-zj-huzhou", "cn-zj-ningbo"]
    zj = patent_position(patents, "cn-zj", peers=["cn-js"])
    # cn-zj has its own row (500) which wins over its holders' sum (150)
    assert zj["count"] == 500 and zj["basis"] == "direct" and zj["rank"] == 1
    assert zj["published"] == [
        {"holder": "cn-zj", "rank": 2, "scope": "Chinese provinces, SSB patents"}
    ]
    tie = pd.DataFrame({"holder": ["a", "b"], "regions": [["x"], ["y"]], "count": [10, 10]})
    assert patent_position(tie, "y", peers=["x"])["rank"] == 1
    assert patent_position(patents, "cn-zj")["rank"] is None


def test_profile_errors(orgs):
    with pytest.raises(GraphError, match="lacks column"):
        cluster_profile(orgs.drop(columns="routes"), "cn")
    with pytest.raises(GraphError, match="DataFrame"):
        cluster_profile([1, 2], "cn")
    with pytest.raises(GraphError, match="regions"):
        in_region(orgs.drop(columns="regions"), "cn")


def test_summary_by_hand(orgs, projects, patents):
    s = cluster_summary(
        orgs, projects=projects, patents=patents, peers=["cn-zj", "cn-js"]
    )
    assert s.loc["cn-zj-huzhou", "n_organisations"] == 4
    assert s.loc["cn-zj-huzhou", "n_enterprise"] == 2
    # the basis: o2's cathode upstream (1/6), o1's cells and packs; p3's anode has no
    # developer and adds nothing; all 3/14
    assert s.loc["cn-zj-huzhou", "completeness_upstream"] == pytest.approx(1 / 6)
    assert s.loc["cn-zj-huzhou", "completeness"] == pytest.approx(3 / 14)
    # p5 (grid storage, developed by o4) is in Ningbo: Zhejiang holds grid_storage
    assert "grid_storage" not in s.loc["cn-zj", "missing"]
    assert "grid_storage" in s.loc["cn-zj-huzhou", "missing"]
    assert s.loc["cn-zj-huzhou", "route_entropy_bits"] == pytest.approx(1.370951, abs=1e-6)
    # capacity: Huzhou 2.0 + 0.5 (p3 unknown) ; cn-zj adds Ningbo 1.0 ; cn adds Suzhou 10
    assert s.loc["cn-zj-huzhou", "capacity_gwh"] == pytest.approx(2.5)
    assert s.loc["cn-zj", "capacity_gwh"] == pytest.approx(3.5)
    assert s.loc["cn", "capacity_gwh"] == pytest.approx(13.5)
    assert math.isnan(s.loc["cn-zj-huzhou", "capacity_gwh_planned"])
    assert s.loc["cn-zj", "capacity_gwh_planned"] == pytest.approx(1.0)
    # patents: Huzhou 150 ; cn-zj own row 500 ; cn-js 200 -> ranks 1 and 2
    assert s.loc["cn-zj-huzhou", "patents"] == 150
    assert s.loc["cn-zj", "patents"] == 500
    assert s.loc["cn-zj", "patent_rank"] == 1 and s.loc["cn-js", "patent_rank"] == 2
    assert math.isnan(s.loc["cn-zj-huzhou", "patent_rank"])
    assert math.isnan(s.loc["cn-zj-ningbo", "route_evenness"])
    assert "fewer than 2 routes" in s.loc["cn-zj-ningbo", "note"]
    empty = cluster_summary(orgs, regions=["cn-sh", "cn-zj"])
    assert empty.loc["cn-sh", "n_organisations"] == 0
    assert empty.loc["cn-sh", "completeness"] == 0.0
    assert len(empty.loc["cn-sh", "missing"]) == 14


def _random_ecosystem(n, seed):
    rng = np.random.default_rng(seed)
    segs = [s for v in VALUE_CHAIN.values() for s in v]
    routes = ["sulfide", "oxide", "polymer", "halide"]
    types = ["enterprise", "university", "platform"]
    rows = []
    for i in range(n):
        prov = int(rng.integers(3))
        city = f"c{prov}-{int(rng.integers(3))}"
        rows.append(
            {
                "id": f"o{i}",
                "type": types[int(rng.integers(3))],
                "regions": [city, f"p{prov}", "cn"],
                "segments": list(rng.choice(segs, size=int(rng.integers(0, 3)), replace=False)),
                "routes": list(rng.choice(routes, size=int(rng.integers(0, 3)), replace=False)),
            }
        )
    return pd.DataFrame(rows)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_summary_agrees_with_profile(seed):
    # Two implementations (sparse products vs per-region pandas filtering) agree.
    orgs = _random_ecosystem(80, seed)
    s = cluster_summary(orgs)
    for region in s.index:
        p = cluster_profile(orgs, region)
        assert s.loc[region, "n_organisations"] == p["n_organisations"]
        c = p["completeness"]["completeness"]
        for stage in VALUE_CHAIN:
            assert s.loc[region, f"completeness_{stage}"] == pytest.approx(c[stage])
        assert s.loc[region, "completeness"] == pytest.approx(c["all"])
        assert s.loc[region, "missing"] == p["completeness"].loc["all", "missing"]
        d = p["route_diversity"]
        assert s.loc[region, "routes"] == d["routes"]
        assert s.loc[region, "route_entropy_bits"] == pytest.approx(d["entropy_bits"])
        for t, k in p["types"].items():
            assert s.loc[region, f"n_{t}"] == k


def test_counts_by_custom_categories():
    t = pd.DataFrame({"regions": [["x"], ["x"]], "routes": [["oxide"], ["sulfide", "oxide"]]})
    # categories listed first (halide absent -> 0), present extras after
    c = counts(t, "x", by="routes", categories=["halide", "sulfide"])
    assert c.to_dict() == {"halide": 0, "sulfide": 1, "oxide": 2}


def test_empty_organisation_table():
    empty = pd.DataFrame({"id": [], "type": [], "regions": [], "segments": [], "routes": []})
    assert cluster_summary(empty).empty
    s = cluster_summary(empty, regions=["x"])
    assert s.loc["x", "n_organisations"] == 0 and s.loc["x", "completeness"] == 0.0
    assert math.isnan(s.loc["x", "route_evenness"]) and s.loc["x", "note"]
    p = cluster_profile(empty, "x")
    assert p["n_organisations"] == 0
    assert p["completeness"].loc["all", "n_present"] == 0
