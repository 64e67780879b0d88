"""Apply a diff to the folder of tables it was computed from (OLD), giving NEW's tables.

The diff is read back as table cells: a changed field's new value, an added
row's fields and provenance, a removed row dropped. Rows keep OLD's order;
an added row is placed at the line it had in NEW. What the diff cannot say
(a row moved in its file without changing, a cell the KG does not hold such
as an attribution's ``note``) is not restored, so the result builds to the
same KG as NEW only when NEW moved no rows (tests/monitor check both).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from ..errors import InputError
from ..tables import SCHEMAS
from .diff import Diff

__all__ = ["apply_diff"]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ";".join(value)
    return str(value)


def apply_diff(d: Diff, old_dir, out_dir) -> Path:
    """Write OLD's tables with the diff applied into ``out_dir`` (a new folder).

    Parameters
    ----------
    d : Diff
        ``diff(load_version(old_dir), NEW)``.
    old_dir : str or Path
        The folder of tables the diff's OLD was read from.
    out_dir : str or Path
        Where to write; must not exist yet.

    Returns
    -------
    Path
        ``out_dir``.

    Raises
    ------
    InputError
        ``out_dir`` exists, or a change names a table that is not a table of
        docs/design.md.
    """
    old_dir, out_dir = Path(old_dir), Path(out_dir)
    if out_dir.exists():
        raise InputError("exists; choose a new folder", file=out_dir)
    shutil.copytree(old_dir, out_dir)
    for table, changes in d.by_table().items():
        if table not in SCHEMAS:
            raise InputError(f"cannot apply a change to {table!r}: not a table", file=out_dir)
        path = out_dir / f"{table}.csv"
        if path.is_file():
            with open(path, encoding="utf-8", newline="") as fh:
                reader = csv.reader(fh)
                header = next(reader)
                rows = [dict(zip(header, r)) for r in reader if any(c.strip() for c in r)]
        else:
            header, rows = [c.name for c in SCHEMAS[table]], []
        by_id = {r["id"]: r for r in rows}
        removed, added = set(), []
        for rc in changes:
            if rc.change == "removed":
                removed.add(rc.id)
                continue
            if rc.change == "added":
                row = {h: "" for h in header}
                row["id"] = rc.id
                added.append((rc.line_new, row))
            else:
                row = by_id[rc.id]
            for f in list(rc.fields) + list(rc.provenance):
                if f.field in row:
                    row[f.field] = _cell(f.new)
        survivors = [r for r in rows if r["id"] not in removed]
        pending = sorted(added, key=lambda x: (x[0] is None, x[0] or 0))
        rows, line = [], 2  # the header is line 1
        while survivors or pending:
            if pending and (not survivors or (pending[0][0] is not None and pending[0][0] <= line)):
                row = pending.pop(0)[1]
            else:
                row = survivors.pop(0)
            rows.append(row)
            line += 1 + sum(str(v).count("\n") for v in row.values())
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(header)
            for r in rows:
                w.writerow([r.get(h, "") for h in header])
    return out_dir
