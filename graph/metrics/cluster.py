"""Cluster profile of a region: what the regional industry holds along the value chain.

Counts by segment, stage, route and organisation type; value-chain
completeness per stage with the missing segments; technology-route diversity;
capacity by status and year; patent position and rank among chosen peers.

The inputs are the tables the KG projections hand over (see
``docs/design.md``): the organisation table (``id, type, sector, region,
regions, segments, routes, capacity_gwh, patents``), the projects table
(``id, developer, region, regions, segments, routes, status, capacity_gwh,
capacity_tonnes, year``) and the patents table (``holder, regions, count,
rank, scope``). A row belongs to region ``R`` when ``R`` is in its
``regions`` list (most specific region up to the country), so a profile
works at any level of the hierarchy. List cells may be Python lists or
``;``-separated strings.

:func:`cluster_profile` gives the detail for one region;
:func:`cluster_summary` gives one row per region for all of them at once
(sparse matrix products, fast on 100k organisations).
"""

from __future__ import annotations

__all__ = [
    "VALUE_CHAIN",
    "in_region",
    "counts",
    "completeness",
    "route_diversity",
    "capacity_by_status_year",
    "patent_position",
    "cluster_profile",
    "cluster_summary",
]

import math

import numpy as np
import pandas as pd
from scipy import sparse

from ssbkg import vocab as _vocab
from ssbkg.errors import GraphError

from .basis import BASIS, holdings, segment_breakdown, segment_counts

#: Value-chain stages and their segments, from the ontology (``skos:broader`` of
#: ``ssb:ValueChainSegments``; :mod:`ssbkg.vocab`).
VALUE_CHAIN = dict(_vocab.VALUE_CHAIN)

_NO_EVENNESS = "evenness undefined for fewer than 2 routes (log2(S) = 0)"


def _listify(v):
    if type(v) is list:  # fast path; None and "" are dropped where lists are read
        return v
    if isinstance(v, (list, tuple, set, frozenset, np.ndarray)):
        return [x for x in v if isinstance(x, str) and x]
    if isinstance(v, str):
        return [x.strip() for x in v.split(";") if x.strip()]
    return []


def _explode(series):
    """Flatten a Series of list cells to a Series of values (None and "" dropped)."""
    v = series.map(_listify).explode()
    return v[v.notna() & (v != "")]


def _check_table(table, name, needed):
    if not isinstance(table, pd.DataFrame):
        raise GraphError(f"{name} must be a pandas DataFrame, got {type(table).__name__}")
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise GraphError(f"{name} lacks column(s) {missing}")


def _regions_col(table, name):
    if "regions" in table.columns:
        return table["regions"].map(_listify)
    if "region" in table.columns:
        return table["region"].map(_listify)
    raise GraphError(f"{name} needs a 'regions' (or 'region') column")


def _check_stages(stages):
    if not isinstance(stages, dict) or not stages:
        raise GraphError("stages must be a non-empty dict {stage: [segments]}")
    seen = {}
    for stage, segs in stages.items():
        if not segs:
            raise GraphError(f"stage {stage!r} has no segments")
        for s in segs:
            if s in seen:
                raise GraphError(f"segment {s!r} is in stages {seen[s]!r} and {stage!r}")
            seen[s] = stage
    return seen


def in_region(table, region):
    """Boolean mask of the rows of ``table`` located in ``region`` (any level).

    Parameters
    ----------
    table : pandas.DataFrame
        A table with a ``regions`` list column (or a ``region`` column).
    region : str
        Region id.

    Returns
    -------
    pandas.Series of bool

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"regions": [["cn-zj-huzhou", "cn-zj", "cn"], ["cn-js", "cn"]]})
    >>> in_region(t, "cn-zj").tolist()
    [True, False]
    """
    if not isinstance(region, str) or not region:
        raise GraphError(f"region must be a non-empty string id, got {region!r}")
    regs = _regions_col(table, "table")
    return regs.map(lambda rs: region in rs).astype(bool)


