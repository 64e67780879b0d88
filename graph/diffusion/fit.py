"""Fitting the Bass model to an adoption series, with a statsmodels-like results object.

Three estimators:

``nls-adoption`` (default)
    Nonlinear least squares on adopters per period. With ``form="interval"``
    (default) the model value of period ``(t_{i-1}, t_i]`` is the interval
    difference ``m [F(t_i) - F(t_{i-1})]`` (Srinivasan & Mason 1986), which
    has no time-interval bias; ``form="density"`` uses ``m f(t_i)`` instead
    (what many textbook and R examples fit).
``nls-cumulative``
    Nonlinear least squares on cumulative adopters ``m F(t_i)``.
``ols``
    Bass's (1969) discrete analogue: regress ``S_t`` on ``1``, ``Y_{t-1}``
    and ``Y_{t-1}^2`` (``Y`` cumulative, ``Y_0 = 0``), then recover
    ``m = (-b - sqrt(b^2 - 4ac)) / 2c``, ``p = a/m``, ``q = -cm``. Standard
    errors of ``p``, ``q``, ``m`` come from the OLS covariance by the delta
    method. With ``m`` fixed the regression ``S_t = p (m - Y) + q Y (1 - Y/m)``
    is linear in ``p`` and ``q``.

The engine is :func:`scipy.optimize.least_squares`. Standard errors are
``sqrt(diag(pcov))`` with ``pcov = s^2 (J'J)^{-1}``, ``s^2 = SSE / (n - k)``,
as R's ``nls`` and scipy's ``curve_fit`` compute them.
"""

from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd
from scipy import optimize, stats

from ..errors import FitError
from .bass import (
    bass_adoption,
    bass_cdf,
    bass_pdf,
    innovator_share,
    peak_height,
    peak_time,
)

__all__ = ["fit_bass", "BassFit", "BassSummary", "METHODS"]

METHODS = ("nls-adoption", "nls-cumulative", "ols")
_FORMS = ("interval", "density")


# ---------------------------------------------------------------- validation


def _validate(adoption, periods, origin, market_size, method, form):
    if method not in METHODS:
        raise FitError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if form not in _FORMS:
        raise FitError(f"unknown form {form!r}; choose 'interval' or 'density'")
    try:
        y = np.asarray(adoption, dtype=float)
    except (TypeError, ValueError) as exc:
        raise FitError(f"adoption series is not numeric: {exc}") from None
    if y.ndim != 1:
        raise FitError("adoption series must be one-dimensional")
    bad = np.flatnonzero(~np.isfinite(y))
    if len(bad):
        raise FitError(f"adoption series has NaN or infinite value at position {bad[0]}")
    if periods is None:
        t = np.arange(1, len(y) + 1, dtype=float)
    else:
        try:
            t = np.asarray(periods, dtype=float)
        except (TypeError, ValueError) as exc:
            raise FitError(f"periods are not numeric: {exc}") from None
        if t.shape != y.shape:
            raise FitError(f"{len(t)} periods for {len(y)} adoption values")
        bad = np.flatnonzero(~np.isfinite(t))
        if len(bad):
            raise FitError(f"periods have NaN at position {bad[0]}")
        if np.any(np.diff(t) <= 0):
            raise FitError("periods must be strictly increasing")
    k = 2 if market_size is not None else 3
    if len(y) < k + 1:
        raise FitError(
            f"too few points: {len(y)} observations for {k} free parameters "
            f"(need at least {k + 1})"
        )
    neg = np.flatnonzero(y < 0)
    if len(neg):
        raise FitError(f"adoption must be non-negative; position {neg[0]} is {y[neg[0]]:g}")
    if y.sum() <= 0:
        raise FitError("adoption series has no positive value")
    if market_size is not None:
        if not np.isfinite(market_size) or market_size <= 0:
            raise FitError(f"market size must be positive, got {market_size!r}")
    if origin is None:
        step = t[1] - t[0] if len(t) > 1 else 1.0
        origin = t[0] - step
    if origin >= t[0]:
        raise FitError(f"origin {origin:g} must precede the first period {t[0]:g}")
    return y, t, float(origin), k


