"""Start-up cost of the command line: CPU seconds of ``ssbkg --help`` and
``ssbkg queries`` against a bare ``python -c pass`` measured in the same run.

Issue 8's target: each under 0.5 s of CPU. Heavy libraries (scipy, pandas,
matplotlib, rdflib) load only inside the commands that use them;
tests/test_cli_help.py checks which modules a start imports, this file the time.

    python benchmarks/bench_cli.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys


def cpu_seconds(argv, repeat: int) -> float:
    """Median CPU time (user + system) of running ``argv`` as a child process."""
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    times.sort()
    return times[len(times) // 2]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    ssbkg = shutil.which("ssbkg") or sys.exit("ssbkg is not on PATH: pip install . first")
    cases = [
        ("python -c pass (baseline)", [sys.executable, "-c", "pass"]),
        ("ssbkg --help", [ssbkg, "--help"]),
        ("ssbkg queries", [ssbkg, "queries"]),
        ("ssbkg metrics --help", [ssbkg, "metrics", "--help"]),
        ("python -c 'import scipy.stats, pandas' (for scale)",
         [sys.executable, "-c", "import scipy.stats, pandas"]),
    ]
    base = None
    print(f"{'command':55} {'CPU s (median)':>15} {'x baseline':>11} {'target':>8}")
    for label, cmd in cases:
        t = cpu_seconds(cmd, args.repeat)
        base = t if base is None else base
        target = "< 0.5" if label.startswith("ssbkg") else ""
        ok = "" if not target else ("ok" if t < 0.5 else "MISSED")
        print(f"{label:55} {t:15.3f} {t / base if base else float('nan'):11.1f} {target:>8} {ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
