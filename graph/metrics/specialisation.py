"""Specialisation of regions in segments: location quotient (RCA) and HHI.

All functions take a region x segment matrix (a :class:`pandas.DataFrame`
with region ids as the index and segment or route ids as the columns, as
:mod:`ssbkg.projections` builds it) and return DataFrames.
"""

from __future__ import annotations

__all__ = [
    "location_quotient",
    "rca",
    "specialisation_table",
    "hhi",
]

import numpy as np
import pandas as pd

from ssbkg.errors import GraphError, NotFoundError

_UNDEFINED_ROW = "region has no activity (x_r. = 0): its shares are 0/0"
_UNDEFINED_COL = "segment absent from the reference regions (x_.s = 0): division by zero"


def _values(M, name="M"):
    """Check that ``M`` is a non-empty, finite, non-negative numeric DataFrame.

    Returns the values as a float array. Raises :class:`GraphError` otherwise.
    """
    if not isinstance(M, pd.DataFrame):
        raise GraphError(
            f"{name} must be a pandas DataFrame (regions x segments), "
            f"got {type(M).__name__}"
        )
    if M.shape[0] == 0 or M.shape[1] == 0:
        raise GraphError(f"{name} is empty ({M.shape[0]} rows x {M.shape[1]} columns)")
    if M.index.has_duplicates:
        dup = list(M.index[M.index.duplicated()].unique()[:5])
        raise GraphError(f"{name} has duplicate row labels: {dup}")
    if M.columns.has_duplicates:
        dup = list(M.columns[M.columns.duplicated()].unique()[:5])
        raise GraphError(f"{name} has duplicate column labels: {dup}")
    try:
        x = M.to_numpy(dtype=float)
    except (TypeError, ValueError) as exc:
        raise GraphError(f"{name} must hold numbers: {exc}") from None
    bad = ~np.isfinite(x)
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise GraphError(
            f"{name} has a missing or infinite value at ({M.index[r]!r}, {M.columns[c]!r})"
        )
    if (x < 0).any():
        r, c = np.argwhere(x < 0)[0]
        raise GraphError(
            f"{name} has a negative value at ({M.index[r]!r}, {M.columns[c]!r})"
        )
    return x


def _reference_rows(M, reference):
    """Positions of the reference rows of ``M`` (all rows when ``None``)."""
    if reference is None:
        return np.arange(M.shape[0]), list(M.index)
    if isinstance(reference, pd.Series) and reference.dtype == bool:
        if not reference.index.equals(M.index):
            raise GraphError("a boolean reference Series must have the index of M")
        reference = list(M.index[reference.to_numpy()])
    elif isinstance(reference, np.ndarray) and reference.dtype == bool:
        if reference.shape != (M.shape[0],):
            raise GraphError(
                f"a boolean reference array must have length {M.shape[0]}, "
                f"got shape {reference.shape}"
            )
        reference = list(M.index[reference])
    if isinstance(reference, str):
        reference = [reference]
    reference = list(dict.fromkeys(reference))
    if not reference:
        raise GraphError("reference is an empty set of regions")
    missing = [r for r in reference if r not in M.index]
    if missing:
        raise NotFoundError(f"reference regions not in the matrix rows: {missing[:10]}")
    return M.index.get_indexer(reference), reference


