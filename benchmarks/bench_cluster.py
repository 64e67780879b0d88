"""Benchmark: cluster metrics for every region of a synthetic 100k-organisation ecosystem.

Regions come from ``ssbkg.synthetic.collaboration_network(100_000, 1_000_000,
seed=0)`` node attributes (30 synthetic cities), grouped into 6 synthetic
provinces and one country so every level of the hierarchy is profiled.
Segments, routes, projects and patents are seeded draws.

Timed:

* ``summary``: :func:`ssbkg.metrics.cluster.cluster_summary` for every region
  (counts, completeness, routes, capacity, patents and rank) against two
  baselines measured in the same run: plain pandas (explode + groupby, the
  obvious vectorised way) and a loop calling :func:`cluster_profile` region
  by region (timed on ``--loop-regions`` regions and extrapolated, to keep
  the run short);
* ``relatedness``: city x segment matrix, LQ, HHI, proximity, density,
  complexity and a gap ranking for every city.

Times are CPU seconds of this process (``time.process_time``), steadier than
wall time on a shared machine; the wall time of the whole metrics step is
printed too.

Run: ``python benchmarks/bench_cluster.py [--orgs N --edges M]``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from ssbkg.metrics.cluster import VALUE_CHAIN, cluster_profile, cluster_summary
from ssbkg.metrics.relatedness import complexity, density, gap_ranking, proximity
from ssbkg.metrics.specialisation import hhi, location_quotient
from ssbkg.synthetic import collaboration_network

SEGMENTS = [s for segs in VALUE_CHAIN.values() for s in segs]
ROUTES = ["sulfide", "oxide", "polymer", "halide", "oxide_polymer_composite", "semi_solid"]
STATUSES = ["planned", "under_construction", "operating", "completed"]


def ecosystem(n_orgs, n_edges, seed=0):
    """Organisation, projects and patents tables drawn from a seeded network."""
    G = collaboration_network(n_orgs, n_edges, seed=seed)
    rng = np.random.default_rng(seed + 1)
    nodes = sorted(G.nodes)
    city = np.array([G.nodes[v]["region"] for v in nodes], dtype=object)
    city_no = np.array([int(c.rsplit("-", 1)[1]) for c in city])
    prov = np.array([f"syn-prov-{k // 5}" for k in city_no], dtype=object)
    regions = [[c, p, "syn"] for c, p in zip(city, prov)]
    # each city favours a few segments: a Dirichlet profile per city
    n_c = int(city_no.max()) + 1
    seg_p = rng.dirichlet(np.full(len(SEGMENTS), 0.5), size=n_c)
    n_seg = rng.integers(1, 3, size=len(nodes))
    segs = [
        list(rng.choice(SEGMENTS, size=k, replace=False, p=seg_p[c]))
        for k, c in zip(n_seg, city_no)
    ]
    n_rt = rng.integers(0, 3, size=len(nodes))
    routes = [list(rng.choice(ROUTES, size=k, replace=False)) for k in n_rt]
    orgs = pd.DataFrame(
        {
            "id": [f"org{v}" for v in nodes],
            "type": [G.nodes[v]["type"] for v in nodes],
            "region": city,
            "regions": regions,
            "segments": segs,
            "routes": routes,
        }
    )
    n_p = n_orgs // 20
    pick = rng.integers(0, len(nodes), size=n_p)
    projects = pd.DataFrame(
        {
            "id": [f"prj{i}" for i in range(n_p)],
            "developer": orgs["id"].to_numpy()[pick],
            "regions": [regions[i] for i in pick],
            "segments": [segs[i][:1] for i in pick],
            "status": rng.choice(STATUSES, size=n_p),
            "year": rng.integers(2020, 2031, size=n_p),
            "capacity_gwh": np.where(rng.random(n_p) < 0.8, rng.gamma(2.0, 2.0, n_p), np.nan),
            "capacity_tonnes": np.nan,
        }
    )
    holders = rng.choice(len(nodes), size=n_orgs // 10, replace=False)
    patents = pd.DataFrame(
        {
            "holder": orgs["id"].to_numpy()[holders],
            "regions": [regions[i] for i in holders],
            "count": rng.integers(1, 200, size=len(holders)),
        }
    )
    return orgs, projects, patents


def pandas_baseline(orgs, projects, patents):
    """The same per-region core metrics with plain pandas explode + groupby."""
    pairs = orgs[["regions", "segments", "routes", "type"]].explode("regions")
    n_orgs = pairs.groupby("regions").size()
    types = pairs.groupby(["regions", "type"]).size().unstack(fill_value=0)
    seg = pairs[["regions", "segments"]].explode("segments").dropna().drop_duplicates()
    stage_of = {s: g for g, segs in VALUE_CHAIN.items() for s in segs}
    seg["stage"] = seg["segments"].map(stage_of)
    per_stage = seg.groupby(["regions", "stage"]).size().unstack(fill_value=0)
    comp = {
        f"completeness_{g}": per_stage.get(g, 0) / len(segs) for g, segs in VALUE_CHAIN.items()
    }
    completeness = seg.groupby("regions").size() / len(stage_of)
    rt = pairs[["regions", "routes"]].explode("routes").dropna()
    rc = rt.groupby(["regions", "routes"]).size()
    p = rc / rc.groupby(level=0).transform("sum")
    entropy = -(p * np.log2(p)).groupby(level=0).sum()
    pr = projects[["regions", "capacity_gwh"]].explode("regions")
    capacity = pr.groupby("regions")["capacity_gwh"].sum(min_count=1)
    pt = patents[["regions", "count"]].explode("regions").groupby("regions")["count"].sum()
    return pd.DataFrame(
        {"n_organisations": n_orgs, **comp, "completeness": completeness,
         "route_entropy_bits": entropy, "capacity_gwh": capacity, "patents": pt}
    ).join(types.add_prefix("n_"))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orgs", type=int, default=100_000)
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--loop-regions", type=int, default=4,
                    help="regions timed in the cluster_profile loop baseline (0: skip)")
    a = ap.parse_args(argv)

    t0 = time.process_time()
    orgs, projects, patents = ecosystem(a.orgs, a.edges, seed=a.seed)
    t_gen = time.process_time() - t0
    cities = sorted(orgs["region"].unique())
    all_regions = sorted({r for rs in orgs["regions"] for r in rs})
    print(f"ecosystem: {len(orgs)} organisations, {len(projects)} projects, "
          f"{len(patents)} patent rows, {len(all_regions)} regions "
          f"({len(cities)} cities); generated in {t_gen:.1f} s")

    w0 = time.perf_counter()
    t0 = time.process_time()
    summary = cluster_summary(orgs, projects=projects, patents=patents, peers=cities)
    t_sum = time.process_time() - t0

    t0 = time.process_time()
    X = (
        orgs[["region", "segments"]]
        .explode("segments")
        .pipe(lambda d: pd.crosstab(d["region"], d["segments"]))
        .reindex(columns=SEGMENTS, fill_value=0)
        .astype(float)
    )
    lq = location_quotient(X)
    h = hhi(X)
    phi = proximity(X)
    dens = density(X, phi)
    cx = complexity(X)
    gaps = {c: gap_ranking(X, c, phi) for c in cities}
    t_rel = time.process_time() - t0
    wall = time.perf_counter() - w0
    total = t_sum + t_rel
    print(f"cluster_summary, {len(summary)} regions:      {t_sum:7.2f} s")
    print(f"relatedness for {len(cities)} cities (LQ, HHI, phi, density, ECI, gaps): "
          f"{t_rel:.2f} s")
    print(f"total metrics time:                   {total:7.2f} s CPU, {wall:.2f} s wall "
          f"(target < 30 s: {'met' if max(total, wall) < 30 else 'NOT met'})")

    t0 = time.process_time()
    base = pandas_baseline(orgs, projects, patents)
    t_pd = time.process_time() - t0
    print(f"baseline plain pandas explode+groupby: {t_pd:6.2f} s  "
          f"(summary is {t_pd / t_sum:.1f}x faster)")
    cols = ["n_organisations", "completeness", "route_entropy_bits", "capacity_gwh", "patents"]
    diff = (summary[cols] - base.reindex(summary.index)[cols]).abs().max().max()
    print(f"summary vs pandas baseline, max |difference| over {cols}: {diff:.2e}")

    if a.loop_regions > 0:
        rng = np.random.default_rng(a.seed)
        # always include the country (the largest region), plus a seeded sample
        sample = ["syn"] + list(rng.choice([r for r in all_regions if r != "syn"],
                                           size=a.loop_regions - 1, replace=False))
        t0 = time.process_time()
        prof = {
            r: cluster_profile(orgs, r, projects=projects, patents=patents, peers=cities)
            for r in sample
        }
        t_loop = time.process_time() - t0
        est = t_loop / len(sample) * len(all_regions)
        print(f"baseline loop of cluster_profile: {t_loop:.2f} s for {len(sample)} regions, "
              f"about {est:.1f} s for all {len(all_regions)} (summary about "
              f"{est / t_sum:.0f}x faster; extrapolated, country-level region included)")
        worst = max(
            abs(summary.loc[r, "completeness"] - prof[r]["completeness"].loc["all", "completeness"])
            for r in sample
        )
        print(f"summary vs profile loop, max |completeness difference|: {worst:.2e}")
    print(f"(sanity: ECI range {cx['regions']['eci'].min():.2f}..{cx['regions']['eci'].max():.2f}, "
          f"mean LQ {np.nanmean(lq.to_numpy()):.2f}, max HHI {h['hhi'].max():.3f}, "
          f"density NaN cells {int(dens.isna().sum().sum())}, gaps for {len(gaps)} cities)")


if __name__ == "__main__":
    main()
