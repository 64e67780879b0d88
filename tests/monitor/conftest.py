"""A pair of table folders: a copy of the curated data (OLD) and the same with known edits (NEW).

Each edit is made to fire one early-warning rule (docs/monitoring.md), plus a
renamed label and a re-sourced fact; tests/monitor/test_diff.py states what
each must produce, worked out from the rows below by hand.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from ssbkg.resources import data_dir


def read_rows(folder: Path, table: str):
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        return header, [dict(zip(header, r)) for r in reader]


def write_rows(folder: Path, table: str, header, rows):
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r[h] for h in header])


def edit(folder: Path, table: str, ident: str, **cells):
    """Set cells of one row; return the old values of those cells."""
    header, rows = read_rows(folder, table)
    hit = [r for r in rows if r["id"] == ident]
    assert len(hit) == 1, (table, ident)
    old = {k: hit[0][k] for k in cells}
    hit[0].update(cells)
    write_rows(folder, table, header, rows)
    return old


def drop(folder: Path, table: str, ident: str):
    header, rows = read_rows(folder, table)
    kept = [r for r in rows if r["id"] != ident]
    assert len(kept) == len(rows) - 1, (table, ident)
    write_rows(folder, table, header, kept)


#: The edits: (what it is for, table, id, new cells or None to drop the row).
EDITS = [
    # status-backwards: an operating gigafactory (#29) is suspended
    ("status-backwards", "projects", "prologium-taiwan-gigafactory", {"status": "suspended"}),
    # past-due: the Li2S plant's only milestone (completion 2027-06, #4) moved to 2025,
    # before the version's newest stated year (2026); the project stays planned
    ("past-due", "observations", "obs-idemitsu-li2s-completion",
     {"value": "2025", "ref_period": "2025-06"}),
    # capacity-cut: Blue Solutions' Alsace gigafactory 25 GWh -> 10 GWh (the only statement)
    ("capacity-cut", "observations", "obs-blue-solutions-alsace-capacity", {"value": "10"}),
    # new-gap: Easpring, the only cathode organisation in Beijing, no longer lists cathode
    ("new-gap", "organisations", "easpring", {"segments": ""}),
    # gap-filled: FAW (Changchun, Jilin) now also makes packs; no one in Jilin did
    ("gap-filled", "organisations", "faw", {"segments": "nev;cells;packs"}),
    # platform-orphaned and collaboration-ended: WeLion's technology transfer with the IoP CAS
    # Clean Energy Laboratory (its only enterprise partner) ends
    ("platform-orphaned", "collaborations", "collab-iop-lab-welion-industrialisation",
     {"ended": "2026-05"}),
    # collaboration-ended: a row removed
    ("collaboration-ended", "collaborations", "collab-toyota-idemitsu-sulfide-se", None),
    # source-weakened: the only source of the Anwa Wuhu line capacity is downgraded to weak
    ("source-weakened", "sources", "src-r2-chinaorgbr-anwa-2025", {"reliability": "weak"}),
    # a renamed label
    ("renamed", "organisations", "toyota", {"label_en": "Toyota Motor"}),
    # a re-sourced fact: Toyota's R&D start year now cites #1 instead of #2
    ("re-sourced", "observations", "obs-toyota-assb-rd-start", {"source": "pf-01", "locator": "#1"}),
]


def make_pair(root: Path):
    old, new = root / "old", root / "new"
    shutil.copytree(data_dir(), old)
    shutil.copytree(data_dir(), new)
    for _, table, ident, cells in EDITS:
        if cells is None:
            drop(new, table, ident)
        else:
            edit(new, table, ident, **cells)
    return old, new


@pytest.fixture(scope="session")
def table_pair(tmp_path_factory):
    """(OLD, NEW) folders of tables: the curated data and the edited copy."""
    return make_pair(tmp_path_factory.mktemp("monitor"))
