"""Benchmark of the fragmentation profile against plain networkx calls, in one run.

Usage::

    python benchmarks/bench_fragmentation.py            # 100k nodes, 1M edges
    python benchmarks/bench_fragmentation.py --quick    # 10k nodes, 100k edges

Prints one table: each step's time with our code, the plain networkx call measured
in the same run and on what it was measured (networkx calls that would take too
long, or run out of memory, at full size are timed on a subsample of sources or
an induced subgraph, and the table says so; the ratio then compares like with
like on that subsample). Then the full ``fragmentation_profile`` wall time and the
error bounds of the sampled estimates.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import networkx as nx
import numpy as np

from ssbkg.metrics import (
    betweenness,
    component_summary,
    constraint,
    distance_fragmentation,
    effective_size,
    ei_index,
    fragmentation,
    fragmentation_profile,
    harmonic_sums,
    industry_academia_linkage,
    key_players,
    louvain,
)
from ssbkg.metrics.profile import SECTOR_OF_TYPE
from ssbkg.synthetic import collaboration_network


CPU = {}


def timed(fn, *args, **kwargs):
    """Run ``fn``; return its output and the wall time (CPU time goes to stderr)."""
    t, c = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    dt = time.perf_counter() - t
    CPU[getattr(fn, "__name__", "step")] = time.process_time() - c
    print(f"  {getattr(fn, '__name__', 'step')}: {dt:.2f} s", file=sys.stderr, flush=True)
    return out, dt


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="10k nodes / 100k edges")
    ap.add_argument("--nodes", type=int, default=None)
    ap.add_argument("--edges", type=int, default=None)
    ap.add_argument("--sources", type=int, default=500, help="BFS sources for dF and betweenness")
    ap.add_argument("--nx-sources", type=int, default=10, help="sources for networkx's per-source timings")
    ap.add_argument("--sub-nodes", type=int, default=3000, help="snowball subgraph size for structural holes")
    ap.add_argument("--skip-nx-louvain", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    n = args.nodes or (10_000 if args.quick else 100_000)
    m = args.edges or (100_000 if args.quick else 1_000_000)
    k = args.sources
    rows = []

    G, t_gen = timed(collaboration_network, n, m, seed=args.seed)
    for v, t in G.nodes(data="type"):
        G.nodes[v]["sector"] = SECTOR_OF_TYPE[t]
    print(f"network: {n:,} nodes, {m:,} edges (collaboration_network seed={args.seed}, built in {t_gen:.1f} s)")

    # components
    cs, t_ours = timed(component_summary, G)
    cc, t_nx = timed(lambda: sorted(map(len, nx.connected_components(G)), reverse=True))
    assert cc == cs["component_sizes"]
    rows.append(("components + isolates", t_ours, t_nx, "full graph", ""))
    F, t_ours = timed(fragmentation, G)
    rows.append(("fragmentation F (exact)", t_ours, None, "", f"F = {F:.6f}"))

    # dF, sampled: networkx's BFS per source, on a few of the same sources
    d, t_ours = timed(distance_fragmentation, G, sources=k, seed=args.seed)
    rng = np.random.default_rng(args.seed)
    nodes = list(G)
    few = [nodes[i] for i in rng.choice(n, size=args.nx_sources, replace=False)]

    def nx_harmonic():
        return [sum(1 / x for x in nx.single_source_shortest_path_length(G, s).values() if x) for s in few]

    h_nx, t_nx = timed(nx_harmonic)
    h_ours, t_ours_few = timed(harmonic_sums, G, sources=few)
    assert np.allclose(h_nx, h_ours)
    rows.append((f"dF, {k} sampled sources", t_ours, t_nx * k / args.nx_sources,
                 f"{args.nx_sources} sources, scaled x{k / args.nx_sources:g}",
                 f"dF = {d.value:.5f} +/- {d.error_bound:.4f} (Hoeffding 95%), se {d.stderr:.5f}"))

    # betweenness, sampled
    b, t_ours = timed(betweenness, G, sources=k, seed=args.seed)
    _, t_nx = timed(nx.betweenness_centrality, G, k=args.nx_sources, seed=args.seed)
    rows.append((f"betweenness, {k} sampled sources", t_ours, t_nx * k / args.nx_sources,
                 f"k={args.nx_sources}, scaled x{k / args.nx_sources:g}",
                 f"bound +/- {b.error_bound:.4f} (all nodes, 95%); max se {b.stderr.max():.5f}"))

    # constraint and effective size: networkx's all-nodes path forms the square of the
    # adjacency (sum of squared degrees entries) and, for effective size, an n x n dense
    # array; its node-by-node path costs about d^3 at a hub. Neither is feasible at full
    # size, so networkx is timed on a snowball subgraph below, and ours on both.
    deg = np.fromiter((d for _, d in G.degree), dtype=np.float64)
    infeasible = (f"nx infeasible here: A@A has ~{(deg ** 2).sum():.1e} entries, "
                  f"dense n x n = {n * n * 8 / 1e9:.0f} GB")
    c_full, t_ours = timed(constraint, G, weight="weight")
    if (deg ** 2).sum() <= 5e7:
        c_nx, t_nx = timed(nx.constraint, G, weight="weight")
        diff = max(abs(c_full[v] - c_nx[v]) for v in G if not np.isnan(c_nx[v]))
        rows.append(("constraint (weighted, full graph)", t_ours, t_nx, "full graph (nx sparse path)",
                     f"max |diff| {diff:.1e}"))
    else:
        rows.append(("constraint (weighted, full graph)", t_ours, None, infeasible, ""))
    e_full, t_ours = timed(effective_size, G)
    if n * n * 8 <= 1e9:
        e_nx, t_nx = timed(nx.effective_size, G)
        diff = max(abs(e_full[v] - e_nx[v]) for v in G if not np.isnan(e_nx[v]))
        rows.append(("effective size (full graph)", t_ours, t_nx, "full graph (nx dense path)",
                     f"max |diff| {diff:.1e}"))
    else:
        rows.append(("effective size (full graph)", t_ours, None, infeasible, ""))
    # and both networkx paths on a snowball subgraph (BFS order from the top hub)
    hub = max(G.degree, key=lambda x: x[1])[0]
    ball = [v for v, _ in zip(nx.bfs_tree(G, hub), range(min(args.sub_nodes, n)))]
    sub = G.subgraph(ball).copy()
    what = f"snowball {sub.number_of_nodes():,} nodes / {sub.number_of_edges():,} edges"
    c_sub, t_ours = timed(constraint, sub, weight="weight")
    c_nx, t_nx = timed(nx.constraint, sub, weight="weight")
    diff = max(abs(c_sub[v] - c_nx[v]) for v in sub if not np.isnan(c_nx[v]))
    rows.append(("constraint (subgraph)", t_ours, t_nx, what + " (nx sparse path)", f"max |diff| {diff:.1e}"))
    e_sub, t_ours = timed(effective_size, sub)
    e_nx, t_nx = timed(nx.effective_size, sub)
    diff = max(abs(e_sub[v] - e_nx[v]) for v in sub if not np.isnan(e_nx[v]))
    rows.append(("effective size (subgraph)", t_ours, t_nx, what + " (nx dense path)", f"max |diff| {diff:.1e}"))

    # key players for F (no networkx equivalent): greedy + swaps, articulation scoring
    kp, t_ours = timed(key_players, G, 5, metric="F", seed=args.seed)
    rows.append(("key players F, k=5, greedy+swaps", t_ours, None, "",
                 f"F {kp.value:.6f} after removing {len(kp.nodes)}, {kp.n_swaps} swaps"))

    # E-I and linkage (no networkx equivalent)
    ei, t_ours = timed(ei_index, G, "type")
    rows.append(("E-I by type", t_ours, None, "", f"E-I = {ei['ei']:.4f}"))
    link, t_ours = timed(industry_academia_linkage, G)
    rows.append(("industry-academia linkage", t_ours, None, "", f"share = {link['share_linked']:.4f}"))

    # Louvain
    comm, t_ours = timed(louvain, G, seed=args.seed)
    if args.skip_nx_louvain:
        t_nx, scope = None, "skipped"
    else:
        _, t_nx = timed(nx.community.louvain_communities, G, seed=args.seed)
        scope = "full graph (order-dependent)"
    rows.append(("Louvain (sorted rebuild + seed)", t_ours, t_nx, scope,
                 f"{len(comm.communities)} communities, Q = {comm.modularity:.4f}"))

    # the whole profile, overall and per region
    prof, t_prof = timed(fragmentation_profile, G, sources=k, betweenness_sources=k, seed=args.seed)
    cpu_prof = CPU["fragmentation_profile"]

    w = max(len(r[0]) for r in rows) + 2
    print(f"\n{'step':<{w}}{'ours s':>9}{'nx s':>10}{'nx/ours':>9}  networkx measured on; notes")
    for name, t_o, t_n, scope, note in rows:
        nx_s = f"{t_n:10.2f}" if t_n is not None else f"{'-':>10}"
        ratio = f"{t_n / t_o:9.1f}" if t_n is not None and t_o > 0 else f"{'-':>9}"
        extra = "; ".join(x for x in (scope, note) if x)
        print(f"{name:<{w}}{t_o:9.2f}{nx_s}{ratio}  {extra}")
    s = prof["summary"]
    print(f"\nfragmentation_profile (overall + {len(s) - 1} regions, {k} sources): "
          f"{t_prof:.1f} s wall, {cpu_prof:.1f} s CPU of this process")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(s.loc["all", ["F", "dF", "dF_error_bound", "betweenness_error_bound", "ei_type",
                        "ei_region", "share_enterprises_linked", "triple_helix_bits",
                        "n_communities", "modularity"]].to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
