"""Property tests: diff(A, A) is empty; diff(A, B) applied to A's tables builds to B's export.

The edits are drawn by hypothesis on the tiny fixture (fast to build): text cells rewritten
(quotes, commas, newlines, CJK, markup; a locator: provenance only), list cells shortened, rows deleted where nothing
refers to them, rows copied under a new id at any position, a source's reliability changed.
The exports are compared byte for byte. A row moved inside its file is the one thing the
diff does not carry (the file line is not a fact): then every changed row is still listed.
"""

from __future__ import annotations

import csv
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssbkg.build import build_store
from ssbkg.export import export_bytes
from ssbkg.kg import KG
from ssbkg.monitor import diff, load_version
from ssbkg.monitor.patch import apply_diff

from .conftest import read_rows, write_rows

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(
    ['"', ",", ";", "\n", "浙", "<", "|", "\\"]), min_size=1, max_size=12).map(str.strip).filter(bool)


def _referenced(folder):
    ids = set()
    for path in folder.glob("*.csv"):
        header, rows = read_rows(folder, path.stem)
        for r in rows:
            for h in header:
                if h != "id":
                    ids.update(x.strip() for x in r[h].split(";"))
    return ids


def _export(folder) -> bytes:
    return export_bytes(KG(build_store(with_=[folder], curated=False).store), "nquads")


EDIT = st.tuples(st.sampled_from(["text", "drop", "copy", "list", "reliability"]),
                 st.integers(0, 1000), TEXT, st.integers(0, 1000))


def _apply_edit(folder, edit):
    what, n, text, pos = edit
    if what == "reliability":
        header, rows = read_rows(folder, "sources")
        rows[n % len(rows)]["reliability"] = ["primary", "secondary", "weak"][pos % 3]
        write_rows(folder, "sources", header, rows)
        return
    tables = {"text": ["organisations", "projects", "observations", "collaborations", "regions"],
              "drop": ["observations", "collaborations", "people", "recommendations"],
              "copy": ["observations", "collaborations", "people"],
              "list": ["organisations", "projects"]}[what]
    table = tables[n % len(tables)]
    header, rows = read_rows(folder, table)
    if not rows:
        return
    row = rows[n % len(rows)]
    if what == "text":
        cols = [c for c in ("note", "label_en", "description", "scope", "locator") if c in header]
        row[cols[pos % len(cols)]] = text  # a locator only: a provenance-only change
    elif what == "list":
        items = [x for x in row["segments"].split(";") if x]
        row["segments"] = ";".join(items[: pos % (len(items) + 1)])
    elif what == "drop":
        if row["id"] in _referenced(folder):
            return
        rows.remove(row)
    elif what == "copy":
        new = dict(row, id=f"{row['id']}-copy{pos}")
        if any(r["id"] == new["id"] for r in rows):
            return
        if "note" in new:
            new["note"] = text
        rows.insert(pos % (len(rows) + 1), new)
    write_rows(folder, table, header, rows)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=st.lists(EDIT, min_size=1, max_size=4))
def test_the_diff_applied_to_a_gives_b_byte_for_byte(tiny_dir, tmp_path_factory, edits):
    root = tmp_path_factory.mktemp("rt")
    a, b = root / "a", root / "b"
    shutil.copytree(tiny_dir, a)
    shutil.copytree(tiny_dir, b)
    for e in edits:
        _apply_edit(b, e)
    va, vb = load_version(a), load_version(b)
    assert diff(va, va).empty
    d = diff(va, vb)
    c = apply_diff(d, a, root / "c")
    assert _export(c) == _export(b)
    assert diff(vb, load_version(c)).empty


def test_the_fixture_pair_round_trips_byte_for_byte(table_pair, tmp_path):
    old, new = table_pair
    d = diff(load_version(old), load_version(new))
    c = apply_diff(d, old, tmp_path / "c")
    assert _export(c) == _export(new)


def test_a_moved_row_is_not_invertible_but_every_changed_row_is_listed(tiny_dir, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(tiny_dir, a)
    shutil.copytree(tiny_dir, b)
    header, rows = read_rows(b, "organisations")
    rows.reverse()  # the same rows in another order: their lines move
    rows[0]["note"] = "moved and edited"
    write_rows(b, "organisations", header, rows)
    d = diff(load_version(a), load_version(b))
    assert [(rc.change, rc.table, rc.id) for rc in d] == [("changed", "organisations", rows[0]["id"])]
    c = apply_diff(d, a, tmp_path / "c")
    assert _export(c) != _export(b)  # the lines (ssb:sourceRow) differ: not invertible
    assert diff(load_version(b), load_version(c)).empty  # but the facts are all there
