#!/usr/bin/env python
"""Benchmarks of the ssbkg knowledge graph against pyoxigraph and rdflib.

Run ``python benchmarks/bench_kg.py`` (about 13 minutes on 2 otherwise idle
cores, most of it rdflib) or ``python benchmarks/bench_kg.py --quick`` (10k and
100k triples only, a few minutes). Everything is written to a temporary folder that is removed at the
end (``--keep`` keeps it); nothing goes into the checkout.

For each size (10k, 100k, 1M triples) the script writes a synthetic ecosystem
(:func:`ssbkg.synthetic.synthetic_tables`, seed 0) and measures, each in a
fresh child process so that imports and earlier work do not count:

build
    ``ssbkg.build.build_store`` from the tables (synthetic alone, checks on),
    in memory and on disk: wall time of the call and the child's peak RSS
    (``resource.getrusage``). Baseline: pyoxigraph ``Store.bulk_load`` of the
    same quads as N-Quads (the floor of any build). Target: 1M under 60 s and
    2 GB.
load
    The built KG dumped as N-Quads and loaded back: ssbkg's loader
    (see :func:`_ssbkg_loader`) vs pyoxigraph ``Store.bulk_load`` and
    ``Store.load`` vs rdflib ``Dataset().parse(format="nquads")``.
    Target: ssbkg within 1.5x of pyoxigraph.
query
    Every catalogue query (``queries/*.rq``, not the projections or checks)
    with representative parameters (required ones bound to the region,
    organisation, platform or project with the most facts; optional ones
    unbound): ``KG.query`` vs ``Store.query`` with the same text and
    substitutions vs rdflib ``Dataset(default_union=True).query`` with the
    same text and ``initBindings``. Each rdflib query runs in a forked child
    with a timeout and is reported as "> T s" when it does not finish.
    rdflib 7.6 raises ``NotBoundError`` on ``GROUP_CONCAT(DISTINCT ?x)`` when
    ``?x`` is unbound in some row of a group (RDFLib #2229; SPARQL 1.1 skips
    such values). Where that happens rdflib also runs the same text with
    ``GROUP_CONCAT(`` in place of ``GROUP_CONCAT(DISTINCT `` (less work for
    rdflib, the same rows), and the ratio is taken against that variant,
    marked "variant" in the table.
    Targets: within 1.3x of pyoxigraph, at least 10x faster than rdflib.
validate
    ``ssbkg.validate.validate`` (default engine) on the built store.
    Target: 1M under 2 minutes.

Times are medians of ``--reps`` repetitions (default 3); the rdflib load and
rdflib queries at 1M run once (``--rdflib-reps``), as the table says.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import multiprocessing as mp
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SSBSYN = "https://w3id.org/ssbkg/synthetic/"
SIZES = (10_000, 100_000, 1_000_000)
_ONTO = "https://w3id.org/ssbkg/ontology#"
#: A representative concept for a required parameter of each scheme.
_CONCEPT = {"TechnologyRoutes": "route_sulfide", "ValueChainSegments": "seg_cells",
            "ProjectStatuses": "status_operating", "CollaborationKinds": "collab_supply"}


# ------------------------------------------------------------------ children
def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # kB on Linux


def _ssbkg_loader():
    """ssbkg's N-Quads loader, as ``(name, function(path) -> result)``.

    ``ssbkg.build.load_dump`` (what ``ssbkg load --no-checks`` runs): loading
    only, like the pyoxigraph baseline. ``ssbkg load`` also runs the build's
    check queries by default, which is validation, not loading (about 5 s at
    1M triples on this machine, measured separately).
    """
    from functools import partial

    from ssbkg.build import load_dump

    return "build.load_dump (checks off)", partial(load_dump, checks=False)


def child_build(tables: str, where: str) -> dict:
    from ssbkg.build import build_store

    store_dir = None if where == "memory" else str(Path(where) / "store")
    t0 = time.perf_counter()
    result = build_store(store_dir, with_=[tables], curated=False)
    seconds = time.perf_counter() - t0
    if store_dir is not None:
        del result.store
        shutil.rmtree(store_dir, ignore_errors=True)
    return {"seconds": seconds, "triples": result.triples, "peak_mb": _peak_mb()}


def child_load(nq: str, how: str) -> dict:
    if how == "rdflib":
        from rdflib import Dataset

        t0 = time.perf_counter()
        ds = Dataset()
        ds.parse(nq, format="nquads")
        seconds = time.perf_counter() - t0
        n = sum(1 for _ in ds.quads((None, None, None, None)))
        return {"seconds": seconds, "triples": n, "peak_mb": _peak_mb()}
    import pyoxigraph as ox

    if how == "ssbkg":
        found = _ssbkg_loader()
        name, fn = found
        t0 = time.perf_counter()
        obj = fn(nq)
        seconds = time.perf_counter() - t0
        store = getattr(obj, "store", obj)
        return {"seconds": seconds, "triples": len(store), "peak_mb": _peak_mb(),
                "loader": name}
    store = ox.Store()
    t0 = time.perf_counter()
    if how == "bulk_load":
        store.bulk_load(path=nq, format=ox.RdfFormat.N_QUADS)
    else:
        store.load(path=nq, format=ox.RdfFormat.N_QUADS)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "triples": len(store), "peak_mb": _peak_mb()}


def child_validate(nq: str, reps: int) -> dict:
    import pyoxigraph as ox

    from ssbkg.kg import KG
    from ssbkg.validate import validate

    store = ox.Store()
    store.bulk_load(path=nq, format=ox.RdfFormat.N_QUADS)
    times, conforms = [], None
    for _ in range(reps):
        t0 = time.perf_counter()
        report = validate(KG(store))
        times.append(time.perf_counter() - t0)
        conforms = report[0] if isinstance(report, tuple) else getattr(report, "conforms", None)
    return {"times": times, "conforms": conforms, "peak_mb": _peak_mb()}


def _rdflib_run(conn, ds, text, bindings):
    from rdflib import Literal, URIRef

    init = {k: URIRef(v[1]) if v[0] == "iri" else Literal(v[1]) for k, v in bindings.items()}
    t0 = time.perf_counter()
    try:
        rows = list(ds.query(text, initBindings=init))
        conn.send((time.perf_counter() - t0, len(rows)))
    except Exception as exc:  # rdflib's own failure, reported in the table
        conn.send(("error", f"{type(exc).__name__}: {exc}"[:100]))
    conn.close()


def child_rdflib_queries(nq: str, spec: str, timeout: float, reps: int) -> dict:
    """Load the dataset once, then run each query in a forked child with a timeout."""
    from rdflib import Dataset

    queries = json.loads(Path(spec).read_text(encoding="utf-8"))
    ds = Dataset(default_union=True)
    ds.parse(nq, format="nquads")
    ctx = mp.get_context("fork")
    out = {}
    for q in queries:
        out[q["name"]] = _rdflib_times(ctx, ds, q["text"], q["bindings"], timeout, reps)
        error = out[q["name"]]["error"] or ""
        if error.startswith("NotBoundError") and "GROUP_CONCAT(DISTINCT " in q["text"]:
            variant = q["text"].replace("GROUP_CONCAT(DISTINCT ", "GROUP_CONCAT(")
            out[q["name"]]["variant"] = _rdflib_times(ctx, ds, variant, q["bindings"],
                                                      timeout, reps)
    return out


def _rdflib_times(ctx, ds, text, bindings, timeout, reps) -> dict:
    """Run one rdflib query up to ``reps`` times, each in a forked child."""
    times, rows, error = [], None, None
    for _ in range(reps):
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_rdflib_run, args=(send, ds, text, bindings))
        proc.start()
        send.close()
        if recv.poll(timeout):
            try:
                seconds, n = recv.recv()
            except EOFError:  # the child died
                seconds, n = "error", "child died"
            times.append(seconds)
            if seconds == "error":
                error = n
            else:
                rows = n
        else:
            times.append(None)
        proc.kill()
        proc.join()
        if times[-1] is None or times[-1] == "error":
            break  # do not repeat a query that timed out or failed
    return {"times": times, "rows": rows, "error": error}


def _child(argv) -> None:
    mode = argv[0]
    if mode == "build":
        result = child_build(argv[1], argv[2])
    elif mode == "load":
        result = child_load(argv[1], argv[2])
    elif mode == "validate":
        result = child_validate(argv[1], int(argv[2]))
    elif mode == "rdflib-queries":
        result = child_rdflib_queries(argv[1], argv[2], float(argv[3]), int(argv[4]))
    else:
        raise SystemExit(f"unknown child mode {mode}")
    sys.stdout.write("RESULT " + json.dumps(result) + "\n")


def run_child(*args, timeout=None) -> dict:
    """Run this script in child mode; return its RESULT json (or an error dict)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *map(str, args)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    return {"error": tail[:300]}


