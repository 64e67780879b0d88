"""Tests of ssbkg.metrics.specialisation: location quotient / RCA and HHI."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ssbkg.errors import GraphError, NotFoundError
from ssbkg.metrics.specialisation import hhi, location_quotient, rca, specialisation_table


@pytest.fixture
def abc():
    # a: s=2, t=2 (row total 4); b: s=6, t=0 (6); c: s=0, t=10 (10)
    # column totals s=8, t=12; grand total 20.
    return pd.DataFrame({"s": [2, 6, 0], "t": [2, 0, 10]}, index=["a", "b", "c"])


def test_reat_documented_example():
    # REAT (R package) documents locq(e_ij=1714, e_j=79006, E_i=879213, E=15593224)
    # = 0.3847623 (printed to 7 digits: tolerance half a unit of the last). As a 2x2 matrix: region r, segment s = 1714; region r total
    # 79006 -> other segment 77292; segment s total 879213 -> other regions
    # 877499; the last cell completes the grand total:
    # 15593224 - 79006 - 877499 = 14636719.
    M = pd.DataFrame(
        {"s": [1714, 877499], "other": [77292, 14636719]}, index=["r", "rest"]
    )
    assert location_quotient(M).loc["r", "s"] == pytest.approx(0.3847623, abs=5e-8)
    assert rca(M).loc["r", "s"] == pytest.approx(0.3847623, abs=5e-8)


def test_hand_worked_all_rows(abc):
    lq = location_quotient(abc)
    # a,s = (2/4)/(8/20) = 1.25 ; a,t = (2/4)/(12/20) = 0.8333
    # b,s = (6/6)/(8/20) = 2.5  ; b,t = 0
    # c,s = 0                    ; c,t = (10/10)/(12/20) = 1.6667
    expected = pd.DataFrame(
        {"s": [1.25, 2.5, 0.0], "t": [5 / 6, 0.0, 5 / 3]}, index=["a", "b", "c"]
    )
    pd.testing.assert_frame_equal(lq, expected, check_exact=False, rtol=1e-12)
    assert lq.attrs["reference"] == ["a", "b", "c"]
    assert lq.attrs["undefined_rows"] == [] and lq.attrs["undefined_columns"] == []


def test_hand_worked_reference_subset(abc):
    lq = location_quotient(abc, reference=["a", "b"])
    # reference totals: s = 2+6 = 8, t = 2+0 = 2, all = 10 -> shares 0.8, 0.2
    # a,s = 0.5/0.8 = 0.625 ; a,t = 0.5/0.2 = 2.5
    # b,s = 1/0.8 = 1.25    ; c (outside the reference) t = 1/0.2 = 5
    assert lq.loc["a", "s"] == pytest.approx(0.625)
    assert lq.loc["a", "t"] == pytest.approx(2.5)
    assert lq.loc["b", "s"] == pytest.approx(1.25)
    assert lq.loc["c", "t"] == pytest.approx(5.0)
    assert lq.attrs["reference"] == ["a", "b"]


def test_single_region_reference(abc):
    lq = location_quotient(abc, reference="b")
    # reference b has s only: shares s = 1, t = 0 -> column t is x/0 (undefined)
    # b,s = 1/1 = 1 ; a,s = (2/4)/1 = 0.5 ; c,s = 0
    assert lq["s"].tolist() == pytest.approx([0.5, 1.0, 0.0])
    assert lq["t"].isna().all()
    assert lq.attrs["undefined_columns"] == ["t"]
    assert "absent from the reference" in lq.attrs["nan_reason"]


def test_zero_row_is_nan_with_reason(abc):
    M = pd.concat([abc, pd.DataFrame({"s": [0], "t": [0]}, index=["d"])])
    lq = location_quotient(M)
    assert lq.loc["d"].isna().all()
    assert lq.attrs["undefined_rows"] == ["d"]
    assert "no activity" in lq.attrs["nan_reason"]
    # other rows are unchanged by an empty region: a,s still 1.25
    assert lq.loc["a", "s"] == pytest.approx(1.25)


@pytest.mark.parametrize(
    "bad, message",
    [
        ([[1, -1], [2, 3]], "negative"),
        ([[1, np.nan], [2, 3]], "missing or infinite"),
        ([[1, np.inf], [2, 3]], "missing or infinite"),
    ],
)
def test_bad_values_raise(bad, message):
    M = pd.DataFrame(bad, index=["a", "b"], columns=["s", "t"])
    with pytest.raises(GraphError, match=message):
        location_quotient(M)


def test_bad_inputs_raise(abc):
    with pytest.raises(GraphError, match="DataFrame"):
        location_quotient(np.ones((2, 2)))
    with pytest.raises(GraphError, match="empty"):
        location_quotient(pd.DataFrame())
    with pytest.raises(GraphError, match="empty set"):
        location_quotient(abc, reference=[])
    with pytest.raises(NotFoundError, match="zz"):
        location_quotient(abc, reference=["a", "zz"])
    zero = pd.DataFrame({"s": [0, 1], "t": [0, 1]}, index=["z", "a"])
    with pytest.raises(GraphError, match="no activity"):
        location_quotient(zero, reference=["z"])
    dup = pd.DataFrame([[1, 2], [3, 4]], index=["a", "a"], columns=["s", "t"])
    with pytest.raises(GraphError, match="duplicate"):
        location_quotient(dup)


matrices = arrays(
    np.int64,
    st.tuples(st.integers(1, 6), st.integers(1, 6)),
    elements=st.integers(0, 50),
)


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_weighted_mean_of_lq_is_one(x):
    # Law: sum_r (x_r. / x..) LQ_rs = sum_r x_rs / x_.s = 1 for every segment
    # with x_.s > 0 (reference = all rows).
    M = pd.DataFrame(x)
    if x.sum() == 0:
        with pytest.raises(GraphError):
            location_quotient(M)
        return
    lq = location_quotient(M).to_numpy()
    w = x.sum(axis=1) / x.sum()
    for s in range(x.shape[1]):
        if x[:, s].sum() == 0:
            assert np.isnan(lq[:, s]).all()
            continue
        rows = x.sum(axis=1) > 0
        assert np.sum(w[rows] * lq[rows, s]) == pytest.approx(1.0)


@settings(max_examples=40, deadline=None)
@given(matrices, st.data())
def test_weighted_mean_over_reference_is_one(x, data):
    # The same law holds over any reference subset R, weighted by x_r. / x^R_..
    M = pd.DataFrame(x)
    ref = data.draw(st.sets(st.sampled_from(list(M.index)), min_size=1))
    xr = x[sorted(ref)]
    if xr.sum() == 0:
        return
    lq = location_quotient(M, reference=sorted(ref)).to_numpy()[sorted(ref)]
    w = xr.sum(axis=1) / xr.sum()
    rows = xr.sum(axis=1) > 0
    for s in range(x.shape[1]):
        if xr[:, s].sum() > 0:
            assert np.sum(w[rows] * lq[rows, s]) == pytest.approx(1.0)


def test_specialisation_table(abc):
    t = specialisation_table(abc, reference=["a", "b"])
    assert list(t.columns) == [
        "region", "segment", "value", "lq", "specialised", "reference", "note"
    ]
    assert len(t) == 6
    assert (t["reference"] == "a;b").all()
    row = t[(t.region == "a") & (t.segment == "t")].iloc[0]
    # (2/4) / (2/10) = 2.5 >= 1
    assert row["lq"] == pytest.approx(2.5) and row["specialised"]
    single = specialisation_table(abc, reference=["b"])
    nan_rows = single[single.lq.isna()]
    assert set(nan_rows.segment) == {"t"}
    assert nan_rows.note.str.contains("absent from the reference").all()
    assert not nan_rows.specialised.any()


# --- HHI ---------------------------------------------------------------------


@pytest.fixture
def two():
    return pd.DataFrame({"cells": [3, 1], "nev": [2, 2], "idle": [0, 0]}, index=["a", "b"])


def test_hhi_per_segment(two):
    h = hhi(two)
    # cells: shares 3/4, 1/4 -> 0.5625 + 0.0625 = 0.625 ; nev: 0.25 + 0.25 = 0.5
    assert h.loc["cells", "hhi"] == pytest.approx(0.625)
    assert h.loc["nev", "hhi"] == pytest.approx(0.5)
    assert h.loc["cells", "equivalent"] == pytest.approx(1.6)
    assert h.loc["cells", "n"] == 2
    assert math.isnan(h.loc["idle", "hhi"]) and "no activity" in h.loc["idle", "note"]
    assert hhi(two, scale=10000).loc["cells", "hhi"] == pytest.approx(6250.0)


def test_hhi_per_region(two):
    h = hhi(two, axis=1)
    # a: [3, 2, 0] -> 0.6^2 + 0.4^2 = 0.52 ; b: [1, 2, 0] -> 1/9 + 4/9 = 5/9
    assert h.loc["a", "hhi"] == pytest.approx(0.52)
    assert h.loc["b", "hhi"] == pytest.approx(5 / 9)


def test_hhi_organisation_table():
    orgs = pd.DataFrame(
        {
            "id": ["o1", "o2", "o3"],
            "segments": [["cells", "nev"], ["cells"], ["nev"]],
            "capacity_gwh": [6.0, 2.0, np.nan],
        }
    )
    # counts: cells {o1, o2} -> 1/2 ; nev {o1, o3} -> 1/2
    h = hhi(orgs)
    assert h.loc["cells", "hhi"] == pytest.approx(0.5)
    assert h.loc["nev", "hhi"] == pytest.approx(0.5)
    # capacity (o3 has none: left out): cells 6, 2 -> 0.75^2 + 0.25^2 = 0.625 ;
    # nev o1 only -> 1
    h = hhi(orgs, weight="capacity_gwh")
    assert h.loc["cells", "hhi"] == pytest.approx(0.625)
    assert h.loc["nev", "hhi"] == pytest.approx(1.0)
    assert h.attrs["excluded"] == 1
    # split: o1 gives 3 to cells and 3 to nev: cells 3, 2 -> 0.36 + 0.16 = 0.52
    h = hhi(orgs, weight="capacity_gwh", split=True)
    assert h.loc["cells", "hhi"] == pytest.approx(0.52)
    with pytest.raises(GraphError, match="weight column"):
        hhi(orgs, weight="patents")
    with pytest.raises(GraphError, match="axis"):
        hhi(orgs, axis=1)


def test_hhi_bad_options(two):
    with pytest.raises(GraphError, match="scale"):
        hhi(two, scale=100)
    with pytest.raises(GraphError, match="axis"):
        hhi(two, axis=2)


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_hhi_bounds(x):
    # 1/n <= H <= 1 where n is the number of units with a positive share.
    h = hhi(pd.DataFrame(x))
    for s in range(x.shape[1]):
        n = int((x[:, s] > 0).sum())
        if n == 0:
            assert math.isnan(h["hhi"].iloc[s])
        else:
            assert 1 / n - 1e-12 <= h["hhi"].iloc[s] <= 1 + 1e-12


def test_boolean_reference_equals_label_reference(abc):
    by_label = location_quotient(abc, reference=["a", "b"])
    by_series = location_quotient(abc, reference=abc.index.to_series().isin(["a", "b"]))
    by_array = location_quotient(abc, reference=np.array([True, True, False]))
    pd.testing.assert_frame_equal(by_series, by_label)
    pd.testing.assert_frame_equal(by_array, by_label)
    assert by_array.attrs["reference"] == ["a", "b"]
    with pytest.raises(GraphError, match="length 3"):
        location_quotient(abc, reference=np.array([True, False]))
