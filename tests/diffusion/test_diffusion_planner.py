"""What a planner reads: continuous time by default, effective P and Q that do not
depend on the horizon, fit quality and its warning, isolates, calibration that says
why, scenarios that list their links, years.

Each test fails on the code before issue 10 (dt = 1 steps by default, a fit over the
chosen horizon, no fit quality, calibrate failing without a reason).
"""

import math

import networkx as nx
import numpy as np
import pytest
from scipy.integrate import solve_ivp

from ssbkg.diffusion.bass import bass_cdf
from ssbkg.diffusion.imitation import (
    POOR_FIT_RMSE,
    calibrate_q,
    effective_bass,
    isolates,
)
from ssbkg.diffusion.network import simulate_bass_network
from ssbkg.diffusion.scenarios import PLATFORM_LINK_RULE, propose_platform_links
from ssbkg.errors import FitError


def test_default_simulation_matches_the_bass_closed_form_within_one_percent():
    # complete graph of 500 agents, default method and output spacing dt = 1 year:
    # the mean curve is within 0.01 of F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})
    # at every year (before issue 10 the default dt = 1 step was off by about 0.05).
    p, q = 0.03, 0.38
    res = simulate_bass_network(nx.complete_graph(500), p, q, steps=30, runs=100, seed=3)
    assert res.method == "exact"
    closed = bass_cdf(res.times, p, q)
    assert np.max(np.abs(res.mean.to_numpy() - closed)) <= 0.01
    # and the closed form agrees with scipy's ODE solution of dF/dt = (p + qF)(1 - F)
    ode = solve_ivp(lambda t, F: (p + q * F) * (1 - F), (0, 30), [0.0], t_eval=res.times,
                    rtol=1e-10, atol=1e-12)
    assert np.max(np.abs(ode.y[0] - closed)) < 1e-8


def test_exact_time_to_half_adoption_on_a_complete_graph():
    # t50 = ln((1 + q/p)... ) from time_to_fraction: -ln((1 - 0.5)/(1 + 0.5 q/p))/(p+q)
    p, q = 0.03, 0.38
    t50 = -math.log(0.5 / (1 + 0.5 * q / p)) / (p + q)   # 6.550 years
    res = simulate_bass_network(nx.complete_graph(500), p, q, steps=1, runs=100, seed=5)
    assert res.time_to(0.5) == pytest.approx(t50, abs=0.1)


def test_effective_p_and_q_do_not_depend_on_the_horizon():
    # the same network, seed and micro coefficients: any horizon gives the same P and Q
    G = nx.Graph([(0, 1), (1, 2), (2, 3), (3, 0), (4, 5)])
    G.add_nodes_from(range(6, 10))
    a = effective_bass(G, 0.03, 0.38, runs=50, seed=1, steps=30)
    b = effective_bass(G, 0.03, 0.38, runs=50, seed=1, steps=200)
    assert (a.P, a.Q, a.fit_window) == (b.P, b.Q, b.fit_window)
    # the window is launch to 95 % adoption: the mean curve reaches 0.95 at its end
    assert a.simulation.time_to(0.95) == a.fit_window


def test_pure_innovation_is_recovered_exactly_and_said_so():
    # no links: F = 1 - e^{-pt}; Bass with q = 0 is that curve, so P = p and Q = 0
    eff = effective_bass(nx.empty_graph(400), 0.05, 0.4, runs=50, seed=2)
    assert eff.P == pytest.approx(0.05, abs=5 * eff.P_se)
    assert eff.Q <= 5 * eff.Q_se
    assert eff.isolate_share == 1.0 and eff.n_isolates == 400
    assert any("no links" in n for n in eff.notes)
    assert not eff.poor_fit


