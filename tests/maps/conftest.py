"""Fixtures of the map tests: a KG with hostile names and one headless Chromium."""

from __future__ import annotations

import csv
import shutil

import pytest

from browser import Browser, BrowserMissing, chromium_path
from maptools import AMP, IMG, SCRIPT


def _append(path, row: dict):
    with open(path, newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    with open(path, "a", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerow([row.get(c, "") for c in header])


@pytest.fixture(scope="session")
def hostile_kg(tmp_path_factory, tiny_dir):
    """The tiny tables plus three organisations named with markup, linked to each other."""
    from ssbkg.build import build_store
    from ssbkg.kg import KG

    dest = tmp_path_factory.mktemp("hostile") / "tables"
    shutil.copytree(tiny_dir, dest)
    orgs = dest / "organisations.csv"
    for ident, en, zh in (("org-img", IMG, "图" + IMG), ("org-script", SCRIPT, SCRIPT),
                          ("org-amp", AMP, "")):
        _append(orgs, {"id": ident, "type": "enterprise", "label_en": en, "label_zh": zh,
                       "region": "tx-city", "segments": "anode", "source": "src-a"})
    col = dest / "collaborations.csv"
    _append(col, {"id": "col-hostile", "kind": "joint_development",
                  "parties": "org-img;org-script;org-alpha", "started": "2025",
                  "description": SCRIPT, "source": "src-a"})
    _append(col, {"id": "col-amp", "kind": "licensing", "parties": "org-amp;org-beta",
                  "from_party": "org-amp", "to_party": "org-beta", "source": "src-b"})
    return KG(build_store(with_=[dest], curated=False).store)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session; a failure (not a skip) when it is missing."""
    try:
        chromium_path()
    except BrowserMissing as exc:
        pytest.fail(str(exc), pytrace=False)
    with Browser(width=1280, height=900) as b:
        yield b



@pytest.fixture(scope="session")
def curated():
    """The curated KG, built in memory."""
    from ssbkg.build import curated_kg

    return curated_kg()
