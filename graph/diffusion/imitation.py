"""The imitation coefficient a network structure implies, and its inverse.

Given micro coefficients ``(p, q)`` of each agent, simulate Bass on a network
(:func:`ssbkg.diffusion.network.simulate_bass_network`, continuous time by
default) and fit the Bass curve ``F(t)`` (market size fixed at 1, the whole
population) to the mean adoption curve: the fitted ``(P, Q)`` are the
*effective* macro coefficients of that structure.

The fit never depends on a horizon the caller chose: it covers the window
``(0, t_95]``, from launch to the first time the mean curve reaches
:data:`FIT_TO` (95 %), sampled at :data:`FIT_POINTS` evenly spaced times. The
simulation runs as long as that takes (every run to full adoption in the
exact method).

Nodes without influencers (isolates) adopt at rate ``p`` alone, so a network
with isolates gives a mixture ``F = s (1 - e^{-p t}) + (1 - s) F_linked(t)``
that one Bass curve may fit badly. :func:`effective_bass` reports the isolate
share ``s``, the fit quality (RMSE and R^2 of the fitted curve against the
simulated mean curve), a warning when the RMSE exceeds
:data:`POOR_FIT_RMSE`, and the two-group mixture: ``(P_linked, Q_linked)``
fitted to the nodes with at least one influencer, with the isolates' exact
curve beside it.

:func:`calibrate_q` inverts the map: it finds the micro ``q`` for which the
network reproduces an observed macro ``Q``, or says why no ``q`` can.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd
from scipy import optimize

from ..errors import FitError, GraphError
from ..metrics.fragmentation import fragmentation as borgatti_fragmentation
from .bass import bass_cdf
from .fit import _jacobian, fit_bass
from .network import (
    NetworkBassResult,
    _hazard_parts,
    influence_matrix,
    simulate_bass_network,
)

__all__ = [
    "structure_measures",
    "network_fragmentation",
    "degree_heterogeneity",
    "isolates",
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
    "POOR_FIT_RMSE",
    "FIT_TO",
    "FIT_POINTS",
]

MEASURES = ("density", "clustering", "fragmentation", "heterogeneity")

#: A Bass fit to a simulated curve with an RMSE (in fraction adopted) above this is "poor":
#: the curve is off by more than two percentage points of adoption on average.
POOR_FIT_RMSE = 0.02

#: The effective fit covers launch to the first time the mean curve reaches this fraction.
FIT_TO = 0.95

#: Evenly spaced times in the fit window.
FIT_POINTS = 200


def network_fragmentation(G):
    """Borgatti's F of ``G`` (weak components of a digraph), from :mod:`ssbkg.metrics`.

    Examples
    --------
    >>> round(network_fragmentation(nx.DiGraph([(0, 1), (2, 3)])), 4)   # 1 - 4/12
    0.6667
    """
    if G.is_directed() or G.is_multigraph():
        G = nx.Graph(G.to_undirected(as_view=True))
    return borgatti_fragmentation(G)


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


def isolates(G):
    """Nodes nobody influences (no neighbour; in a digraph, no in-edge), in graph order.

    They adopt at rate ``p`` alone, whatever ``q`` is.

    Examples
    --------
    >>> G = nx.Graph([(0, 1)]); G.add_nodes_from([2, 3])
    >>> isolates(G)
    [2, 3]
    >>> isolates(nx.DiGraph([(0, 1)]))
    [0]
    """
    M, nodes = influence_matrix(G)
    indeg = np.diff(M.indptr)
    return [nodes[i] for i in np.flatnonzero(indeg == 0)]


def structure_measures(G):
    """Density, mean clustering, fragmentation, degree heterogeneity and isolates of ``G``.

    Clustering is computed on the undirected version of the graph;
    fragmentation is Borgatti's F (:func:`ssbkg.metrics.fragmentation`).

    Examples
    --------
    >>> {k: round(v, 3) for k, v in structure_measures(nx.complete_graph(4)).items()}
    {'nodes': 4, 'edges': 6, 'density': 1.0, 'clustering': 1.0, 'fragmentation': 0.0, 'heterogeneity': 1.0, 'isolates': 0, 'isolate_share': 0.0}
    """
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    n = G.number_of_nodes()
    iso = len(isolates(G)) if n else 0
    return {
        "nodes": n,
        "edges": G.number_of_edges(),
        "density": float(nx.density(G)),
        "clustering": float(nx.average_clustering(U)) if n else float("nan"),
        "fragmentation": network_fragmentation(G) if n > 1 else float("nan"),
        "heterogeneity": degree_heterogeneity(G),
        "isolates": iso,
        "isolate_share": iso / n if n else float("nan"),
    }


def fit_curve(times, fraction):
    """Fit ``F(t)`` (market size 1) to a fraction-adopted curve; returns a BassFit.

    Points at ``t <= 0`` are dropped; the curve is assumed to start from
    ``F(0) = 0``. ``rmse`` and ``r2`` of the result are of the cumulative
    fraction. A ``q`` at its lower limit (no imitation visible) is said so in
    ``message``.
    """
    times = np.asarray(times, dtype=float)
    fraction = np.asarray(fraction, dtype=float)
    keep = times > 0
    t, F = times[keep], fraction[keep]
    increments = np.diff(np.concatenate([[0.0], F]))
    increments = np.maximum(increments, 0.0)  # guard round-off
    return fit_bass(increments, t, method="nls-cumulative", market_size=1.0, origin=0.0)


def well_mixed_curve(p, q, *, steps, dt=1.0, rule="fraction", mean_degree=None):
    """Mean-field curve of the tau-leap scheme (infinitely many agents, well mixed).

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


