"""The installed package: named ``ssbkg``, carrying its ontology, data and queries.

The README's test command installs the checkout with a plain ``pip install
'.[test]'``, so these tests look at what that install put into the virtual
environment. No wheel is built here: a fresh venv's setuptools may be too old to
build without isolation, and the README does not upgrade it. Under an editable
install (a developer's ``pip install -e .``) the package is the checkout itself,
and the tests that look at the installed files are skipped with that reason.
"""

from __future__ import annotations

import csv
import importlib.metadata as md
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ssbkg

ROOT = Path(__file__).resolve().parents[1]
PKG = Path(ssbkg.__file__).resolve().parent
EDITABLE = PKG == (ROOT / "graph").resolve()
installed_only = pytest.mark.skipif(EDITABLE, reason="editable install: the package is the checkout")


def _installed_files() -> list:
    # The distribution that sits beside the installed package, not the first one on
    # sys.path: pip leaves ssbkg.egg-info in the checkout, and pytest runs from there.
    (dist,) = md.distributions(name="ssbkg", path=[str(PKG.parent)])
    return [str(f) for f in dist.files]


def _pyproject_packages() -> list:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^packages = \[(.*?)\]", text, re.S | re.M).group(1)
    return re.findall(r'"([^"]+)"', block)


def test_every_source_package_is_listed_for_setuptools():
    # graph/ maps to ssbkg: a subpackage missing from pyproject's list would be
    # left out of the install without a word
    found = {"ssbkg" + ("." + ".".join(p.parent.relative_to(ROOT / "graph").parts)
                        if p.parent != ROOT / "graph" else "")
             for p in (ROOT / "graph").rglob("__init__.py")}
    listed = set(_pyproject_packages())
    assert found <= listed, sorted(found - listed)


@installed_only
def test_no_top_level_graph_module_is_installed():
    files = _installed_files()
    assert not any(f.startswith("graph/") for f in files)
    assert any(f.startswith("ssbkg/") for f in files)


def test_console_command_points_at_the_ssbkg_package():
    (ep,) = [e for e in md.entry_points(group="console_scripts") if e.name == "ssbkg"]
    assert ep.value == "ssbkg.cli:run"


@installed_only
@pytest.mark.parametrize(
    "folder, package, pattern",
    [("ontology", "_ontology", "*.ttl"), ("data", "_data", "*.csv"), ("queries", "_queries", "*.rq")],
)
def test_install_carries_resource_folders(folder, package, pattern):
    expected = {p.relative_to(ROOT / folder).as_posix() for p in (ROOT / folder).rglob(pattern)}
    assert expected, f"{folder}/ has no {pattern} files"
    carried = {p.relative_to(PKG / package).as_posix() for p in (PKG / package).rglob(pattern)}
    assert expected == carried
    for name in expected:  # the same bytes, not only the same names
        assert (PKG / package / name).read_bytes() == (ROOT / folder / name).read_bytes(), name


@installed_only
def test_installed_command_runs_outside_checkout(tmp_path):
    exe = shutil.which("ssbkg", path=str(Path(sys.executable).parent))
    assert exe, "the install put no ssbkg command beside this interpreter"
    env = {k: v for k, v in os.environ.items()
           if k not in ("SSBKG_STORE", "SSBKG_ENDPOINT", "PYTHONPATH")}
    probe = subprocess.run(
        [sys.executable, "-c",
         "import ssbkg, ssbkg.resources as r; print(ssbkg.__file__); print(r.project_root()); "
         "print(r.queries_dir()); import importlib.util as u; print(u.find_spec('graph'))"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    )
    pkg_file, root_line, qdir, graph_spec = probe.stdout.splitlines()
    assert Path(pkg_file).resolve().parent == PKG
    assert root_line == "None"  # resources come from the install, not the checkout
    assert Path(qdir).resolve() == (PKG / "_queries").resolve()
    assert graph_spec == "None"  # `import graph` finds nothing from ssbkg
    listing = subprocess.run([exe, "queries", "--format", "csv"], cwd=tmp_path, env=env,
                             capture_output=True, text=True)
    assert listing.returncode == 0, listing.stderr
    rows = list(csv.DictReader(io.StringIO(listing.stdout)))
    assert len(rows) == len(list((ROOT / "queries").glob("*.rq")))
    stats = subprocess.run([exe, "stats", "--by", "class", "--format", "csv"], cwd=tmp_path,
                           env=env, capture_output=True, text=True)
    assert stats.returncode == 0, stats.stderr
    with open(ROOT / "data" / "organisations.csv", encoding="utf-8") as fh:
        n_enterprises = sum(1 for r in csv.DictReader(fh) if r["type"] == "enterprise")
    counts = {r["class"]: r["instances"] for r in csv.DictReader(io.StringIO(stats.stdout))}
    assert counts["Enterprise"] == str(n_enterprises)


def test_graph_is_not_importable_from_the_install():
    # a user's own graph.py must not be shadowed by, nor shadow, ssbkg
    spec = importlib.util.find_spec("graph")
    assert spec is None or Path(spec.origin or "").resolve().parent == (ROOT / "graph").resolve()


def test_no_path_of_one_machine_in_the_project():
    # a checkout must not name folders of the machine it was written on
    pattern = re.compile("/" + "(?:work|root|home/[a-z]+|Users/[A-Za-z]+)/")
    bad = []
    for folder in ("graph", "ontology", "data", "queries", "tests", "benchmarks", "docs", ".ci"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".md", ".csv", ".ttl", ".rq", ".toml", ""}:
                text = path.read_text(encoding="utf-8", errors="replace")
                bad += [f"{path.relative_to(ROOT)}:{n}" for n, line in enumerate(text.splitlines(), 1)
                        if pattern.search(line)]
    for name in ("README.md", "pyproject.toml"):
        text = (ROOT / name).read_text(encoding="utf-8")
        bad += [f"{name}:{n}" for n, line in enumerate(text.splitlines(), 1) if pattern.search(line)]
    assert bad == []
