"""The Bass (1969) diffusion model in closed form.

The model is ``dF/dt = (p + q F)(1 - F)``: ``p`` is the coefficient of
innovation (adoption independent of earlier adopters), ``q`` the coefficient
of imitation, ``m`` the market potential and ``F(t)`` the fraction of the
market that has adopted by time ``t`` (with ``F(0) = 0``).
"""

from __future__ import annotations

import numpy as np

from ..errors import FitError

__all__ = [
    "bass_cdf",
    "bass_pdf",
    "bass_adoption",
    "bass_cumulative",
    "peak_time",
    "peak_height",
    "time_to_fraction",
    "innovators_imitators",
    "innovator_share",
]


def _check_pq(p, q):
    if not np.isfinite(p) or p <= 0:
        raise FitError(f"the coefficient of innovation p must be positive, got {p!r}")
    if not np.isfinite(q) or q < 0:
        raise FitError(f"the coefficient of imitation q must be non-negative, got {q!r}")


def bass_cdf(t, p, q):
    """Fraction adopted by time ``t``: ``F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})``.

    Parameters
    ----------
    t : float or array_like
        Time since launch (``F(0) = 0``); negative times give 0.
    p, q : float
        Coefficients of innovation (> 0) and imitation (>= 0).

    Returns
    -------
    numpy.ndarray or float

    Examples
    --------
    >>> round(float(bass_cdf(5, 0.03, 0.38)), 4)
    0.3312
    >>> float(bass_cdf(0, 0.03, 0.38))
    0.0
    """
    _check_pq(p, q)
    t = np.maximum(np.asarray(t, dtype=float), 0.0)
    e = np.exp(-(p + q) * t)
    out = (1.0 - e) / (1.0 + (q / p) * e)
    return out if out.ndim else float(out)


def bass_pdf(t, p, q):
    """Adoption density ``f(t) = dF/dt = (p+q)^2/p * e^{-(p+q)t} / (1 + (q/p) e^{-(p+q)t})^2``.

    Examples
    --------
    >>> round(float(bass_pdf(0, 0.03, 0.38)), 4)   # f(0) = p
    0.03
    """
    _check_pq(p, q)
    t = np.maximum(np.asarray(t, dtype=float), 0.0)
    e = np.exp(-(p + q) * t)
    out = (p + q) ** 2 / p * e / (1.0 + (q / p) * e) ** 2
    return out if out.ndim else float(out)


def bass_cumulative(t, p, q, m):
    """Cumulative adopters ``m F(t)``.

    Examples
    --------
    >>> round(float(bass_cumulative(5, 0.03, 0.38, 1000)), 1)
    331.2
    """
    return m * bass_cdf(t, p, q)


def bass_adoption(periods, p, q, m, *, origin=0.0):
    """Adopters in each period: ``m [F(t_i) - F(t_{i-1})]``, not the density ``m f(t_i)``.

    Period ``i`` covers ``(t_{i-1}, t_i]``; the first period starts at
    ``origin`` (launch, where ``F = 0``). Periods need not be evenly spaced.

    Parameters
    ----------
    periods : array_like
        Increasing end times of the periods (e.g. 1, 2, 3 or 1949, 1950, ...).
    p, q, m : float
        Bass parameters; ``m`` is the market potential.
    origin : float
        Launch time, the start of the first period.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> [round(float(x), 1) for x in bass_adoption([1, 2, 3], 0.03, 0.38, 1000)]
    [35.8, 49.3, 65.4]
    """
    t = np.asarray(periods, dtype=float) - origin
    if t.ndim != 1 or len(t) == 0:
        raise FitError("periods must be a non-empty one-dimensional sequence")
    if np.any(np.diff(t) <= 0) or t[0] <= 0:
        raise FitError("periods must increase and lie after the origin")
    cum = m * bass_cdf(np.concatenate([[0.0], t]), p, q)
    return np.diff(cum)


def peak_time(p, q):
    """Time of the adoption peak ``t* = ln(q/p) / (p+q)``; 0 when ``q <= p``.

    Examples
    --------
    >>> round(peak_time(0.03, 0.38), 3)
    6.193
    """
    _check_pq(p, q)
    if q <= p:
        return 0.0
    return float(np.log(q / p) / (p + q))


def peak_height(p, q, m=1.0):
    """Adoption rate at the peak, ``m f(t*) = m (p+q)^2 / (4q)`` (``m p`` when ``q <= p``).

    Examples
    --------
    >>> round(peak_height(0.03, 0.38, 1000), 2)
    110.59
    """
    _check_pq(p, q)
    if q <= p:
        return float(m * p)
    return float(m * (p + q) ** 2 / (4.0 * q))


def time_to_fraction(fraction, p, q):
    """Time at which ``F(t)`` reaches ``fraction``: ``-ln((1-x)/(1+x q/p)) / (p+q)``.

    Examples
    --------
    >>> round(time_to_fraction(0.5, 0.03, 0.38), 3)
    6.55
    """
    _check_pq(p, q)
    x = np.asarray(fraction, dtype=float)
    if np.any((x < 0) | (x >= 1)):
        raise FitError(f"fraction must lie in [0, 1), got {fraction!r}")
    out = -np.log((1.0 - x) / (1.0 + x * q / p)) / (p + q)
    return out if out.ndim else float(out)


def _integral_one_minus_F(t0, t1, p, q):
    """Integral of ``1 - F`` over ``[t0, t1]`` (closed form)."""
    if q == 0:
        return (np.exp(-p * t0) - np.exp(-p * t1)) / p
    b = q / p
    e0 = np.exp(-(p + q) * t0)
    e1 = np.exp(-(p + q) * t1)
    return np.log((1.0 + b * e0) / (1.0 + b * e1)) / q


def innovators_imitators(periods, p, q, m, *, origin=0.0):
    """Split each period's adopters into innovators and imitators.

    Innovators adopt at rate ``m p (1 - F)``, imitators at ``m q F (1 - F)``.
    Integrating the first over a period gives
    ``m (p/q) ln[(1 + (q/p) e^{-(p+q)t_0}) / (1 + (q/p) e^{-(p+q)t_1})]``;
    imitators are the rest of ``m [F(t_1) - F(t_0)]``.

    Returns
    -------
    dict of numpy.ndarray
        ``adoption``, ``innovators`` and ``imitators`` per period.

    Examples
    --------
    >>> parts = innovators_imitators([1, 2], 0.03, 0.38, 1000)
    >>> [round(float(x), 2) for x in parts["innovators"]]
    [29.49, 28.23]
    """
    t = np.asarray(periods, dtype=float) - origin
    adoption = bass_adoption(periods, p, q, m, origin=origin)
    starts = np.concatenate([[0.0], t[:-1]])
    innov = m * p * _integral_one_minus_F(starts, t, p, q)
    return {"adoption": adoption, "innovators": innov, "imitators": adoption - innov}


def innovator_share(p, q):
    """Share of all adopters who are innovators: ``(p/q) ln(1 + q/p)`` (1 when ``q = 0``).

    Examples
    --------
    >>> round(innovator_share(0.03, 0.38), 4)
    0.2064
    """
    _check_pq(p, q)
    if q == 0:
        return 1.0
    return float(p / q * np.log1p(q / p))
