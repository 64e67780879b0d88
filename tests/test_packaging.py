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
import venv
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


def test_installed_command_runs_outside_checkout(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps",
         "--no-index", "-q", str(wheel)],
        check=True, capture_output=True,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SSBKG_STORE", "SSBKG_ENDPOINT")}
    probe = subprocess.run(
        [str(py), "-c", "import graph.resources as r; print(r.project_root()); print(r.queries_dir())"],
        cwd=work, env=env, capture_output=True, text=True, check=True,
    )
    root_line, qdir = probe.stdout.splitlines()
    assert root_line == "None"  # resources come from the wheel, not the checkout
    assert str(env_dir) in qdir
    n_queries = len(list((ROOT / "queries").glob("*.rq")))
    listing = subprocess.run(
        [str(env_dir / "bin" / "ssbkg"), "queries", "--format", "csv"],
        cwd=work, env=env, capture_output=True, text=True,
    )
    assert listing.returncode == 0, listing.stderr
    rows = list(csv.DictReader(io.StringIO(listing.stdout)))
    assert len(rows) == n_queries  # one row per catalogue query in the source tree
