"""One basis behind every cluster number (ssbkg.metrics.basis, ssbkg.metrics.gaps).

Hand-worked tables first, then the property that the sections of
``ssbkg.analysis.cluster_metrics`` (segments, completeness, specialisation,
gaps) and the API's cluster_summary / cluster_profile agree for every region
of the curated KG and of a synthetic KG. Nothing here pastes curated output:
the KG properties compare views with one another and with the LQ formula
recomputed from the ``segments`` sections.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from ssbkg import analysis as A
from ssbkg import projections as P
from ssbkg.build import build_store, curated_kg
from ssbkg.errors import GraphError, NotFoundError
from ssbkg.kg import KG
from ssbkg.metrics import (
    VALUE_CHAIN,
    cluster_gaps,
    cluster_profile,
    cluster_summary,
    holdings,
    segment_breakdown,
    segment_counts,
    segment_weights,
)
from ssbkg.synthetic.tables import synthetic_tables

SEGMENTS = [s for segs in VALUE_CHAIN.values() for s in segs]
A1 = ["c1", "p1", "cn"]
A2 = ["c2", "p1", "cn"]
B = ["p2", "cn"]


@pytest.fixture
def tables():
    orgs = pd.DataFrame({
        "id": ["e1", "e2", "e3", "u1"],
        "type": ["enterprise", "enterprise", "enterprise", "university"],
        "regions": [A1, A2, B, A1],
        "segments": [["cells", "packs"], ["cathode"], ["nev"], ["anode"]],
        "routes": [["sulfide"], [], ["oxide"], ["sulfide"]],
        "patents": [10.0, np.nan, 4.0, 50.0],
    })
    sites = pd.DataFrame({
        "id": ["s1", "s2", "s3"],
        "operator": ["e3", "u1", "e1"],  # e3 (HQ p2) runs a cells plant in c2
        "regions": [A2, A2, B],
        "segments": [["cells"], ["anode"], []],  # s3 names no segment
    })
    projects = pd.DataFrame({
        "id": ["j1", "j2", "j3"],
        "developers": [["e2"], [], ["e1", "e3"]],
        "regions": [B, A1, A1],
        "segments": [["cathode"], ["grid_storage"], ["cells"]],
        "capacity_gwh": [np.nan, 5.0, 8.0],
        "status": ["planned", "operating", "operating"],
        "year": [2026, 2024, 2025],
        "capacity_tonnes": [1000.0, np.nan, np.nan],
    })
    return orgs, sites, projects


def test_holdings_follow_the_basis_by_hand(tables):
    orgs, sites, projects = tables
    h = holdings(orgs, sites=sites, projects=projects)
    got = sorted(map(tuple, h[["organisation", "concept", "basis", "via"]].values.tolist()))
    assert got == sorted([
        ("e1", "cells", "hq", "e1"), ("e1", "packs", "hq", "e1"),
        ("e2", "cathode", "hq", "e2"), ("e3", "nev", "hq", "e3"),
        ("e3", "cells", "site", "s1"),
        ("e2", "cathode", "project", "j1"),
        ("e1", "cells", "project", "j3"), ("e3", "cells", "project", "j3"),
    ])
    # j2 names no developer; s2 is a university's, s3 names no segment
    assert h.attrs["skipped"]["projects_without_developer"] == ["j2"]
    assert h.attrs["skipped"]["sites_not_counted"] == ["s2"]


def test_segment_counts_by_hand(tables):
    orgs, sites, projects = tables
    N = segment_counts(holdings(orgs, sites=sites, projects=projects),
                       ["c1", "c2", "p1", "p2", "cn"], concepts=SEGMENTS)
    # c1: e1 (hq cells, packs), e3 (project j3 cells): cells 2, packs 1
    assert N.loc["c1", ["cells", "packs", "grid_storage", "anode"]].tolist() == [2, 1, 0, 0]
    # c2: e2 cathode (hq), e3 cells (site s1); p1 = c1 + c2 with e3 counted once in cells
    assert N.loc["c2", ["cathode", "cells"]].tolist() == [1, 1]
    assert N.loc["p1", ["cathode", "cells", "packs"]].tolist() == [1, 2, 1]
    # p2: e3 nev (hq), e2 cathode (project j1)
    assert N.loc["p2", ["nev", "cathode", "cells"]].tolist() == [1, 1, 0]
    assert N.loc["cn"].sum() == 1 + 2 + 1 + 1  # cathode e2, cells e1+e3, packs e1, nev e3
    b = segment_breakdown(holdings(orgs, sites=sites, projects=projects), "p1").loc["cells"]
    assert (b["count"], b["hq"], b["site"], b["project"]) == (2, 1, 1, 2)
    assert b["organisations"] == ["e1", "e3"]


def test_weights_read_the_same_holdings(tables):
    orgs, sites, projects = tables
    h = holdings(orgs, sites=sites, projects=projects)
    rows = ["c1", "c2", "p2"]
    cap = segment_weights(h, rows, concepts=SEGMENTS, weight="capacity", projects=projects)
    # only j3 (8 GWh, developed) has a stated capacity among developed projects; j2's 5 GWh
    # has no developer and no organisation holds grid_storage: it is not a weight
    assert cap.loc["c1", "cells"] == 8.0 and cap.to_numpy().sum() == 8.0
    pat = segment_weights(h, rows, concepts=SEGMENTS, weight="patents", orgs=orgs)
    # patents by headquarters: e1 10 in cells and packs (whole counting), e3 4 in nev
    assert pat.loc["c1", ["cells", "packs"]].tolist() == [10.0, 10.0]
    assert pat.loc["p2", "nev"] == 4.0 and pat.loc["c2"].sum() == 0.0
    N = segment_counts(h, rows, concepts=SEGMENTS)
    for W in (cap, pat, segment_weights(h, rows, concepts=SEGMENTS)):
        assert not ((W.to_numpy() > 0) & (N.to_numpy() == 0)).any()
    with pytest.raises(GraphError, match="unknown weight"):
        segment_weights(h, rows, weight="jobs")


def test_profile_summary_and_completeness_share_the_basis(tables):
    orgs, sites, projects = tables
    p = cluster_profile(orgs, "p1", projects=projects, sites=sites)
    s = cluster_summary(orgs, projects=projects, sites=sites)
    # p1: cathode (e2), cells (e1, e3), packs (e1); the university's anode and the
    # developer-less grid storage project do not count
    assert p["completeness"].loc["all", "present"] == ["cathode", "cells", "packs"]
    assert p["segments"].loc["cells", "count"] == 2
    assert s.loc["p1", "missing"] == p["completeness"].loc["all", "missing"]
    assert s.loc["p1", "completeness"] == pytest.approx(3 / 14)
    # c2 holds cells only through e3's site s1
    assert "cells" not in s.loc["c2", "missing"]


@pytest.fixture
def matrix():
    # regions a-d, segments s1-s4 (s4 held by no one)
    return pd.DataFrame({"s1": [2, 1, 0, 1], "s2": [1, 1, 1, 0], "s3": [0, 1, 1, 0],
                         "s4": [0, 0, 0, 0]}, index=list("abcd"))


def test_cluster_gaps_by_hand(matrix):
    # totals s1 4, s2 3, s3 2 of 9. LQ: a (1.5, 1.0, 0), b (0.75, 1.0, 1.5),
    # c (0, 1.5, 2.25), d (2.25, 0, 0). M = [LQ >= 1]: a {s1,s2}, b {s2,s3},
    # c {s2,s3}, d {s1}; ubiquity s1 2, s2 3, s3 2. phi(s1,s2) = 1/3, phi(s2,s3) = 2/3,
    # phi(s1,s3) = 0.
    g = cluster_gaps(matrix, "d")
    spec = g["specialisation"].set_index("segment")
    assert spec.loc["s1", "lq"] == pytest.approx(2.25)
    assert spec["specialised"].tolist() == [True, False, False, False]
    gaps = g["gaps"].set_index("segment")
    assert list(gaps["kind"]) == ["absent"] * 3
    # d in s2: (M_s1 phi(s2,s1)) / (phi(s2,s1) + phi(s2,s3)) = (1/3) / 1
    assert gaps.loc["s2", "density"] == pytest.approx(1 / 3)
    # d in s3: M_s2 = 0 -> 0 / (2/3) = 0
    assert gaps.loc["s3", "density"] == pytest.approx(0.0)
    assert gaps.loc["s2", "rank"] == 1 and gaps.loc["s3", "rank"] == 2
    # s4: held by no peer: density 0/0, listed with the reason, not dropped
    assert math.isnan(gaps.loc["s4", "density"]) and pd.isna(gaps.loc["s4", "rank"])
    assert "no peer region holds s4" in gaps.loc["s4", "note"]
    # b holds s1 with LQ 0.75: an unspecialised gap, density (1/3 + 0) / (1/3) = 1
    gb = cluster_gaps(matrix, "b")["gaps"].set_index("segment")
    assert gb.loc["s1", "kind"] == "unspecialised"
    assert gb.loc["s1", "density"] == pytest.approx(1.0)
    assert gb.loc["s1", "close_to"] == ["s2"]
    # ... and it is second by count (a holds 2): not the largest holder
    assert gb.loc["s1", "rank_by_count"] == 2 and "holds the most" not in gb.loc["s1", "note"]


def test_largest_holder_can_be_unspecialised_and_is_told_why():
    # x holds 3 of the 5 organisations in s1 (the most) but s1 is 3/9 of x against 5/11
    # overall: LQ = (3/9) / (5/11) = 0.733 < 1
    N = pd.DataFrame({"s1": [3, 2], "s2": [6, 0]}, index=["x", "y"])
    g = cluster_gaps(N, "x")["gaps"].set_index("segment")
    assert g.loc["s1", "kind"] == "unspecialised"
    assert g.loc["s1", "lq"] == pytest.approx((3 / 9) / (5 / 11))
    assert g.loc["s1", "rank_by_count"] == 1
    assert "holds the most organisations in s1 of the 2 peers (3)" in g.loc["s1", "note"]


def test_reference_reaches_specialisation_gaps_and_proximity(matrix):
    # reference c only: shares s2 1/2, s3 1/2. a: s1 x/0 (taken as specialised),
    # s2 (1/3)/(1/2) = 2/3 -> an unspecialised gap it was not with the default
    assert cluster_gaps(matrix, "a")["gaps"]["kind"].tolist() == ["absent", "absent"]
    g = cluster_gaps(matrix, "a", reference=["c"])
    spec = g["specialisation"].set_index("segment")
    assert spec.loc["s2", "lq"] == pytest.approx(2 / 3)
    assert bool(spec.loc["s1", "specialised"]) and "x/0" in spec.loc["s1", "note"]
    gaps = g["gaps"].set_index("segment")
    assert gaps.loc["s2", "kind"] == "unspecialised"
    # M against c: a {s1}, b {s1}, c {s2,s3}, d {s1}: phi(s2,s3) = 1, phi(s1,.) = 0;
    # density of a in s2 = (M_s3 * 1) / 1 = 0
    assert g["proximity"].loc["s2", "s3"] == pytest.approx(1.0)
    assert g["proximity"].loc["s1", "s2"] == 0.0
    assert gaps.loc["s2", "density"] == pytest.approx(0.0)
    # no segment is both specialised and a gap
    assert not set(spec.index[spec["specialised"]]) & set(gaps.index)


def test_peers_reach_proximity_and_density(matrix):
    # peers a, d (reference = the peers): totals s1 3, s2 1 of 4. d: s1 4/3 ;
    # a: s1 8/9, s2 4/3. M: d {s1}, a {s2}: no co-specialisation, phi = 0
    g = cluster_gaps(matrix, "d", peers=["a"])
    assert g["peers"] == ["a", "d"]
    gaps = g["gaps"].set_index("segment")
    assert math.isnan(gaps.loc["s2", "density"])
    assert "specialised in no other segment" in gaps.loc["s2", "note"]
    assert "no peer region holds s3" in gaps.loc["s3", "note"]
    assert g["concentration"].set_index("segment").loc["s1", "hhi"] == pytest.approx(
        (2 / 3) ** 2 + (1 / 3) ** 2)


def test_ties_share_a_rank_and_are_named():
    # threshold ~0: M is "holds". a {x}, b {x,y}, c {x,z}: phi(x,y) = phi(x,z) = 1/3,
    # phi(y,z) = 0; a's density in y = (1/3) / (1/3) = 1, in z the same: a tie
    N = pd.DataFrame({"x": [1, 1, 1], "y": [0, 1, 0], "z": [0, 0, 1]}, index=list("abc"))
    g = cluster_gaps(N, "a", threshold=1e-9)
    assert g["gaps"]["segment"].tolist() == ["y", "z"]
    assert g["gaps"]["density"].tolist() == pytest.approx([1.0, 1.0])
    assert g["gaps"]["rank"].tolist() == [1, 1]
    assert any("tied at rank 1: y, z" in n for n in g["notes"])


def test_complexity_only_where_defined(matrix):
    # the default M has b and c identical: ECI is reported or its reason, never both
    g = cluster_gaps(matrix, "a")
    cx = g["complexity"]
    assert math.isnan(cx["eci"]) != (cx["note"] == "" or not cx["note"].startswith("ECI/COI"))
    # a single peer: ECI needs two
    one = cluster_gaps(matrix, "a", peers=["a"])
    assert math.isnan(one["complexity"]["eci"]) and "2 peer" in one["complexity"]["note"]
    # a region specialised in nothing is left out, said so
    empty = pd.DataFrame({"s1": [0, 1, 1], "s2": [0, 1, 2]}, index=list("xyz"))
    e = cluster_gaps(empty, "x")
    assert "specialised in no segment" in e["complexity"]["note"]
    assert any("holds no segment" in n for n in e["notes"])
    with pytest.raises(NotFoundError):
        cluster_gaps(matrix, "nowhere")
    with pytest.raises(GraphError, match="no organisation holds"):
        cluster_gaps(matrix, "a", weights=matrix.assign(s4=1.0))


# ---------------------------------------------------------------- the KG property

def _synthetic_kg(tmp):
    synthetic_tables(tmp, triples=5000, seed=3)
    return KG(build_store(with_=[tmp], curated=False).store)


@pytest.fixture(scope="module", params=["curated", "synthetic"])
def kg(request, tmp_path_factory):
    if request.param == "curated":
        return curated_kg()
    return _synthetic_kg(tmp_path_factory.mktemp("synkg"))


def _regions_with_level(kg):
    levels = P._region_levels(kg)
    return sorted(r for r, lv in levels.items()
                  if any(a == r for lvl, a in lv.items() if lvl not in ("world",)))


def test_every_view_of_a_region_agrees(kg):
    T = A.cluster_tables(kg)
    regions = _regions_with_level(kg)
    summary = cluster_summary(T["orgs"], projects=T["projects"], sites=T["sites"],
                              regions=regions)
    results = {r: A.cluster_metrics(kg, r, tables=T) for r in regions}
    for r, res in results.items():
        seg = res["segments"].set_index("segment")["count"].reindex(SEGMENTS)
        held = set(seg.index[seg > 0])
        comp = res["completeness"].set_index("stage")
        assert set(comp.loc["all", "present"]) == held, r
        assert summary.loc[r, "missing"] == comp.loc["all", "missing"], r
        for stage in VALUE_CHAIN:
            assert summary.loc[r, f"completeness_{stage}"] == pytest.approx(
                comp.loc[stage, "completeness"]), r
        prof = cluster_profile(T["orgs"], r, projects=T["projects"], sites=T["sites"])
        assert prof["completeness"].loc["all", "missing"] == comp.loc["all", "missing"]
        spec = res["specialisation"].set_index("segment").reindex(SEGMENTS)
        assert (spec["n_organisations"] == seg).all(), r
        assert (spec["value"] == seg).all(), r  # the enterprises weight is the count
        assert set(spec.index[spec["present"]]) == held, r
        assert not (spec["specialised"] & ~spec["present"]).any(), r
        gaps = res["gaps"]
        absent = set(gaps.loc[gaps["kind"] == "absent", "segment"])
        unspec = set(gaps.loc[gaps["kind"] == "unspecialised", "segment"])
        assert absent == set(SEGMENTS) - held, r
        assert unspec == set(spec.index[spec["present"] & ~spec["specialised"]]), r
        for kind in ("absent", "unspecialised"):
            k = gaps[(gaps["kind"] == kind) & gaps["rank"].notna()]
            assert list(k["rank"]) == sorted(k["rank"]), r
            assert list(k["density"]) == sorted(k["density"], reverse=True), r
        undefined = gaps[gaps["density"].isna()]
        assert (undefined["note"].str.len() > 0).all(), r
        s = dict(zip(res["summary"]["metric"], res["summary"]["value"]))
        assert s["completeness: all"] == pytest.approx(comp.loc["all", "completeness"], abs=1e-4)
        # LQ recomputed from the peers' own segments sections (the reference = the peers)
        ref = res["summary"].attrs["reference"]
        tot_s = sum(results[p]["segments"].set_index("segment")["count"].reindex(SEGMENTS)
                    for p in ref if p in results)
        if set(ref) <= set(results) and tot_s.sum() > 0 and seg.sum() > 0:
            expected = (seg / seg.sum()) / (tot_s / tot_s.sum())
            for sname in SEGMENTS:
                if tot_s[sname] > 0:
                    assert spec.loc[sname, "lq"] == pytest.approx(expected[sname]), (r, sname)
    # the library's region x segment matrix is the same basis: whole organisations, at
    # every level (it was fractional, headquarters only, before)
    levels = P._region_levels(kg)
    for lvl in ("city", "province", "country"):
        counts = A.region_matrix(kg, level=lvl, weight="enterprises", tables=T)
        presence = A.region_matrix(kg, level=lvl, tables=T)
        for r, res in results.items():
            if levels[r].get(lvl) != r:
                continue
            seg = res["segments"].set_index("segment")["count"].reindex(SEGMENTS)
            row = (counts.loc[r] if r in counts.index else pd.Series(dtype=float))
            got = row.reindex(SEGMENTS).fillna(0.0)
            assert (got == seg).all(), (lvl, r)
            pres = (presence.loc[r] if r in presence.index else pd.Series(dtype=float))
            assert (pres.reindex(SEGMENTS).fillna(0.0) == (seg > 0)).all(), (lvl, r)


def test_default_peers_are_same_level_same_country():
    kg = curated_kg()
    res = A.cluster_metrics(kg, "Zhejiang")
    peers = res["summary"].attrs["peers"]
    levels = P._region_levels(kg)
    assert "cn-zj" in peers and len(peers) >= 2
    assert all(levels[p].get("country") == "cn" and levels[p].get("province") == p
               for p in peers)
    row = res["summary"].set_index("metric").loc["peers", "detail"]
    assert row.startswith("province-level regions in cn")


def test_reference_option_reaches_gaps_in_the_kg():
    kg = curated_kg()
    res = A.cluster_metrics(kg, "Zhejiang", reference=["Jiangsu", "Guangdong"])
    spec = res["specialisation"].set_index("segment")
    gaps = res["gaps"]
    # nothing printed as specialised is also a gap, whatever the reference does
    assert not set(spec.index[spec["specialised"]]) & set(gaps["segment"])
    assert res["summary"].attrs["reference"] == ["cn-gd", "cn-js"]


@pytest.mark.parametrize("reference", [None, ["cn-js", "cn-gd"]])
def test_pci_and_cog_read_the_presence_of_the_reference(reference):
    # M recomputed here from the provinces' whole-organisation counts: LQ against the
    # reference totals, specialised where LQ >= 1 or where the reference holds none (x/0);
    # PCI and COG of the gaps must be those of that M over the peers (the Chinese provinces)
    from ssbkg.metrics import complexity

    kg = curated_kg()
    res = A.cluster_metrics(kg, "Zhejiang", reference=reference)
    peers = res["summary"].attrs["peers"]
    ref = res["summary"].attrs["reference"]
    N = A.region_matrix(kg, level="province", weight="enterprises")
    N = N.reindex(index=sorted(set(peers) | set(ref)), columns=SEGMENTS).fillna(0.0)
    share = N.div(N.sum(axis=1), axis=0)
    tot = N.loc[ref].sum(axis=0)
    lq = share / (tot / tot.sum())
    Mx = ((lq >= 1) | ((tot == 0) & (N > 0))).astype(int).loc[peers]
    want = complexity(Mx, threshold=None)
    gaps = res["gaps"].set_index("segment")
    for s in gaps.index:
        if s in want["cog"].columns and not np.isnan(want["cog"].loc["cn-zj", s]):
            assert gaps.loc[s, "cog"] == pytest.approx(want["cog"].loc["cn-zj", s]), s
            assert gaps.loc[s, "pci"] == pytest.approx(want["segments"].loc[s, "pci"]), s
    s = dict(zip(res["summary"]["metric"], res["summary"]["value"]))
    assert s["economic complexity index (ECI)"] == pytest.approx(
        want["regions"].loc["cn-zj", "eci"], abs=1e-6)


def test_summary_names_the_organisations_counted_from_elsewhere():
    # read off the curated tables: enterprises headquartered outside Zhejiang that run a
    # site, or develop a project, in a Zhejiang city naming a segment
    import csv

    from ssbkg.resources import data_dir

    def rows(name):
        with open(data_dir() / f"{name}.csv", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    zj = lambda r: r == "cn-zj" or r.startswith("cn-zj-")  # noqa: E731
    hq = {o["id"]: o["region"] for o in rows("organisations") if o["type"] == "enterprise"}
    want = {s["operator"] for s in rows("sites")
            if zj(s["region"]) and s["segments"] and s["operator"] in hq}
    want |= {d for p in rows("projects") if zj(p["region"]) and p["segments"]
             for d in p["developer"].split(";") if d in hq}
    want = sorted(o for o in want if not zj(hq[o]))
    res = A.cluster_metrics(curated_kg(), "Zhejiang")
    detail = res["summary"].set_index("metric").loc["organisations", "detail"]
    assert detail.endswith("with a site or developed project here: " + ", ".join(want))
    assert want  # Qingtao, SVOLT and WeLion when this was written