# ------------------------------------------------------------- model curves


def _model(theta, t, origin, method, form, market_size):
    """Model value of the fitted target for parameters ``theta``."""
    p, q = theta[0], theta[1]
    m = market_size if market_size is not None else theta[2]
    tt = t - origin
    if method == "nls-cumulative":
        return m * bass_cdf(tt, p, q)
    if form == "density" and method == "nls-adoption":
        return m * bass_pdf(tt, p, q)
    return bass_adoption(tt, p, q, m)


def _jacobian(fun, theta):
    """Central-difference Jacobian of ``fun`` at ``theta`` (relative steps)."""
    theta = np.asarray(theta, dtype=float)
    f0 = fun(theta)
    J = np.empty((len(f0), len(theta)))
    for j, v in enumerate(theta):
        h = 1e-6 * abs(v) if v != 0 else 1e-10
        up, dn = theta.copy(), theta.copy()
        up[j] += h
        dn[j] -= h
        J[:, j] = (fun(up) - fun(dn)) / (2 * h)
    return J


# ---------------------------------------------------------------- estimators


def _ols_core(y, market_size):
    """Bass's OLS; returns (theta, cov_theta, fitted, converged, message)."""
    Y = np.concatenate([[0.0], np.cumsum(y)[:-1]])
    n = len(y)
    if market_size is None:
        X = np.column_stack([np.ones(n), Y, Y**2])
    else:
        m = market_size
        X = np.column_stack([m - Y, Y * (1.0 - Y / m)])
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    fitted = X @ beta
    dof = n - X.shape[1]
    sse = float(np.sum((y - fitted) ** 2))
    s2 = sse / dof
    try:
        cov_beta = s2 * np.linalg.inv(X.T @ X)
    except np.linalg.LinAlgError:
        raise FitError("OLS regressors are collinear; the series is too short or flat") from None
    if market_size is not None:
        theta = beta
        if theta[0] <= 0:
            raise FitError(f"OLS gives a non-positive coefficient of innovation p = {theta[0]:.4g}")
        if theta[1] < 0:
            raise FitError(f"OLS gives a negative coefficient of imitation q = {theta[1]:.4g}")
        return theta, cov_beta, fitted

    def recover(b):
        a, bb, c = b
        if c >= 0:
            raise FitError(
                f"OLS coefficient of Y^2 is {c:.4g} (must be negative): no finite market size"
            )
        disc = bb * bb - 4 * a * c
        if disc < 0:
            raise FitError("OLS quadratic has no real root: no market size")
        m = (-bb - math.sqrt(disc)) / (2 * c)
        if m <= 0:
            raise FitError(f"OLS gives a non-positive market size m = {m:.4g}")
        return np.array([a / m, -c * m, m])

    theta = recover(beta)
    if theta[0] <= 0:
        raise FitError(f"OLS gives a non-positive coefficient of innovation p = {theta[0]:.4g}")
    G = _jacobian(recover, beta)
    return theta, G @ cov_beta @ G.T, fitted


def _starts(y, k, market_size):
    total = float(np.sum(y))
    starts = []
    try:
        th, _, _ = _ols_core(y, market_size)
        if np.all(th > 0) and (k == 2 or th[2] >= total):
            starts.append(th)
    except FitError:
        pass
    for p0 in (0.003, 0.03):
        for q0 in (0.1, 0.4, 0.9):
            if k == 2:
                starts.append(np.array([p0, q0]))
            else:
                for mult in (1.2, 2.0, 5.0):
                    starts.append(np.array([p0, q0, mult * total]))
    return starts


