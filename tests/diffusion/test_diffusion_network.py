"""Agent-based Bass on networks against theory.

Tolerances are Monte Carlo errors: a mean over R runs of n agents has a
standard error of at most sqrt(F(1-F)/(nR)) when agents are independent, and
otherwise the standard error estimated from the spread of the runs. Checks use
5 standard errors (a false alarm about once in 3.5 million per point).
"""

import networkx as nx
import numpy as np
import pytest

from ssbkg.diffusion.bass import bass_cdf
from ssbkg.diffusion.imitation import well_mixed_curve
from ssbkg.diffusion.network import influence_matrix, simulate_bass_network
from ssbkg.errors import GraphError


def one_sided_circle(n):
    """Each node i is influenced by node i-1 only (edge i-1 -> i)."""
    return nx.DiGraph([(i, (i + 1) % n) for i in range(n)])


def fibich_gibori(t, p, q):
    """Fibich & Gibori (2010), Operations Research 58(5): one-sided 1-D Bass,
    F(t) = 1 - exp(-(p+q) t + (q/p)(1 - e^{-p t}))."""
    return 1 - np.exp(-(p + q) * t + (q / p) * (1 - np.exp(-p * t)))


def circle_discrete_exact(p, q, dt, steps, rule="fraction"):
    """Exact mean curve of the discrete scheme on an infinite one-sided line.

    Derived independently of the simulator: node i adopts in a step with probability
    a while its influencer has not adopted, b afterwards; the influencer's adoption
    step T has the same law as node i's (stationarity) and is independent of node
    i's draws, so S(s) = sum_{j<s} P(T=j) (1-a)^j (1-b)^(s-j) + P(T>=s) (1-a)^s.
    """
    if rule == "fraction":
        a, b = 1 - np.exp(-p * dt), 1 - np.exp(-(p + q) * dt)
    else:  # dt = 1: 1 - (1-p)(1-q)^k
        a, b = p, 1 - (1 - p) * (1 - q)
    S = np.ones(steps + 1)
    for s in range(1, steps + 1):
        j = np.arange(1, s)
        PT = S[j - 1] - S[j]
        S[s] = np.sum(PT * (1 - a) ** j * (1 - b) ** (s - j)) + S[s - 1] * (1 - a) ** s
    return 1 - S


def run_se(res):
    return res.curves.std(axis=0, ddof=1) / np.sqrt(res.runs)


def test_no_edges_gives_one_minus_exp_pt():
    n, runs, p = 4000, 50, 0.08
    for dt in (1.0, 0.5):
        res = simulate_bass_network(nx.empty_graph(n), p, 0.7, steps=int(20 / dt), dt=dt,
                                    runs=runs, seed=11, method="tau-leap")
        theory = 1 - np.exp(-p * res.times)
        se = np.sqrt(theory * (1 - theory) / (n * runs))  # independent agents
        assert np.all(np.abs(res.mean.to_numpy() - theory) <= 5 * se + 1e-12)


def test_one_sided_circle_matches_exact_discrete_curve():
    p, q, dt, steps = 0.05, 0.5, 0.1, 100
    res = simulate_bass_network(one_sided_circle(3000), p, q, steps=steps, dt=dt, runs=60,
                                seed=5, method="tau-leap")
    exact = circle_discrete_exact(p, q, dt, steps)
    assert np.all(np.abs(res.mean.to_numpy() - exact) <= 5 * run_se(res) + 1e-12)


def test_exact_discrete_curve_tends_to_fibich_gibori():
    p, q, T = 0.05, 0.5, 10.0
    errors = []
    for dt in (0.1, 0.05, 0.025):
        steps = int(round(T / dt))
        t = dt * np.arange(steps + 1)
        errors.append(np.max(np.abs(circle_discrete_exact(p, q, dt, steps)
                                    - fibich_gibori(t, p, q))))
    # first-order scheme: halving dt roughly halves the error
    assert errors[0] > errors[1] > errors[2]
    assert errors[1] / errors[0] == pytest.approx(0.5, abs=0.05)
    assert errors[2] < 0.004


