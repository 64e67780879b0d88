"""Tests of ssbkg.metrics.relatedness against Stata's ecomplexity and by hand."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ssbkg.errors import GraphError, NotFoundError
from ssbkg.metrics.relatedness import complexity, density, gap_ranking, presence, proximity

DATA = Path(__file__).parent / "data"
# Product order of the trade file (see data/ecomplexity_README.md).
HS4 = (
    "1704 1806 1905 2007 2105 3208 3402 3917 3922 4008 4010 4905 5602 6804 6810 "
    "7010 7307 7308 7309 7310 7325 7604 7608 7612 7616 8309 8431 8474 8530 9403"
).split()


@pytest.fixture(scope="module")
def trade():
    X = pd.read_csv(DATA / "ecomplexity_trade_1995.txt", sep=r"\s+", header=None, index_col=0)
    X.columns = HS4
    X.index.name = None
    return X


@pytest.fixture(scope="module")
def stata():
    # Outputs of the original Stata `ecomplexity` (cid-harvard/py-ecomplexity fixtures).
    return pd.read_csv(DATA / "ecomplexity_stata_expected_1995.csv", dtype={"hs92": str})


@pytest.fixture(scope="module")
def result(trade):
    return complexity(trade)


def _rows(stata):
    return [tuple(r) for r in stata.itertuples(index=False)]


def test_oracle_has_rows(stata):
    assert len(stata) == 9


@pytest.mark.parametrize("i", range(9))
def test_matches_stata_ecomplexity(i, trade, stata, result):
    row = stata.iloc[i]
    c, p = row["origin"], row["hs92"]
    regions, segments = result["regions"], result["segments"]
    # Tolerances as in py-ecomplexity: 1e-5 relative for RCA/ECI/PCI,
    # 1e-4 for density/COI/COG.
    assert result["rca"].loc[c, p] == pytest.approx(row["rca"], rel=1e-5)
    assert presence(trade).loc[c, p] == row["M"]
    assert regions.loc[c, "diversity"] == row["diversity"]
    assert segments.loc[p, "ubiquity"] == row["ubiquity"]
    assert regions.loc[c, "eci"] == pytest.approx(row["eci"], rel=1e-5)
    assert segments.loc[p, "pci"] == pytest.approx(row["pci"], rel=1e-5)
    assert result["density"].loc[c, p] == pytest.approx(row["density"], abs=1e-4)
    assert regions.loc[c, "coi"] == pytest.approx(row["coi"], abs=1e-4)
    assert result["cog"].loc[c, p] == pytest.approx(row["cog"], abs=1e-4)


def test_density_function_matches_stata(trade, stata):
    # density() with proximity() on its own, not through complexity().
    phi = proximity(trade)
    d = density(trade, phi)
    for row in stata.itertuples(index=False):
        assert d.loc[row.origin, row.hs92] == pytest.approx(row.density, abs=1e-4)


def test_self_proximity_excluded(trade):
    # Austria/1704: Stata 0.4625; counting self-proximity (PyPI ecomplexity 0.5.3)
    # gives 0.4302. Our value must be Stata's.
    d = density(trade, proximity(trade))
    assert d.loc["aut", "1704"] == pytest.approx(0.4625, abs=1e-4)
    assert abs(d.loc["aut", "1704"] - 0.4302) > 0.01


def test_presence_input_gives_same_result(trade, result):
    # threshold=None on the presence matrix must reproduce the RCA path.
    again = complexity(presence(trade), threshold=None)
    pd.testing.assert_frame_equal(again["regions"], result["regions"])
    pd.testing.assert_frame_equal(again["cog"], result["cog"])
    assert again["rca"] is None


def test_zero_region_is_left_out_like_stata(trade, result):
    # Stata drops a country with zero total before computing; the others keep
    # their values and the empty one gets NaN with a reason.
    X = pd.concat([trade, pd.DataFrame([[0.0] * 30], index=["zzz"], columns=HS4)])
    out = complexity(X)
    pd.testing.assert_series_equal(
        out["regions"]["eci"].drop("zzz"), result["regions"]["eci"], rtol=1e-10
    )
    assert np.isnan(out["regions"].loc["zzz", "eci"])
    assert "zero diversity" in out["regions"].loc["zzz", "note"]
    assert out["info"]["left_out_regions"] == ["zzz"]


# --- hand-worked small cases -------------------------------------------------


@pytest.fixture
def abc():
    # presence: rows r0..r2, segments a, b, c
    #       a  b  c
    # r0    1  1  1
    # r1    1  0  1
    # r2    0  1  1
    return pd.DataFrame({"a": [1, 1, 0], "b": [1, 0, 1], "c": [1, 1, 1]}, index=["r0", "r1", "r2"])


def test_proximity_by_hand(abc):
    phi = proximity(abc, threshold=None)
    # ubiquity a=2, b=2, c=3. co-presence (a,b)=1 (r0), (a,c)=2, (b,c)=2.
    # phi = co / max(u, u'): ab = 1/2, ac = 2/3, bc = 2/3; diagonal 0.
    expected = np.array([[0, 1 / 2, 2 / 3], [1 / 2, 0, 2 / 3], [2 / 3, 2 / 3, 0]])
    np.testing.assert_allclose(phi.to_numpy(), expected)


def test_density_by_hand(abc):
    d = density(abc, proximity(abc, threshold=None), threshold=None)
    # column sums of phi: a = 1/2 + 2/3 = 7/6, b = 7/6, c = 4/3.
    # r1 (a, c present): a = phi_ac / (7/6) = (2/3)/(7/6) = 4/7
    #                    b = (phi_ba + phi_bc) / (7/6) = 1
    #                    c = phi_ca / (4/3) = 1/2
    # r2 (b, c present): a = 1, b = 4/7, c = 1/2 ; r0 (all present): 1, 1, 1.
    np.testing.assert_allclose(d.loc["r1"].to_numpy(), [4 / 7, 1.0, 0.5])
    np.testing.assert_allclose(d.loc["r2"].to_numpy(), [1.0, 4 / 7, 0.5])
    np.testing.assert_allclose(d.loc["r0"].to_numpy(), [1.0, 1.0, 1.0])


@pytest.fixture
def abcd():
    #       a  b  c  d
    # r0    1  1  0  0
    # r1    1  0  1  0
    # r2    0  1  1  1
    # r3    1  1  1  0
    return pd.DataFrame(
        [[1, 1, 0, 0], [1, 0, 1, 0], [0, 1, 1, 1], [1, 1, 1, 0]],
        index=["r0", "r1", "r2", "r3"],
        columns=list("abcd"),
    )


def test_gap_ranking_by_hand(abcd):
    phi = proximity(abcd, threshold=None)
    # u: a=3, b=3, c=3, d=1. co: ab=2, ac=2, bc=2, bd=1, cd=1, ad=0
    # phi: ab=ac=bc=2/3, bd=cd=1/3, ad=0. column sums c=5/3, d=2/3.
    # r0 (a, b present) lacks c and d:
    #   c: (phi_ca + phi_cb) / (5/3) = (4/3)/(5/3) = 0.8, close to a, b (2/3 each)
    #   d: (phi_da + phi_db) / (2/3) = (0 + 1/3)/(2/3) = 0.5, close to b (1/3)
    g = gap_ranking(abcd, "r0", phi, threshold=None)
    assert g["segment"].tolist() == ["c", "d"]
    assert g["rank"].tolist() == [1, 2]
    assert g["density"].tolist() == pytest.approx([0.8, 0.5])
    assert g.loc[0, "close_to"] == ["a", "b"]
    assert g.loc[0, "proximity"] == pytest.approx([2 / 3, 2 / 3])
    assert g.loc[1, "close_to"] == ["b"]
    assert g.loc[1, "proximity"] == pytest.approx([1 / 3])


def test_gap_ranking_full_region_and_unknown(abc):
    phi = proximity(abc, threshold=None)
    g = gap_ranking(abc, "r0", phi, threshold=None)
    assert g.empty and list(g.columns) == ["rank", "segment", "density", "close_to", "proximity"]
    with pytest.raises(NotFoundError, match="nowhere"):
        gap_ranking(abc, "nowhere", phi, threshold=None)
    with pytest.raises(GraphError, match="segments of M"):
        gap_ranking(abc, "r0", phi.drop(columns="a"), threshold=None)


def test_zero_column_gives_defined_answers(abc):
    M = abc.assign(z=0)
    phi = proximity(M, threshold=None)
    assert phi.attrs["zero_ubiquity"] == ["z"]
    assert (phi["z"] == 0).all() and (phi.loc["z"] == 0).all()
    d = density(M, phi, threshold=None)
    assert d["z"].isna().all()
    assert d.attrs["undefined_columns"] == ["z"]
    assert "0/0" in d.attrs["nan_reason"]
    # the other columns are unchanged by the idle segment
    np.testing.assert_allclose(d.loc["r1", ["a", "b", "c"]].to_numpy(), [4 / 7, 1.0, 0.5])


def test_complexity_degenerate_inputs():
    ones = pd.DataFrame(np.ones((3, 3)), index=list("xyz"), columns=list("abc"))
    with pytest.raises(GraphError, match="degenerate"):
        complexity(ones, threshold=None)
    single = pd.DataFrame([[1, 2, 3]], index=["x"], columns=list("abc"))
    with pytest.raises(GraphError, match="at least 2 regions"):
        complexity(single)
    blocks = pd.DataFrame(
        [[1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]],
        index=list("wxyz"), columns=list("abcd"),
    )
    with pytest.raises(GraphError, match="disconnected"):
        complexity(blocks, threshold=None)


def test_complexity_leaves_out_idle_segment():
    P = pd.DataFrame(
        [[1, 1, 1, 1, 0], [1, 1, 1, 0, 0], [1, 1, 0, 0, 0], [1, 0, 0, 0, 0]],
        index=list("wxyz"), columns=list("abcde"),
    )
    out = complexity(P, threshold=None)
    assert np.isnan(out["segments"].loc["e", "pci"])
    assert "zero ubiquity" in out["segments"].loc["e", "note"]
    base = complexity(P.drop(columns="e"), threshold=None)
    pd.testing.assert_series_equal(
        out["regions"]["eci"], base["regions"]["eci"], rtol=1e-10
    )
    # Nested matrix: ECI must rise with diversity (sign convention of Stata).
    assert out["regions"]["eci"].is_monotonic_decreasing


# --- laws ----------------------------------------------------------------------

binary = arrays(
    np.int64, st.tuples(st.integers(1, 8), st.integers(1, 8)), elements=st.integers(0, 1)
)


@settings(max_examples=80, deadline=None)
@given(binary)
def test_proximity_symmetric_zero_diagonal_unit_interval(x):
    phi = proximity(pd.DataFrame(x), threshold=None).to_numpy()
    np.testing.assert_array_equal(phi, phi.T)
    assert (np.diag(phi) == 0).all()
    assert ((phi >= 0) & (phi <= 1)).all()


@settings(max_examples=80, deadline=None)
@given(binary)
def test_density_in_unit_interval(x):
    M = pd.DataFrame(x)
    phi = proximity(M, threshold=None)
    d = density(M, phi, threshold=None).to_numpy()
    colsum = phi.to_numpy().sum(axis=0)
    assert np.isnan(d[:, colsum == 0]).all()
    ok = d[:, colsum > 0]
    assert ((ok >= -1e-12) & (ok <= 1 + 1e-12)).all()


def test_complexity_invariant_to_order_and_scale(trade, result):
    # Laws: reordering regions and segments, or scaling all values, changes no
    # index (RCA is scale-free and the eigenproblem is permutation-equivariant).
    rng = np.random.default_rng(7)
    shuffled = trade.iloc[rng.permutation(10), rng.permutation(30)] * 1000.0
    out = complexity(shuffled)
    pd.testing.assert_series_equal(
        out["regions"]["eci"].loc[result["regions"].index], result["regions"]["eci"], rtol=1e-9
    )
    pd.testing.assert_series_equal(
        out["segments"]["pci"].loc[result["segments"].index], result["segments"]["pci"], rtol=1e-9
    )

