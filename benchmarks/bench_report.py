"""Benchmark: the cluster-gap report of the curated KG (target: under 10 s).

Times, in a fresh child process each (imports excluded, KG build included
separately): building the curated KG, computing the report
(:func:`ssbkg.report.cluster_gap_report`), and rendering Markdown, HTML (with
the four plots) and JSON, for English and Chinese. Median of ``--reps`` runs;
wall seconds (the work is single-threaded), with the machine's load average
printed beside them because the machine is shared.

Run: ``python benchmarks/bench_report.py [--region Zhejiang --reps 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def child(region, lang):
    t0 = time.perf_counter()
    from ssbkg.build import curated_kg
    from ssbkg.report import cluster_gap_report

    t_import = time.perf_counter()
    kg = curated_kg()
    t_kg = time.perf_counter()
    rep = cluster_gap_report(kg, region, lang=lang)
    t_rep = time.perf_counter()
    out = {}
    for fmt in ("md", "html", "json"):
        s = time.perf_counter()
        {"md": rep.to_markdown, "html": rep.to_html, "json": rep.to_json}[fmt]()
        out[fmt] = time.perf_counter() - s
    out.update({"import": t_import - t0, "kg": t_kg - t_import, "report": t_rep - t_kg})
    out["total"] = out["kg"] + out["report"] + out["md"] + out["html"] + out["json"]
    print(json.dumps(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--region", default="Zhejiang")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--child", nargs=2, metavar=("REGION", "LANG"))
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    cols = ["import", "kg", "report", "md", "html", "json", "total"]
    print("lang  " + "  ".join(f"{c:>7}" for c in cols))
    for lang in ("en", "zh"):
        runs = []
        for _ in range(args.reps):
            res = subprocess.run([sys.executable, __file__, "--child", args.region, lang],
                                 capture_output=True, text=True, check=True)
            runs.append(json.loads(res.stdout.strip().splitlines()[-1]))
        med = {c: statistics.median(r[c] for r in runs) for c in cols}
        print(f"{lang:<4}  " + "  ".join(f"{med[c]:7.2f}" for c in cols))
    print("target: total (KG + report + three renderings) < 10 s")


if __name__ == "__main__":
    main()