def test_isolates_are_counted_and_the_mixture_fits_better():
    # half the nodes in a complete graph, half isolated: F = 0.5 (1 - e^{-pt}) + 0.5 Bass(p, q)
    G = nx.complete_graph(300)
    G.add_nodes_from(range(300, 600))
    assert isolates(G) == list(range(300, 600))
    p, q = 0.02, 0.6
    eff = effective_bass(G, p, q, runs=40, seed=4)
    assert eff.isolate_share == 0.5 and eff.n_isolates == 300
    # one Bass curve cannot follow the mixture: check against the exact mixture curve
    t = eff.fit_window * np.arange(1, 201) / 200
    mix = 0.5 * (1 - np.exp(-p * t)) + 0.5 * bass_cdf(t, p, q)
    from ssbkg.diffusion.imitation import fit_curve
    one = fit_curve(t, mix)
    rmse_theory = math.sqrt(np.mean((mix - bass_cdf(t, one.p, one.q)) ** 2))
    assert rmse_theory > POOR_FIT_RMSE                     # the mixture itself is non-Bass
    assert eff.rmse == pytest.approx(rmse_theory, abs=0.005)
    assert eff.poor_fit and any("poor fit" in n for n in eff.notes)
    # the linked half is a complete graph of 300: its Bass fit recovers q within 5 %
    assert eff.Q_linked == pytest.approx(q, rel=0.05)
    assert eff.rmse_mixture < POOR_FIT_RMSE < eff.rmse


def test_calibrate_says_why_an_edgeless_network_has_no_q():
    with pytest.raises(FitError, match="no links among its 15 nodes.*Q is 0 whatever q is"):
        calibrate_q(nx.empty_graph(15), 0.38, p=0.03)


def test_calibrate_names_the_largest_q_when_the_target_is_out_of_reach():
    # pairs only: once one adopts, its partner follows at rate q; no q makes one Bass curve
    # over the 200 nodes show Q = 0.38, and the message gives the largest Q reached
    G = nx.Graph([(2 * i, 2 * i + 1) for i in range(100)])
    with pytest.raises(FitError) as info:
        calibrate_q(G, 0.38, p=0.03, runs=20, seed=0)
    msg = str(info.value)
    assert "the largest effective Q (all nodes)" in msg and "largest component holds 2" in msg


def test_calibrate_finds_q_on_a_complete_graph():
    # well mixed: the effective Q equals the micro q, so Q = 0.38 gives q = 0.38
    cal = calibrate_q(nx.complete_graph(300), 0.38, p=0.03, runs=30, seed=0)
    assert cal.q == pytest.approx(0.38, abs=5 * cal.se_mc + 0.02 * 0.38)
    assert cal.Q_achieved == pytest.approx(0.38, abs=1e-3)


def test_platform_links_follow_the_stated_rule():
    G = nx.Graph()
    G.add_nodes_from([
        ("zj-lab", {"type": "platform", "region": "cn-zj", "segments": [],
                    "routes": ["all_solid_state"]}),
        ("gd-base", {"type": "platform", "region": "cn-gd", "segments": ["nev"], "routes": []}),
        ("bare", {"type": "platform", "region": "cn", "segments": [], "routes": []}),
        ("geely", {"type": "enterprise", "region": "cn-zj", "regions": ["cn-zj", "cn"],
                   "segments": ["nev"], "routes": ["all_solid_state"]}),
        ("byd", {"type": "enterprise", "region": "cn", "regions": ["cn"],
                 "segments": ["nev"], "routes": ["all_solid_state"]}),
    ])
    links, unmatched = propose_platform_links(G)
    assert links[["platform", "enterprise", "basis", "shared"]].values.tolist() == [
        ["zj-lab", "geely", "route", "all_solid_state"]]
    assert dict(zip(unmatched["platform"], unmatched["reason"])) == {
        "bare": "the platform lists no segment and no route",
        "gd-base": "no enterprise in cn-gd shares a segment (nev)",
    }
    assert "same" not in PLATFORM_LINK_RULE and "region" in PLATFORM_LINK_RULE