def location_quotient(M, *, reference=None):
    r"""Location quotient (Balassa's revealed comparative advantage) of every cell.

    .. math::

        LQ_{rs} = \frac{x_{rs} / x_{r\cdot}}{x^{R}_{\cdot s} / x^{R}_{\cdot\cdot}}

    where :math:`x^{R}` sums only over the reference regions :math:`R`.
    ``LQ > 1`` means region ``r`` holds a larger share of segment ``s`` than
    the reference economy does.

    Parameters
    ----------
    M : pandas.DataFrame
        Region x segment matrix of non-negative weights (presence, counts,
        capacity, patents).
    reference : list of str or boolean mask, optional
        Row labels of ``M`` whose totals form the denominator (e.g. all
        Chinese cities), or a boolean Series on ``M.index`` / array of
        ``len(M)`` selecting them. Default: every row. Regions outside the reference
        still get a quotient against it. A single region is allowed: that
        region then has ``LQ = 1`` in each segment it is active in.

    Returns
    -------
    pandas.DataFrame
        Same shape and labels as ``M``. ``attrs["reference"]`` lists the
        reference regions; ``attrs["undefined_rows"]`` (regions with no
        activity) and ``attrs["undefined_columns"]`` (segments absent from
        the reference) are where the quotient is 0/0 or x/0 and the value is
        NaN; ``attrs["nan_reason"]`` says so in words.

    Raises
    ------
    GraphError
        If ``M`` is not a non-empty, finite, non-negative numeric DataFrame, if
        ``reference`` is empty, or if the reference regions have no activity.
    NotFoundError
        If a reference region is not a row of ``M``.

    See Also
    --------
    rca : the same quantity under its trade-economics name.
    specialisation_table : long form with the reference as a column.

    Notes
    -----
    Weighted by the regions' totals :math:`x_{r\cdot}`, the mean of
    :math:`LQ_{rs}` over the reference regions is 1 for every segment when
    the reference is all rows.

    References
    ----------
    .. [1] Balassa, B. (1965). Trade liberalisation and "revealed" comparative
       advantage. The Manchester School 33(2), 99-123.
    .. [2] Wieland, T. REAT: Regional Economic Analysis Toolbox (R package),
       ``locq()``: locq(1714, 79006, 879213, 15593224) = 0.3847623.

    Examples
    --------
    >>> import pandas as pd
    >>> M = pd.DataFrame({"cells": [4, 1], "cathode": [0, 5]}, index=["a", "b"])
    >>> location_quotient(M).round(3)
       cells  cathode
    a  2.000    0.000
    b  0.333    1.667
    >>> location_quotient(M, reference=["b"]).attrs["reference"]
    ['b']
    """
    x = _values(M)
    pos, ref = _reference_rows(M, reference)
    xr = x[pos]
    total = xr.sum()
    if total <= 0:
        raise GraphError(f"the reference regions {ref[:10]} have no activity (all zeros)")
    col_share = xr.sum(axis=0) / total
    row_tot = x.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        lq = (x / row_tot[:, None]) / col_share[None, :]
    empty_rows = row_tot == 0
    absent_cols = col_share == 0
    lq[empty_rows, :] = np.nan
    lq[:, absent_cols] = np.nan
    out = pd.DataFrame(lq, index=M.index.copy(), columns=M.columns.copy())
    out.attrs["reference"] = list(ref)
    out.attrs["undefined_rows"] = list(M.index[empty_rows])
    out.attrs["undefined_columns"] = list(M.columns[absent_cols])
    reasons = []
    if empty_rows.any():
        reasons.append(_UNDEFINED_ROW)
    if absent_cols.any():
        reasons.append(_UNDEFINED_COL)
    out.attrs["nan_reason"] = "; ".join(reasons)
    return out


def rca(M, *, reference=None):
    r"""Revealed comparative advantage (Balassa index); same as :func:`location_quotient`.

    .. math:: RCA_{rs} = \frac{x_{rs} / x_{r\cdot}}{x_{\cdot s} / x_{\cdot\cdot}}

    Parameters
    ----------
    M : pandas.DataFrame
        Region (or country) x segment (or product) matrix of non-negative values.
    reference : list of str, optional
        Rows forming the denominator; default all rows.

    Returns
    -------
    pandas.DataFrame
        See :func:`location_quotient`.

    Examples
    --------
    >>> import pandas as pd
    >>> M = pd.DataFrame({"p": [1.0, 3.0], "q": [1.0, 1.0]}, index=["c1", "c2"])
    >>> rca(M).round(4).to_dict()
    {'p': {'c1': 0.75, 'c2': 1.125}, 'q': {'c1': 1.5, 'c2': 0.75}}
    """
    return location_quotient(M, reference=reference)


def specialisation_table(M, *, reference=None, threshold=1.0):
    """Long form of the location quotient, one row per region and segment.

    Parameters
    ----------
    M : pandas.DataFrame
        Region x segment matrix.
    reference : list of str, optional
        Reference regions (see :func:`location_quotient`).
    threshold : float
        ``specialised`` is ``lq >= threshold``.

    Returns
    -------
    pandas.DataFrame
        Columns ``region, segment, value, lq, specialised, reference, note``.
        ``reference`` names the reference set (``"all N rows"`` or the ids
        joined by ``;``); ``note`` says why ``lq`` is NaN where it is.

    Examples
    --------
    >>> import pandas as pd
    >>> M = pd.DataFrame({"cells": [4, 0], "nev": [0, 0]}, index=["a", "b"])
    >>> t = specialisation_table(M)
    >>> t[["region", "segment", "lq", "specialised", "reference"]]
      region segment   lq  specialised   reference
    0      a   cells  1.0         True  all 2 rows
    1      a     nev  NaN        False  all 2 rows
    2      b   cells  NaN        False  all 2 rows
    3      b     nev  NaN        False  all 2 rows
    >>> t.loc[1, "note"]
    'segment absent from the reference regions (x_.s = 0): division by zero'
    """
    lq = location_quotient(M, reference=reference)
    ref = lq.attrs["reference"]
    label = f"all {M.shape[0]} rows" if reference is None else ";".join(map(str, ref))
    n_r, n_s = M.shape
    lv = lq.to_numpy()
    note = np.full((n_r, n_s), "", dtype=object)
    note[:, np.isin(M.columns, lq.attrs["undefined_columns"])] = _UNDEFINED_COL
    note[np.isin(M.index, lq.attrs["undefined_rows"]), :] = _UNDEFINED_ROW
    out = pd.DataFrame(
        {
            "region": np.repeat(M.index.to_numpy(), n_s),
            "segment": np.tile(M.columns.to_numpy(), n_r),
            "value": M.to_numpy(dtype=float).ravel(),
            "lq": lv.ravel(),
            "specialised": (np.nan_to_num(lv, nan=-np.inf) >= threshold).ravel(),
            "reference": label,
            "note": note.ravel(),
        }
    )
    out.attrs["reference"] = ref
    return out