def counts(table, region, *, by="segments", stages=VALUE_CHAIN, categories=None, sites=None,
           projects=None, types=("enterprise",)):
    """Number of organisations (or projects) of ``region`` by a column.

    ``by="segments"`` and ``by="stage"`` read the basis
    (:mod:`ssbkg.metrics.basis`): distinct organisations of ``types`` that
    hold the segment in the region by headquarters, site or developed
    project, the same numbers as :func:`completeness` and
    :func:`cluster_summary`. A stage count is the organisations holding at
    least one of its segments (not the sum of its segment counts). Any
    other column (``"routes"``, ``"type"``, ``"sector"``, ``"status"``)
    counts the rows of ``table`` located in the region, a row with several
    values once for each.

    Parameters
    ----------
    table : pandas.DataFrame
        Organisation (or projects) table.
    region : str
        Region id, any level.
    by : str
        ``"segments"``, ``"routes"``, ``"stage"`` or any plain column
        (``"type"``, ``"sector"``, ``"status"``).
    stages : dict
        ``{stage: [segments]}`` for ``by="stage"`` and the default segment
        categories; default :data:`VALUE_CHAIN`.
    categories : sequence of str, optional
        Values always listed (with 0 when absent); default: the segments of
        ``stages`` for ``by="segments"``, the stages for ``by="stage"``,
        otherwise none. Values present but outside ``categories`` follow,
        most frequent first.
    sites, projects : pandas.DataFrame, optional
        Sites and projects of the basis (``by="segments"``/``"stage"`` only).
    types : tuple of str
        Organisation types of the basis (default enterprises).

    Returns
    -------
    pandas.Series
        Integer counts named ``count``. An empty region gives zeros for the
        categories (an empty Series when there are none).

    Examples
    --------
    >>> import pandas as pd
    >>> orgs = pd.DataFrame({
    ...     "id": ["a", "b"], "type": ["enterprise", "university"],
    ...     "regions": [["x"], ["x"]], "segments": [["cells", "nev"], ["cells"]]})
    >>> counts(orgs, "x")[["cells", "nev", "anode"]].to_dict()  # the university is not counted
    {'cells': 1, 'nev': 1, 'anode': 0}
    >>> counts(orgs, "x", by="stage").to_dict()
    {'upstream': 0, 'midstream': 1, 'downstream': 1}
    >>> counts(orgs, "x", by="type").to_dict()
    {'enterprise': 1, 'university': 1}
    """
    if by in ("segments", "stage"):
        seg_stage = _check_stages(stages)
        _check_table(table, "table", ["id", "type", "segments"])
        hold = holdings(table, sites=sites, projects=projects, types=types)
        located = hold.loc[hold["regions"].map(lambda rs: region in rs).astype(bool)]
        if by == "stage":
            got = located.assign(stage=located["concept"].map(seg_stage)).dropna(subset=["stage"])
            vc = got.drop_duplicates(["organisation", "stage"])["stage"].value_counts()
            cats = list(stages) if categories is None else list(categories)
        else:
            vc = located.drop_duplicates(["organisation", "concept"])["concept"].value_counts()
            cats = list(seg_stage) if categories is None else list(categories)
    else:
        _check_table(table, "table", [by])
        sub = table[in_region(table, region)]
        values = _explode(sub[by]) if by == "routes" else sub[by].dropna()
        vc = values.value_counts()
        cats = [] if categories is None else list(categories)
    extra = sorted(v for v in vc.index if v not in set(cats))
    extra.sort(key=lambda v: -vc[v])
    out = vc.reindex(cats + extra, fill_value=0).astype(int)
    out.name = "count"
    out.index.name = by
    return out


