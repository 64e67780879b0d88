"""``ssbkg diff`` at scale: two synthetic KGs differing in 1 % of rows, against ``sort | comm``.

A synthetic ecosystem (``ssbkg.synthetic.synthetic_tables``, seed 0) of about
``--triples`` triples is OLD; NEW is a copy in which ``--share`` of the rows
(seeded) are edited: a third get a new ``note``, a third are removed (rows no
other row refers to), a third are added (copies of observations under a new
id). Both are built and exported as sorted N-Quads (``ssbkg export``). Then,
each in a fresh process timed by ``/usr/bin/time`` (wall time and peak RSS):

- ``ssbkg diff OLD/ NEW/`` on the folders of tables;
- ``ssbkg diff old.nq new.nq`` on the exports;
- ``ssbkg diff OLD/ NEW/ --warnings`` (every rule);
- the baseline: ``LC_ALL=C sort old.nq``, ``sort new.nq``, ``comm -3`` of the two, in one
  shell: the changed lines, not grouped, not decoded.

It checks that the diff lists exactly the edited rows and prints a table.
Usage::

    python benchmarks/bench_diff.py                    # 1M triples, ~3 minutes
    python benchmarks/bench_diff.py --triples 100000
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ssbkg.build import build_store  # noqa: E402
from ssbkg.export import export  # noqa: E402
from ssbkg.kg import KG  # noqa: E402
from ssbkg.synthetic import synthetic_tables  # noqa: E402

SSBKG = [sys.executable, "-c", "from ssbkg.cli import run; run()"]


def _rows(folder: Path, table: str):
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as fh:
        r = csv.reader(fh)
        header = next(r)
        return header, [dict(zip(header, row)) for row in r]


def _write(folder: Path, table: str, header, rows):
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow([row[h] for h in header])


def edit_copy(old: Path, new: Path, share: float, seed: int) -> dict:
    """Copy ``old`` to ``new`` and edit ``share`` of its rows; return what was done."""
    shutil.copytree(old, new)
    rnd = random.Random(seed)
    tables = {p.stem: _rows(new, p.stem) for p in sorted(new.glob("*.csv"))}
    referenced = set()
    for name, (header, rows) in tables.items():
        for row in rows:
            for h in header:
                if h != "id":
                    referenced.update(x.strip() for x in row[h].split(";") if x.strip())
    everything = [(n, i) for n, (_, rows) in tables.items() for i in range(len(rows))
                  if n != "sources"]
    n_edit = max(3, int(round(share * len(everything))))
    picked = rnd.sample(everything, n_edit)
    changed, removed, added = set(), set(), set()
    drop: dict = {}
    for k, (name, i) in enumerate(picked):
        header, rows = tables[name]
        row = rows[i]
        if k % 3 == 0 or (k % 3 == 1 and (row["id"] in referenced or name == "regions")):
            row["note"] = f"edited {k}"
            changed.add((name, row["id"]))
        elif k % 3 == 1:
            drop.setdefault(name, set()).add(row["id"])
            removed.add((name, row["id"]))
        else:
            oh, orows = tables["observations"]
            src = orows[rnd.randrange(len(orows))]
            new_row = dict(src, id=f"{src['id']}-new{k}")
            orows.append(new_row)
            added.add(("observations", new_row["id"]))
    for name, (header, rows) in tables.items():
        rows = [r for r in rows if r["id"] not in drop.get(name, ())]
        _write(new, name, header, rows)
    changed -= removed
    return {"changed": changed, "removed": removed, "added": added, "rows": len(everything)}


def timed(argv, out_file=None, shell=False) -> dict:
    """Run ``argv`` under /usr/bin/time: wall seconds and peak RSS (MB)."""
    fd, tfile = tempfile.mkstemp(suffix=".time")
    os.close(fd)
    cmd = ["/usr/bin/time", "-f", "%e %M", "-o", tfile]
    cmd += (["bash", "-c", argv] if shell else list(argv))
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode not in (0, 1) or (res.returncode == 1 and not shell):
        raise SystemExit(f"failed: {argv}\n{res.stderr}")
    wall, rss = Path(tfile).read_text().split()[-2:]
    os.remove(tfile)
    return {"s": float(wall), "mb": int(rss) / 1024, "stderr": res.stderr.strip()}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--share", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", action="store_true", help="Keep the temporary folder.")
    args = ap.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="bench-diff-"))
    try:
        old, new = root / "old", root / "new"
        synthetic_tables(old, triples=args.triples, seed=args.seed)
        done = edit_copy(old, new, args.share, args.seed)
        nq = {}
        for name, folder in (("old", old), ("new", new)):
            result = build_store(with_=[folder], curated=False, checks=False)
            nq[name] = root / f"{name}.nq"
            export(KG(result.store), nq[name], "nquads")
            del result
        n_lines = sum(1 for _ in open(nq["old"], "rb"))
        print(f"OLD: {n_lines} quads, {done['rows']} rows; edited {len(done['changed'])} changed, "
              f"{len(done['removed'])} removed, {len(done['added'])} added "
              f"({args.share:.0%} of rows)")
        runs = {}
        out = root / "out.json"
        runs["ssbkg diff tables"] = timed(SSBKG + ["diff", str(old), str(new), "--format",
                                                   "json", "-o", str(out)])
        got = json.loads(out.read_text(encoding="utf-8"))
        kinds = {(c["change"], c["table"], c["id"]) for c in got["changes"]}
        want = ({("changed", *k) for k in done["changed"]} | {("removed", *k) for k in done["removed"]}
                | {("added", *k) for k in done["added"]})
        assert kinds == want, (len(kinds), len(want), sorted(kinds ^ want)[:5])
        runs["ssbkg diff exports (.nq)"] = timed(SSBKG + ["diff", str(nq["old"]), str(nq["new"]),
                                                          "--format", "json", "-o", str(out)])
        got2 = json.loads(out.read_text(encoding="utf-8"))
        assert got2["changes"] == got["changes"], "exports and tables disagree"
        runs["ssbkg diff tables --warnings"] = timed(SSBKG + ["diff", str(old), str(new),
                                                              "--warnings", "--format", "csv",
                                                              "-o", str(root / "w.csv")])
        comm_out = root / "comm.txt"
        runs["sort | comm (N-Quads)"] = timed(
            f"export LC_ALL=C; sort {nq['old']} > {root}/a.s && sort {nq['new']} > {root}/b.s "
            f"&& comm -3 {root}/a.s {root}/b.s > {comm_out}", shell=True)
        n_comm = sum(1 for _ in open(comm_out, "rb"))
        base = runs["sort | comm (N-Quads)"]["s"]
        print()
        print("| task | wall s | peak RSS MB | vs sort\\|comm | output |")
        print("|---|---|---|---|---|")
        for name, r in runs.items():
            what = (f"{len(got['changes'])} row changes" if name.startswith("ssbkg")
                    else f"{n_comm} changed lines")
            print(f"| {name} | {r['s']:.2f} | {r['mb']:.0f} | {r['s'] / base:.1f}x | {what} |")
        print()
        print("stderr of the --warnings run:", runs["ssbkg diff tables --warnings"]["stderr"])
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
