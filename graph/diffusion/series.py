"""Reading adoption series and edge lists from CSV, with errors naming file, row and column.

Row numbers are line numbers in the file (the header is row 1).
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import networkx as nx
import numpy as np

from ..errors import InputError

__all__ = ["read_series", "read_edgelist"]


def _open_rows(path):
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", file=path)
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            rows = list(reader)
    except UnicodeDecodeError:
        raise InputError("file is not UTF-8", file=path) from None
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", file=path) from None
    if not rows:
        raise InputError("file is empty (no header row)", file=path)
    header = [h.strip() for h in rows[0]]
    return path, header, rows[1:]


def _column(path, header, name):
    if name not in header:
        raise InputError(
            f"missing column (columns are: {', '.join(header) or 'none'})", file=path, row=1,
            field=name,
        )
    return header.index(name)


def read_series(path, *, period_col="period", adoption_col="adoption", min_rows=4):
    """Read an adoption series (one row per period) from a CSV file.

    Parameters
    ----------
    path : str or Path
    period_col, adoption_col : str
        Column names of the period (numeric, e.g. a year) and the adopters in
        that period.
    min_rows : int
        Fewest data rows accepted (4 = three Bass parameters + 1).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Periods and adoption, in file order.

    Raises
    ------
    InputError
        Missing file or column, an empty or non-numeric cell, periods not
        increasing, or fewer than ``min_rows`` rows; the message names the
        file, row and column.
    """
    path, header, rows = _open_rows(path)
    ip = _column(path, header, period_col)
    ia = _column(path, header, adoption_col)
    periods, values = [], []
    for lineno, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        for idx, name, out in ((ip, period_col, periods), (ia, adoption_col, values)):
            cell = row[idx].strip() if idx < len(row) else ""
            try:
                v = float(cell)
            except ValueError:
                raise InputError(f"not a number: {cell!r}", file=path, row=lineno,
                                 field=name) from None
            if not math.isfinite(v):
                raise InputError(f"not a finite number: {cell!r}", file=path, row=lineno,
                                 field=name)
            out.append(v)
        if len(periods) > 1 and periods[-1] <= periods[-2]:
            raise InputError("periods must increase", file=path, row=lineno, field=period_col)
    if len(values) < min_rows:
        raise InputError(
            f"too few rows: {len(values)} data rows, need at least {min_rows}", file=path,
            row=len(rows) + 1, field=adoption_col,
        )
    return np.array(periods), np.array(values)


def read_edgelist(path, *, source_col="source", target_col="target", directed=False):
    """Read a graph from a CSV edge list (node ids are kept as strings).

    Raises
    ------
    InputError
        Missing file or column, or an empty node id (names the row).
    """
    path, header, rows = _open_rows(path)
    i_s = _column(path, header, source_col)
    i_t = _column(path, header, target_col)
    G = nx.DiGraph() if directed else nx.Graph()
    for lineno, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        ends = []
        for idx, name in ((i_s, source_col), (i_t, target_col)):
            cell = row[idx].strip() if idx < len(row) else ""
            if not cell:
                raise InputError("empty node id", file=path, row=lineno, field=name)
            ends.append(cell)
        G.add_edge(*ends)
    if G.number_of_nodes() == 0:
        raise InputError("edge list has no edges", file=path, row=1)
    return G