def test_one_sided_circle_matches_fibich_gibori_for_small_dt():
    p, q, dt, T = 0.05, 0.5, 0.025, 10.0
    steps = int(T / dt)
    res = simulate_bass_network(one_sided_circle(3000), p, q, steps=steps, dt=dt, runs=40,
                                seed=7, method="tau-leap")
    theory = fibich_gibori(res.times, p, q)
    # bound of the discretisation error at this dt, from the exact discrete curve
    disc = np.abs(circle_discrete_exact(p, q, dt, steps) - theory)
    assert np.all(np.abs(res.mean.to_numpy() - theory) <= 5 * run_se(res) + disc + 1e-12)
    # and the circle is much slower than well-mixed Bass with the same p, q
    assert fibich_gibori(5.0, p, q) < bass_cdf(5.0, p, q) - 0.1


def test_independent_rule_on_circle():
    # dt = 1: probability 1 - (1-p)(1-q)^k per step, k in {0, 1}
    p, q, steps = 0.05, 0.3, 40
    res = simulate_bass_network(one_sided_circle(3000), p, q, steps=steps, runs=60,
                                rule="independent", seed=2, method="tau-leap")
    exact = circle_discrete_exact(p, q, 1.0, steps, rule="independent")
    assert np.all(np.abs(res.mean.to_numpy() - exact) <= 5 * run_se(res) + 1e-12)


def test_complete_graph_approaches_bass_as_agents_grow():
    p, q, dt, steps = 0.03, 0.4, 0.1, 150
    _, mf = well_mixed_curve(p, q, steps=steps, dt=dt)
    errors = {}
    for n, runs in ((20, 400), (100, 400), (500, 200)):
        res = simulate_bass_network(nx.complete_graph(n), p, q, steps=steps, dt=dt, runs=runs,
                                    seed=n, method="tau-leap")
        errors[n] = np.max(np.abs(res.mean.to_numpy() - mf))
        # Monte Carlo error of the largest difference is below 5 run SEs
        errors[n, "se"] = np.max(run_se(res))
    assert errors[20] > errors[100] > errors[500]
    assert errors[500] < 5 * errors[500, "se"] + 0.005
    # the mean-field curve of the discrete scheme tends to the Bass curve as dt -> 0
    t, mf_fine = well_mixed_curve(p, q, steps=1500, dt=0.01)
    assert np.max(np.abs(mf_fine - bass_cdf(t, p, q))) < 0.002


def test_complete_graph_against_the_bass_curve_itself():
    # small dt: distance to F(t) falls with N, down to Monte Carlo error plus the
    # discretisation error of the scheme (its mean field's distance to F, 0.0024 here)
    p, q, dt, steps = 0.03, 0.4, 0.02, 750
    t, mf = well_mixed_curve(p, q, steps=steps, dt=dt)
    disc = np.max(np.abs(mf - bass_cdf(t, p, q)))
    errors = []
    for n, runs in ((20, 200), (100, 200), (500, 100)):
        res = simulate_bass_network(nx.complete_graph(n), p, q, steps=steps, dt=dt, runs=runs,
                                    seed=n, method="tau-leap")
        errors.append(np.max(np.abs(res.mean.to_numpy() - bass_cdf(res.times, p, q))))
        se = np.max(run_se(res))
    assert errors[0] > errors[1] > errors[2]
    assert errors[2] <= 5 * se + disc


def loop_reference(G, p, q, steps, runs, seed):
    """Straightforward per-node implementation (hazard p + q k/d, dt = 1)."""
    rng = np.random.default_rng(seed)
    nodes = list(G)
    nbrs = {v: list(G.neighbors(v)) for v in nodes}
    curves = np.zeros((runs, steps + 1))
    for r in range(runs):
        adopted = {v: False for v in nodes}
        for s in range(1, steps + 1):
            new = []
            for v in nodes:
                if adopted[v]:
                    continue
                d = len(nbrs[v])
                k = sum(adopted[u] for u in nbrs[v])
                h = p + (q * k / d if d else 0.0)
                if rng.random() < 1 - np.exp(-h):
                    new.append(v)
            for v in new:
                adopted[v] = True
            curves[r, s] = sum(adopted.values()) / len(nodes)
    return curves


