"""Network analytics at national scale: ssbkg's engine beside its peers and pure networkx.

Usage::

    python benchmarks/bench_scale.py                      # 100k nodes, 1M edges
    python benchmarks/bench_scale.py --nodes 10000 --edges 100000
    python benchmarks/bench_scale.py --skip-peers --skip-nx  # only the profile

One run, one network (``ssbkg.synthetic.collaboration_network``, seed 0): each
step with ssbkg (networkx graph in, conversion included), the fastest peer
library measured in the same run (python-igraph, networkit, rustworkx: the
graph already built in the peer, so the peer's figure excludes the
conversion ssbkg pays), and the pure-networkx path (networkx's own functions;
steps that would take minutes are timed on a subsample of sources or on a
snowball subgraph, and the table says so). Then the whole
``fragmentation_profile`` (overall + every region), its wall time and peak RSS,
and the machine's load average at the start and the end.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

import networkx as nx
import numpy as np


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    dt = time.perf_counter() - t
    print(f"  {getattr(fn, '__name__', 'step')}: {dt:.2f} s", file=sys.stderr, flush=True)
    return out, dt


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fmt(t):
    return "" if t is None else (f"{t:.3f} s" if t < 10 else f"{t:.1f} s")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--regions", type=int, default=30)
    ap.add_argument("--sources", type=int, default=500)
    ap.add_argument("--nx-sources", type=int, default=10)
    ap.add_argument("--sub-nodes", type=int, default=10_000, help="snowball size for networkx's slow steps")
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument("--skip-nx", action="store_true")
    ap.add_argument("--profile-only", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    from ssbkg.metrics import (
        betweenness, communities, constraint, distance_fragmentation, effective_size,
        fragmentation, fragmentation_profile, gould_fernandez, louvain,
    )
    from ssbkg.synthetic import collaboration_network

    load0 = os.getloadavg()
    n, m, k = args.nodes, args.edges, args.sources
    G, t_gen = timed(collaboration_network, n, m, n_regions=args.regions, seed=args.seed)
    print(f"network: {n:,} nodes, {m:,} edges, {args.regions} regions (seed {args.seed}, "
          f"generated in {t_gen:.1f} s); load average at start {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}")
    rows = []  # step, ssbkg, peer name, peer time, nx time, nx note, note

    if not args.profile_only:
        e = np.array(list(G.edges()), dtype=np.int64)
        peers = {}
        if not args.skip_peers:
            import igraph as ig
            g = ig.Graph(n=n)
            g.add_edges(e)
            peers["igraph"] = g
            try:
                import networkit as nk
                nk.setNumberOfThreads(1)
                gn = nk.Graph(n)
                gn.addEdges((e[:, 0].astype(np.uint64), e[:, 1].astype(np.uint64)))
                peers["networkit"] = gn
            except ImportError:
                pass
            try:
                import rustworkx as rx
                gr = rx.PyGraph()
                gr.add_nodes_from(range(n))
                gr.extend_from_edge_list(list(map(tuple, e.tolist())))
                peers["rustworkx"] = gr
            except ImportError:
                pass
        rng = np.random.default_rng(args.seed)
        src = np.sort(rng.choice(n, size=k, replace=False))
        few = src[: args.nx_sources].tolist()
        scale = k / args.nx_sources
        hub = max(G.degree, key=lambda x: x[1])[0]
        ball = [v for v, _ in zip(nx.bfs_tree(G, hub), range(min(args.sub_nodes, n)))]
        sub = G.subgraph(ball).copy()
        sub_what = f"snowball {sub.number_of_nodes():,} nodes / {sub.number_of_edges():,} edges"

        def peer_times(fns):
            out = {}
            for name, fn in fns.items():
                if name in peers:
                    _, out[name] = timed(fn)
            return out

        # F
        F, t = timed(fragmentation, G)
        pt = peer_times({
            "igraph": lambda: peers["igraph"].connected_components().sizes(),
            "networkit": lambda: __import__("networkit").components.ConnectedComponents(
                peers["networkit"]).run().getComponentSizes(),
            "rustworkx": lambda: [len(c) for c in __import__("rustworkx").connected_components(peers["rustworkx"])],
        })
        tn = None if args.skip_nx else timed(lambda: [len(c) for c in nx.connected_components(G)])[1]
        rows.append(("fragmentation F (exact)", t, pt, tn, "full graph", f"F = {F:.6f}"))

        # dF sampled
        d, t = timed(distance_fragmentation, G, sources=k, seed=args.seed)

        def nk_harmonic():
            import networkit as nk
            for s in src.tolist():
                b = nk.distance.BFS(peers["networkit"], int(s), storePaths=False).run()
                x = np.asarray(b.getDistances())
                x = x[(x > 0) & (x < 1e300)]
                (1.0 / x).sum()
        pt = peer_times({
            "igraph": lambda: peers["igraph"].harmonic_centrality(vertices=src.tolist(), normalized=False),
            "networkit": nk_harmonic,
        })
        tn = None
        if not args.skip_nx:
            def nx_h():
                return [sum(1 / x for x in nx.single_source_shortest_path_length(G, s).values() if x) for s in few]
            tn = timed(nx_h)[1] * scale
        rows.append((f"dF, {k} sampled sources", t, pt, tn, f"{args.nx_sources} sources x{scale:g}",
                     f"dF = {d.value:.5f} +/- {d.error_bound:.4f}"))

        # betweenness sampled
        b, t = timed(betweenness, G, sources=k, seed=args.seed)
        pt = peer_times({
            "igraph": lambda: peers["igraph"].betweenness(sources=src.tolist(), directed=False),
        })
        tn = None if args.skip_nx else timed(nx.betweenness_centrality, G, k=args.nx_sources,
                                             seed=args.seed)[1] * scale
        rows.append((f"betweenness, {k} sampled sources", t, pt, tn, f"k={args.nx_sources} x{scale:g}",
                     f"bound +/- {b.error_bound:.4f}"))

        # communities
        c, t = timed(communities, G, method="leiden", seed=args.seed)
        pt = peer_times({
            "igraph": lambda: peers["igraph"].community_leiden(objective_function="modularity", n_iterations=2),
            "networkit": lambda: __import__("networkit").community.ParallelLeiden(peers["networkit"]).run(),
        })
        tn = None
        if not args.skip_nx:
            tn = timed(nx.community.louvain_communities, sub, seed=args.seed)[1]
        rows.append(("Leiden communities (leidenalg)", t, pt, tn, f"nx Louvain on {sub_what}",
                     f"{len(c.communities)} communities, Q = {c.modularity:.4f}"))
        c2, t = timed(louvain, G, seed=args.seed)
        pt = peer_times({
            "igraph": lambda: peers["igraph"].community_multilevel(),
            "networkit": lambda: __import__("networkit").community.PLM(peers["networkit"], True).run(),
        })
        rows.append(("Louvain communities (igraph multilevel)", t, pt, tn, f"nx Louvain on {sub_what}",
                     f"{len(c2.communities)} communities, Q = {c2.modularity:.4f}"))

        # constraint, effective size
        _, t = timed(constraint, G, weight="weight")
        pt = peer_times({"igraph": lambda: peers["igraph"].constraint(weights=None)})
        tn = None
        if not args.skip_nx:
            tn_sub = timed(nx.constraint, sub, weight="weight")[1]
            t_sub = timed(constraint, sub, weight="weight")[1]
            rows.append(("constraint (subgraph)", t_sub, {}, tn_sub, sub_what, ""))
        rows.append(("constraint (weighted, full graph)", t, pt, None, "nx infeasible (A@A)", ""))
        _, t = timed(effective_size, G)
        rows.append(("effective size (full graph)", t, {}, None, "nx infeasible (dense n x n)", ""))
        if not args.skip_nx:
            t_sub = timed(effective_size, sub)[1]
            tn_sub = timed(nx.effective_size, sub)[1]
            rows.append(("effective size (subgraph)", t_sub, {}, tn_sub, sub_what, ""))

        # Gould-Fernandez by type
        gf, t = timed(gould_fernandez, G, "type")
        tn = None
        if not args.skip_nx:
            small = sub.subgraph(ball[:2000]).copy()
            t_sub = timed(gould_fernandez, small, "type")[1]
            tn_sub = timed(gould_fernandez, small.to_directed(), "type")[1]
            rows.append(("Gould-Fernandez (2,000-node snowball)", t_sub, {}, tn_sub,
                         "node-by-node path (as before) on the symmetric digraph", ""))
        rows.append(("Gould-Fernandez by type (full graph)", t, {}, None, "",
                     f"{int(gf['total'].sum()):,} open two-paths"))

    # the whole profile
    load1 = os.getloadavg()
    p, t_prof = timed(fragmentation_profile, G, sources=k, betweenness_sources=k, seed=args.seed)
    rows.append((f"whole fragmentation_profile (all + {len(p['summary']) - 1} regions)", t_prof, {}, None,
                 "", f"load {load1[0]:.2f} at its start"))
    load2 = os.getloadavg()

    print()
    print("| step | ssbkg | fastest peer | ratio | pure networkx | nx / ssbkg | nx measured on | note |")
    print("|---|---|---|---|---|---|---|---|")
    for step, t, pt, tn, nx_what, note in rows:
        if pt:
            name = min(pt, key=pt.get)
            peer = f"{name} {fmt(pt[name])}" + "".join(
                f"; {o} {fmt(pt[o])}" for o in sorted(pt) if o != name)
            ratio = f"{t / pt[name]:.2f}x"
        else:
            peer, ratio = "", ""
        nxr = f"{tn / t:.1f}x" if tn else ""
        print(f"| {step} | {fmt(t)} | {peer} | {ratio} | {fmt(tn)} | {nxr} | {nx_what} | {note} |")
    print()
    print(f"peak RSS {peak_mb():.0f} MB; load average at the end {load2[0]:.2f} {load2[1]:.2f} {load2[2]:.2f}; "
          f"{os.cpu_count()} cores")


if __name__ == "__main__":
    main()
