"""Benchmark: agent-based Bass on a 100,000-node, 1,000,000-edge synthetic network.

Times 100 runs of 60 steps with :func:`ssbkg.diffusion.network.simulate_bass_network`
(sparse adjacency, all runs advanced together) and compares it with a
straightforward per-node Python loop measured in the same process. The loop is
too slow to run in full, so it is timed on ``--loop-runs`` runs of
``--loop-steps`` steps and scaled linearly to 100 x 60 run-steps. The loop's
first steps are its most expensive (almost every node is still a non-adopter
whose neighbours must be counted), so the scaled figure overstates the loop's
full cost somewhat; the ratio is an upper estimate of the speed-up.

Run::

    python benchmarks/bench_diffusion.py
"""

from __future__ import annotations

import argparse
import math
import sys
import time

import numpy as np

from ssbkg.diffusion.network import influence_matrix, simulate_bass_network
from ssbkg.synthetic import collaboration_network


def loop_simulation(G, p, q, *, steps, runs, seed):
    """The straightforward version: a Python loop over runs, steps, nodes and neighbours."""
    rng = np.random.default_rng(seed)
    nodes = list(G)
    nbrs = {v: list(G.neighbors(v)) for v in nodes}
    curves = []
    for _ in range(runs):
        adopted = dict.fromkeys(nodes, False)
        curve = [0.0]
        for _ in range(steps):
            new = []
            for v in nodes:
                if adopted[v]:
                    continue
                nb = nbrs[v]
                k = sum(1 for u in nb if adopted[u])
                h = p + (q * k / len(nb) if nb else 0.0)
                if rng.random() < 1.0 - math.exp(-h):
                    new.append(v)
            for v in new:
                adopted[v] = True
            curve.append(sum(adopted.values()) / len(nodes))
        curves.append(curve)
    return np.array(curves)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--steps", type=int, default=60)
    ap.add_argument("--p", type=float, default=0.01)
    ap.add_argument("--q", type=float, default=0.3)
    ap.add_argument("--loop-runs", type=int, default=1)
    ap.add_argument("--loop-steps", type=int, default=3)
    ap.add_argument("--limit", type=float, default=60.0, help="seconds allowed")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    G = collaboration_network(args.nodes, args.edges, seed=0)
    t_gen = time.perf_counter() - t0

    t0 = time.perf_counter()
    influence_matrix(G)
    t_matrix = time.perf_counter() - t0

    t0, c0 = time.perf_counter(), time.process_time()
    res = simulate_bass_network(G, args.p, args.q, steps=args.steps, runs=args.runs, seed=0,
                                method="tau-leap")
    t_vec, c_vec = time.perf_counter() - t0, time.process_time() - c0

    t0 = time.perf_counter()
    loop_simulation(G, args.p, args.q, steps=args.loop_steps, runs=args.loop_runs, seed=0)
    t_loop_sample = time.perf_counter() - t0
    scale = (args.runs * args.steps) / (args.loop_runs * args.loop_steps)
    t_loop = t_loop_sample * scale

    frame = res.to_frame()
    print(f"network: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
          f"(generated in {t_gen:.1f} s; sparse matrix {t_matrix:.2f} s)")
    print(f"vectorised: {args.runs} runs x {args.steps} steps in {t_vec:.2f} s wall, "
          f"{c_vec:.2f} s CPU (matrix build included); final mean adoption "
          f"{frame['mean'].iloc[-1]:.4f}")
    print(f"per-node loop: {args.loop_runs} run x {args.loop_steps} steps in "
          f"{t_loop_sample:.2f} s, scaled x{scale:.0f} to {t_loop:.0f} s")
    print(f"speed-up: {t_loop / t_vec:.0f}x (upper estimate, see module docstring)")
    ok = t_vec < args.limit
    print(f"{'PASS' if ok else 'FAIL'}: {t_vec:.2f} s against a limit of {args.limit:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