def _nls_core(y, t, origin, method, form, market_size, k, starts=None):
    """NLS in log-parameters; returns (theta, J, converged, message)."""

    def resid_log(z):
        return _model(np.exp(z), t, origin, method, form, market_size) - target

    target = np.cumsum(y) if method == "nls-cumulative" else y
    total = float(np.sum(y))
    # log-parameter box: p, q in [e^-45, 50]; m in [total/1000, 1e4 * total]
    lower = np.array([-45.0, -45.0, np.log(total * 1e-3)])[:k]
    upper = np.array([np.log(50.0), np.log(50.0), np.log(total * 1e4)])[:k]
    best = None
    for x0 in starts if starts is not None else _starts(y, k, market_size):
        with np.errstate(all="ignore"):
            try:
                res = optimize.least_squares(
                    resid_log, np.clip(np.log(x0), lower + 1e-6, upper - 1e-6), method="trf",
                    x_scale=1.0, bounds=(lower, upper),
                    xtol=1e-12, ftol=1e-12, gtol=1e-12, max_nfev=1000,
                )
            except (ValueError, FloatingPointError, FitError):
                continue
        if not np.all(np.isfinite(res.fun)):
            continue
        if best is None or res.cost < best.cost:
            best = res
    if best is None:
        raise FitError("nonlinear least squares failed from every starting value")
    if not best.success:
        raise FitError(f"nonlinear least squares did not converge: {best.message}")
    theta = np.exp(best.x)
    if k == 3 and theta[2] > 1e3 * total:
        raise FitError(
            f"no finite market size: m runs to {theta[2]:.3g}, over 1000 times the "
            f"{total:.4g} adopters observed (the series shows no slowing; fix --market-size)"
        )
    if np.any(best.x[:2] >= upper[:2] - 1e-3):
        raise FitError("nonlinear least squares did not converge: p or q ran to 50 per period")
    at_lower = best.x <= lower + 1e-3
    if at_lower[0] or (k == 3 and at_lower[2]):
        raise FitError("nonlinear least squares did not converge: a parameter ran to its "
                       "lower limit (p to zero, or m below 1/1000 of the adopters seen)")
    message = str(best.message)
    if at_lower[1]:
        message += "; q is at its lower limit (no imitation)"
    J = _jacobian(lambda th: _model(th, t, origin, method, form, market_size), theta)
    return theta, J, bool(best.success), message


def _estimate(y, t, origin, method, form, market_size, k, starts=None):
    """One fit; returns dict of theta, cov, fitted, target, converged, message."""
    if method == "ols":
        theta, cov, fitted = _ols_core(y, market_size)
        return dict(theta=theta, cov=cov, fitted=fitted, target=y, converged=True,
                    message="closed-form least squares")
    theta, J, conv, msg = _nls_core(y, t, origin, method, form, market_size, k, starts)
    fitted = _model(theta, t, origin, method, form, market_size)
    target = np.cumsum(y) if method == "nls-cumulative" else y
    dof = len(y) - k
    s2 = float(np.sum((target - fitted) ** 2)) / dof
    JTJ = J.T @ J
    try:
        cov = s2 * np.linalg.inv(JTJ)
        if not np.all(np.isfinite(cov)) or np.any(np.diag(cov) < 0):
            raise np.linalg.LinAlgError
    except np.linalg.LinAlgError:
        cov = np.full((k, k), np.nan)
        msg += "; Jacobian singular, standard errors unavailable"
    return dict(theta=theta, cov=cov, fitted=fitted, target=target, converged=conv, message=msg)


# ------------------------------------------------------------------ results