def _org_matrix(orgs, weight, split):
    """Organisation x segment matrix from an organisation table."""
    if "segments" not in orgs.columns:
        raise GraphError("organisation table has no 'segments' column")
    if weight is not None and weight not in orgs.columns:
        raise GraphError(f"organisation table has no weight column {weight!r}")
    t = orgs[["id", "segments"] + ([weight] if weight else [])].copy()
    t["segments"] = t["segments"].map(
        lambda v: list(v) if isinstance(v, (list, tuple, set, np.ndarray)) else []
    )
    w = (
        pd.Series(1.0, index=t.index)
        if weight is None
        else pd.to_numeric(t[weight], errors="coerce")
    )
    excluded = int(w.isna().sum())
    t["w"] = w
    t = t[w.notna()]
    if split:
        t["w"] = t["w"] / t["segments"].map(len).clip(lower=1)
    t = t.explode("segments").dropna(subset=["segments"])
    mat = t.pivot_table(index="id", columns="segments", values="w", aggfunc="sum", fill_value=0.0)
    return mat, excluded


def hhi(M, *, axis=0, weight=None, split=False, scale=1):
    r"""Herfindahl-Hirschman concentration of each segment (or of each region).

    .. math:: H_s = \sum_r \left(\frac{x_{rs}}{x_{\cdot s}}\right)^2

    With ``axis=0`` the shares are those of the rows (regions) within each
    column (segment): how concentrated a segment is in few regions. With
    ``axis=1`` the shares are those of the columns within each row: how
    concentrated a region is in few segments (inverse of diversification).

    Given an organisation table (columns ``id`` and ``segments``) instead of
    a matrix, the shares are those of organisations within each segment,
    weighted by column ``weight`` (``None``: every organisation counts 1).

    Parameters
    ----------
    M : pandas.DataFrame
        Region x segment matrix, or an organisation table.
    axis : {0, 1}
        0: one value per column; 1: one value per row.
    weight : str, optional
        Organisation table only: the weight column (e.g. ``"capacity_gwh"``).
        Organisations with a missing weight are left out and counted in
        ``attrs["excluded"]``.
    split : bool
        Organisation table only: split an organisation's weight evenly over
        its segments (default: full weight in each segment).
    scale : {1, 10000}
        1 gives H on 0..1; 10000 the antitrust convention on 0..10000.

    Returns
    -------
    pandas.DataFrame
        Indexed by segment (``axis=0``) or region (``axis=1``), columns
        ``hhi``, ``n`` (units with a positive share), ``equivalent``
        (1/H: the number of equal-sized units giving the same H) and
        ``note``. A unit with no activity has NaN with the reason in ``note``.

    Raises
    ------
    GraphError
        For a malformed matrix, an unknown ``axis`` or ``scale``, or a missing
        organisation-table column.

    References
    ----------
    .. [1] Rhoades, S. A. (1993). The Herfindahl-Hirschman index. Federal
       Reserve Bulletin 79, 188-189.

    Examples
    --------
    >>> import pandas as pd
    >>> M = pd.DataFrame({"cells": [3, 1], "nev": [2, 2]}, index=["a", "b"])
    >>> hhi(M)[["hhi", "n", "equivalent"]]
             hhi  n  equivalent
    cells  0.625  2         1.6
    nev    0.500  2         2.0
    >>> float(hhi(M, scale=10000).loc["cells", "hhi"])
    6250.0
    """
    if scale not in (1, 10000):
        raise GraphError(f"scale must be 1 or 10000, got {scale!r}")
    if axis not in (0, 1):
        raise GraphError(f"axis must be 0 or 1, got {axis!r}")
    excluded = 0
    if isinstance(M, pd.DataFrame) and {"id", "segments"} <= set(M.columns):
        if axis != 0:
            raise GraphError("with an organisation table only axis=0 (per segment) applies")
        M, excluded = _org_matrix(M, weight, split)
        if M.shape[1] == 0:
            raise GraphError("organisation table has no segments to measure")
    x = _values(M)
    if axis == 1:
        x = x.T
        labels = M.index
    else:
        labels = M.columns
    tot = x.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = x / tot[None, :]
        h = (share**2).sum(axis=0)
    empty = tot == 0
    h[empty] = np.nan
    out = pd.DataFrame(
        {
            "hhi": h * scale,
            "n": (x > 0).sum(axis=0),
            "equivalent": np.where(empty, np.nan, 1.0 / np.where(empty, 1.0, h)),
            "note": np.where(empty, "no activity: shares are 0/0", ""),
        },
        index=labels.copy(),
    )
    out.attrs["scale"] = scale
    out.attrs["excluded"] = excluded
    return out
