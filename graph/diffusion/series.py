"""Reading adoption series and edge lists from CSV, with errors naming file, row and column.

Row numbers are counted as a user counts the rows of the file: the header is row 1,
the first data row row 2 (blank lines count).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np

from ..errors import InputError

__all__ = ["read_series", "read_adoption_csv", "AdoptionSeries", "read_edgelist",
           "PERIOD_NAMES", "VALUE_NAMES"]

#: Column names taken for the periods, in order of preference (case-insensitive).
PERIOD_NAMES = ("year", "period", "date", "month", "time", "t")

#: Column names taken for the values when several numeric columns remain.
VALUE_NAMES = ("adoption", "adopters", "sales", "units", "value", "shipments", "installs",
               "installations", "gwh", "mwh")


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



@dataclass
class AdoptionSeries:
    """An adoption series read from a CSV file, and how it was read.

    Attributes
    ----------
    periods, values : numpy.ndarray
        Period ends (years, or 1..n) and adopters per period (increments of a
        cumulative series when ``cumulative``).
    file : str
    period_col : str or None
        None when the file has one column (periods 1..n).
    value_col : str
    rows : list of int
        File row of each kept period (the header is row 1).
    notes : list of str
        What was inferred or cleaned (columns chosen, leading zeros dropped).
    """

    periods: np.ndarray
    values: np.ndarray
    file: str
    period_col: object
    value_col: str
    rows: list
    notes: list = field(default_factory=list)

    @property
    def in_years(self):
        """True when the periods are calendar years (or fractions of them)."""
        return self.period_col is not None and bool(np.all(self.periods > 1000))


def _err(path, row, column, reason):
    """InputError whose message reads "FILE row N, column 'C': reason"."""
    exc = InputError(reason, file=path, row=row, field=column)
    where = f"{path}" + (f" row {row}" if row is not None else "")
    where += f", column '{column}'" if column is not None else ""
    exc.args = (f"{where}: {reason}",)
    return exc


def _parse_period(cell):
    """A number, a year, or a date YYYY-MM / YYYY-MM-DD as a fractional year."""
    text = cell.strip()
    try:
        return float(text)
    except ValueError:
        pass
    parts = text.split("-")
    if len(parts) in (2, 3) and all(p.isdigit() for p in parts) and len(parts[0]) == 4:
        year, month = int(parts[0]), int(parts[1])
        if 1 <= month <= 12:
            if len(parts) == 2:
                return year + (month - 1) / 12
            day = int(parts[2])
            if 1 <= day <= 31:
                return year + (month - 1) / 12 + (day - 1) / 365.25
    raise ValueError(text)


def _pick(header, wanted, given, option, path, exclude=()):
    lower = {h.lower(): h for h in header}
    if given is not None:
        if given not in header:
            raise _err(path, 1, given, f"no such column (columns are: {', '.join(header) or 'none'}; "
                                      f"{option})")
        return given
    for name in wanted:
        if name in lower and lower[name] not in exclude:
            return lower[name]
    return None


def read_adoption_csv(path, *, period_col=None, value_col=None, cumulative=False,
                      min_rows=4, clean_lead=True):
    r"""Read an adoption series from a CSV file, finding its columns when they are unambiguous.

    The period column is ``period_col`` or the first column named one of
    :data:`PERIOD_NAMES` (``year``, ``period``, ``date``, ...; dates
    ``YYYY-MM`` or ``YYYY-MM-DD`` become fractional years). The value column is
    ``value_col``, or the only other column, or the one named as in
    :data:`VALUE_NAMES`. A file with a single column is a series of values for
    periods 1..n (as R's ``diffusion`` and DIMORA's ``BM`` take a vector).

    A leading run of zero or blank values is dropped with a note (R's
    ``cleanlead``): the launch is then one period before the first kept row.

    Parameters
    ----------
    path : str or Path
    period_col, value_col : str, optional
    cumulative : bool
        The values are cumulative adopters; the series returned holds their
        increments (the first increment is the first value).
    min_rows : int
        Fewest periods accepted after cleaning.
    clean_lead : bool
        Drop the leading run of zeros and blanks.

    Returns
    -------
    AdoptionSeries

    Raises
    ------
    InputError
        Messages read "FILE row N, column 'C': reason" (rows counted as in the
        file, the header being row 1): a missing or ambiguous column, a cell
        that is not a number, a negative value or increment, periods that do
        not increase, too few rows, or no positive value.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> f = os.path.join(d, "s.csv")
    >>> _ = open(f, "w").write("year,gwh\n2019,0\n2020,0\n2021,1\n2022,3\n2023,7\n2024,9\n")
    >>> s = read_adoption_csv(f)
    >>> s.period_col, s.value_col, s.periods.tolist(), s.rows
    ('year', 'gwh', [2021.0, 2022.0, 2023.0, 2024.0], [4, 5, 6, 7])
    >>> s.notes[-1]
    'dropped 2 leading rows with no adoption (rows 2-3), as R cleanlead does'
    """
    path, header, rows = _open_rows(path)
    notes = []
    if len(header) == 1:
        ip, pname = None, None
        vname = header[0] if value_col is None else _pick(header, (), value_col,
                                                          "give --value-col", path)
        iv = 0
        notes.append(f"one column '{vname}': periods 1..n")
    else:
        pname = _pick(header, PERIOD_NAMES, period_col, "give --year-col", path)
        if pname is None:
            raise _err(path, 1, None, f"no period column: none of {', '.join(header)} is named "
                                      f"{'/'.join(PERIOD_NAMES)}; give --year-col")
        others = [h for h in header if h != pname and h]
        if value_col is not None:
            vname = _pick(header, (), value_col, "give --value-col", path)
        elif len(others) == 1:
            vname = others[0]
        else:
            vname = _pick(others, VALUE_NAMES, None, "", path)
            if vname is None:
                raise _err(path, 1, None, f"ambiguous values: columns {', '.join(others)} could "
                                          "each hold them; give --value-col")
        ip, iv = header.index(pname), header.index(vname)
        if period_col is None or value_col is None:
            notes.append(f"periods from column '{pname}', values from column '{vname}'")
    periods, values, linenos = [], [], []
    for lineno, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        vcell = row[iv].strip() if iv < len(row) else ""
        if ip is not None:
            pcell = row[ip].strip() if ip < len(row) else ""
            try:
                t = _parse_period(pcell)
            except ValueError:
                raise _err(path, lineno, pname, f"not a period: {pcell!r}") from None
            if not math.isfinite(t):
                raise _err(path, lineno, pname, f"not a finite number: {pcell!r}")
        else:
            t = float(len(periods) + 1)
        if vcell == "":
            v = float("nan")  # blank: allowed only in the leading run
        else:
            try:
                v = float(vcell)
            except ValueError:
                raise _err(path, lineno, vname, f"not a number: {vcell!r}") from None
            if not math.isfinite(v):
                raise _err(path, lineno, vname, f"not a finite number: {vcell!r}")
        if periods and t <= periods[-1]:
            raise _err(path, lineno, pname, "periods must increase")
        periods.append(t)
        values.append(v)
        linenos.append(lineno)
    vals = np.array(values, dtype=float)
    positive = np.flatnonzero(np.nan_to_num(vals) > 0)
    if len(positive) == 0:
        exc = InputError("no positive value", file=path, field=vname)
        exc.args = (f"no positive value in {path} column '{vname}'",)
        raise exc
    first = int(positive[0]) if clean_lead else 0
    if first:
        notes.append(f"dropped {first} leading rows with no adoption (rows {linenos[0]}-"
                     f"{linenos[first - 1]}), as R cleanlead does")
    periods, vals, linenos = periods[first:], vals[first:], linenos[first:]
    for i, v in enumerate(vals):
        if not np.isfinite(v):
            raise _err(path, linenos[i], vname, "empty value")
    if cumulative:
        inc = np.diff(np.concatenate([[0.0], vals]))
        bad = np.flatnonzero(inc < 0)
        if len(bad):
            i = int(bad[0])
            before = "0 at launch" if i == 0 else f"{vals[i - 1]:g} in row {linenos[i - 1]}"
            raise _err(path, linenos[i], vname, f"negative increment (cumulative falls from "
                                                f"{before} to {vals[i]:g})")
        vals = inc
    else:
        bad = np.flatnonzero(vals < 0)
        if len(bad):
            i = int(bad[0])
            raise _err(path, linenos[i], vname, f"negative value {vals[i]:g} (adopters per "
                                                "period cannot be negative; --cumulative if "
                                                "the column is cumulative)")
    if len(vals) < min_rows:
        raise _err(path, None, vname, f"too few rows: {len(vals)} periods with data, need at "
                                      f"least {min_rows}")
    return AdoptionSeries(np.array(periods, dtype=float), vals, str(path), pname, vname,
                          linenos, notes)


def read_series(path, *, period_col="period", adoption_col="adoption", min_rows=4):
    """Periods and adoption from named columns (see :func:`read_adoption_csv`).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
    """
    s = read_adoption_csv(path, period_col=period_col, value_col=adoption_col,
                          min_rows=min_rows)
    return s.periods, s.values


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
