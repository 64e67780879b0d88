"""Relatedness and complexity of region x segment matrices.

Proximity between segments from co-presence, relatedness density of every
region in every segment, gap ranking, and the economic complexity indices
(ECI, PCI, COI, COG) computed exactly as the Stata ``ecomplexity`` command of
the Growth Lab (Center for International Development, Harvard) does.

Every function takes the value matrix ``M`` (regions x segments) and a
``threshold``: a region is *present* in a segment when its RCA
(:func:`ssbkg.metrics.specialisation.rca`, all rows as reference) is at least
``threshold``. ``threshold=None`` takes ``M`` as a presence matrix already
(any positive value is presence).
"""

from __future__ import annotations

__all__ = [
    "presence",
    "proximity",
    "density",
    "complexity",
    "gap_ranking",
]

import numpy as np
import pandas as pd

from ssbkg.errors import GraphError, NotFoundError
from ssbkg.metrics.specialisation import _values, location_quotient


def _presence_array(M, threshold):
    x = _values(M)
    if threshold is None:
        return (x > 0).astype(float)
    lq = location_quotient(M).to_numpy()
    # NaN (a region with no activity) compares False: not present.
    with np.errstate(invalid="ignore"):
        return (lq >= threshold).astype(float)


def presence(M, *, threshold=1.0):
    """Binary presence matrix: 1 where RCA >= ``threshold``.

    Parameters
    ----------
    M : pandas.DataFrame
        Region x segment values.
    threshold : float or None
        RCA threshold (1.0 as in Hidalgo et al. 2007). ``None``: ``M`` is
        already a presence matrix and any positive value counts as present.

    Returns
    -------
    pandas.DataFrame
        0/1 integers, same labels as ``M``. A region with no activity is
        absent everywhere.

    Notes
    -----
    Presence is ``RCA >= threshold`` (Hidalgo et al. 2007). Stata's
    ``ecomplexity.ado`` writes ``RCA > threshold``; the two differ only for
    a value exactly at the threshold (none in the 1995 oracle data).

    Examples
    --------
    >>> import pandas as pd
    >>> M = pd.DataFrame({"cells": [4, 1], "cathode": [0, 5]}, index=["a", "b"])
    >>> presence(M).to_dict()
    {'cells': {'a': 1, 'b': 0}, 'cathode': {'a': 0, 'b': 1}}
    """
    return pd.DataFrame(
        _presence_array(M, threshold).astype(int), index=M.index.copy(), columns=M.columns.copy()
    )


def _proximity_array(m):
    co = m.T @ m
    u = m.sum(axis=0)
    big = np.maximum.outer(u, u)
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(big > 0, co / np.where(big > 0, big, 1.0), 0.0)
    np.fill_diagonal(phi, 0.0)
    return phi


def proximity(M, *, threshold=1.0):
    r"""Proximity between segments from co-presence (Hidalgo et al. 2007).

    .. math::

        \phi_{ss'} = \min\{P(s \mid s'), P(s' \mid s)\}
                   = \frac{\sum_r M_{rs} M_{rs'}}{\max(u_s, u_{s'})}

    with :math:`M_{rs} = [RCA_{rs} \ge \text{threshold}]` and ubiquity
    :math:`u_s = \sum_r M_{rs}`. The diagonal is set to 0: a segment's
    proximity to itself is excluded, as Stata's ``ecomplexity`` does.

    Parameters
    ----------
    M : pandas.DataFrame
        Region x segment values.
    threshold : float or None
        See :func:`presence`.

    Returns
    -------
    pandas.DataFrame
        Symmetric segment x segment matrix on [0, 1] with zero diagonal. A
        segment no region is present in has proximity 0 to every segment
        (listed in ``attrs["zero_ubiquity"]``).

    References
    ----------
    .. [1] Hidalgo, C. A., Klinger, B., Barabasi, A.-L., Hausmann, R. (2007).
       The product space conditions the development of nations. Science 317,
       482-487.

    Examples
    --------
    >>> import pandas as pd
    >>> P = pd.DataFrame({"a": [1, 1, 0], "b": [1, 0, 1], "c": [1, 1, 1]})
    >>> proximity(P, threshold=None).round(3)
           a      b      c
    a  0.000  0.500  0.667
    b  0.500  0.000  0.667
    c  0.667  0.667  0.000
    """
    m = _presence_array(M, threshold)
    phi = _proximity_array(m)
    out = pd.DataFrame(phi, index=M.columns.copy(), columns=M.columns.copy())
    out.attrs["zero_ubiquity"] = list(M.columns[m.sum(axis=0) == 0])
    out.attrs["threshold"] = threshold
    return out