class BassSummary:
    """A fit summary that prints as text and renders as HTML in a notebook."""

    def __init__(self, title, info, params, stats_rows, derived):
        self.title = title
        self.info = info
        self.params = params
        self.stats = stats_rows
        self.derived = derived

    def as_text(self):
        lines = [self.title, "=" * max(60, len(self.title))]
        lines += [f"{k:<28}{v}" for k, v in self.info]
        lines.append("-" * 60)
        lines.append(self.params.to_string(float_format=lambda v: f"{v:.6g}"))
        lines.append("-" * 60)
        lines += [f"{k:<28}{_fmt(v)}" for k, v in self.stats]
        lines.append("-" * 60)
        lines += [f"{k:<28}{_fmt(v)}" for k, v in self.derived]
        return "\n".join(lines)

    def __str__(self):
        return self.as_text()

    __repr__ = __str__

    def _repr_html_(self):
        def kv(rows):
            return "".join(
                f"<tr><th>{html.escape(k)}</th><td>{html.escape(_fmt(v))}</td></tr>"
                for k, v in rows
            )

        return (
            f"<div><h4>{html.escape(self.title)}</h4>"
            f"<table>{kv(self.info)}</table>"
            + self.params.to_html(float_format=lambda v: f"{v:.6g}")
            + f"<table>{kv(self.stats)}{kv(self.derived)}</table></div>"
        )


def _fmt(v):
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


