"""Closed-form Bass model against hand calculations and an ODE solver."""

import math

import numpy as np
import pytest
from scipy import integrate

from ssbkg.diffusion.bass import (
    bass_adoption,
    bass_cdf,
    bass_pdf,
    innovator_share,
    innovators_imitators,
    peak_height,
    peak_time,
    time_to_fraction,
)
from ssbkg.errors import FitError

P, Q = 0.03, 0.38


def test_cdf_by_hand():
    # p+q = 0.41; e^{-2.05} = 0.1287349; (1 - 0.1287349) / (1 + (0.38/0.03) 0.1287349)
    # = 0.8712651 / 2.6306421 = 0.331199
    assert bass_cdf(5, P, Q) == pytest.approx(0.331199, abs=1e-6)
    assert bass_cdf(0, P, Q) == 0.0


def test_cdf_solves_the_bass_ode():
    # independent: integrate dF/dt = (p + qF)(1 - F) numerically
    t = np.linspace(0, 20, 41)
    sol = integrate.solve_ivp(lambda _, F: (P + Q * F) * (1 - F), (0, 20), [0.0], t_eval=t,
                              rtol=1e-10, atol=1e-12)
    assert np.allclose(bass_cdf(t, P, Q), sol.y[0], atol=1e-8)


def test_pdf_is_derivative_of_cdf():
    t = np.linspace(0.5, 15, 30)
    h = 1e-5
    numeric = (bass_cdf(t + h, P, Q) - bass_cdf(t - h, P, Q)) / (2 * h)
    assert np.allclose(bass_pdf(t, P, Q), numeric, rtol=1e-6)
    assert bass_pdf(0, P, Q) == pytest.approx(P)  # f(0) = p


def test_adoption_per_period_is_interval_difference_not_density():
    # integral of m f over (t-1, t] by quadrature, independent of F
    m = 1000
    expected = [m * integrate.quad(lambda s: bass_pdf(s, P, Q), t - 1, t)[0] for t in (1, 2, 3)]
    got = bass_adoption([1, 2, 3], P, Q, m)
    assert np.allclose(got, expected, rtol=1e-9)
    assert not np.isclose(got[2], m * bass_pdf(3, P, Q), rtol=1e-3)


def test_adoption_with_calendar_periods_and_origin():
    # 1949..1951 with launch at 1948 is the same as periods 1..3
    assert np.allclose(bass_adoption([1949, 1950, 1951], P, Q, 10, origin=1948),
                       bass_adoption([1, 2, 3], P, Q, 10))


def test_peak_time_height_and_level():
    # t* = ln(0.38/0.03)/0.41 = 2.538974/0.41 = 6.192619
    assert peak_time(P, Q) == pytest.approx(6.192619, abs=1e-6)
    # m (p+q)^2 / 4q = 1000 * 0.1681 / 1.52 = 110.5921
    assert peak_height(P, Q, 1000) == pytest.approx(110.5921, abs=1e-4)
    # known result (Bass 1969): F(t*) = 1/2 - p/2q = (q - p) / 2q = 0.35 / 0.76
    assert bass_cdf(peak_time(P, Q), P, Q) == pytest.approx(0.35 / 0.76, abs=1e-9)
    # and the density is maximal there (grid search)
    grid = np.linspace(0, 20, 200001)
    assert grid[np.argmax(bass_pdf(grid, P, Q))] == pytest.approx(6.192619, abs=1e-3)


def test_no_interior_peak_when_q_le_p():
    assert peak_time(0.05, 0.02) == 0.0
    assert peak_height(0.05, 0.02, 100) == pytest.approx(5.0)  # m p


def test_time_to_fraction():
    # t50 = -ln(0.5 / (1 + 0.5 * 12.6667)) / 0.41 = -ln(0.0681818)/0.41 = 6.550189
    assert time_to_fraction(0.5, P, Q) == pytest.approx(6.550189, abs=1e-5)
    for x in (0.1, 0.9):
        assert bass_cdf(time_to_fraction(x, P, Q), P, Q) == pytest.approx(x, abs=1e-12)


def test_innovators_and_imitators():
    m = 1000
    parts = innovators_imitators([1, 2, 3], P, Q, m)
    # innovators adopt at m p (1 - F): quadrature over each period
    expected = [m * P * integrate.quad(lambda s: 1 - bass_cdf(s, P, Q), t - 1, t)[0]
                for t in (1, 2, 3)]
    assert np.allclose(parts["innovators"], expected, rtol=1e-9)
    assert np.allclose(parts["innovators"] + parts["imitators"], parts["adoption"])
    # whole life: share of innovators (p/q) ln(1 + q/p) = 0.0789474 * ln(13.6667) = 0.206444
    assert innovator_share(P, Q) == pytest.approx(0.206444, abs=1e-6)
    long = innovators_imitators(np.arange(1, 400), P, Q, m)
    assert long["innovators"].sum() / m == pytest.approx(0.206444, abs=1e-5)


def test_pure_innovation_is_exponential():
    t = np.array([1.0, 2.0, 5.0])
    assert np.allclose(bass_cdf(t, 0.1, 0.0), 1 - np.exp(-0.1 * t))
    assert innovator_share(0.1, 0.0) == 1.0
    parts = innovators_imitators([1, 2], 0.1, 0.0, 100)
    assert np.allclose(parts["imitators"], 0.0, atol=1e-12)


@pytest.mark.parametrize("p,q", [(0.0, 0.3), (-0.1, 0.3), (0.1, -0.2), (math.nan, 0.3)])
def test_bad_coefficients(p, q):
    with pytest.raises(FitError, match="coefficient"):
        bass_cdf(1.0, p, q)


def test_bad_periods():
    with pytest.raises(FitError, match="increase"):
        bass_adoption([2, 1], P, Q, 10)


# ---------------------------------------------------------------- properties

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

coef_p = st.floats(0.001, 0.2)
coef_q = st.floats(0.0, 1.5)


@given(coef_p, coef_q, st.floats(0.01, 0.99))
def test_time_to_fraction_inverts_cdf(p, q, x):
    assert bass_cdf(time_to_fraction(x, p, q), p, q) == pytest.approx(x, abs=1e-9)


@given(coef_p, coef_q, st.integers(1, 40))
def test_adoption_telescopes_to_cumulative(p, q, n):
    # the per-period values add up to m F(T) however the periods are laid out
    t = np.arange(1, n + 1)
    assert bass_adoption(t, p, q, 100.0).sum() == pytest.approx(100.0 * bass_cdf(n, p, q))


@settings(max_examples=15, deadline=None)
@given(st.floats(0.005, 0.05), st.floats(0.2, 0.8), st.floats(100, 1e6))
def test_fit_round_trip(p, q, m):
    from ssbkg.diffusion.fit import fit_bass

    y = bass_adoption(np.arange(1, 21), p, q, m)
    res = fit_bass(y)
    assert res.params.to_numpy() == pytest.approx([p, q, m], rel=1e-4)
