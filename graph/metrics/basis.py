"""The one basis behind every cluster number: which organisations a region holds in a segment.

A region *holds* a segment when at least one organisation of the counted
types (enterprises by default) works in that segment **in the region**:

* ``hq``: its headquarters (its own location) is in the region, at any
  depth, and the segment is one of the organisation's segments;
* ``site``: it operates a site (plant, production base, R&D centre, pilot
  line) located in the region, and the segment is one of the site's
  segments;
* ``project``: it is a developer of a project located in the region, and
  the segment is one of the project's segments.

A site or project that names no segment adds no segment (it is not given
its operator's segments). A project with no developer adds nothing: no
organisation is known to be there. Universities, institutes, platforms and
government bodies are counted by type, not in the matrix (``types`` widens
that).

:func:`holdings` lists the (organisation, segment, place, basis) facts;
:func:`segment_counts` turns them into the region x segment matrix of
distinct organisations; :func:`segment_weights` gives the weight read by the
location quotient (organisations, presence, capacity or patents) from the
same facts. Presence, completeness, specialisation, gaps and the cluster
summary all read these, so they cannot disagree.
"""

from __future__ import annotations

__all__ = [
    "BASIS",
    "WEIGHTS",
    "holdings",
    "segment_counts",
    "segment_breakdown",
    "segment_weights",
]

import numpy as np
import pandas as pd

from ssbkg.errors import GraphError

#: The basis in one sentence, printed beside every number that reads it.
BASIS = (
    "a region holds a segment when an organisation of the counted types works in it there: "
    "headquarters in the region (any depth), or a site it operates or a project it develops "
    "located in the region that names the segment; a project with no developer and a site or "
    "project naming no segment add nothing"
)

#: Weights of the region x segment matrix read by the location quotient.
WEIGHTS = {
    "enterprises": "distinct organisations holding the segment in the region (whole counting: "
                   "an organisation in two segments counts 1 in each)",
    "presence": "1 where the region holds the segment, else 0",
    "capacity": "latest announced capacity (GWh) of the developed projects located in the "
                "region, in full in each segment the project names",
    "patents": "patent count of the organisations headquartered in the region, in full in each "
               "of their segments",
}

_COLUMNS = ["organisation", "type", "concept", "regions", "basis", "via"]


def _listify(v):
    if isinstance(v, (list, tuple, set, frozenset, np.ndarray)):
        return [x for x in v if isinstance(x, str) and x]
    if isinstance(v, str):
        return [x.strip() for x in v.split(";") if x.strip()]
    return []


def _regions(table, name):
    if "regions" in table.columns:
        return table["regions"].map(_listify)
    if "region" in table.columns:
        return table["region"].map(_listify)
    raise GraphError(f"{name} needs a 'regions' (or 'region') column")


def _need(table, name, cols):
    if not isinstance(table, pd.DataFrame):
        raise GraphError(f"{name} must be a pandas DataFrame, got {type(table).__name__}")
    missing = [c for c in cols if c not in table.columns]
    if missing:
        raise GraphError(f"{name} lacks column(s) {missing}")


def _developers(projects):
    if "developers" in projects.columns:
        return projects["developers"].map(_listify)
    if "developer" in projects.columns:
        return projects["developer"].map(_listify)
    raise GraphError("projects needs a 'developers' (or 'developer') column")


