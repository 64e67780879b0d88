"""Effective (P, Q) of network structures, the regression over networks, calibration."""

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ssbkg.diffusion.imitation import (
    calibrate_q,
    degree_heterogeneity,
    effective_bass,
    effective_table,
    fit_curve,
    network_fragmentation as fragmentation,
    imitation_regression,
    structure_measures,
    well_mixed_curve,
)
from ssbkg.errors import FitError, GraphError

from test_diffusion_network import circle_discrete_exact, one_sided_circle


def test_fragmentation_by_hand():
    G = nx.Graph([(0, 1), (1, 2), (3, 4)])
    G.add_node(5)
    # sizes 3, 2, 1: 1 - (6 + 2 + 0) / (6 * 5) = 0.733333
    assert fragmentation(G) == pytest.approx(22 / 30)
    assert fragmentation(nx.path_graph(4)) == 0.0
    assert fragmentation(nx.empty_graph(5)) == 1.0
    with pytest.raises(GraphError):
        fragmentation(nx.empty_graph(1))


def test_degree_heterogeneity_by_hand():
    # star with 4 leaves: degrees 4,1,1,1,1 -> <k^2> = 20/5 = 4, <k> = 1.6, 4 / 2.56
    assert degree_heterogeneity(nx.star_graph(4)) == pytest.approx(1.5625)
    assert degree_heterogeneity(nx.cycle_graph(7)) == pytest.approx(1.0)
    assert np.isnan(degree_heterogeneity(nx.empty_graph(3)))


def test_structure_measures_by_hand():
    G = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3)])
    m = structure_measures(G)
    assert m["density"] == pytest.approx(4 / 6)
    # clustering 1, 1, 1/3, 0 -> mean 0.583333
    assert m["clustering"] == pytest.approx((1 + 1 + 1 / 3 + 0) / 4)
    assert m["fragmentation"] == 0.0
    # degrees 2,2,3,1: <k^2> = 18/4 = 4.5, <k> = 2 -> 1.125
    assert m["heterogeneity"] == pytest.approx(1.125)


def test_complete_graph_is_well_mixed():
    eff = effective_bass(nx.complete_graph(400), 0.03, 0.4, steps=40, runs=60, seed=3,
                         measures=False)
    # Monte Carlo error (5 SE) plus a 2 % allowance for the finite-N bias, which the
    # complete-graph test in test_diffusion_network shows falling like 1/N (0.5 % of the
    # curve at N = 500)
    assert abs(eff.Q - eff.Q_wm) <= 5 * eff.Q_se + 0.02 * eff.Q_wm
    assert abs(eff.P - eff.P_wm) <= 5 * eff.P_se + 0.02 * eff.P_wm


def test_benchmarks():
    G = nx.cycle_graph(300)
    ode = effective_bass(G, 0.03, 0.4, steps=20, runs=10, seed=1, benchmark="ode",
                         measures=False)
    assert (ode.P_wm, ode.Q_wm) == (0.03, 0.4)
    assert ode.as_dict()["Q_over_q"] == pytest.approx(ode.Q / 0.4)
    comp = effective_bass(G, 0.03, 0.4, steps=20, runs=10, seed=1, benchmark="complete",
                          measures=False)
    mf = effective_bass(G, 0.03, 0.4, steps=20, runs=10, seed=1, measures=False)
    # a 300-node complete graph is close to the infinite mean field (see the network tests)
    assert comp.Q_wm == pytest.approx(mf.Q_wm, rel=0.05)
    with pytest.raises(GraphError, match="unknown benchmark"):
        effective_bass(G, 0.03, 0.4, steps=5, runs=2, benchmark="lattice")


def test_one_sided_circle_effective_q_matches_theory():
    p, q = 0.05, 0.5
    eff = effective_bass(one_sided_circle(800), p, q, runs=60, seed=4, method="exact")
    # Bass fit, on the same window, to Fibich & Gibori's (2010) closed form of the
    # continuous-time one-sided line, F(t) = 1 - exp(-(p+q)t + (q/p)(1 - e^{-pt}))
    t = eff.fit_window * np.arange(1, 201) / 200
    theory = fit_curve(t, 1 - np.exp(-(p + q) * t + (q / p) * (1 - np.exp(-p * t))))
    assert abs(eff.Q - theory.q) <= 5 * eff.Q_se
    assert abs(eff.P - theory.p) <= 5 * eff.P_se
    # one neighbour, no clustering or shortcuts: much less imitation than well mixed
    assert eff.Q_ratio < 0.7
    assert eff.measures["clustering"] == 0.0