def _check_phi(M, phi):
    if not isinstance(phi, pd.DataFrame):
        raise GraphError(f"phi must be a pandas DataFrame, got {type(phi).__name__}")
    cols = list(M.columns)
    if set(phi.index) != set(cols) or set(phi.columns) != set(cols):
        raise GraphError("phi must be indexed by the segments of M on both axes")
    p = phi.loc[cols, cols].to_numpy(dtype=float)
    if not np.isfinite(p).all() or (p < 0).any():
        raise GraphError("phi must hold finite, non-negative proximities")
    return p


def _density_array(m, phi):
    tot = phi.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        d = (m @ phi) / tot[None, :]
    d[:, tot == 0] = np.nan
    return d, tot == 0


def density(M, phi, *, threshold=1.0):
    r"""Relatedness density of every region in every segment.

    .. math::

        \omega_{rs} = \frac{\sum_{s'} M_{rs'} \phi_{ss'}}{\sum_{s'} \phi_{ss'}}

    The share of segment ``s``'s proximity mass that region ``r`` already
    holds: close to 1 when ``r`` is present in the segments near ``s``.
    Defined for present and absent segments alike, so the segments a region
    lacks can be ranked by closeness (:func:`gap_ranking`).

    Parameters
    ----------
    M : pandas.DataFrame
        Region x segment values.
    phi : pandas.DataFrame
        Segment x segment proximity (e.g. :func:`proximity`), its diagonal
        taken as given (0 from :func:`proximity`).
    threshold : float or None
        See :func:`presence`.

    Returns
    -------
    pandas.DataFrame
        Region x segment values on [0, 1]. A segment whose proximities are
        all zero (no co-presence with anything) has NaN density: 0/0,
        listed in ``attrs["undefined_columns"]`` with ``attrs["nan_reason"]``.

    Raises
    ------
    GraphError
        If ``phi`` does not match the columns of ``M`` or holds negative values.

    References
    ----------
    .. [1] Hidalgo et al. (2007), see :func:`proximity`.
    .. [2] Hausmann, R., Hidalgo, C. A. et al. (2014). The Atlas of Economic
       Complexity. MIT Press (density, distance).

    Examples
    --------
    >>> import pandas as pd
    >>> P = pd.DataFrame({"a": [1, 1, 0], "b": [1, 0, 1], "c": [1, 1, 1]})
    >>> phi = proximity(P, threshold=None)
    >>> density(P, phi, threshold=None).round(3).loc[1].to_dict()
    {'a': 0.571, 'b': 1.0, 'c': 0.5}
    """
    m = _presence_array(M, threshold)
    p = _check_phi(M, phi)
    d, undefined = _density_array(m, p)
    out = pd.DataFrame(d, index=M.index.copy(), columns=M.columns.copy())
    out.attrs["undefined_columns"] = list(M.columns[undefined])
    out.attrs["nan_reason"] = (
        "segment has zero proximity to every segment: density is 0/0" if undefined.any() else ""
    )
    return out


def gap_ranking(M, region, phi, *, threshold=1.0):
    """The segments a region lacks, ranked by relatedness density.

    Parameters
    ----------
    M : pandas.DataFrame
        Region x segment values (all regions: RCA needs them).
    region : str
        Row label of ``M``.
    phi : pandas.DataFrame
        Segment x segment proximity.
    threshold : float or None
        See :func:`presence`.

    Returns
    -------
    pandas.DataFrame
        One row per absent segment, closest first (ties by segment order in
        ``M``), columns ``rank, segment, density, close_to`` (the region's
        present segments with positive proximity to it, closest first) and
        ``proximity`` (their proximities, same order). Empty when the region
        is present in every segment. Density NaN (a segment related to
        nothing) ranks last.

    Raises
    ------
    NotFoundError
        If ``region`` is not a row of ``M``.

    Examples
    --------
    >>> import pandas as pd
    >>> P = pd.DataFrame({"a": [1, 1, 0], "b": [1, 0, 1], "c": [1, 1, 1]})
    >>> phi = proximity(P, threshold=None)
    >>> g = gap_ranking(P, 1, phi, threshold=None)
    >>> g[["rank", "segment", "close_to"]].to_dict("records")
    [{'rank': 1, 'segment': 'b', 'close_to': ['c', 'a']}]
    >>> round(float(g.loc[0, "density"]), 3)
    1.0
    """
    if region not in M.index:
        raise NotFoundError(f"region {region!r} is not a row of the matrix")
    m = _presence_array(M, threshold)
    p = _check_phi(M, phi)
    d, _ = _density_array(m, p)
    i = M.index.get_loc(region)
    cols = np.asarray(M.columns)
    present = m[i] > 0
    absent = np.flatnonzero(~present)
    key = np.where(np.isnan(d[i, absent]), -np.inf, d[i, absent])
    order = absent[np.argsort(-key, kind="stable")]
    rows = []
    for rank, s in enumerate(order, start=1):
        near = np.flatnonzero(present & (p[s] > 0))
        near = near[np.argsort(-p[s, near], kind="stable")]
        rows.append(
            {
                "rank": rank,
                "segment": cols[s],
                "density": d[i, s],
                "close_to": [cols[j] for j in near],
                "proximity": [float(p[s, j]) for j in near],
            }
        )
    return pd.DataFrame(rows, columns=["rank", "segment", "density", "close_to", "proximity"])


