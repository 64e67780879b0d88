"""Specialisation and gaps of one region against its peers, from one region x segment matrix.

:func:`cluster_gaps` reads the counts of :func:`ssbkg.metrics.basis.segment_counts`
(what a region holds) and a weight matrix from the same holdings, and gives
everything that compares the region with others, with the peers and the
reference it used:

* the location quotient of every segment against the **reference** regions
  (the denominator), ``specialised`` when ``LQ >= threshold``;
* **gaps of two kinds**: ``absent`` (the region holds no organisation in the
  segment) and ``unspecialised`` (it holds some, LQ below the threshold),
  each ranked by relatedness density;
* proximity, density and ECI/COI over the **peer** regions, with presence
  ``M = [LQ >= threshold]`` read against the same reference;
* HHI concentration of each segment across the peers.

A segment whose density is 0/0 (no peer specialised in it, or its
specialised peers specialised in nothing else) is kept in the gaps with the
reason; ECI/COI that the matrix does not determine are replaced by the reason.
"""

from __future__ import annotations

__all__ = ["cluster_gaps"]

import numpy as np
import pandas as pd

from ssbkg.errors import GraphError, NotFoundError

from .relatedness import _density_array, _proximity_array, complexity
from .specialisation import hhi, location_quotient

_GAP_COLUMNS = ["segment", "kind", "rank", "density", "n_organisations", "value", "lq",
                "close_to", "proximity", "peers_holding", "peers_specialised",
                "rank_by_count", "pci", "cog", "note"]


def _ids(x, name, index):
    if x is None:
        return None
    x = [x] if isinstance(x, str) else list(dict.fromkeys(x))
    if not x:
        raise GraphError(f"{name} is an empty set of regions")
    missing = [r for r in x if r not in index]
    if missing:
        raise NotFoundError(f"{name} regions not in the matrix rows: {missing[:10]}")
    return x