def test_vectorised_matches_per_node_loop():
    G = nx.gnm_random_graph(150, 400, seed=3)
    G.add_nodes_from(range(150, 160))  # some isolated nodes: hazard p
    p, q, steps, runs = 0.03, 0.5, 15, 150
    ref = loop_reference(G, p, q, steps, runs, seed=1)
    res = simulate_bass_network(G, p, q, steps=steps, runs=runs, seed=2,
                                method="tau-leap")
    se = np.sqrt(ref.var(axis=0, ddof=1) / runs + res.curves.var(axis=0, ddof=1) / runs)
    assert np.all(np.abs(res.mean.to_numpy() - ref.mean(axis=0)) <= 5 * se + 1e-12)


def test_directed_edge_list_semantics():
    # a -> b only: b adopts faster once a has, a never feels b
    G = nx.DiGraph([("a", "b")])
    res = simulate_bass_network(G, 0.01, 5.0, steps=1, runs=1, seed=0, initial=["a"])
    assert res.curves[0, 0] == 0.5
    H = nx.DiGraph([("b", "a")])
    M_G = simulate_bass_network(G, 0.01, 5.0, steps=1, runs=4000, seed=1, initial=["a"])
    M_H = simulate_bass_network(H, 0.01, 5.0, steps=1, runs=4000, seed=1, initial=["a"])
    # G: b's hazard p + q = 5.01 -> P(adopt) = 1 - e^-5.01 = 0.9933; H: b feels nobody,
    # P = 1 - e^-0.01 = 0.00995; fraction adopted = (1 + P)/2; 5 SE = 5 sqrt(P(1-P)/4000)/2
    assert M_G.mean.iloc[1] == pytest.approx((1 + 0.99333) / 2, abs=0.0032)
    assert M_H.mean.iloc[1] == pytest.approx((1 + 0.00995) / 2, abs=0.0040)


def test_seeded_runs_are_reproducible():
    G = nx.gnm_random_graph(300, 900, seed=1)
    a = simulate_bass_network(G, 0.02, 0.4, steps=10, runs=8, seed=5)
    b = simulate_bass_network(G, 0.02, 0.4, steps=10, runs=8, seed=5)
    c = simulate_bass_network(G, 0.02, 0.4, steps=10, runs=8, seed=6)
    assert np.array_equal(a.curves, b.curves)
    assert not np.array_equal(a.curves, c.curves)
    assert a.curves.shape == (8, 11)


def test_initial_adopters_and_frame():
    G = nx.path_graph(10)
    res = simulate_bass_network(G, 0.01, 0.5, steps=3, runs=4, seed=0, initial=[0, 9])
    assert np.all(res.curves[:, 0] == 0.2)
    frame = res.to_frame((10, 90))
    assert list(frame.columns) == ["t", "mean", "sd", "se", "lower", "upper"]
    assert (frame["lower"] <= frame["mean"]).all() and (frame["mean"] <= frame["upper"]).all()


def test_influence_matrix_direction_and_self_loops():
    G = nx.DiGraph([("a", "b"), ("b", "b")])
    M, nodes = influence_matrix(G)
    assert nodes == ["a", "b"]
    assert M.toarray().tolist() == [[0, 0], [1, 0]]  # b is influenced by a, loop dropped
    U, _ = influence_matrix(nx.Graph([(0, 1)]))
    assert U.toarray().tolist() == [[0, 1], [1, 0]]


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"p": 0.0}, "p must be positive"),
        ({"q": -0.1}, "q must be non-negative"),
        ({"steps": 0}, "steps"),
        ({"runs": 0}, "runs"),
        ({"dt": 0.0}, "dt"),
        ({"rule": "threshold"}, "unknown rule"),
        ({"initial": ["zz"]}, "initial adopter 'zz'"),
    ],
)
def test_bad_arguments(kwargs, match):
    args = {"p": 0.01, "q": 0.3, "steps": 5, "runs": 2}
    args.update(kwargs)
    with pytest.raises(GraphError, match=match):
        simulate_bass_network(nx.path_graph(5), **args)


def test_empty_graph_is_an_error():
    with pytest.raises(GraphError, match="no nodes"):
        simulate_bass_network(nx.Graph(), 0.01, 0.3, steps=5)