# ------------------------------------------------------------------ queries
_PARAM = re.compile(r"^#\s*param:\s*(\S+)\s+(\S+)\s+(required|optional)", re.M)


def catalogue_queries():
    """``[(name, text, [(param, type, required)])]`` of ``queries/*.rq``."""
    out = []
    for path in sorted((ROOT / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        params = [(m.group(1), m.group(2), m.group(3) == "required")
                  for m in _PARAM.finditer(text)]
        out.append((path.stem, text, params))
    return out


def representative(tables: Path) -> dict:
    """IRIs of the busiest region, organisation, platform and project in the tables."""
    def rows(name):
        with open(tables / name, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    degree = collections.Counter()
    for r in rows("collaborations.csv"):
        for p in r["parties"].split(";"):
            degree[p] += 1
    orgs = [r["id"] for r in rows("organisations.csv")]
    platforms = [r["id"] for r in rows("platforms.csv")]
    obs = collections.Counter(r["subject"] for r in rows("observations.csv")
                              if r["indicator"] == "annual_capacity")
    # the province with the most organisations located in it or below it
    parent = {r["id"]: r["parent"] for r in rows("regions.csv")}
    level = {r["id"]: r["level"] for r in rows("regions.csv")}
    per_province = collections.Counter()
    for r in rows("organisations.csv"):
        node = r["region"]
        while node and level[node] != "province":
            node = parent[node]
        if node:
            per_province[node] += 1
    pick = lambda counter, pool: max(pool, key=lambda i: (counter[i], i))  # noqa: E731
    return {
        "region": SSBSYN + "region/" + per_province.most_common(1)[0][0],
        "org": SSBSYN + "org/" + pick(degree, orgs),
        "platform": SSBSYN + "org/" + pick(degree, platforms),
        "project": SSBSYN + "project/" + obs.most_common(1)[0][0],
    }


def bindings_for(params, rep: dict) -> dict:
    """``{name: ("iri"|"literal", value)}`` for the required parameters."""
    out = {}
    for name, kind, required in params:
        if not required:
            continue
        if kind == "region":
            out[name] = ("iri", rep["region"])
        elif kind == "org":
            out[name] = ("iri", rep["platform"] if "platform" in name else rep["org"])
        elif kind == "iri":
            out[name] = ("iri", rep["project"] if name == "subject" else rep["org"])
        elif kind.startswith("concept:"):
            out[name] = ("iri", _ONTO + _CONCEPT[kind[8:]])
        else:
            out[name] = ("literal", "organisations.csv")
    return out


def _to_ox(bindings):
    import pyoxigraph as ox

    return {k: ox.NamedNode(v) if t == "iri" else ox.Literal(v) for k, (t, v) in bindings.items()}


def _time_one(conn, store, text, b, reps, name):
    """In a forked child: ``reps`` timings of KG.query and of Store.query.

    A warm-up run of each comes first; a fast query is repeated ``n`` times per
    timing (about 0.2 s worth) and the mean taken, and the two sides alternate
    who goes first, so that neither pays for caches the other filled. The
    garbage collector is off while timing.
    """
    import gc

    import pyoxigraph as ox

    from ssbkg.kg import KG

    kg = KG(store)
    subs = {ox.Variable(k): v for k, v in _to_ox(b).items()} or None
    rows = {}

    def run_kg():
        try:
            res = kg.query(text, _to_ox(b), name=name)
            rows["kg"] = len(res) if isinstance(res, list) else 1
        except Exception as exc:  # report, keep going
            rows["kg"] = f"error: {exc}"[:100]

    def run_ox():
        sols = store.query(text, use_default_graph_as_union=True, substitutions=subs)
        if isinstance(sols, ox.QuerySolutions):
            rows["ox"] = len([tuple(s) for s in sols])  # every value of every row
        else:
            rows["ox"] = 1

    def run_select():
        try:
            kg.select(text, _to_ox(b), name=name)
        except Exception:  # a non-SELECT; KG.query reports errors
            pass

    def timed(fn, n):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        return (time.perf_counter() - t0) / n

    gc.collect()
    gc.disable()
    warm = max(timed(run_kg, 1), timed(run_ox, 1))
    n = min(200, max(1, int(0.2 / max(warm, 1e-4))))
    t_kg, t_ox, t_sel = [], [], []
    for i in range(reps):
        if i % 2 == 0:
            t_kg.append(timed(run_kg, n))
            t_ox.append(timed(run_ox, n))
        else:
            t_ox.append(timed(run_ox, n))
            t_kg.append(timed(run_kg, n))
        t_sel.append(timed(run_select, n))
    gc.enable()
    conn.send({"kg": statistics.median(t_kg), "ox": statistics.median(t_ox),
               "select": statistics.median(t_sel),
               "rows_kg": rows.get("kg"), "rows_ox": rows.get("ox"), "inner": n})
    conn.close()


def time_queries(store, queries, rep, reps, timeout):
    """Median seconds of KG.query and Store.query per query, with row counts.

    Each query runs in a forked child (which shares the loaded store) so that
    one that does not finish in ``timeout`` seconds can be stopped.
    """
    ctx = mp.get_context("fork")
    out = {}
    for name, text, params in queries:
        b = bindings_for(params, rep)
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_time_one, args=(send, store, text, b, reps, name))
        t0 = time.perf_counter()
        proc.start()
        send.close()
        if recv.poll(timeout):
            try:
                res = recv.recv()
            except EOFError:
                res = {"kg": None, "ox": None, "rows_kg": "child died", "rows_ox": None}
        else:
            res = {"kg": None, "ox": None, "rows_kg": f"> {timeout:.0f} s", "rows_ox": None}
        proc.kill()
        proc.join()
        res["bindings"] = b
        res["wall"] = time.perf_counter() - t0
        out[name] = res
        print(f"#   {name}: {res['kg']} / {res['ox']} s, rows {res['rows_kg']}", flush=True)
    return out


# ------------------------------------------------------------------ report
def _fmt_s(x):
    if x is None:
        return "-"
    if x < 0.01:
        return f"{x * 1000:.2f} ms"
    if x < 1:
        return f"{x * 1000:.0f} ms"
    return f"{x:.2f} s"


def _fmt_x(x):
    return f"{x:.1f}x" if x < 10 else f"{x:.0f}x"


def _median(values):
    good = [v for v in values if isinstance(v, (int, float))]
    return statistics.median(good) if good else None


class Report:
    def __init__(self):
        self.rows = []

    def add(self, size, task, ssbkg, baseline, ratio, target, note=""):
        self.rows.append([f"{size:,}", task, ssbkg, baseline, ratio, target, note])
        print(" | ".join(str(c) for c in self.rows[-1]), flush=True)

    def markdown(self):
        head = ["triples", "task", "ssbkg", "baseline", "ratio", "target", "note"]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in self.rows]
        return "\n".join(lines)


def bench_size(size, work: Path, args, report: Report):
    from ssbkg.synthetic import synthetic_tables

    reps = args.reps
    slow_reps = args.rdflib_reps if size >= 1_000_000 else reps
    tables = work / f"tables-{size}"
    synthetic_tables(tables, triples=size, seed=0)

    # build --------------------------------------------------------------
    build_t = None
    for where in ("memory", "disk") if "build" in args.tasks else ():
        runs = [run_child("build", tables, "memory" if where == "memory" else work)
                for _ in range(reps)]
        bad = [r for r in runs if "seconds" not in r]
        if bad:
            report.add(size, f"build ({where})", "failed", "-", "-", "", str(bad[0])[:120])
            continue
        t = _median([r["seconds"] for r in runs])
        mb = max(r["peak_mb"] for r in runs)
        triples = runs[0]["triples"]
        if where == "memory":
            build_t = t
        report.add(size, f"build ({where})", f"{_fmt_s(t)}, {mb:.0f} MB peak", "", "",
                   "1M: < 60 s, < 2 GB" if size >= 1_000_000 else "",
                   f"{triples:,} triples ({(triples / size - 1) * 100:+.1f} % of target)")

    # N-Quads of the built KG ------------------------------------------------
    import pyoxigraph as ox

    from ssbkg.build import build_store

    nq = work / f"kg-{size}.nq"
    result = build_store(with_=[tables], curated=False, checks=False)
    result.store.dump(output=str(nq), format=ox.RdfFormat.N_QUADS)
    store = result.store

    # load ------------------------------------------------------------------
    if "load" in args.tasks:
        bench_load(size, nq, build_t, args, report, reps, slow_reps)
    if "query" in args.tasks:
        bench_queries(size, tables, nq, store, work, args, report, reps, slow_reps)
    if "validate" in args.tasks:
        bench_validate(size, nq, args, report, reps)
    del store, result


def bench_load(size, nq, build_t, args, report, reps, slow_reps):
    loads = {}
    for how in ("bulk_load", "load", "ssbkg"):
        runs = [run_child("load", nq, how) for _ in range(reps)]
        loads[how] = runs
    rd = [run_child("load", nq, "rdflib", timeout=args.rdflib_load_timeout)
          for _ in range(slow_reps)]
    t_bulk = _median([r.get("seconds") for r in loads["bulk_load"]])
    t_load = _median([r.get("seconds") for r in loads["load"]])
    t_rd = _median([r.get("seconds") for r in rd])
    if build_t and t_bulk:
        report.add(size, "build (memory) vs raw load", _fmt_s(build_t),
                   f"pyoxigraph bulk_load {_fmt_s(t_bulk)}", f"{build_t / t_bulk:.1f}x", "",
                   "tables -> quads -> store vs N-Quads -> store")
    t_ox = min(t for t in (t_bulk, t_load) if t) if (t_bulk or t_load) else None
    ss = loads["ssbkg"]
    t_ss = _median([r.get("seconds") for r in ss])
    rd_text = _fmt_s(t_rd) if t_rd else f"> {args.rdflib_load_timeout:.0f} s"
    parts = []
    if t_ss and t_ox:
        parts.append(f"{t_ss / t_ox:.2f}x pyoxigraph")
    if t_ss and t_rd:
        parts.append(f"rdflib {_fmt_x(t_rd / t_ss)} slower")
    note = [f"ssbkg loader: {ss[0].get('loader', ss[0])}"[:140]]
    peaks = {k: max((r.get("peak_mb", 0) for r in v), default=0)
             for k, v in (("ssbkg", ss), ("bulk_load", loads["bulk_load"]), ("rdflib", rd))}
    note.append("peak RSS " + ", ".join(f"{k} {v:.0f} MB" for k, v in peaks.items()))
    note.append(f"rdflib {len(rd)} run(s)")
    report.add(size, "load N-Quads", _fmt_s(t_ss) if t_ss else "failed",
               f"pyoxigraph bulk_load {_fmt_s(t_bulk)}, load {_fmt_s(t_load)}; rdflib {rd_text}",
               "; ".join(parts) or "-", "<= 1.5x pyoxigraph (the faster)", "; ".join(note))


def bench_queries(size, tables, nq, store, work, args, report, reps, slow_reps):
    rep = representative(tables)
    queries = catalogue_queries()
    timed = time_queries(store, queries, rep, reps, args.query_timeout)
    spec = work / f"queries-{size}.json"
    spec.write_text(json.dumps([{"name": n, "text": t, "bindings": timed[n]["bindings"]}
                                for n, t, _ in queries]), encoding="utf-8")
    tmo = args.rdflib_timeout
    rdq = run_child("rdflib-queries", nq, spec, tmo, slow_reps,
                    timeout=args.rdflib_load_timeout + len(queries) * slow_reps * (tmo + 5))
    ratios_ox, ratios_rd = [], []
    for name, _, _ in queries:
        q = timed[name]
        r = rdq.get(name, {}) if isinstance(rdq, dict) else {}
        variant = r.get("variant")
        rtimes = r.get("times", [])
        if variant and variant.get("times") and "error" not in variant["times"]:
            rtimes = variant["times"]  # rdflib failed on the text: the variant's times
        t_r = _median(rtimes)
        speed = None
        tag = " (variant)" if rtimes is not r.get("times", []) else ""
        if t_r is not None:
            rd_text = _fmt_s(t_r) + tag
            if q["kg"]:
                speed = t_r / q["kg"]
        elif None in rtimes:
            rd_text = f"> {tmo:.0f} s{tag}"
            if q["kg"]:
                speed = tmo / q["kg"]
        else:
            rd_text = "error" if rtimes else "not run"
        if speed is not None:
            ratios_rd.append(speed)
        ratio_ox = q["kg"] / q["ox"] if q["kg"] and q["ox"] else None
        if ratio_ox is not None:
            ratios_ox.append(ratio_ox)
        rows_note = f"rows {q['rows_kg']}"
        if q.get("select") and q["ox"]:
            rows_note += f"; KG.select {q['select'] / q['ox']:.2f}x"
        if r.get("error"):
            rows_note += f"; rdflib failed: {r['error']}"
            if variant:
                rows_note += ("; rdflib variant without DISTINCT in GROUP_CONCAT (RDFLib #2229): "
                              + (f"rows {variant['rows']}" if variant.get("rows") is not None
                                 else (variant.get("error") or "timed out")))
        if q["rows_kg"] != q["rows_ox"]:
            rows_note += f" (pyoxigraph {q['rows_ox']})"
        if r.get("rows") is not None and r["rows"] != q["rows_ox"]:
            rows_note += f" (rdflib {r['rows']})"
        parts = []
        if ratio_ox is not None:
            parts.append(f"{ratio_ox:.2f}x pyoxigraph")
        if speed is not None:
            parts.append(f"{'>' if t_r is None else ''}{_fmt_x(speed)} faster than rdflib")
        report.add(size, f"query {name}", _fmt_s(q["kg"]) if q["kg"] else q["rows_kg"],
                   f"pyoxigraph {_fmt_s(q['ox'])}; rdflib {rd_text}", "; ".join(parts) or "-",
                   "<= 1.3x, >= 10x", rows_note)
    if ratios_ox:
        summary = (f"median {statistics.median(ratios_ox):.2f}x, max {max(ratios_ox):.2f}x "
                   "pyoxigraph")
        if ratios_rd:
            summary += (f"; rdflib: median {_fmt_x(statistics.median(ratios_rd))}, "
                        f"min {_fmt_x(min(ratios_rd))} slower")
        report.add(size, "queries (all)", "", "", summary, "<= 1.3x, >= 10x", "")



def bench_validate(size, nq, args, report, reps):
    vreps = 1 if size >= 1_000_000 else reps
    v = run_child("validate", nq, vreps, timeout=args.validate_timeout)
    if "times" in v:
        report.add(size, "validate", _fmt_s(_median(v["times"])), "", "",
                   "1M: < 2 min" if size >= 1_000_000 else "",
                   f"conforms={v['conforms']}, {vreps} run(s), peak {v['peak_mb']:.0f} MB")
    else:
        report.add(size, "validate", "failed", "", "", "", str(v)[:120])


def main(argv=None):
    if argv is None:
        argv = sys.argv[1:]
    if argv and argv[0] == "--child":
        sys.path.insert(0, str(ROOT))
        _child(argv[1:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k only, short timeouts")
    parser.add_argument("--sizes", default=None, help="comma-separated triple counts")
    parser.add_argument("--reps", type=int, default=3, help="repetitions (median)")
    parser.add_argument("--rdflib-reps", type=int, default=1, help="repetitions of rdflib at 1M")
    parser.add_argument("--rdflib-timeout", type=float, default=None,
                        help="seconds per rdflib query (default 30, quick 5)")
    parser.add_argument("--rdflib-load-timeout", type=float, default=600)
    parser.add_argument("--validate-timeout", type=float, default=900)
    parser.add_argument("--query-timeout", type=float, default=300,
                        help="seconds for all runs of one query on the ssbkg/pyoxigraph side")
    parser.add_argument("--tasks", default="build,load,query,validate",
                        help="comma-separated subset of build,load,query,validate")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    else:
        sizes = SIZES[:2] if args.quick else SIZES
    args.tasks = set(args.tasks.split(","))
    if args.rdflib_timeout is None:
        args.rdflib_timeout = 5.0 if args.quick else 30.0

    work = Path(tempfile.mkdtemp(prefix="ssbkg-bench-"))
    # a plain kill (SIGTERM) still removes the work folder
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    print(f"# ssbkg KG benchmark; work folder {work}", flush=True)
    print(f"# python {sys.version.split()[0]}; load {os.getloadavg()}; cpus {os.cpu_count()}")
    try:
        import pyoxigraph
        import rdflib

        print(f"# pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}", flush=True)
        report = Report()
        for size in sizes:
            bench_size(size, work, args, report)
        print()
        print(f"# load average at the end: {os.getloadavg()}")
        print(report.markdown())
    finally:
        if args.keep:
            print(f"# kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