#: A fitted Q below this is reported as 0 (no imitation visible in the curve).
Q_ZERO = 1e-6


def _q_at_lower_limit(fit):
    return "q is at its lower limit" in fit.message or fit.q < Q_ZERO


@dataclass
class EffectiveBass:
    """Effective macro coefficients of a network, their fit quality and the benchmark.

    Attributes
    ----------
    p, q : float
        Micro coefficients simulated.
    P, Q : float
        One Bass curve fitted to the simulated mean curve of all nodes
        (``Q = 0`` when the fit puts it at its lower limit).
    P_se, Q_se : float
        Monte Carlo standard errors (delta method from the spread of the runs).
    rmse, r2 : float
        Of the fitted curve against the simulated mean curve (fraction adopted).
    poor_fit : bool
        ``rmse > POOR_FIT_RMSE``.
    fit_window : float
        End of the fit window: first time the mean curve reaches ``fit_to``.
    fit_to : float
    P_wm, Q_wm : float
        Well-mixed benchmark.
    n_isolates, isolate_share : int, float
        Nodes without influencers and their share.
    P_linked, Q_linked, rmse_linked, r2_linked : float
        Bass fit to the nodes with at least one influencer (NaN when there are none).
    rmse_mixture, r2_mixture : float
        Of the two-group mixture ``s (1 - e^{-b t}) + (1 - s) F(t; P_linked, Q_linked)``
        (``b = p``, or ``-ln(1-p)`` for the independent rule) against the whole curve.
    notes : list of str
        Degenerate cases and warnings, in words.
    measures : dict
    simulation : NetworkBassResult
        The runs on the whole graph.
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
    r2: float = float("nan")
    fit_window: float = float("nan")
    fit_to: float = FIT_TO
    poor_fit: bool = False
    n_isolates: int = 0
    isolate_share: float = 0.0
    P_linked: float = float("nan")
    Q_linked: float = float("nan")
    rmse_linked: float = float("nan")
    r2_linked: float = float("nan")
    rmse_mixture: float = float("nan")
    r2_mixture: float = float("nan")
    method: str = "exact"
    notes: list = field(default_factory=list)

    @property
    def Q_ratio(self):
        """``Q / Q_wm``: imitation the structure lets through relative to well mixed (NaN if ``Q_wm = 0``)."""
        return self.Q / self.Q_wm if self.Q_wm > 0 else float("nan")

    @property
    def P_ratio(self):
        return self.P / self.P_wm if self.P_wm > 0 else float("nan")

    def as_dict(self):
        out = {"p": self.p, "q": self.q, "P": self.P, "P_se": self.P_se, "Q": self.Q,
               "Q_se": self.Q_se, "fit_rmse": self.rmse, "fit_r2": self.r2,
               "poor_fit": self.poor_fit, "fit_window": self.fit_window,
               "P_wm": self.P_wm, "Q_wm": self.Q_wm, "Q_ratio": self.Q_ratio,
               "Q_over_q": self.Q / self.q if self.q else float("nan"),
               "n_isolates": self.n_isolates, "isolate_share": self.isolate_share,
               "P_linked": self.P_linked, "Q_linked": self.Q_linked,
               "rmse_linked": self.rmse_linked, "rmse_mixture": self.rmse_mixture,
               "r2_mixture": self.r2_mixture, "method": self.method,
               "notes": "; ".join(self.notes)}
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


def _quality(target, fitted):
    resid = target - fitted
    sse = float(resid @ resid)
    sst = float(np.sum((target - target.mean()) ** 2))
    return math.sqrt(sse / len(target)), (1.0 - sse / sst if sst > 0 else float("nan"))


def _simulate_to(G, p, q, *, fit_to, runs, rule, seed, method, dt):
    """Simulate until the mean curve reaches ``fit_to``; return (sim, fit times).

    Every node's hazard is at least the base rate ``b`` (``p``, or ``-ln(1-p)``),
    so the mean curve is at least ``1 - e^{-b t}`` and reaches ``fit_to`` by
    ``T = -ln(1 - fit_to) / b``: a tau-leap run to ``T`` always covers the window.
    """
    base = p if rule == "fraction" else -math.log1p(-p)
    T = -math.log1p(-fit_to) / base
    if method in ("auto", "exact") and G.number_of_nodes() <= _exact_max():
        sim = simulate_bass_network(G, p, q, steps=1, dt=T, runs=runs, rule=rule, seed=seed,
                                    method="exact")
        end = sim.time_to(fit_to)
        times = end * np.arange(1, FIT_POINTS + 1) / FIT_POINTS
        return sim, times, end
    if method == "exact":
        raise GraphError(f"exact simulation is limited to {_exact_max()} nodes")
    step = dt if dt is not None else T / FIT_POINTS
    steps = math.ceil(T / step) + 1
    sim = simulate_bass_network(G, p, q, steps=steps, dt=step, runs=runs, rule=rule, seed=seed,
                                method="auto" if method == "auto" else "tau-leap")
    end = sim.time_to(fit_to)
    times = sim.times[(sim.times > 0) & (sim.times <= end + 1e-12)]
    if len(times) < 4:
        raise FitError(f"the mean curve reaches {fit_to:.0%} within {len(times)} steps of "
                       f"{step:g}: use a smaller dt")
    return sim, times, end


def _exact_max():
    from .network import EXACT_MAX_NODES

    return EXACT_MAX_NODES


BENCHMARKS = ("ode", "mean-field", "complete")


def effective_bass(G, p, q, *, runs=100, rule="fraction", seed=None, measures=True,
                   benchmark="ode", method="auto", dt=None, fit_to=FIT_TO, steps=None):
    """Simulate on ``G`` and fit the Bass model to the mean curve, with its quality.

    Parameters
    ----------
    G : networkx.Graph
    p, q : float
        Micro coefficients.
    runs, rule, seed
        Passed to :func:`~ssbkg.diffusion.network.simulate_bass_network`.
    measures : bool
        Compute :func:`structure_measures` (clustering is slow on very large graphs).
    benchmark : {"ode", "mean-field", "complete"}
        Well-mixed reference: the Bass ODE of the same agents (default;
        ``P_wm = p``, ``Q_wm = q`` for the fraction rule, ``-ln(1-p)`` and
        ``-<k> ln(1-q)`` for the independent rule), the mean-field curve of
        the tau-leap scheme with the same step (``method="tau-leap"``), or a
        simulated complete graph with as many nodes (at most 5000).
    method : {"auto", "exact", "tau-leap"}
        Simulation method (exact continuous time up to
        :data:`~ssbkg.diffusion.network.EXACT_MAX_NODES` nodes under ``auto``).
    dt : float, optional
        ``tau-leap`` only: the step (default: the fit window over
        :data:`FIT_POINTS`, with automatic substeps).
    fit_to : float
        The fit window ends when the mean curve reaches this fraction.
    steps : None
        Ignored (the window comes from the curve, not from a horizon); kept
        so that older calls still run.

    Returns
    -------
    EffectiveBass

    Examples
    --------
    >>> eff = effective_bass(nx.complete_graph(300), 0.03, 0.4, runs=20, seed=1,
    ...                      measures=False)
    >>> abs(eff.Q_ratio - 1) < 0.1, eff.poor_fit    # a complete graph is well mixed
    (True, False)
    """
    if not 0 < fit_to < 1:
        raise FitError(f"fit_to must lie in (0, 1), got {fit_to!r}")
    sim, times, end = _simulate_to(G, p, q, fit_to=fit_to, runs=runs, rule=rule, seed=seed,
                                   method=method, dt=dt)
    curves = sim.curves_at(times)
    mean = curves.mean(axis=0)
    notes = []
    n = G.number_of_nodes()
    iso = isolates(G)
    s = len(iso) / n
    fit = fit_curve(times, mean)
    P, Q = fit.p, fit.q
    if _q_at_lower_limit(fit):
        Q = 0.0
    rmse, r2 = _quality(mean, bass_cdf(times, fit.p, fit.q))
    P_se, Q_se = _mc_se(curves, times, fit)
    base = p if rule == "fraction" else -math.log1p(-p)
    P_l = Q_l = rmse_l = r2_l = float("nan")
    rmse_mix, r2_mix = rmse, r2
    if len(iso) == n:
        notes.append(f"no links: all {n} nodes adopt on their own at rate p "
                     f"(F = 1 - e^(-{base:g} t)); imitation cannot act, so the true Q is 0 "
                     f"whatever q is" + (f" (the fitted {Q:.2g} is Monte Carlo noise, se "
                                         f"{Q_se:.2g})" if Q > 0 else ""))
    elif iso:
        H = G.copy()  # not G.subgraph: its node order can follow a set's hash order
        H.remove_nodes_from(iso)
        sim_l, _, _ = _simulate_to(H, p, q, fit_to=fit_to, runs=runs, rule=rule, seed=seed,
                                   method=method, dt=dt)
        t_l = times  # same window (T and step depend on p only), so the grids coincide
        curves_l = sim_l.curves_at(t_l)
        mean_l = curves_l.mean(axis=0)
        fit_l = fit_curve(t_l, mean_l)
        P_l, Q_l = fit_l.p, 0.0 if _q_at_lower_limit(fit_l) else fit_l.q
        rmse_l, r2_l = _quality(mean_l, bass_cdf(t_l, fit_l.p, fit_l.q))
        mix = s * -np.expm1(-base * times) + (1 - s) * bass_cdf(times, fit_l.p, fit_l.q)
        rmse_mix, r2_mix = _quality(mean, mix)
        notes.append(f"{len(iso)} of {n} nodes ({s:.0%}) have no links and adopt at rate p "
                     f"alone; the linked {n - len(iso)} give P = {P_l:.3g}, Q = {Q_l:.3g} "
                     f"(two-group mixture RMSE {rmse_mix:.3f})")
    if Q == 0.0 and len(iso) < n:
        notes.append(f"Q = 0: one Bass curve over all nodes shows no imitation (fitted Q "
                     f"below {Q_ZERO:g})")
    poor = rmse > POOR_FIT_RMSE
    if poor:
        notes.append(f"poor fit: one Bass curve misses the simulated curve by RMSE "
                     f"{rmse:.3f} > {POOR_FIT_RMSE} (fraction adopted); read P and Q with care"
                     + ("; the two-group mixture fits better" if rmse_mix < rmse else ""))
    n_edges = G.number_of_edges()
    if benchmark == "ode":
        if rule == "fraction":
            P_wm, Q_wm = float(p), float(q)
        else:
            mean_degree = n_edges * (1 if G.is_directed() else 2) / n
            P_wm, Q_wm = base, float(-mean_degree * math.log1p(-q))
    elif benchmark == "mean-field":
        if sim.method == "exact":
            P_wm, Q_wm = (float(p), float(q)) if rule == "fraction" else (
                base, float(-(n_edges * (1 if G.is_directed() else 2) / n) * math.log1p(-q)))
        else:
            mean_degree = n_edges * (1 if G.is_directed() else 2) / n
            step = sim.dt / sim.substeps
            k = max(1, int(round(end / step)))
            t_wm, F_wm = well_mixed_curve(p, q, steps=k, dt=step, rule=rule,
                                          mean_degree=mean_degree)
            wm = fit_curve(t_wm, F_wm)
            P_wm, Q_wm = wm.p, wm.q
    elif benchmark == "complete":
        if n > 5000:
            raise GraphError(f"a complete-graph benchmark of {n} nodes is too large; "
                             "use benchmark='ode'")
        ref, t_ref, _ = _simulate_to(nx.complete_graph(n), p, q, fit_to=fit_to, runs=runs,
                                     rule=rule, seed=seed, method=method, dt=dt)
        wm = fit_curve(t_ref, ref.curves_at(t_ref).mean(axis=0))
        P_wm, Q_wm = wm.p, wm.q
    else:
        raise GraphError(f"unknown benchmark {benchmark!r}; choose one of {', '.join(BENCHMARKS)}")
    return EffectiveBass(
        p=float(p), q=float(q), P=float(P), Q=float(Q), P_se=P_se, Q_se=Q_se,
        P_wm=float(P_wm), Q_wm=float(Q_wm), rmse=rmse, r2=r2,
        measures=structure_measures(G) if measures else {},
        simulation=sim, fit_window=float(end), fit_to=float(fit_to), poor_fit=bool(poor),
        n_isolates=len(iso), isolate_share=float(s), P_linked=float(P_l), Q_linked=float(Q_l),
        rmse_linked=rmse_l, r2_linked=r2_l, rmse_mixture=rmse_mix, r2_mixture=r2_mix,
        method=sim.method, notes=notes,
    )


def effective_table(graphs, p, q, *, runs=100, rule="fraction", seed=None, benchmark="ode",
                    method="auto", steps=None, dt=None):
    """One row per network: structure measures beside effective ``P``, ``Q``, fit quality.

    ``graphs`` is a mapping name -> graph (or a list, named by position).
    """
    items = graphs.items() if isinstance(graphs, dict) else enumerate(graphs)
    rows = []
    for name, G in items:
        eff = effective_bass(G, p, q, runs=runs, rule=rule, seed=seed, benchmark=benchmark,
                             method=method, dt=dt)
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
    ``se = sqrt(se_mc^2 + se_macro^2)``. ``basis`` says which effective ``Q``
    was matched (``all`` nodes, or the ``linked`` nodes of the mixture), and
    ``fit_rmse`` how well one Bass curve fits the simulated curve at the solution.
    """

    q: float
    se: float
    se_mc: float
    se_macro: float
    slope: float
    Q_target: float
    Q_achieved: float
    evaluations: int
    basis: str = "all"
    fit_rmse: float = float("nan")
    fit_window: float = float("nan")
    notes: list = field(default_factory=list)

    def conf_int(self, z=1.96):
        return (self.q - z * self.se, self.q + z * self.se)