def holdings(orgs, *, sites=None, projects=None, types=("enterprise",), facet="segments"):
    """The facts behind the basis: who holds which segment where, and why.

    Parameters
    ----------
    orgs : pandas.DataFrame
        Organisation table: ``id``, ``type``, ``regions`` (the
        organisation's location and its ancestors; or ``region``) and the
        ``facet`` column (lists or ``;``-separated strings).
    sites : pandas.DataFrame, optional
        Sites: ``id``, ``operator``, ``regions`` (or ``region``) and the
        ``facet`` column.
    projects : pandas.DataFrame, optional
        Projects: ``id``, ``developers`` (or ``developer``), ``regions``
        (or ``region``) and the ``facet`` column.
    types : tuple of str
        Organisation types that count (default enterprises only).
    facet : {"segments", "routes"}
        The concept column read.

    Returns
    -------
    pandas.DataFrame
        One row per (organisation, concept, basis, via): columns
        ``organisation, type, concept, regions, basis, via`` where ``basis``
        is ``hq``, ``site`` or ``project`` and ``via`` the organisation, site
        or project id. ``attrs["skipped"]`` counts the projects without a
        developer (they add nothing) and the sites whose operator is not of
        the counted types or unknown.

    Examples
    --------
    >>> import pandas as pd
    >>> orgs = pd.DataFrame({"id": ["a", "u"], "type": ["enterprise", "university"],
    ...     "regions": [["x", "c"], ["x", "c"]], "segments": [["cells"], ["anode"]]})
    >>> projects = pd.DataFrame({"id": ["p", "q"], "developers": [["a"], []],
    ...     "regions": [["y", "c"], ["x", "c"]], "segments": [["packs"], ["nev"]]})
    >>> h = holdings(orgs, projects=projects)
    >>> h[["organisation", "concept", "basis", "via"]].values.tolist()
    [['a', 'cells', 'hq', 'a'], ['a', 'packs', 'project', 'p']]
    >>> h.attrs["skipped"]["projects_without_developer"]
    ['q']
    """
    _need(orgs, "orgs", ["id", "type", facet])
    kind = dict(zip(orgs["id"], orgs["type"]))
    counted = set(types)
    parts = []
    hq = pd.DataFrame({
        "organisation": orgs["id"].to_numpy(), "type": orgs["type"].to_numpy(),
        "concept": orgs[facet].map(_listify).to_numpy(),
        "regions": _regions(orgs, "orgs").to_numpy(), "basis": "hq", "via": orgs["id"].to_numpy(),
    })
    parts.append(hq[hq["type"].isin(counted)])
    skipped = {"projects_without_developer": [], "sites_not_counted": []}
    if sites is not None:
        _need(sites, "sites", ["id", "operator", facet])
        st = pd.DataFrame({
            "organisation": sites["operator"].to_numpy(),
            "concept": sites[facet].map(_listify).to_numpy(),
            "regions": _regions(sites, "sites").to_numpy(), "basis": "site",
            "via": sites["id"].to_numpy(),
        })
        st["type"] = st["organisation"].map(kind)
        ok = st["type"].isin(counted)
        skipped["sites_not_counted"] = sorted(st.loc[~ok, "via"])
        parts.append(st[ok])
    if projects is not None:
        _need(projects, "projects", ["id", facet])
        pr = pd.DataFrame({
            "organisation": _developers(projects).to_numpy(),
            "concept": projects[facet].map(_listify).to_numpy(),
            "regions": _regions(projects, "projects").to_numpy(), "basis": "project",
            "via": projects["id"].to_numpy(),
        })
        none = pr["organisation"].map(len) == 0
        skipped["projects_without_developer"] = sorted(pr.loc[none, "via"])
        pr = pr[~none].explode("organisation")
        pr["type"] = pr["organisation"].map(kind)
        parts.append(pr[pr["type"].isin(counted)])
    out = pd.concat([p[_COLUMNS] for p in parts], ignore_index=True)
    out = out.explode("concept")
    out = out[out["concept"].notna() & (out["concept"] != "")]
    out = out[out["regions"].map(len) > 0]
    out = out.drop_duplicates(subset=["organisation", "concept", "basis", "via"])
    out = out.sort_values(["organisation", "basis", "via", "concept"], kind="mergesort")
    out = out.reset_index(drop=True)
    out.attrs["skipped"] = skipped
    out.attrs["types"] = list(types)
    out.attrs["facet"] = facet
    return out