def complexity(M, *, threshold=1.0, tol=1e-10):
    r"""Diversity, ubiquity, ECI, PCI, COI and COG as Stata's ``ecomplexity``.

    With presence :math:`M_{rs}`, diversity :math:`k_r = \sum_s M_{rs}` and
    ubiquity :math:`u_s = \sum_r M_{rs}`:

    * :math:`K_p` is the eigenvector of the second largest eigenvalue of
      :math:`\tilde M_{ss'} = \sum_r M_{rs} M_{rs'} / (u_s k_r)`, and
      :math:`K_c = (M / k)\, K_p` (the method of reflections' fixed point);
    * the sign is chosen so that :math:`K_c` correlates positively with
      diversity;
    * :math:`ECI = (K_c - \bar K_c) / \sigma`, :math:`PCI = (K_p - \bar K_c) / \sigma`,
      where the mean and the standard deviation (n-1) are taken over the whole
      region x segment table (each region's :math:`K_c` repeated once per
      segment), exactly as Stata's ``sum eci`` does;
    * :math:`COI_r = \sum_s \omega_{rs} (1 - M_{rs}) K_{p,s}`, standardised
      over the table the same way;
    * :math:`COG_{rs} = (1 - M_{rs}) \sum_{s'} (1 - M_{rs'})
      \phi_{s's} K_{p,s'} / \sum_{s''} \phi_{s's''}`, divided by :math:`\sigma`.

    Parameters
    ----------
    M : pandas.DataFrame
        Region x segment values.
    threshold : float or None
        See :func:`presence`.
    tol : float
        Eigenvalues closer than this are treated as equal (degenerate).

    Returns
    -------
    dict
        ``regions``: DataFrame (diversity, eci, coi, note); ``segments``:
        DataFrame (ubiquity, pci, note); ``rca`` (None when ``threshold``
        is None), ``density``, ``cog``: region x segment DataFrames; ``info``: dict with the eigenvalues, the
        table standard deviation, the regions and segments left out, and
        notes. Regions with zero diversity and segments with zero ubiquity
        are left out of the eigenproblem (as Stata drops them) and get NaN
        with the reason in ``note``.

    Raises
    ------
    GraphError
        If fewer than two regions or two segments have any presence, or the
        second eigenvalue is degenerate (e.g. every region present in the
        same segments, or a presence graph in disconnected pieces): the
        complexity ranking is then not determined by the data.

    References
    ----------
    .. [1] Hidalgo, C. A., Hausmann, R. (2009). The building blocks of economic
       complexity. PNAS 106(26), 10570-10575.
    .. [2] Hausmann, R., Hidalgo, C. A. et al. (2014). The Atlas of Economic
       Complexity. MIT Press (COI, COG).
    .. [3] Growth Lab, Harvard. Stata ``ecomplexity`` (ecipci.ado, coicog.ado,
       proxdiscrete.ado), https://github.com/cid-harvard/ecomplexity

    Examples
    --------
    >>> import pandas as pd
    >>> P = pd.DataFrame(
    ...     [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]],
    ...     index=list("wxyz"), columns=list("abcd"))
    >>> out = complexity(P, threshold=None)
    >>> out["regions"]["eci"].round(3).to_dict()
    {'w': 1.299, 'x': 0.433, 'y': -0.433, 'z': -1.299}
    >>> out["segments"]["ubiquity"].to_dict()
    {'a': 4, 'b': 3, 'c': 2, 'd': 1}
    """
    _values(M)
    rca_df = location_quotient(M) if threshold is not None else None
    m_full = _presence_array(M, threshold)
    div_full = m_full.sum(axis=1)
    ubi_full = m_full.sum(axis=0)
    keep_r = div_full > 0
    keep_s = ubi_full > 0
    if keep_r.sum() < 2 or keep_s.sum() < 2:
        raise GraphError(
            f"complexity needs at least 2 regions and 2 segments with presence; "
            f"got {int(keep_r.sum())} regions and {int(keep_s.sum())} segments"
        )
    m = m_full[np.ix_(keep_r, keep_s)]
    k = m.sum(axis=1)
    u = m.sum(axis=0)
    nr, ns = m.shape
    # Symmetric form of Mtilde: D^-1/2 M' diag(1/k) M D^-1/2 has the same
    # eigenvalues, and eigenvectors v with Kp = D^-1/2 v (D = diag(u)).
    ih = 1.0 / np.sqrt(u)
    S = ((m / k[:, None]).T @ m) * ih[:, None] * ih[None, :]
    w, V = np.linalg.eigh(S)
    lam = w[::-1]
    if lam[0] - lam[1] < tol:
        raise GraphError(
            "the largest eigenvalue is repeated: the presence graph of regions and "
            "segments falls into disconnected pieces, so ECI is not defined"
        )
    if ns > 2 and lam[1] - lam[2] < tol:
        raise GraphError(
            "the second eigenvalue is degenerate (e.g. regions with identical "
            "segment mixes): ECI/PCI are not determined by the data"
        )
    kp = ih * V[:, -2]
    kc = (m / k[:, None]) @ kp
    notes = []
    if np.std(k) == 0 or np.std(kc) == 0:
        sgn = 1.0
        notes.append("diversity is constant: sign of ECI not set by its correlation (kept +)")
    else:
        sgn = 1.0 if np.corrcoef(k, kc)[0, 1] > 0 else -1.0
    kp = sgn * kp
    kc = sgn * kc
    n_tab = nr * ns
    mean = kc.mean()
    sd = np.sqrt(ns * ((kc - mean) ** 2).sum() / (n_tab - 1))
    if not sd > tol:
        raise GraphError("ECI has no variation across regions: cannot standardise")
    eci = (kc - mean) / sd
    pci = (kp - mean) / sd

    phi = _proximity_array(m)
    dens, isolated = _density_array(m, phi)
    if isolated.any():
        notes.append(
            "segments with zero proximity to all others have NaN density and add 0 to COI: "
            + ", ".join(map(str, M.columns[keep_s][isolated]))
        )
    coi_raw = ((np.nan_to_num(dens) * (1 - m)) * kp[None, :]).sum(axis=1)
    coi_mean = coi_raw.mean()
    coi_sd = np.sqrt(ns * ((coi_raw - coi_mean) ** 2).sum() / (n_tab - 1))
    if coi_sd > tol:
        coi = (coi_raw - coi_mean) / coi_sd
    else:
        coi = np.full(nr, np.nan)
        notes.append("COI is constant across regions: its standardised value is undefined")
    rowsum = phi.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        wk = np.where(rowsum > 0, kp / np.where(rowsum > 0, rowsum, 1.0), 0.0)
    cog = (1 - m) * ((1 - m) @ (phi * wk[:, None])) / sd

    def embed(a):
        full = np.full(M.shape, np.nan)
        full[np.ix_(keep_r, keep_s)] = a
        return pd.DataFrame(full, index=M.index.copy(), columns=M.columns.copy())

    def vec(v, keep):
        full = np.full(keep.shape[0], np.nan)
        full[keep] = v
        return full

    regions = pd.DataFrame(
        {
            "diversity": div_full.astype(int),
            "eci": vec(eci, keep_r),
            "coi": vec(coi, keep_r),
            "note": np.where(keep_r, "", "zero diversity: left out of the eigenproblem"),
        },
        index=M.index.copy(),
    )
    segments = pd.DataFrame(
        {
            "ubiquity": ubi_full.astype(int),
            "pci": vec(pci, keep_s),
            "note": np.where(keep_s, "", "zero ubiquity: left out of the eigenproblem"),
        },
        index=M.columns.copy(),
    )
    info = {
        "eigenvalues": [float(lam[0]), float(lam[1])],
        "sd_table": float(sd),
        "sign": int(sgn),
        "left_out_regions": list(M.index[~keep_r]),
        "left_out_segments": list(M.columns[~keep_s]),
        "threshold": threshold,
        "notes": notes,
    }
    return {
        "regions": regions,
        "segments": segments,
        "rca": rca_df,
        "density": embed(dens),
        "cog": embed(cog),
        "info": info,
    }
