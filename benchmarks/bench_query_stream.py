"""A 1M-row query: peak memory and time to the first row, streamed against today's path.

Issue 15's target: ``ssbkg query`` on a result of a million rows runs in bounded memory
(peak under 300 MB above the store's own) and its first row arrives in under a second.
Measured in one run on a 1M-triple synthetic store (``ssbkg synthetic --triples 1000000``,
built with ``ssbkg build --no-curated``), each case a child process whose standard
output this script reads as a pipe:

- the store's own: ``ssbkg query`` of ``SELECT (COUNT(*) ...)`` over every triple
  (opens the store and reads all of it, prints one row);
- before streaming (the path ``ssbkg query`` took until issue 15): the query in a
  worker process that sends the whole result back, a DataFrame, then the text;
- ``ssbkg query --format csv`` and ``--format jsonl``: rows as they come;
- ``ssbkg query --format table --limit 1000``: a format that holds its rows, limited.

Memory is the proportional set size (PSS, so pages a forked worker shares with its
parent count once) summed over the process and its children, sampled every 20 ms.

    python benchmarks/bench_query_stream.py [--store out/bench-syn1m-kg] [--triples 1000000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

QUERY = "SELECT ?s ?p ?o { ?s ?p ?o }"
COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"

#: What ``ssbkg query --file - --format csv`` did before streaming (graph/cli/query_cmd.py
#: at 64bfcac): the worker materialises the result, query_df makes a DataFrame, emit renders.
BEFORE = """
import sys
from ssbkg.kg import KG
from ssbkg.cli.common import compact, plain
from ssbkg.cli.output import emit
import pandas as pd
kg = KG.from_path(sys.argv[1]).with_timeout(300)
frame = kg.query_df(sys.stdin.read(), name="stdin", with_languages=True)
for c in frame.columns:
    if not pd.api.types.is_numeric_dtype(frame[c]):
        frame[c] = [compact(v) for v in frame[c]]
emit(plain(frame), fmt="csv")
"""


def _children(pid):
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def _pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_mb(pid) -> float:
    """PSS of a process and all its descendants, in MB."""
    todo, total = [pid], 0
    while todo:
        p = todo.pop()
        total += _pss_kb(p)
        todo += _children(p)
    return total / 1024


def measure(argv, stdin_text, skip):
    """Run ``argv`` (its first ``skip`` lines a header); (seconds to the first data row, total seconds, rows, peak MB)."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    peak = [0.0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_pss_mb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.stdin.write(stdin_text.encode())
    proc.stdin.close()
    first, rows, seen = None, 0, 0
    for line in proc.stdout:
        seen += 1
        if seen <= skip:  # header lines
            continue
        if first is None:
            first = time.monotonic() - start
        rows += 1
    err = proc.stderr.read().decode()
    code = proc.wait()
    total = time.monotonic() - start
    done.set()
    sampler.join()
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({code}): {err.strip()}")
    return first, total, rows, peak[0]


def ensure_store(path: Path, triples: int, ssbkg: str) -> None:
    if (path / "ssbkg-build.json").is_file():
        return
    tables = path.with_name(path.name + "-tables")
    print(f"building a {triples}-triple synthetic store in {path} ...", file=sys.stderr)
    subprocess.run([ssbkg, "synthetic", "--triples", str(triples), "--seed", "1",
                    "-o", str(tables)], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([ssbkg, "build", "--no-curated", "--with", str(tables), "--store", str(path)],
                   check=True, stdout=subprocess.DEVNULL)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="out/bench-syn1m-kg")
    parser.add_argument("--triples", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    ssbkg = shutil.which("ssbkg") or sys.exit("ssbkg is not on PATH: pip install . first")
    store = Path(args.store)
    ensure_store(store, args.triples, ssbkg)
    q = [ssbkg, "query", "--store", str(store), "--file", "-"]
    cases = [
        ("store's own (COUNT over every triple)", q + ["--format", "csv"], COUNT, 1),
        ("before streaming: worker result + DataFrame, csv", [sys.executable, "-c", BEFORE,
                                                              str(store)], QUERY, 1),
        ("ssbkg query --format csv", q + ["--format", "csv"], QUERY, 1),
        ("ssbkg query --format jsonl", q + ["--format", "jsonl"], QUERY, 0),
        ("ssbkg query --format table --limit 1000", q + ["--format", "table", "--limit", "1000"],
         QUERY, 2),
    ]
    results = []
    for label, cmd, text, skip in cases:
        first, total, rows, peak = measure(cmd, text, skip)
        results.append((label, first, total, rows, peak))
    base = results[0][4]
    print(f"{'case':50} {'rows':>9} {'first row s':>11} {'total s':>8} {'peak MB':>8} "
          f"{'above store':>11}")
    for label, first, total, rows, peak in results:
        print(f"{label:50} {rows:>9} {first:>11.3f} {total:>8.2f} {peak:>8.0f} "
              f"{peak - base:>11.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