def _located(hold, regions):
    """(organisation, region, concept, basis, via) rows for the requested regions."""
    x = hold[["organisation", "concept", "regions", "basis", "via"]].explode("regions")
    x = x.rename(columns={"regions": "region"})
    if regions is not None:
        x = x[x["region"].isin(set(regions))]
    return x


def _concepts(hold, concepts):
    if concepts is not None:
        return list(concepts)
    return sorted(set(hold["concept"]))


def segment_counts(hold, regions=None, *, concepts=None):
    """Region x segment matrix of distinct organisations holding the segment there.

    Parameters
    ----------
    hold : pandas.DataFrame
        :func:`holdings`.
    regions : sequence of str, optional
        Rows, in this order (a region holding nothing gets zeros). Default:
        every region some holding is in, sorted.
    concepts : sequence of str, optional
        Columns, in this order (default: the concepts held, sorted).
        Concepts outside the list are left out.

    Returns
    -------
    pandas.DataFrame
        Integer counts; ``attrs["basis"]`` is :data:`BASIS`.

    Examples
    --------
    >>> import pandas as pd
    >>> orgs = pd.DataFrame({"id": ["a", "b"], "type": ["enterprise"] * 2,
    ...     "regions": [["x", "c"], ["y", "c"]], "segments": [["cells", "nev"], ["cells"]]})
    >>> sites = pd.DataFrame({"id": ["s"], "operator": ["b"], "regions": [["x", "c"]],
    ...     "segments": [["cells"]]})
    >>> segment_counts(holdings(orgs, sites=sites), ["x", "y", "c"])
           cells  nev
    region
    x          2    1
    y          1    0
    c          2    1
    """
    cols = _concepts(hold, concepts)
    x = _located(hold, regions)
    x = x[x["concept"].isin(set(cols))].drop_duplicates(["organisation", "region", "concept"])
    n = x.groupby(["region", "concept"]).size()
    rows = sorted(set(x["region"])) if regions is None else list(dict.fromkeys(regions))
    if len(n):
        N = n.unstack(fill_value=0)
    else:
        N = pd.DataFrame(dtype=int)
    N = N.reindex(index=rows, columns=cols, fill_value=0).fillna(0).astype(int)
    N.index.name = "region"
    N.columns.name = None
    N.attrs["basis"] = BASIS
    return N


def segment_breakdown(hold, region, *, concepts=None):
    """How many organisations hold each segment in ``region``, by basis, and which.

    Parameters
    ----------
    hold : pandas.DataFrame
        :func:`holdings`.
    region : str
    concepts : sequence of str, optional
        Rows, in this order (default: the concepts held anywhere, sorted).

    Returns
    -------
    pandas.DataFrame
        Indexed by concept: ``count`` (distinct organisations, the value of
        :func:`segment_counts`), ``hq``, ``site``, ``project`` (distinct
        organisations holding it on that basis; one organisation may be in
        several) and ``organisations`` (sorted ids).

    Examples
    --------
    >>> import pandas as pd
    >>> orgs = pd.DataFrame({"id": ["a", "b"], "type": ["enterprise"] * 2,
    ...     "regions": [["x"], ["y"]], "segments": [["cells"], ["cells"]]})
    >>> pr = pd.DataFrame({"id": ["p"], "developers": [["b"]], "regions": [["x"]],
    ...     "segments": [["cells"]]})
    >>> segment_breakdown(holdings(orgs, projects=pr), "x").loc["cells"].to_dict()
    {'count': 2, 'hq': 1, 'site': 0, 'project': 1, 'organisations': ['a', 'b']}
    """
    cols = _concepts(hold, concepts)
    x = _located(hold, [region])
    by_concept = {c: set(g) for c, g in x.groupby("concept")["organisation"]}
    by_basis = {k: len(set(g)) for k, g in x.groupby(["concept", "basis"])["organisation"]}
    rows = []
    for c in cols:
        orgs = by_concept.get(c, set())
        rows.append({"count": len(orgs),
                     **{b: by_basis.get((c, b), 0) for b in ("hq", "site", "project")},
                     "organisations": sorted(orgs)})
    return pd.DataFrame(rows, index=pd.Index(cols, name="concept"),
                        columns=["count", "hq", "site", "project", "organisations"])