def cluster_gaps(counts, region, *, weights=None, peers=None, reference=None, threshold=1.0):
    r"""Specialisation, two kinds of gap, relatedness and complexity of ``region``.

    Parameters
    ----------
    counts : pandas.DataFrame
        Region x segment counts of organisations (the basis:
        :func:`ssbkg.metrics.basis.segment_counts`); rows must include the
        region, the peers and the reference.
    region : str
        Row of ``counts``.
    weights : pandas.DataFrame, optional
        Same labels as ``counts``: the weight of the location quotient
        (:func:`ssbkg.metrics.basis.segment_weights`); default the counts.
    peers : sequence of str, optional
        Regions compared with: rows of proximity, complexity and
        concentration (the region is always added). Default: every row.
    reference : sequence of str, optional
        Denominator of the location quotient. Default: the peers.
    threshold : float
        A region is specialised (``M = 1``) where ``LQ >= threshold``, and
        where it holds a segment the reference regions lack (LQ = x/0,
        reported NaN with a note).

    Returns
    -------
    dict
        ``specialisation`` (DataFrame per segment: ``n_organisations``,
        ``value``, ``lq``, ``present``, ``specialised``, ``density``,
        ``note``), ``gaps`` (DataFrame: ``segment``, ``kind``
        (``absent`` / ``unspecialised``), ``rank`` within its kind (ties
        share a rank), ``density``, ``close_to`` (the region's specialised
        segments with positive proximity, closest first), ``proximity``,
        ``peers_holding``, ``peers_specialised``, ``rank_by_count`` (the
        region's rank among the peers by organisations in the segment; None
        when it holds none), ``pci`` and ``cog`` (product
        complexity and complexity outlook gain of the segment, from the same
        M over the peers; NaN where ECI is undefined, see ``complexity``),
        ``note`` (why the density is undefined)), ``concentration`` (HHI per segment across the peers),
        ``complexity`` (dict: ``eci``, ``coi``, ``diversity``, ``n_regions``,
        ``note``), ``presence`` (peer x segment M), ``proximity`` (segment x
        segment), ``peers``, ``reference``, ``threshold`` and ``notes``.

    Raises
    ------
    NotFoundError
        If the region, a peer or a reference region is not a row.
    GraphError
        If ``weights`` does not match ``counts``, or a weight is positive where
        the count is zero (the weight would not read the basis).

    Notes
    -----
    Density (Hidalgo et al. 2007) of region r in segment s is
    :math:`\omega_{rs} = \sum_{s'} M_{rs'}\phi_{ss'} / \sum_{s'}\phi_{ss'}`,
    with :math:`\phi` computed over the peers from the same M. A segment no
    peer is specialised in has :math:`\phi_{s\cdot} = 0`: its density is
    0/0, said in ``note``.

    Examples
    --------
    >>> import pandas as pd
    >>> N = pd.DataFrame({"s1": [2, 1, 0, 1], "s2": [1, 1, 1, 0], "s3": [0, 1, 1, 0],
    ...                   "s4": [0, 0, 0, 0]}, index=list("abcd"))
    >>> g = cluster_gaps(N, "b")
    >>> g["specialisation"].set_index("segment")["lq"].round(3).to_dict()
    {'s1': 0.75, 's2': 1.0, 's3': 1.5, 's4': nan}
    >>> g["gaps"][["segment", "kind", "density"]].values.tolist()
    [['s4', 'absent', nan], ['s1', 'unspecialised', 1.0]]
    >>> g["gaps"].loc[0, "note"]
    'no peer region holds s4: its proximity to every segment is 0, density 0/0'
    
    """
    if region not in counts.index:
        raise NotFoundError(f"region {region!r} is not a row of the matrix")
    N = counts
    W = N.astype(float) if weights is None else weights
    if not (W.index.equals(N.index) and W.columns.equals(N.columns)):
        raise GraphError("weights must have the labels of counts")
    w_arr = W.to_numpy(dtype=float)
    n_arr = N.to_numpy(dtype=float)
    if ((w_arr > 0) & (n_arr <= 0)).any():
        r, c = np.argwhere((w_arr > 0) & (n_arr <= 0))[0]
        raise GraphError(
            f"weight positive where no organisation holds the segment: ({N.index[r]!r}, "
            f"{N.columns[c]!r})")
    peers = _ids(peers, "peer", N.index)
    peers = list(N.index) if peers is None else list(dict.fromkeys(peers + [region]))
    if region not in peers:
        peers.append(region)
    reference = _ids(reference, "reference", N.index) or list(peers)
    segs = list(N.columns)
    notes = []

    lq_arr = np.full(N.shape, np.nan)
    lq_ok = True
    try:
        lq = location_quotient(W, reference=reference)
        lq_arr = lq.to_numpy()
        if lq.attrs["undefined_columns"]:
            notes.append("LQ undefined (0 in the reference) for: "
                         + ", ".join(map(str, lq.attrs["undefined_columns"])))
    except GraphError as exc:
        lq_ok = False
        notes.append(f"location quotient undefined: {exc}")
    # a region holding a segment the reference lacks has LQ x/0: taken as specialised
    unbounded = np.isnan(lq_arr) & (w_arr > 0) & lq_ok
    with np.errstate(invalid="ignore"):
        m_all = np.where(np.isnan(lq_arr), 0.0, (lq_arr >= threshold).astype(float))
    m_all[unbounded] = 1.0
    i = N.index.get_loc(region)
    if n_arr[i].sum() == 0:
        notes.append(f"{region} holds no segment under the basis: LQ is 0/0, every segment "
                     "is absent")

    pos = N.index.get_indexer(peers)
    m = m_all[pos]
    held = n_arr[pos] > 0
    phi = _proximity_array(m)
    ip = peers.index(region)
    dens = np.full(len(segs), np.nan)
    if len(peers) < 2:
        notes.append("relatedness needs at least 2 peer regions: density undefined")
    else:
        d, _ = _density_array(m, phi)
        dens = d[ip]
    ubiq = m.sum(axis=0).astype(int)
    n_hold = held.sum(axis=0).astype(int)

    def reason(j):
        if len(peers) < 2:
            return "fewer than 2 peer regions: density undefined"
        if not lq_ok:
            return "LQ undefined against the reference: nothing is specialised"
        s = segs[j]
        if n_hold[j] == 0:
            return (f"no peer region holds {s}: its proximity to every segment is 0, "
                    "density 0/0")
        if ubiq[j] == 0:
            return (f"{n_hold[j]} peer region(s) hold {s} but none is specialised in it "
                    f"(LQ >= {threshold:g}): proximity 0, density 0/0")
        return (f"the peers specialised in {s} are specialised in no other segment: "
                "proximity 0, density 0/0")

    present = n_arr[i] > 0
    spec_flag = m_all[i] > 0
    spec_notes = []
    for j in range(len(segs)):
        parts = []
        if unbounded[i, j]:
            parts.append("the reference holds none of it: LQ is x/0, taken as specialised")
        elif np.isnan(lq_arr[i, j]):
            ref_holds = int((n_arr[N.index.get_indexer(reference), j] > 0).sum())
            wname = W.attrs.get("weight", "enterprises")
            if n_arr[i].sum() == 0:
                why = "region holds nothing"
            elif ref_holds == 0 or wname in ("enterprises", "presence"):
                why = "segment absent from the reference"
            else:
                why = (f"{ref_holds} reference region(s) hold it but none has any {wname} "
                       "in it (0 in the denominator)")
            parts.append("LQ undefined: " + why)
        if np.isnan(dens[j]):
            parts.append(reason(j))
        spec_notes.append("; ".join(parts))
    spec = pd.DataFrame({
        "segment": segs,
        "n_organisations": n_arr[i].astype(int),
        "value": w_arr[i],
        "lq": lq_arr[i],
        "present": present,
        "specialised": spec_flag,
        "density": dens,
        "note": spec_notes,
    })

    rows = []
    wname = W.attrs.get("weight", "enterprises")
    for kind, mask in (("absent", ~present), ("unspecialised", present & ~spec_flag)):
        idx = np.flatnonzero(mask)
        key = pd.Series(dens[idx])
        ranks = key.rank(method="min", ascending=False).to_numpy()
        n_def = int(key.notna().sum())
        order = sorted(range(len(idx)), key=lambda k: (np.isnan(dens[idx[k]]),
                                                       -np.nan_to_num(dens[idx[k]]), idx[k]))
        for k in order:
            j = idx[k]
            near = np.flatnonzero((m[ip] > 0) & (phi[j] > 0))
            near = near[np.argsort(-phi[j, near], kind="stable")]
            undefined = np.isnan(dens[j])
            col = n_arr[pos, j]
            by_count = int((col > n_arr[i, j]).sum()) + 1 if n_arr[i, j] > 0 else None
            note = ((reason(j) + ("" if n_def == 0 else "; listed after the ranked gaps"))
                    if undefined else "")
            if kind == "unspecialised" and by_count == 1:
                mix = "organisations" if wname in ("enterprises", "presence") else wname
                most = (f"holds the most organisations in {segs[j]} of the {len(peers)} peers "
                        f"({int(n_arr[i, j])}), yet {segs[j]} is a smaller share of its own "
                        f"{mix} than of the reference's: LQ < threshold")
                note = f"{note}; {most}" if note else most
            rows.append({
                "segment": segs[j],
                "kind": kind,
                "rank": None if undefined else int(ranks[k]),
                "density": dens[j],
                "n_organisations": int(n_arr[i, j]),
                "value": w_arr[i, j],
                "lq": lq_arr[i, j],
                "close_to": [segs[x] for x in near],
                "proximity": [round(float(phi[j, x]), 6) for x in near],
                "peers_holding": int(n_hold[j]),
                "peers_specialised": int(ubiq[j]),
                "rank_by_count": by_count,
                "note": note,
            })
    gaps = pd.DataFrame(rows, columns=_GAP_COLUMNS)
    ties = gaps[gaps["rank"].notna()].groupby(["kind", "rank"]).size()
    for (kind, rank), n in ties.items():
        if n > 1:
            segs_tied = gaps.loc[(gaps["kind"] == kind) & (gaps["rank"] == rank), "segment"]
            notes.append(f"{kind} gaps tied at rank {int(rank)}: " + ", ".join(segs_tied))

    conc = hhi(W.iloc[pos]).reset_index().rename(columns={"index": "segment"})

    cx = {"eci": np.nan, "coi": np.nan, "diversity": int(m[ip].sum()),
          "n_regions": int((m.sum(axis=1) > 0).sum()), "note": ""}
    if len(peers) < 2:
        cx["note"] = "ECI/COI need at least 2 peer regions"
    elif m[ip].sum() == 0:
        cx["note"] = f"{region} is specialised in no segment: left out of ECI/COI"
    else:
        try:
            out = complexity(pd.DataFrame(m, index=peers, columns=segs), threshold=None)
            reg = out["regions"].loc[region]
            cx["eci"], cx["coi"] = float(reg["eci"]), float(reg["coi"])
            cx["_pci"] = out["segments"]["pci"].astype(float).to_dict()
            if out.get("cog") is not None and region in out["cog"].index:
                cx["_cog"] = out["cog"].loc[region].astype(float).to_dict()
            if np.isnan(cx["coi"]):
                cx["note"] = "; ".join(out["info"]["notes"])
        except GraphError as exc:
            cx["note"] = f"ECI/COI undefined: {exc}"

    pci = cx.pop("_pci", None)
    cog = cx.pop("_cog", None)
    gaps["pci"] = gaps["segment"].map(pci) if pci is not None else np.nan
    gaps["cog"] = gaps["segment"].map(cog) if cog is not None else np.nan
    spec["pci"] = spec["segment"].map(pci) if pci is not None else np.nan
    return {
        "specialisation": spec,
        "gaps": gaps,
        "concentration": conc,
        "complexity": cx,
        "presence": pd.DataFrame(m.astype(int), index=peers, columns=segs),
        "proximity": pd.DataFrame(phi, index=segs, columns=segs),
        "peers": peers,
        "reference": reference,
        "threshold": threshold,
        "notes": notes,
    }