class BassFit:
    """Results of :func:`fit_bass`, after statsmodels' results classes.

    Attributes
    ----------
    params, bse, tvalues, pvalues : pandas.Series
        Estimates of ``p``, ``q`` (and ``m`` unless fixed), standard errors
        ``sqrt(diag(cov_params))``, t ratios and two-sided p-values (t with
        ``df_resid`` degrees of freedom).
    cov_params : pandas.DataFrame
    nobs, df_resid, k : int
    sse, r2, rmse, sigma, llf, aic, bic : float
        ``rmse = sqrt(SSE/n)``, ``sigma = sqrt(SSE/df_resid)``; ``llf`` is the
        Gaussian log-likelihood at the ML variance ``SSE/n``;
        ``aic = -2 llf + 2k``, ``bic = -2 llf + k ln n`` (``k`` free Bass
        parameters, the statsmodels convention).
    fittedvalues, resid : pandas.Series
        Of the fitted target: adopters per period (``nls-adoption``,
        ``ols``) or cumulative adopters (``nls-cumulative``).
    converged : bool
    message : str
    market_size : float
        ``m``: estimated, or fixed by the caller.
    boot_params : pandas.DataFrame or None
        Bootstrap replicates after :meth:`bootstrap`.
    """

    def __init__(self, *, y, t, origin, method, form, fixed_m, alpha, est):
        self._y, self._t, self._origin = y, t, origin
        self.method, self.form, self.fixed_m, self.alpha = method, form, fixed_m, alpha
        names = ["p", "q"] if fixed_m is not None else ["p", "q", "m"]
        self.k = len(names)
        self.nobs = len(y)
        self.df_resid = self.nobs - self.k
        self.params = pd.Series(est["theta"], index=names, name="estimate")
        self.cov_params = pd.DataFrame(est["cov"], index=names, columns=names)
        self.bse = pd.Series(np.sqrt(np.diag(est["cov"])), index=names, name="std_err")
        self.tvalues = (self.params / self.bse).rename("t")
        self.pvalues = pd.Series(
            2 * stats.t.sf(np.abs(self.tvalues.to_numpy()), self.df_resid), index=names,
            name="P>|t|",
        )
        index = pd.Index(t, name="period")
        self.fittedvalues = pd.Series(est["fitted"], index=index, name="fitted")
        self.resid = pd.Series(est["target"] - est["fitted"], index=index, name="resid")
        self._target = est["target"]
        self.converged, self.message = est["converged"], est["message"]
        self.sse = float(np.sum(self.resid.to_numpy() ** 2))
        sst = float(np.sum((est["target"] - est["target"].mean()) ** 2))
        self.r2 = 1.0 - self.sse / sst if sst > 0 else float("nan")
        self.rmse = math.sqrt(self.sse / self.nobs)
        self.sigma = math.sqrt(self.sse / self.df_resid)
        n = self.nobs
        self.llf = -0.5 * n * (math.log(2 * math.pi * max(self.sse, 1e-300) / n) + 1.0)
        self.aic = -2 * self.llf + 2 * self.k
        self.bic = -2 * self.llf + self.k * math.log(n)
        self.boot_params = None
        self.boot_failures = 0

    # -- parameters ------------------------------------------------------
    @property
    def p(self):
        return float(self.params["p"])

    @property
    def q(self):
        return float(self.params["q"])

    @property
    def market_size(self):
        return float(self.fixed_m if self.fixed_m is not None else self.params["m"])

    @property
    def peak_time(self):
        """Time of peak adoption after the origin, ``ln(q/p)/(p+q)``."""
        return peak_time(self.p, self.q)

    def conf_int(self, alpha=None):
        """Wald intervals ``estimate -/+ t_{1-alpha/2, df} * std_err`` as a DataFrame."""
        alpha = self.alpha if alpha is None else alpha
        crit = stats.t.ppf(1 - alpha / 2, self.df_resid)
        return pd.DataFrame(
            {"lower": self.params - crit * self.bse, "upper": self.params + crit * self.bse}
        )

    # -- bootstrap -------------------------------------------------------
    def bootstrap(self, n=500, *, seed=None):
        """Residual bootstrap: refit ``fitted + resampled centred residuals`` ``n`` times.

        Stores the replicates in :attr:`boot_params` and returns them. Refits
        that fail are skipped and counted in :attr:`boot_failures`.
        """
        if n < 1:
            raise FitError(f"bootstrap needs at least one replicate, got {n}")
        rng = np.random.default_rng(seed)
        e = self.resid.to_numpy() - self.resid.to_numpy().mean()
        fitted = self.fittedvalues.to_numpy()
        start = [self.params.to_numpy()]
        draws, failures = [], 0
        for _ in range(n):
            target = fitted + rng.choice(e, size=len(e), replace=True)
            y = np.diff(np.concatenate([[0.0], target])) if self.method == "nls-cumulative" else target
            try:
                est = _estimate(y, self._t, self._origin, self.method, self.form,
                                self.fixed_m, self.k, starts=start)
            except FitError:
                failures += 1
                continue
            draws.append(est["theta"])
        self.boot_failures = failures
        if not draws:
            raise FitError("every bootstrap refit failed")
        self.boot_params = pd.DataFrame(draws, columns=self.params.index)
        return self.boot_params

    def conf_int_bootstrap(self, alpha=None):
        """Percentile intervals from the bootstrap replicates."""
        if self.boot_params is None:
            raise FitError("no bootstrap replicates: call bootstrap(n, seed=...) first")
        alpha = self.alpha if alpha is None else alpha
        q = self.boot_params.quantile([alpha / 2, 1 - alpha / 2]).T
        q.columns = ["lower", "upper"]
        return q

    # -- curves ----------------------------------------------------------
    def _curve(self, theta, t):
        """Adopters per period (the fitted form) at period ends ``t``."""
        p, q = theta[0], theta[1]
        m = self.fixed_m if self.fixed_m is not None else theta[2]
        if self.method == "nls-adoption" and self.form == "density":
            return m * bass_pdf(t - self._origin, p, q)
        return bass_adoption(t - self._origin, p, q, m)

    def forecast(self, horizon, *, alpha=None, interval="delta", prediction=False):
        """Adopters per period for the observed and ``horizon`` further periods.

        Parameters
        ----------
        horizon : int
            Number of periods after the last observed one (same spacing).
        alpha : float
            1 - confidence level.
        interval : {"delta", "bootstrap"}
            Delta method (gradient of the curve times ``cov_params``, t
            quantiles) or percentiles of the bootstrap curves.
        prediction : bool
            Add the residual variance ``sigma^2`` (delta method only), giving
            an interval for a new observation rather than for the mean curve.

        Returns
        -------
        pandas.DataFrame
            ``period``, ``observed`` (NaN in the future), ``adoption``,
            ``lower``, ``upper`` and ``cumulative``.
        """
        alpha = self.alpha if alpha is None else alpha
        if horizon < 0:
            raise FitError(f"horizon must be non-negative, got {horizon}")
        step = self._t[-1] - self._t[-2]
        t = np.concatenate([self._t, self._t[-1] + step * np.arange(1, horizon + 1)])
        theta = self.params.to_numpy()
        curve = self._curve(theta, t)
        if interval == "delta":
            G = _jacobian(lambda th: self._curve(th, t), theta)
            var = np.einsum("ij,jk,ik->i", G, self.cov_params.to_numpy(), G)
            if prediction:
                var = var + self.sigma**2
            crit = stats.t.ppf(1 - alpha / 2, self.df_resid)
            lower, upper = curve - crit * np.sqrt(var), curve + crit * np.sqrt(var)
        elif interval == "bootstrap":
            if self.boot_params is None:
                raise FitError("no bootstrap replicates: call bootstrap(n, seed=...) first")
            curves = np.array([self._curve(th, t) for th in self.boot_params.to_numpy()])
            lower, upper = np.quantile(curves, [alpha / 2, 1 - alpha / 2], axis=0)
        else:
            raise FitError(f"unknown interval {interval!r}; choose 'delta' or 'bootstrap'")
        observed = np.concatenate([self._y, np.full(horizon, np.nan)])
        return pd.DataFrame(
            {
                "period": t,
                "observed": observed,
                "adoption": curve,
                "lower": lower,
                "upper": upper,
                "cumulative": self.market_size * bass_cdf(t - self._origin, self.p, self.q),
            }
        )

    # -- summary ---------------------------------------------------------
    def summary_frame(self, alpha=None):
        """The parameter table as a DataFrame, one row per parameter.

        Columns ``parameter``, ``estimate``, ``std_err`` (``bse``), ``t``,
        ``p_value``, ``ci_lower`` and ``ci_upper`` (:meth:`conf_int` at
        ``alpha``), and ``boot_lower``, ``boot_upper`` after :meth:`bootstrap`.
        ``frame.attrs`` holds ``converged``, ``message``, ``nobs``, ``alpha``,
        ``method``, ``r2`` and ``rmse``.

        Examples
        --------
        >>> y = bass_adoption(range(1, 11), 0.02, 0.5, 1000)
        >>> frame = fit_bass(y).summary_frame()
        >>> frame["parameter"].tolist(), [round(v, 4) for v in frame["estimate"]]
        (['p', 'q', 'm'], [0.02, 0.5, 1000.0])
        >>> frame.attrs["converged"]
        True
        """
        alpha = self.alpha if alpha is None else alpha
        ci = self.conf_int(alpha)
        frame = pd.DataFrame({
            "parameter": list(self.params.index),
            "estimate": self.params.to_numpy(float),
            "std_err": self.bse.to_numpy(float),
            "t": self.tvalues.to_numpy(float),
            "p_value": self.pvalues.to_numpy(float),
            "ci_lower": ci["lower"].to_numpy(float),
            "ci_upper": ci["upper"].to_numpy(float),
        })
        if self.boot_params is not None:
            bci = self.conf_int_bootstrap(alpha)
            frame["boot_lower"] = bci["lower"].to_numpy(float)
            frame["boot_upper"] = bci["upper"].to_numpy(float)
        frame.attrs.update(converged=bool(self.converged), message=self.message,
                           nobs=int(self.nobs), alpha=float(alpha), method=self.method,
                           r2=float(self.r2), rmse=float(self.rmse))
        return frame

    def summary(self, alpha=None):
        """A :class:`BassSummary` (prints as text, renders in a notebook)."""
        alpha = self.alpha if alpha is None else alpha
        ci = self.conf_int(alpha)
        table = pd.DataFrame(
            {
                "coef": self.params,
                "std err": self.bse,
                "t": self.tvalues,
                "P>|t|": self.pvalues,
                f"[{alpha / 2:g}": ci["lower"],
                f"{1 - alpha / 2:g}]": ci["upper"],
            }
        )
        if self.boot_params is not None:
            bci = self.conf_int_bootstrap(alpha)
            table["boot lower"] = bci["lower"]
            table["boot upper"] = bci["upper"]
        form = self.form if self.method == "nls-adoption" else "-"
        info = [
            ("Method:", self.method),
            ("Adoption form:", form),
            ("Market size:", "fixed" if self.fixed_m is not None else "estimated"),
            ("Observations:", self.nobs),
            ("Df residuals:", self.df_resid),
            ("Converged:", self.converged),
            ("Message:", self.message),
        ]
        if self.boot_params is not None:
            info.append(("Bootstrap replicates:", len(self.boot_params)))
        stats_rows = [
            ("SSE:", self.sse),
            ("R-squared:", self.r2),
            ("RMSE:", self.rmse),
            ("Residual std err:", self.sigma),
            ("Log-likelihood:", self.llf),
            ("AIC:", self.aic),
            ("BIC:", self.bic),
        ]
        derived = [
            ("Peak time (after origin):", self.peak_time),
            ("Peak adoption rate:", peak_height(self.p, self.q, self.market_size)),
            ("Innovator share:", innovator_share(self.p, self.q)),
        ]
        return BassSummary("Bass diffusion model fit", info, table, stats_rows, derived)

    def __repr__(self):
        vals = ", ".join(f"{k}={v:.4g}" for k, v in self.params.items())
        return f"<BassFit {self.method}: {vals}>"