def _completeness_rows(present, stages):
    rows = {}
    allsegs = []
    for stage, segs in list(stages.items()) + [("all", None)]:
        if segs is None:
            segs = allsegs
        else:
            allsegs = allsegs + list(segs)
        have = [s for s in segs if s in present]
        rows[stage] = {
            "n_segments": len(segs),
            "n_present": len(have),
            "completeness": len(have) / len(segs),
            "present": have,
            "missing": [s for s in segs if s not in present],
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "stage"
    return out


def completeness(table, region, *, stages=VALUE_CHAIN, projects=None, sites=None,
                 types=("enterprise",)):
    """Value-chain completeness: share of each stage's segments the region holds.

    .. math:: C_g = |\\{s \\in g : N_{Rs} \\ge 1\\}| / |g|

    :math:`N_{Rs}` is the number of organisations holding segment s in
    region R under the basis (:mod:`ssbkg.metrics.basis`): headquarters in
    R, or a site or developed project located in R naming s. A project with
    no developer does not make a segment present.

    Parameters
    ----------
    table : pandas.DataFrame
        Organisation table with ``id``, ``type``, ``segments`` and ``regions``.
    region : str
        Region id, any level.
    stages : dict
        ``{stage: [segments]}``; default :data:`VALUE_CHAIN`.
    projects, sites : pandas.DataFrame, optional
        Projects (with ``developers``) and sites (with ``operator``) of the basis.
    types : tuple of str
        Organisation types that count (default enterprises).

    Returns
    -------
    pandas.DataFrame
        One row per stage plus ``"all"``, columns ``n_segments, n_present,
        completeness, present, missing`` (lists in stage order). An empty
        region has completeness 0 and every segment missing.

    Examples
    --------
    >>> import pandas as pd
    >>> orgs = pd.DataFrame({"id": ["a"], "type": ["enterprise"], "regions": [["x"]],
    ...                      "segments": [["cells", "cathode"]]})
    >>> c = completeness(orgs, "x")
    >>> c["completeness"].round(3).to_dict()
    {'upstream': 0.167, 'midstream': 0.5, 'downstream': 0.0, 'all': 0.143}
    >>> c.loc["midstream", "missing"]
    ['packs']
    """
    seg_stage = _check_stages(stages)
    _check_table(table, "table", ["id", "type", "segments"])
    hold = holdings(table, sites=sites, projects=projects, types=types)
    row = segment_counts(hold, [region], concepts=list(seg_stage)).iloc[0]
    return _completeness_rows({s for s, n in row.items() if n > 0}, stages)


def _entropy(c):
    """Shannon entropy (bits) and evenness of a vector of counts."""
    c = np.asarray(c, dtype=float)
    c = c[c > 0]
    s = int(c.size)
    if s == 0:
        return 0, 0.0, math.nan
    p = c / c.sum()
    h = float(-(p * np.log2(p)).sum())
    return s, h, (h / math.log2(s) if s >= 2 else math.nan)


def route_diversity(table, region):
    """Technology-route diversity of ``region``: count, Shannon entropy, evenness.

    .. math::

        H = -\\sum_k p_k \\log_2 p_k, \\qquad J = H / \\log_2 S

    where :math:`p_k` is route ``k``'s share of the (row, route) pairs of
    the region (an organisation on two routes counts once for each) and
    :math:`S` the number of routes present (Pielou's evenness ``J``).

    Parameters
    ----------
    table : pandas.DataFrame
        Organisation (or projects) table with ``routes`` and ``regions``.
    region : str
        Region id, any level.

    Returns
    -------
    dict
        ``routes`` (count S), ``entropy_bits`` (0 for S = 0 or 1),
        ``evenness`` (NaN for S < 2, with the reason in ``note``),
        ``counts`` (dict route -> count) and ``note``.

    References
    ----------
    .. [1] Shannon, C. E. (1948). A mathematical theory of communication.
    .. [2] Pielou, E. C. (1966). The measurement of diversity in different
       types of biological collections. J. Theor. Biol. 13, 131-144.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"regions": [["x"]] * 2, "routes": [["sulfide", "oxide"], ["sulfide"]]})
    >>> d = route_diversity(t, "x")
    >>> d["routes"], round(d["entropy_bits"], 4), round(d["evenness"], 4)
    (2, 0.9183, 0.9183)
    """
    c = counts(table, region, by="routes")
    s, h, j = _entropy(c.to_numpy())
    note = ""
    if s == 0:
        note = "no technology route recorded; " + _NO_EVENNESS
    elif s == 1:
        note = _NO_EVENNESS
    return {
        "routes": s,
        "entropy_bits": h,
        "evenness": j,
        "counts": {k: int(v) for k, v in c.items() if v > 0},
        "note": note,
    }


def capacity_by_status_year(projects, region):
    """Capacity of the projects located in ``region`` by status and year.

    Parameters
    ----------
    projects : pandas.DataFrame
        Projects table with ``regions``, ``status``, ``year``,
        ``capacity_gwh`` and ``capacity_tonnes``.
    region : str
        Region id, any level.

    Returns
    -------
    pandas.DataFrame
        Columns ``status, year, n_projects, capacity_gwh, n_gwh,
        capacity_tonnes, n_tonnes`` (``n_*``: projects with a known value
        in the sum). A sum over projects none of which states a value is NaN
        (unknown, not zero): its ``n_*`` is 0. A missing status or year is
        reported as ``"unknown"``. Empty when the region has no projects.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"regions": [["x"], ["x"], ["x"]],
    ...     "status": ["operating", "operating", "planned"], "year": [2024, 2024, 2026],
    ...     "capacity_gwh": [2.0, 0.5, None], "capacity_tonnes": [None, None, 100.0]})
    >>> capacity_by_status_year(p, "x")[["status", "year", "n_projects", "capacity_gwh"]]
          status  year  n_projects  capacity_gwh
    0  operating  2024           2           2.5
    1    planned  2026           1           NaN
    """
    _check_table(projects, "projects", ["status", "year", "capacity_gwh", "capacity_tonnes"])
    sub = projects.loc[in_region(projects, region)].copy()
    cols = ["status", "year", "n_projects", "capacity_gwh", "n_gwh", "capacity_tonnes", "n_tonnes"]
    if sub.empty:
        return pd.DataFrame(columns=cols)
    sub["status"] = sub["status"].where(sub["status"].notna(), "unknown")
    year = pd.to_numeric(sub["year"], errors="coerce")
    sub["year"] = [("unknown" if pd.isna(y) else int(y)) for y in year]
    for c in ("capacity_gwh", "capacity_tonnes"):
        sub[c] = pd.to_numeric(sub[c], errors="coerce")
    g = sub.groupby(["status", "year"], sort=False)
    out = pd.DataFrame(
        {
            "n_projects": g.size(),
            "capacity_gwh": g["capacity_gwh"].sum(min_count=1),
            "n_gwh": g["capacity_gwh"].count(),
            "capacity_tonnes": g["capacity_tonnes"].sum(min_count=1),
            "n_tonnes": g["capacity_tonnes"].count(),
        }
    ).reset_index()
    out["_y"] = out["year"].map(lambda y: (1, 0) if y == "unknown" else (0, y))
    out = out.sort_values(["status", "_y"], kind="stable").drop(columns="_y")
    return out[cols].reset_index(drop=True)


def _patent_count(patents, regs, region):
    direct = patents["holder"] == region
    if direct.any():
        return float(patents.loc[direct, "count"].sum()), "direct"
    mask = regs.map(lambda rs: region in rs)
    return float(patents.loc[mask, "count"].sum()), "sum of holders located in the region"


def patent_position(patents, region, *, peers=None):
    """Patent count of ``region`` and its rank among a peer set.

    The count is the region's own row(s) (``holder == region``) when the
    table has them, otherwise the sum over the holders located in the
    region (``region`` in their ``regions``). Do not mix a region-level row
    with rows of organisations inside it for the same figure if you want
    the sum (the region-level row wins).

    Parameters
    ----------
    patents : pandas.DataFrame
        Patents table: ``holder, regions, count`` (``rank, scope``
        optional: published ranks are passed through).
    region : str
        Region id, any level.
    peers : sequence of str, optional
        Regions to rank against (the region is added if absent). A peer with
        no row counts 0.

    Returns
    -------
    dict
        ``region``, ``count``, ``basis`` (how the count was formed),
        ``rank`` (1 = most patents; ties share the best rank; None without
        peers), ``n_peers``, ``peers`` (DataFrame ``region, count, rank``)
        and ``published`` (rows of the region with a published ``rank``:
        holder, rank, scope).

    Examples
    --------
    >>> import pandas as pd
    >>> pt = pd.DataFrame({"holder": ["o1", "o2", "o3"],
    ...     "regions": [["x", "cn"], ["x", "cn"], ["y", "cn"]], "count": [10, 5, 12]})
    >>> p = patent_position(pt, "x", peers=["x", "y"])
    >>> p["count"], p["rank"], p["n_peers"]
    (15.0, 1, 2)
    """
    _check_table(patents, "patents", ["holder", "count"])
    regs = _regions_col(patents, "patents")
    pt = patents.assign(count=pd.to_numeric(patents["count"], errors="coerce").fillna(0.0))
    count, basis = _patent_count(pt, regs, region)
    in_r = regs.map(lambda rs: region in rs) | (pt["holder"] == region)
    published = []
    if "rank" in pt.columns:
        for _, row in pt.loc[in_r & pt["rank"].notna()].iterrows():
            published.append(
                {"holder": row["holder"], "rank": row["rank"], "scope": row.get("scope")}
            )
    out = {"region": region, "count": count, "basis": basis, "rank": None, "n_peers": 0}
    if peers is not None:
        peer_list = list(dict.fromkeys(list(peers) + [region]))
        vals = [_patent_count(pt, regs, r)[0] for r in peer_list]
        table = pd.DataFrame({"region": peer_list, "count": vals})
        table["rank"] = table["count"].rank(method="min", ascending=False).astype(int)
        table = table.sort_values(["rank", "region"], kind="stable").reset_index(drop=True)
        out["rank"] = int(table.loc[table.region == region, "rank"].iloc[0])
        out["n_peers"] = len(peer_list)
        out["peers"] = table
    else:
        out["peers"] = pd.DataFrame(columns=["region", "count", "rank"])
    out["published"] = published
    return out


def cluster_profile(orgs, region, *, projects=None, patents=None, peers=None, stages=VALUE_CHAIN,
                    sites=None, types=("enterprise",), hold=None):
    """Everything about one region's cluster, at any level of the hierarchy.

    Segments, stages and completeness read the basis
    (:mod:`ssbkg.metrics.basis`); ``n_organisations``, ``types`` and routes
    count the organisations headquartered in the region, of every type.

    Parameters
    ----------
    orgs : pandas.DataFrame
        Organisation table.
    region : str
        Region id.
    projects, patents : pandas.DataFrame, optional
        Projects and patents tables (capacity and patent position are None
        without them). Projects with developers also count in the basis.
    peers : sequence of str, optional
        Peer regions for the patent rank.
    stages : dict
        Value-chain structure, default :data:`VALUE_CHAIN`.
    sites : pandas.DataFrame, optional
        Sites of the basis (``id``, ``operator``, ``regions``, ``segments``).
    types : tuple of str
        Organisation types of the basis (default enterprises).
    hold : pandas.DataFrame, optional
        :func:`ssbkg.metrics.basis.holdings` of these tables, already built
        (to profile many regions); ``sites`` and ``types`` are then not read.

    Returns
    -------
    dict
        ``region``, ``n_organisations``, ``segments`` (DataFrame per
        segment: ``count`` of organisations holding it, by ``hq``, ``site``,
        ``project``, and ``organisations``), ``stages``, ``routes``,
        ``types`` (count Series), ``completeness`` (DataFrame),
        ``route_diversity`` (dict), ``capacity`` (DataFrame or None),
        ``patents`` (dict or None), ``basis`` (text) and ``skipped`` (the
        projects without developer and sites not counted). A region with no
        organisations gives zero counts, completeness 0, and no routes
        (defined, not an error).

    Examples
    --------
    >>> import pandas as pd
    >>> orgs = pd.DataFrame({"id": ["a", "b"], "type": ["enterprise", "university"],
    ...     "regions": [["x", "cn"], ["y", "cn"]], "segments": [["cells"], ["anode"]],
    ...     "routes": [["sulfide"], ["oxide"]]})
    >>> p = cluster_profile(orgs, "cn")
    >>> p["n_organisations"], p["route_diversity"]["routes"]
    (2, 2)
    >>> int(p["completeness"].loc["all", "n_present"])  # the university's anode is not counted
    1
    """
    _check_table(orgs, "orgs", ["id", "type", "segments", "routes"])
    seg_stage = _check_stages(stages)
    if hold is None:
        hold = holdings(orgs, sites=sites, projects=projects, types=types)
    segs = list(seg_stage)
    extra = sorted(set(hold["concept"]) - set(segs))
    breakdown = segment_breakdown(hold, region, concepts=segs + extra)
    present = {s for s, n in breakdown["count"].items() if n > 0}
    located = hold.loc[hold["regions"].map(lambda rs: region in rs).astype(bool)]
    st = located.assign(stage=located["concept"].map(seg_stage)).dropna(subset=["stage"])
    stage_counts = (st.drop_duplicates(["organisation", "stage"])["stage"].value_counts()
                    .reindex(list(stages), fill_value=0).astype(int).rename("count"))
    stage_counts.index.name = "stage"
    sub = orgs[in_region(orgs, region)]
    if projects is not None:
        projects = projects[in_region(projects, region)]
    return {
        "region": region,
        "n_organisations": len(sub),
        "segments": breakdown,
        "stages": stage_counts,
        "routes": counts(sub, region, by="routes"),
        "types": counts(sub, region, by="type"),
        "completeness": _completeness_rows(present, stages),
        "route_diversity": route_diversity(sub, region),
        "capacity": None if projects is None else capacity_by_status_year(projects, region),
        "patents": None if patents is None else patent_position(patents, region, peers=peers),
        "basis": BASIS,
        "skipped": hold.attrs["skipped"],
    }


def _indicator(lists, n_rows, vocab=None):
    """Sparse 0/1 matrix rows x values from a Series of lists (None and "" dropped)."""
    lens = lists.map(len).to_numpy(dtype=np.int64)
    flat = np.array([x for xs in lists for x in xs], dtype=object)
    rows = np.repeat(np.arange(n_rows), lens)
    valid = pd.notna(flat) & (flat != "")
    flat, rows = flat[valid], rows[valid]
    if vocab is None:
        codes, uniq = pd.factorize(flat, sort=True)
        vocab = list(uniq)
    else:
        pos = {v: i for i, v in enumerate(vocab)}
        codes = np.fromiter((pos.get(x, -1) for x in flat), dtype=np.int64, count=len(flat))
        keep = codes >= 0
        rows, codes = rows[keep], codes[keep]
    m = sparse.csr_matrix(
        (np.ones(len(codes)), (rows, codes)), shape=(n_rows, len(vocab))
    )
    m.sum_duplicates()
    m.data = np.minimum(m.data, 1.0)  # a value repeated in one list counts once
    return m, list(vocab)


def cluster_summary(
    orgs, *, projects=None, patents=None, peers=None, stages=VALUE_CHAIN, regions=None,
    sites=None, types=("enterprise",)
):
    """One row of cluster metrics per region, for every region at once.

    The same quantities as :func:`cluster_profile` (which is the
    reference implementation, one region at a time), computed for all
    regions with sparse indicator products: organisations x regions
    transposed times organisations x segments (routes, types).

    Parameters
    ----------
    orgs : pandas.DataFrame
        Organisation table.
    projects, patents : pandas.DataFrame, optional
        Add capacity columns and patent columns.
    peers : sequence of str, optional
        Regions ranked against each other by patents (``patent_rank``);
        NaN for regions outside the peer set.
    stages : dict
        Value-chain structure, default :data:`VALUE_CHAIN`.
    regions : sequence of str, optional
        Regions to report (default: every region any organisation, or any
        site or developed project of the basis, is in). A requested region
        without organisations gets zeros.
    sites : pandas.DataFrame, optional
        Sites of the basis (:mod:`ssbkg.metrics.basis`).
    types : tuple of str
        Organisation types of the basis (default enterprises).

    Returns
    -------
    pandas.DataFrame
        Indexed by region: ``n_organisations``, ``n_<type>``,
        ``completeness_<stage>``, ``completeness``, ``missing`` (list; the
        segments no organisation holds under the basis, as in
        :func:`completeness`),
        ``routes``, ``route_entropy_bits``, ``route_evenness`` (NaN for
        fewer than 2 routes, see ``note``), and with projects
        ``capacity_gwh`` (sum over projects stating it, NaN when none does)
        and ``capacity_gwh_<status>``; with patents ``patents``
        (``patent_rank`` with peers); ``note``.

    Notes
    -----
    Segments outside ``stages`` are ignored here (``counts`` lists them).

    Examples
    --------
    >>> import pandas as pd
    >>> orgs = pd.DataFrame({"id": ["a", "b"], "type": ["enterprise", "university"],
    ...     "regions": [["x", "cn"], ["y", "cn"]], "segments": [["cells"], ["anode"]],
    ...     "routes": [["sulfide"], ["oxide"]]})
    >>> s = cluster_summary(orgs)
    >>> s.loc[["cn", "x"], ["n_organisations", "routes", "route_entropy_bits"]]
            n_organisations  routes  route_entropy_bits
    region                                             
    cn                    2       2                 1.0
    x                     1       1                 0.0
    """
    _check_table(orgs, "orgs", ["id", "type", "segments", "routes"])
    seg_stage = _check_stages(stages)
    n = len(orgs)
    regs = _regions_col(orgs, "orgs")
    allsegs = list(seg_stage)
    hold = holdings(orgs, sites=sites, projects=projects, types=types)
    if regions is not None:
        regions = list(dict.fromkeys(regions))
    else:
        regions = sorted({r for rs in regs for r in rs} | {r for rs in hold["regions"] for r in rs})
    R, rvocab = _indicator(regs, n, vocab=regions)
    Rt = R.T.tocsr()
    seg_counts = segment_counts(hold, rvocab, concepts=allsegs).to_numpy()
    Q, qvocab = _indicator(orgs["routes"].map(_listify), n)
    route_counts = (Rt @ Q).toarray()
    tcodes, tuniq = pd.factorize(orgs["type"].where(orgs["type"] != ""), sort=True)
    tvocab = [str(t) for t in tuniq]
    ok = tcodes >= 0
    T = sparse.csr_matrix(
        (np.ones(int(ok.sum())), (np.flatnonzero(ok), tcodes[ok])), shape=(n, len(tvocab))
    )
    type_counts = (Rt @ T).toarray()

    out = pd.DataFrame(index=pd.Index(rvocab, name="region"))
    out["n_organisations"] = np.asarray(R.sum(axis=0)).ravel().astype(int)
    for j, t in enumerate(tvocab):
        out[f"n_{t}"] = type_counts[:, j].astype(int)
    present = seg_counts > 0
    col = 0
    for stage, segs in stages.items():
        k = len(segs)
        out[f"completeness_{stage}"] = present[:, col : col + k].sum(axis=1) / k
        col += k
    out["completeness"] = present.sum(axis=1) / len(allsegs)
    segs_arr = np.array(allsegs, dtype=object)
    out["missing"] = [list(segs_arr[~row]) for row in present]
    s_count = (route_counts > 0).sum(axis=1)
    tot = route_counts.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(tot > 0, route_counts / np.where(tot > 0, tot, 1.0), 0.0)
        plogp = np.where(p > 0, p * np.log2(np.where(p > 0, p, 1.0)), 0.0)
    h = -plogp.sum(axis=1) + 0.0
    out["routes"] = s_count
    out["route_entropy_bits"] = h
    with np.errstate(divide="ignore", invalid="ignore"):
        out["route_evenness"] = np.where(
            s_count >= 2, h / np.log2(np.maximum(s_count, 2)), np.nan
        )
    notes = [[_NO_EVENNESS] if k < 2 else [] for k in s_count]

    if projects is not None:
        _check_table(projects, "projects", ["status", "capacity_gwh"])
        preg = _regions_col(projects, "projects")
        P, _ = _indicator(preg, len(projects), vocab=rvocab)
        cap = pd.to_numeric(projects["capacity_gwh"], errors="coerce").to_numpy(dtype=float)
        known = ~np.isnan(cap)
        Pt = P.T.tocsr()
        s_cap = Pt @ np.where(known, cap, 0.0)
        n_known = Pt @ known.astype(float)
        out["capacity_gwh"] = np.where(n_known > 0, s_cap, np.nan)
        status = projects["status"].where(projects["status"].notna(), "unknown").to_numpy()
        for st in sorted(set(status)):
            sel = known & (status == st)
            cs = Pt @ np.where(sel, cap, 0.0)
            nk = Pt @ sel.astype(float)
            out[f"capacity_gwh_{st}"] = np.where(nk > 0, cs, np.nan)
        for i in np.flatnonzero(n_known == 0):
            notes[i].append("no project here states a capacity: capacity_gwh NaN = unknown")
    if patents is not None:
        _check_table(patents, "patents", ["holder", "count"])
        pregs = _regions_col(patents, "patents")
        pt = patents.assign(count=pd.to_numeric(patents["count"], errors="coerce").fillna(0.0))
        Pa, _ = _indicator(pregs, len(pt), vocab=rvocab)
        located = Pa.T.tocsr() @ pt["count"].to_numpy(dtype=float)
        direct = pt.groupby("holder")["count"].sum()
        vals = pd.Series(located, index=rvocab)
        hit = vals.index.isin(direct.index)
        vals[hit] = direct.reindex(vals.index[hit]).to_numpy()
        out["patents"] = vals.to_numpy()
        if peers is not None:
            peer_list = list(dict.fromkeys(peers))
            peer_vals = {}
            for r in peer_list:
                if r in out.index:
                    peer_vals[r] = out.loc[r, "patents"]
                else:
                    peer_vals[r] = _patent_count(pt, pregs, r)[0]
            ranks = pd.Series(peer_vals).rank(method="min", ascending=False)
            out["patent_rank"] = ranks.reindex(out.index)
    out["note"] = ["; ".join(x) for x in notes]
    return out
