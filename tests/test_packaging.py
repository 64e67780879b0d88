"""A plain (non-editable) install carries the ontology, the data and the query catalogue.

Builds the wheel without network access (no build isolation), checks what it
holds against the source tree, installs it into a fresh virtual environment
that sees the already-installed dependencies, and runs the installed ``ssbkg``
from a folder outside the checkout.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    env = dict(os.environ, PIP_NO_INDEX="1")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps",
         "--no-build-isolation", "-q", "-w", str(out)],
        check=True, cwd=build, env=env, capture_output=True,
    )
    (whl,) = out.glob("ssbkg-*.whl")
    return whl


def _tracked(folder: str, pattern: str) -> set[str]:
    return {p.relative_to(ROOT / folder).as_posix() for p in (ROOT / folder).rglob(pattern)}


@pytest.mark.parametrize(
    "folder, package, pattern",
    [("ontology", "_ontology", "*.ttl"), ("data", "_data", "*.csv"), ("queries", "_queries", "*.rq")],
)
def test_wheel_carries_resource_folders(wheel, folder, package, pattern):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = _tracked(folder, pattern)
    assert expected, f"{folder}/ has no {pattern} files"
    carried = {n[len(f"graph/{package}/"):] for n in names if n.startswith(f"graph/{package}/")}
    assert expected <= carried


def test_wheel_declares_the_console_command(wheel):
    with zipfile.ZipFile(wheel) as zf:
        (ep,) = [n for n in zf.namelist() if n.endswith("entry_points.txt")]
        text = zf.read(ep).decode()
    assert "ssbkg = graph.cli.main:cli" in text


def test_installed_package_runs_outside_checkout(wheel, tmp_path):
    # Install the wheel alone into a folder and run it from elsewhere with this
    # interpreter (its dependencies are already installed here); the folder comes
    # first on sys.path, so the package and its resources come from the wheel.
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
         "--target", str(site), str(wheel)],
        check=True, capture_output=True,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("SSBKG_STORE", "SSBKG_ENDPOINT")}
    env["PYTHONPATH"] = str(site)
    probe = subprocess.run(
        [sys.executable, "-c",
         "import graph, graph.resources as r; print(graph.__file__); print(r.project_root()); "
         "print(r.queries_dir())"],
        cwd=work, env=env, capture_output=True, text=True, check=True,
    )
    pkg_file, root_line, qdir = probe.stdout.splitlines()
    assert pkg_file.startswith(str(site))
    assert root_line == "None"  # resources come from the wheel, not the checkout
    assert qdir.startswith(str(site))
    n_queries = len(list((ROOT / "queries").glob("*.rq")))
    listing = subprocess.run(
        [sys.executable, "-c", "from graph.cli.main import cli; cli()", "queries",
         "--format", "csv"],
        cwd=work, env=env, capture_output=True, text=True,
    )
    assert listing.returncode == 0, listing.stderr
    rows = list(csv.DictReader(io.StringIO(listing.stdout)))
    assert len(rows) == n_queries  # one row per catalogue query in the source tree
    # the installed package builds the embedded curated KG from its own data
    stats = subprocess.run(
        [sys.executable, "-c", "from graph.cli.main import cli; cli()", "stats", "--by",
         "class", "--format", "csv"],
        cwd=work, env=env, capture_output=True, text=True,
    )
    assert stats.returncode == 0, stats.stderr
    with open(ROOT / "data" / "organisations.csv", encoding="utf-8") as fh:
        n_enterprises = sum(1 for r in csv.DictReader(fh) if r["type"] == "enterprise")
    counts = {r["class"]: r["instances"] for r in csv.DictReader(io.StringIO(stats.stdout))}
    assert counts["Enterprise"] == str(n_enterprises)
    # the wheel's derived graphs (queries/derived/) exist: a gap query answers as the
    # checkout does
    gaps = subprocess.run(
        [sys.executable, "-c", "from graph.cli.main import cli; cli()", "query",
         "region-segment-gaps", "-p", "region=cn-zj", "--format", "csv"],
        cwd=work, env=env, capture_output=True, text=True,
    )
    assert gaps.returncode == 0, gaps.stderr
    from click.testing import CliRunner

    from graph.cli.main import cli

    here = CliRunner().invoke(cli, ["query", "region-segment-gaps", "-p", "region=cn-zj",
                                    "--format", "csv"])
    assert gaps.stdout == here.output and len(gaps.stdout.splitlines()) > 1