def test_well_mixed_independent_rule_needs_mean_degree():
    with pytest.raises(GraphError, match="mean degree"):
        well_mixed_curve(0.01, 0.1, steps=3, rule="independent")
    # by hand, one step of dt = 1 from F = 0: h = -ln(1 - p) -> F1 = p
    _, F = well_mixed_curve(0.01, 0.1, steps=1, rule="independent", mean_degree=4)
    assert F[1] == pytest.approx(0.01)


def test_regression_by_hand():
    # x = 0,1,2,3; y = 1,3,2,5: slope = 5.5/5 = 1.1, intercept = 2.75 - 1.65 = 1.1,
    # SSE = 2.7, s^2 = 1.35, se(slope) = sqrt(1.35/5) = 0.519615, R^2 = 1 - 2.7/8.75
    table = pd.DataFrame({"clustering": [0, 1, 2, 3], "Q_ratio": [1, 3, 2, 5]})
    reg = imitation_regression(table, ["clustering"])
    assert reg.coef.loc["clustering", "estimate"] == pytest.approx(1.1)
    assert reg.coef.loc["intercept", "estimate"] == pytest.approx(1.1)
    assert reg.coef.loc["clustering", "std_err"] == pytest.approx(0.519615, abs=1e-6)
    assert reg.r2 == pytest.approx(1 - 2.7 / 8.75)
    assert reg.dof == 2
    assert "clustering" in str(reg)


def test_regression_errors():
    table = pd.DataFrame({"clustering": [0.1, 0.2], "Q_ratio": [0.9, 0.8]})
    with pytest.raises(FitError, match="2 networks for 2 coefficients"):
        imitation_regression(table, ["clustering"])
    with pytest.raises(FitError, match="'fragmentation' is missing"):
        imitation_regression(table, ["fragmentation"])


def test_clustered_networks_imitate_less():
    # Watts-Strogatz rings with rising rewiring: clustering falls, effective Q rises
    graphs = {f"ws{beta}": nx.watts_strogatz_graph(600, 4, beta, seed=1)
              for beta in (0.0, 0.05, 0.2, 0.5, 1.0)}
    table = effective_table(graphs, 0.02, 0.5, steps=30, runs=30, seed=2)
    assert list(table["network"]) == list(graphs)
    assert table["Q_ratio"].iloc[0] < table["Q_ratio"].iloc[-1]
    reg = imitation_regression(table, ["clustering"])
    assert reg.coef.loc["clustering", "estimate"] < 0


def test_calibration_recovers_micro_q():
    G = nx.watts_strogatz_graph(300, 6, 0.1, seed=3)
    p, q0 = 0.03, 0.45
    truth = effective_bass(G, p, q0, steps=40, runs=40, seed=9, measures=False)
    # different random numbers than the truth: q is found within its Monte Carlo error
    cal = calibrate_q(G, truth.Q, p=p, Q_se=0.01, steps=40, runs=40, seed=1)
    assert abs(cal.q - q0) <= 5 * np.hypot(cal.se_mc, truth.Q_se / cal.slope)
    assert cal.Q_achieved == pytest.approx(truth.Q, abs=2e-3)
    assert cal.se_macro == pytest.approx(0.01 / cal.slope)
    assert cal.se == pytest.approx(np.hypot(cal.se_mc, cal.se_macro))
    lo, hi = cal.conf_int()
    assert lo < cal.q < hi


def test_calibration_out_of_range():
    G = nx.cycle_graph(200)
    with pytest.raises(FitError, match=r"no micro q in \[0.01, 1\] reproduces Q = 50: the largest"):
        calibrate_q(G, 50.0, p=0.02, steps=20, runs=5, seed=0, bracket=(0.01, 1.0))