CALIBRATION_BASES = ("all", "linked")


def calibrate_q(G, Q_target, *, p, Q_se=0.0, runs=100, rule="fraction", seed=0,
                bracket=(1e-3, 5.0), xtol=1e-4, basis="all", method="auto", dt=None,
                scan=9, steps=None):
    """Find the micro ``q`` whose simulated effective ``Q`` on ``G`` equals ``Q_target``.

    Every evaluation reuses ``seed`` (common random numbers), so the
    simulated ``Q(q)`` varies smoothly with ``q``. ``Q(q)`` is scanned at
    ``scan`` log-spaced values over ``bracket`` (it need not be monotone: in
    small components a large ``q`` makes each component adopt at once after
    its first adopter, which looks like innovation), and
    :func:`scipy.optimize.brentq` refines the first crossing of the target.
    The effective ``Q`` is that of :func:`effective_bass` (fit window up to
    95 % adoption, whatever the horizon).

    Parameters
    ----------
    basis : {"all", "linked"}
        Match the ``Q`` of one Bass curve fitted to all nodes (comparable to a
        Bass fit to a market series), or the ``Q_linked`` of the nodes with at
        least one influencer (the mixture model's second group).

    Raises
    ------
    FitError
        No ``q`` can reproduce the target, with the reason: the network has
        no links (the effective ``Q`` is 0 for every ``q``), or the target lies
        outside the range of ``Q`` over ``bracket``, with that range, the
        isolate share and the size of the largest component.

    Examples
    --------
    >>> try:
    ...     calibrate_q(nx.empty_graph(5), 0.38, p=0.03)
    ... except FitError as exc:
    ...     print(str(exc)[:71])
    no micro q reproduces Q = 0.38: the network has no links among its 5 no
    """
    if Q_target <= 0:
        raise FitError(f"the macro Q must be positive, got {Q_target!r}")
    if basis not in CALIBRATION_BASES:
        raise FitError(f"unknown basis {basis!r}; choose 'all' or 'linked'")
    n = G.number_of_nodes()
    M, _ = influence_matrix(G)
    if M.nnz == 0:
        raise FitError(
            f"no micro q reproduces Q = {Q_target:g}: the network has no links among its {n} "
            f"nodes, so every node adopts on its own at rate p and the effective Q is 0 "
            "whatever q is; give a network with links (e.g. a wider region, or a scenario "
            "that adds links)"
        )
    cache = {}

    def evaluate(qm):
        if qm not in cache:
            eff = effective_bass(G, p, qm, runs=runs, rule=rule, seed=seed, measures=False,
                                 method=method, dt=dt)
            cache[qm] = eff
        return cache[qm]

    def Q_of(qm):
        eff = evaluate(qm)
        return eff.Q if basis == "all" else eff.Q_linked

    lo, hi = bracket
    if not 0 < lo < hi:
        raise FitError(f"bracket must satisfy 0 < lo < hi, got {bracket!r}")
    # Q(q) need not be monotone: in small components a large q makes each component
    # adopt at once after its first adopter, which looks like innovation, not imitation.
    grid = np.geomspace(lo, hi, scan)
    values = np.array([Q_of(x) for x in grid])
    above = values >= Q_target
    cross = np.flatnonzero(~above[:-1] & above[1:])
    if above[0]:
        raise FitError(
            f"no micro q in [{lo:g}, {hi:g}] reproduces Q = {Q_target:g}: even q = {lo:g} "
            f"gives an effective Q of {values[0]:.3g} ({basis} nodes), above the target"
        )
    if len(cross) == 0:
        best = int(np.argmax(values))
        eff = evaluate(grid[best])
        comps = (nx.weakly_connected_components(G) if G.is_directed()
                 else nx.connected_components(G))
        giant = max(len(c) for c in comps)
        hint = ""
        if basis == "all" and eff.n_isolates:
            top_l = max(evaluate(x).Q_linked for x in grid)
            hint = (f"; the linked nodes alone reach Q_linked = {top_l:.3g} at most "
                    "(basis 'linked')")
        raise FitError(
            f"no micro q in [{lo:g}, {hi:g}] reproduces Q = {Q_target:g}: the largest effective "
            f"Q ({basis} nodes) over {scan} values of q is {values[best]:.3g}, at q = "
            f"{grid[best]:.3g}; {eff.n_isolates} of {n} nodes ({eff.isolate_share:.0%}) have no "
            f"links and adopt at rate p alone, and the largest component holds {giant} nodes "
            f"({giant / n:.0%}), so imitation cannot spread far enough for one Bass curve to "
            f"show Q = {Q_target:g}{hint}"
        )
    lo, hi = grid[cross[0]], grid[cross[0] + 1]
    q_star = optimize.brentq(lambda x: Q_of(x) - Q_target, lo, hi, xtol=xtol)
    h = max(0.05 * q_star, 2 * xtol)
    q_minus = max(q_star - h, 1e-9)
    slope = (Q_of(q_star + h) - Q_of(q_minus)) / (q_star + h - q_minus)
    eff = evaluate(q_star)
    if not slope > 0:
        raise FitError(f"the simulated Q does not increase with q near q = {q_star:.4g}: "
                       "the network's Q cannot be inverted there")
    se_Q_mc = eff.Q_se if basis == "all" else float("nan")
    se_mc = se_Q_mc / slope
    se_macro = float(Q_se) / slope
    return Calibration(
        q=float(q_star), se=float(np.hypot(se_mc, se_macro)), se_mc=float(se_mc),
        se_macro=float(se_macro), slope=float(slope), Q_target=float(Q_target),
        Q_achieved=float(Q_of(q_star)), evaluations=len(cache), basis=basis,
        fit_rmse=float(eff.rmse if basis == "all" else eff.rmse_linked),
        fit_window=eff.fit_window, notes=list(eff.notes),
    )