def segment_weights(hold, regions=None, *, concepts=None, weight="enterprises", orgs=None,
                    projects=None):
    """The weight matrix read by the location quotient, from the same holdings.

    Every weight is zero where :func:`segment_counts` is zero, so a region
    is never specialised in a segment it does not hold.

    Parameters
    ----------
    hold : pandas.DataFrame
        :func:`holdings`.
    regions, concepts : sequence of str, optional
        As in :func:`segment_counts`.
    weight : {"enterprises", "presence", "capacity", "patents"}
        See :data:`WEIGHTS`.
    orgs : pandas.DataFrame, optional
        Needed for ``patents`` (column ``patents``).
    projects : pandas.DataFrame, optional
        Needed for ``capacity`` (column ``capacity_gwh``).

    Returns
    -------
    pandas.DataFrame
        Float weights; ``attrs["weight"]`` names the weight and
        ``attrs["weight_text"]`` says what it is.

    Raises
    ------
    GraphError
        For an unknown weight or a missing table.

    Examples
    --------
    >>> import pandas as pd
    >>> orgs = pd.DataFrame({"id": ["a"], "type": ["enterprise"], "regions": [["x"]],
    ...     "segments": [["cells"]], "patents": [7.0]})
    >>> pr = pd.DataFrame({"id": ["p"], "developers": [["a"]], "regions": [["x"]],
    ...     "segments": [["cells", "packs"]], "capacity_gwh": [4.0]})
    >>> h = holdings(orgs, projects=pr)
    >>> segment_weights(h, ["x"], weight="capacity", projects=pr).loc["x"].to_dict()
    {'cells': 4.0, 'packs': 4.0}
    >>> segment_weights(h, ["x"], weight="patents", orgs=orgs).loc["x"].to_dict()
    {'cells': 7.0, 'packs': 0.0}
    """
    if weight not in WEIGHTS:
        raise GraphError(f"unknown weight {weight!r}; choose from {', '.join(WEIGHTS)}")
    N = segment_counts(hold, regions, concepts=concepts)
    if weight == "enterprises":
        W = N.astype(float)
    elif weight == "presence":
        W = (N > 0).astype(float)
    else:
        x = _located(hold, list(N.index))
        x = x[x["concept"].isin(set(N.columns))]
        if weight == "capacity":
            if projects is None:
                raise GraphError("weight 'capacity' needs the projects table")
            _need(projects, "projects", ["id", "capacity_gwh"])
            cap = pd.to_numeric(projects.set_index("id")["capacity_gwh"], errors="coerce")
            x = x[x["basis"] == "project"].drop_duplicates(["via", "region", "concept"])
            x = x.assign(w=x["via"].map(cap))
        else:
            if orgs is None:
                raise GraphError("weight 'patents' needs the organisation table")
            _need(orgs, "orgs", ["id", "patents"])
            pat = pd.to_numeric(orgs.set_index("id")["patents"], errors="coerce")
            x = x[x["basis"] == "hq"].drop_duplicates(["organisation", "region", "concept"])
            x = x.assign(w=x["organisation"].map(pat))
        x = x[x["w"].notna()]
        s = x.groupby(["region", "concept"])["w"].sum()
        W = s.unstack(fill_value=0.0) if len(s) else pd.DataFrame(dtype=float)
        W = W.reindex(index=N.index, columns=N.columns, fill_value=0.0).fillna(0.0).astype(float)
    W.index.name = "region"
    W.attrs.update({"weight": weight, "weight_text": WEIGHTS[weight], "basis": BASIS})
    return W