def fit_bass(
    adoption,
    periods=None,
    *,
    method="nls-adoption",
    form="interval",
    market_size=None,
    origin=None,
    alpha=0.05,
    bootstrap=0,
    seed=None,
):
    """Fit the Bass model to adopters per period.

    Parameters
    ----------
    adoption : array_like
        Adopters in each period (non-negative, at least one positive).
    periods : array_like, optional
        End times of the periods, increasing (default 1, 2, ..., n).
    method : {"nls-adoption", "nls-cumulative", "ols"}
        See the module docstring.
    form : {"interval", "density"}
        For ``nls-adoption``: interval differences ``m[F(t)-F(t-1)]``
        (default, Srinivasan & Mason 1986) or the density ``m f(t)``.
    market_size : float, optional
        Fix ``m`` (e.g. a forecast market size) and fit only ``p`` and ``q``.
    origin : float, optional
        Launch time where ``F = 0``; default one period before the first.
    alpha : float
        Default level for intervals.
    bootstrap : int
        If positive, run that many residual-bootstrap refits.
    seed : int, optional
        Seed of the bootstrap.

    Returns
    -------
    BassFit

    Raises
    ------
    FitError
        Fewer than (free parameters + 1) points, negative, NaN or all-zero
        data, an unknown method, or an optimiser that does not converge.

    Examples
    --------
    >>> from ssbkg.diffusion.bass import bass_adoption
    >>> y = bass_adoption(range(1, 11), 0.02, 0.5, 1000)
    >>> res = fit_bass(y)
    >>> [round(v, 4) for v in res.params]
    [0.02, 0.5, 1000.0]
    >>> res.converged
    True
    """
    y, t, origin, k = _validate(adoption, periods, origin, market_size, method, form)
    est = _estimate(y, t, origin, method, form, market_size, k)
    res = BassFit(y=y, t=t, origin=origin, method=method, form=form, fixed_m=market_size,
                  alpha=alpha, est=est)
    if bootstrap:
        res.bootstrap(bootstrap, seed=seed)
    return res
