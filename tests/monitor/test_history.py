"""The entity-history query and its two-version reading."""

from __future__ import annotations

import csv
import shutil

from ssbkg.build import curated_kg
from ssbkg.catalogue import run
from ssbkg.monitor import load_version
from ssbkg.monitor.history import history

DATA = "https://w3id.org/ssbkg/id/"


def test_the_query_lists_both_claims_and_the_capacity_with_their_sources():
    # data/claims.csv: pf-42 (2023-07) operating, the study (2025) under construction;
    # data/observations.csv obs-huzhou-phase1-2gwh: 2 GWh plan, stated 2025, seed-study
    got = run(curated_kg(), "entity-history", entity=DATA + "project/huzhou-weilan-2gwh")
    rows = [(r.stated_on, r.fact, r.status.rsplit("_", 1)[-1] if r.fact != "annual_capacity"
             else r.value, r.source, r.reliability) for r in got.itertuples()]
    assert rows == [
        ("2023-07", "status claim", "operating", "pf-42", "secondary"),
        ("2025", "annual_capacity", 2.0, "seed-study", "secondary"),
        ("2025", "status claim", "construction", "seed-study", "secondary"),
    ]


def test_prologium_dunkirk_keeps_the_2023_headline_beside_the_2026_phases():
    # #27 (2023-08-11): 48 GWh; #28 (2026-02-11): 0.8 / 4 / 12 / up to 48 GWh
    got = run(curated_kg(), "entity-history",
              entity=DATA + "project/prologium-dunkirk-gigafactory")
    cap = got[got["fact"] == "annual_capacity"]
    assert list(zip(cap["stated_on"], cap["value"])) == [
        ("2023-08-11", 48.0), ("2026-02-11", 48.0), ("2026-02-11", 0.8), ("2026-02-11", 4.0),
        ("2026-02-11", 12.0)]


def test_history_marks_what_each_version_holds(table_pair, tmp_path):
    old, _ = table_pair
    new = tmp_path / "new"
    shutil.copytree(old, new)
    with open(new / "claims.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    added = list(rows[1])
    added[0], added[3], added[4] = "claim-huzhou-2gwh-status-2026", "operating", "2026-03"
    rows = [rows[0], rows[2], added]  # the pf-42 claim replaced by a newer one
    with open(new / "claims.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    h = history(load_version(old), load_version(new), "huzhou-weilan-2gwh")
    got = [(r.version, r.stated_on, r.fact, r.record.rsplit("/", 1)[-1]) for r in h.itertuples()]
    assert got == [
        ("old", "2023-07", "status claim", "claim-huzhou-2gwh-status-pf42"),
        ("both", "2025", "annual_capacity", "obs-huzhou-phase1-2gwh"),
        ("both", "2025", "status claim", "claim-huzhou-2gwh-status-study"),
        ("new", "2026-03", "status claim", "claim-huzhou-2gwh-status-2026"),
    ]
