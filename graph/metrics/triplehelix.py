"""Triple-helix synergy: Leydesdorff's mutual information among university,
industry and government in a set of collaborations.

Each record (a collaboration or a project) says which of the three sectors
take part. Negative T_UIG means the three-way configuration reduces
uncertainty beyond the pairwise relations (synergy); positive, that the
sectors are redundant with one another; 0, that they are independent.
"""

from __future__ import annotations

__all__ = ["triple_helix", "TripleHelix", "sector_presence", "HELIX_SECTORS"]

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ssbkg.errors import GraphError

#: The three helices in the order U, I, G, as spelled in the ``sector`` attribute.
HELIX_SECTORS = ("university", "industry", "government")


@dataclass(frozen=True)
class TripleHelix:
    """Triple-helix mutual information and the entropies behind it.

    Attributes
    ----------
    value : float
        T_UIG in bits; NaN when ``defined`` is False.
    defined : bool
        False when there are no records or one of the sectors takes part in
        none of them (T_UIG would measure nothing about that sector).
    reason : str
        Why the value is undefined (empty when defined).
    entropies : dict
        H_U, H_I, H_G, H_UI, H_UG, H_IG, H_UIG in bits (keys ``"U"``,
        ``"UI"``, ...); empty when undefined for lack of records.
    n_records : int
        Records counted.
    n_dropped : int
        Records dropped (``drop_empty=True``) because none of the three
        sectors takes part.
    """

    value: float
    defined: bool
    reason: str
    entropies: dict = field(default_factory=dict)
    n_records: int = 0
    n_dropped: int = 0


def _entropy(counts):
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log2(p)).sum())


def sector_presence(records, sector_of, *, sectors=HELIX_SECTORS):
    """Which sectors take part in each record, as a boolean table.

    Parameters
    ----------
    records : iterable of iterables
        Each record lists its parties (organisation ids).
    sector_of : mapping or networkx.Graph
        Party -> sector; a graph is read through its ``sector`` node
        attribute. Parties with another sector (e.g. ``"platform"``) are
        ignored.
    sectors : tuple of str
        The U, I, G sector names.

    Returns
    -------
    pandas.DataFrame
        One row per record, one boolean column per sector.

    Raises
    ------
    GraphError
        If a party has no sector.

    Examples
    --------
    >>> sector_of = {"a": "university", "b": "industry", "c": "platform"}
    >>> sector_presence([["a", "b"], ["b", "c"]], sector_of).values.tolist()
    [[True, True, False], [False, True, False]]
    """
    if hasattr(sector_of, "nodes"):
        G = sector_of
        lookup = {}
        for v, s in G.nodes(data="sector"):
            if s is not None:
                lookup[v] = s
        sector_of = lookup
    rows = []
    for i, parties in enumerate(records):
        present = set()
        for p in parties:
            try:
                present.add(sector_of[p])
            except KeyError:
                raise GraphError(f"sector_presence: record {i}: party {p!r} has no sector") from None
        rows.append([s in present for s in sectors])
    return pd.DataFrame(rows, columns=list(sectors), dtype=bool)


def triple_helix(presence, *, sectors=HELIX_SECTORS, drop_empty=False):
    r"""Leydesdorff's triple-helix mutual information T_UIG, in bits.

    .. math::

        T_{UIG} = H_U + H_I + H_G - H_{UI} - H_{UG} - H_{IG} + H_{UIG}

    with :math:`H_X = -\sum_x p(x) \log_2 p(x)` over the presence (0/1) of
    sector X in a record, and the joint entropies over the joint presence
    patterns. A record in which none of the three sectors takes part is the
    pattern (0, 0, 0) and counts like any other unless ``drop_empty``.

    Undefined cases return ``value = NaN`` with ``defined = False`` and the
    ``reason`` (rather than raising, so per-region tables keep a row): no
    records, or a sector that takes part in no record.

    Parameters
    ----------
    presence : pandas.DataFrame
        One row per record, a truthy column per sector (see
        :func:`sector_presence`).
    sectors : tuple of str
        Column names of U, I and G.
    drop_empty : bool
        Drop records with none of the three sectors (e.g. platform-only
        collaborations) before counting.

    Returns
    -------
    TripleHelix

    Raises
    ------
    GraphError
        If a sector column is missing.

    References
    ----------
    .. [1] Leydesdorff, L. (2003). The mutual information of university-
       industry-government relations: an indicator of the triple helix
       dynamics. Scientometrics 58(2), 445-467.

    Examples
    --------
    >>> import pandas as pd
    >>> # U = I = G, each present in half the records:
    >>> # H_U = H_I = H_G = 1, every pair and the triple also 1: 3 - 3 + 1
    >>> same = pd.DataFrame({"university": [1, 0], "industry": [1, 0], "government": [1, 0]})
    >>> round(triple_helix(same).value, 4)
    1.0
    >>> t = triple_helix(same.assign(government=0))
    >>> t.defined, t.reason
    (False, 'sector(s) government take part in no record: T_UIG is undefined')
    """
    missing = [s for s in sectors if s not in getattr(presence, "columns", [])]
    if missing:
        raise GraphError(f"triple_helix: presence table lacks column(s) {missing}")
    X = presence[list(sectors)].fillna(False).astype(bool).to_numpy()
    keep = X.any(axis=1) if drop_empty else np.ones(len(X), dtype=bool)
    dropped = int((~keep).sum())
    X = X[keep]
    n = len(X)
    if n == 0:
        return TripleHelix(math.nan, False, "no records", {}, 0, dropped)
    absent = [s for s, col in zip(sectors, X.T) if not col.any()]
    code = X[:, 0] * 4 + X[:, 1] * 2 + X[:, 2]
    joint = np.bincount(code, minlength=8).astype(np.float64).reshape(2, 2, 2)
    H = {
        "U": _entropy(joint.sum(axis=(1, 2))),
        "I": _entropy(joint.sum(axis=(0, 2))),
        "G": _entropy(joint.sum(axis=(0, 1))),
        "UI": _entropy(joint.sum(axis=2).ravel()),
        "UG": _entropy(joint.sum(axis=1).ravel()),
        "IG": _entropy(joint.sum(axis=0).ravel()),
        "UIG": _entropy(joint.ravel()),
    }
    if absent:
        return TripleHelix(
            math.nan, False,
            f"sector(s) {', '.join(absent)} take part in no record: T_UIG is undefined",
            H, n, dropped,
        )
    value = H["U"] + H["I"] + H["G"] - H["UI"] - H["UG"] - H["IG"] + H["UIG"]
    return TripleHelix(float(value), True, "", H, n, dropped)
