"""The imitation coefficient a network structure implies, and its inverse.

Given micro coefficients ``(p, q)`` of each agent, simulate Bass on a network
(:func:`ssbkg.diffusion.network.simulate_bass_network`) and fit the Bass
curve ``F(t)`` (market size fixed at 1, the whole population) to the mean
adoption curve: the fitted ``(P, Q)`` are the *effective* macro coefficients
of that structure. They are compared with the well-mixed benchmark: the
mean-field recursion of the same discrete scheme (what a complete graph of
infinitely many agents gives), fitted the same way, so that ``Q / Q_wm``
isolates the effect of structure from the effect of the time step.

:func:`calibrate_q` inverts the map: it finds the micro ``q`` for which the
network reproduces an observed macro ``Q``.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from scipy import optimize

from ..errors import FitError, GraphError
from .bass import bass_cdf
from .fit import _jacobian, fit_bass
from .network import NetworkBassResult, simulate_bass_network

__all__ = [
    "structure_measures",
    "fragmentation",
    "degree_heterogeneity",
    "fit_curve",
    "well_mixed_curve",
    "effective_bass",
    "EffectiveBass",
    "effective_table",
    "imitation_regression",
    "ImitationRegression",
    "calibrate_q",
    "Calibration",
    "MEASURES",
    "BENCHMARKS",
]

MEASURES = ("density", "clustering", "fragmentation", "heterogeneity")


def fragmentation(G):
    """Borgatti's fragmentation ``1 - sum_k s_k (s_k - 1) / (n (n - 1))`` over component sizes.

    The share of ordered node pairs that cannot reach each other (weak
    components of a directed graph). 0 for a connected graph, 1 with no edges.

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (2, 3)])      # two pairs: 1 - (2 + 2) / 12
    >>> round(fragmentation(G), 4)
    0.6667
    """
    n = G.number_of_nodes()
    if n < 2:
        raise GraphError("fragmentation needs at least two nodes")
    comps = nx.weakly_connected_components(G) if G.is_directed() else nx.connected_components(G)
    sizes = np.array([len(c) for c in comps], dtype=float)
    return float(1.0 - np.sum(sizes * (sizes - 1)) / (n * (n - 1.0)))


def degree_heterogeneity(G):
    """``<k^2> / <k>^2`` of the (total) degrees; NaN without edges.

    Examples
    --------
    >>> degree_heterogeneity(nx.star_graph(3))   # degrees 3,1,1,1: (12/4)/(6/4)^2
    1.3333333333333333
    """
    k = np.array([d for _, d in G.degree()], dtype=float)
    if len(k) == 0 or k.mean() == 0:
        return float("nan")
    return float(np.mean(k**2) / np.mean(k) ** 2)


def structure_measures(G):
    """Density, mean clustering, fragmentation and degree heterogeneity of ``G``.

    Clustering is computed on the undirected version of the graph.

    Examples
    --------
    >>> {k: round(v, 3) for k, v in structure_measures(nx.complete_graph(4)).items()}
    {'nodes': 4, 'edges': 6, 'density': 1.0, 'clustering': 1.0, 'fragmentation': 0.0, 'heterogeneity': 1.0}
    """
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "density": float(nx.density(G)),
        "clustering": float(nx.average_clustering(U)) if G.number_of_nodes() else float("nan"),
        "fragmentation": fragmentation(G),
        "heterogeneity": degree_heterogeneity(G),
    }


def fit_curve(times, fraction):
    """Fit ``F(t)`` (market size 1) to a fraction-adopted curve; returns a BassFit.

    Points at ``t <= 0`` are dropped; the curve is assumed to start from
    ``F(0) = 0``.
    """
    times = np.asarray(times, dtype=float)
    fraction = np.asarray(fraction, dtype=float)
    keep = times > 0
    t, F = times[keep], fraction[keep]
    increments = np.diff(np.concatenate([[0.0], F]))
    increments = np.maximum(increments, 0.0)  # guard round-off
    return fit_bass(increments, t, method="nls-cumulative", market_size=1.0, origin=0.0)


def well_mixed_curve(p, q, *, steps, dt=1.0, rule="fraction", mean_degree=None):
    """Mean-field curve of the simulation's discrete scheme (infinitely many agents, well mixed).

    ``F_{s+1} = F_s + (1 - F_s)(1 - exp(-h(F_s) dt))`` with ``h = p + q F`` (rule
    ``fraction``) or ``h = -ln(1-p) - <k> F ln(1-q)`` (rule ``independent``,
    which needs ``mean_degree``). As ``dt -> 0`` it tends to the Bass curve.

    Examples
    --------
    >>> t, F = well_mixed_curve(0.03, 0.38, steps=2000, dt=0.005)
    >>> round(float(F[-1]), 2)    # Bass F(10) = 0.9834 / 1.2099 = 0.81
    0.81
    """
    F = np.zeros(steps + 1)
    for s in range(steps):
        if rule == "fraction":
            h = p + q * F[s]
        else:
            if mean_degree is None:
                raise GraphError("the independent rule needs the mean degree for its well-mixed curve")
            h = -np.log1p(-p) - mean_degree * F[s] * np.log1p(-q)
        F[s + 1] = F[s] + (1.0 - F[s]) * -np.expm1(-h * dt)
    return dt * np.arange(steps + 1), F


@dataclass
class EffectiveBass:
    """Effective macro coefficients of a network and the well-mixed benchmark.

    ``P``, ``Q``: Bass fit to the simulated mean curve; ``P_se``, ``Q_se``:
    their Monte Carlo standard errors (delta method from the spread of the
    runs, see :func:`_mc_se`); ``P_wm``, ``Q_wm``: the same fit
    to the well-mixed curve; ``measures``: structure of the network;
    ``simulation``: the runs.
    """

    p: float
    q: float
    P: float
    Q: float
    P_se: float
    Q_se: float
    P_wm: float
    Q_wm: float
    rmse: float
    measures: dict
    simulation: NetworkBassResult

    @property
    def Q_ratio(self):
        """``Q / Q_wm``: imitation the structure lets through relative to well mixed."""
        return self.Q / self.Q_wm

    @property
    def P_ratio(self):
        return self.P / self.P_wm

    def as_dict(self):
        out = {"p": self.p, "q": self.q, "P": self.P, "P_se": self.P_se, "Q": self.Q,
               "Q_se": self.Q_se, "P_wm": self.P_wm, "Q_wm": self.Q_wm,
               "Q_ratio": self.Q_ratio, "Q_over_q": self.Q / self.q if self.q else float("nan"),
               "fit_rmse": self.rmse}
        out.update(self.measures)
        return out


def _mc_se(curves, times, fit):
    """Monte Carlo standard errors of the fitted (P, Q) from the spread of the runs.

    The least-squares estimate is, to first order, ``A y`` with
    ``A = (J'J)^{-1} J'`` and ``y`` the mean curve, whose covariance is the
    covariance of one run's curve over the runs divided by their number; so
    ``cov(P, Q) = A cov(run) A' / runs`` (the delta method).
    """
    runs = curves.shape[0]
    if runs < 2:
        return float("nan"), float("nan")
    keep = np.asarray(times) > 0
    t = np.asarray(times, dtype=float)[keep]
    theta = np.array([fit.p, fit.q])
    J = _jacobian(lambda th: bass_cdf(t, th[0], th[1]), theta)
    A = np.linalg.lstsq(J, np.eye(len(t)), rcond=None)[0]
    cov_run = np.atleast_2d(np.cov(curves[:, keep], rowvar=False))
    V = A @ cov_run @ A.T / runs
    se = np.sqrt(np.maximum(np.diag(V), 0.0))
    return float(se[0]), float(se[1])


BENCHMARKS = ("mean-field", "complete", "ode")


def effective_bass(G, p, q, *, steps, dt=1.0, runs=100, rule="fraction", seed=None,
                   measures=True, benchmark="mean-field"):
    """Simulate on ``G`` and fit the Bass model to the mean curve.

    Parameters
    ----------
    G : networkx.Graph
    p, q : float
        Micro coefficients.
    steps, dt, runs, rule, seed
        Passed to :func:`~ssbkg.diffusion.network.simulate_bass_network`.
    measures : bool
        Compute :func:`structure_measures` (clustering is slow on very large graphs).
    benchmark : {"mean-field", "complete", "ode"}
        Well-mixed reference: the mean-field curve of the same discrete scheme
        (default; infinitely many agents), a simulated complete graph with as
        many nodes (same steps, runs and seed; at most 5000 nodes), or the Bass
        ODE itself (``P_wm = p``, ``Q_wm = q``, ignoring the time step).

    Returns
    -------
    EffectiveBass

    Examples
    --------
    >>> eff = effective_bass(nx.complete_graph(300), 0.03, 0.4, steps=40, runs=20, seed=1,
    ...                      measures=False)
    >>> abs(eff.Q_ratio - 1) < 0.1    # a complete graph is well mixed
    True
    """
    sim = simulate_bass_network(G, p, q, steps=steps, dt=dt, runs=runs, rule=rule, seed=seed)
    fit = fit_curve(sim.times, sim.curves.mean(axis=0))
    n = G.number_of_nodes()
    if benchmark == "mean-field":
        mean_degree = G.number_of_edges() * (1 if G.is_directed() else 2) / n
        t_wm, F_wm = well_mixed_curve(p, q, steps=steps, dt=dt, rule=rule,
                                      mean_degree=mean_degree)
        wm = fit_curve(t_wm, F_wm)
        P_wm, Q_wm = wm.p, wm.q
    elif benchmark == "complete":
        if n > 5000:
            raise GraphError(f"a complete-graph benchmark of {n} nodes is too large; "
                             "use benchmark='mean-field'")
        ref = simulate_bass_network(nx.complete_graph(n), p, q, steps=steps, dt=dt, runs=runs,
                                    rule=rule, seed=seed)
        wm = fit_curve(ref.times, ref.curves.mean(axis=0))
        P_wm, Q_wm = wm.p, wm.q
    elif benchmark == "ode":
        P_wm, Q_wm = float(p), float(q)
    else:
        raise GraphError(f"unknown benchmark {benchmark!r}; choose one of {', '.join(BENCHMARKS)}")
    P_se, Q_se = _mc_se(sim.curves, sim.times, fit)
    return EffectiveBass(
        p=float(p), q=float(q),
        P=fit.p, Q=fit.q,
        P_se=P_se, Q_se=Q_se,
        P_wm=P_wm, Q_wm=Q_wm, rmse=fit.rmse,
        measures=structure_measures(G) if measures else {},
        simulation=sim,
    )


def effective_table(graphs, p, q, *, steps, dt=1.0, runs=100, rule="fraction", seed=None,
                    benchmark="mean-field"):
    """One row per network: structure measures beside effective ``P``, ``Q`` and ``Q/Q_wm``.

    ``graphs`` is a mapping name -> graph (or a list, named by position).
    """
    items = graphs.items() if isinstance(graphs, dict) else enumerate(graphs)
    rows = []
    for name, G in items:
        eff = effective_bass(G, p, q, steps=steps, dt=dt, runs=runs, rule=rule, seed=seed,
                             benchmark=benchmark)
        rows.append({"network": name, **eff.as_dict()})
    return pd.DataFrame(rows)


@dataclass
class ImitationRegression:
    """OLS of ``Q/Q_wm`` on structure measures: coefficients, standard errors, R^2, data."""

    coef: pd.DataFrame
    r2: float
    dof: int
    data: pd.DataFrame

    def __str__(self):
        return (f"Q/Q_wm regressed on {', '.join(self.coef.index[1:])} "
                f"(R^2 = {self.r2:.3f}, dof = {self.dof})\n{self.coef.to_string()}")


def imitation_regression(table, measures=("clustering", "fragmentation", "heterogeneity"),
                         *, response="Q_ratio"):
    """Regress ``response`` (default ``Q_ratio``; or ``Q_over_q``) on structure measures.

    Parameters
    ----------
    table : pandas.DataFrame
        E.g. from :func:`effective_table`; needs the response and measure columns.
    measures : sequence of str
        Regressors (an intercept is added).

    Returns
    -------
    ImitationRegression

    Raises
    ------
    FitError
        A column is missing or has NaN, or there are not more networks than
        coefficients.

    Examples
    --------
    >>> t = pd.DataFrame({"clustering": [0.0, 0.2, 0.4, 0.6],
    ...                   "Q_ratio": [1.0, 0.8, 0.6, 0.4]})
    >>> reg = imitation_regression(t, ["clustering"])
    >>> [round(v, 6) for v in reg.coef["estimate"]]
    [1.0, -1.0]
    """
    measures = list(measures)
    for col in [response, *measures]:
        if col not in table.columns:
            raise FitError(f"column {col!r} is missing from the table")
        if table[col].isna().any():
            raise FitError(f"column {col!r} has missing values")
    n, k = len(table), len(measures) + 1
    if n <= k:
        raise FitError(f"{n} networks for {k} coefficients: need more networks than coefficients")
    X = np.column_stack([np.ones(n)] + [table[c].to_numpy(float) for c in measures])
    y = table[response].to_numpy(float)
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ beta
    dof = n - k
    s2 = float(resid @ resid) / dof
    try:
        cov = s2 * np.linalg.inv(X.T @ X)
    except np.linalg.LinAlgError:
        raise FitError("structure measures are collinear across these networks") from None
    se = np.sqrt(np.diag(cov))
    sst = float(np.sum((y - y.mean()) ** 2))
    names = ["intercept", *measures]
    coef = pd.DataFrame({"estimate": beta, "std_err": se,
                         "t": np.divide(beta, se, out=np.full(k, np.nan), where=se > 0)},
                        index=names)
    r2 = 1.0 - float(resid @ resid) / sst if sst > 0 else float("nan")
    return ImitationRegression(coef, r2, dof, table)


@dataclass
class Calibration:
    """Micro ``q`` that reproduces a macro ``Q``, with its uncertainty.

    ``se`` combines ``se_mc`` (Monte Carlo spread of the simulated ``Q``) and
    ``se_macro`` (the macro ``Q``'s standard error), each mapped to ``q``
    through the slope ``dQ/dq`` at the solution:
    ``se = sqrt(se_mc^2 + se_macro^2)``.
    """

    q: float
    se: float
    se_mc: float
    se_macro: float
    slope: float
    Q_target: float
    Q_achieved: float
    evaluations: int

    def conf_int(self, z=1.96):
        return (self.q - z * self.se, self.q + z * self.se)


def calibrate_q(G, Q_target, *, p, Q_se=0.0, steps, dt=1.0, runs=100, rule="fraction",
                seed=0, bracket=(1e-3, 3.0), xtol=1e-4):
    """Find the micro ``q`` whose simulated effective ``Q`` on ``G`` equals ``Q_target``.

    Every evaluation reuses ``seed`` (common random numbers), so the
    simulated ``Q(q)`` is a smooth, increasing function that
    :func:`scipy.optimize.brentq` can bracket.

    Raises
    ------
    FitError
        ``Q_target`` is not reached inside ``bracket``.
    """
    if Q_target <= 0:
        raise FitError(f"the macro Q must be positive, got {Q_target!r}")
    cache = {}

    def Q_of(qm):
        if qm not in cache:
            sim = simulate_bass_network(G, p, qm, steps=steps, dt=dt, runs=runs, rule=rule,
                                        seed=seed)
            fit = fit_curve(sim.times, sim.curves.mean(axis=0))
            cache[qm] = (fit.q, sim, fit)
        return cache[qm][0]

    lo, hi = bracket
    f_lo, f_hi = Q_of(lo) - Q_target, Q_of(hi) - Q_target
    if f_lo * f_hi > 0:
        raise FitError(
            f"macro Q = {Q_target:g} is outside the range the network reaches for micro q in "
            f"[{lo:g}, {hi:g}] (Q from {f_lo + Q_target:.4g} to {f_hi + Q_target:.4g})"
        )
    q_star = optimize.brentq(lambda x: Q_of(x) - Q_target, lo, hi, xtol=xtol)
    h = max(0.05 * q_star, 2 * xtol)
    slope = (Q_of(q_star + h) - Q_of(max(q_star - h, 1e-9))) / (q_star + h - max(q_star - h, 1e-9))
    _, sim, fit = cache[q_star]
    se_Q_mc = _mc_se(sim.curves, sim.times, fit)[1]
    if not slope > 0:
        raise FitError(f"simulated Q does not increase with q near q = {q_star:.4g}")
    se_mc = se_Q_mc / slope
    se_macro = float(Q_se) / slope
    return Calibration(
        q=float(q_star), se=float(np.hypot(se_mc, se_macro)), se_mc=float(se_mc),
        se_macro=float(se_macro), slope=float(slope), Q_target=float(Q_target),
        Q_achieved=float(Q_of(q_star)), evaluations=len(cache),
    )
