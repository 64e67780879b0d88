"""Projections of the KG into pandas tables and networkx graphs.

Every projection is built from a handful of SPARQL SELECTs (``queries/projections/*.rq``),
one per kind of fact, so the same code works on an in-process Oxigraph store and
on a remote SPARQL endpoint: the only thing asked of ``kg`` is a
``query_df(text)`` method returning a :class:`pandas.DataFrame` whose IRIs are
strings (see :class:`ssbkg.kg.KG`).

Node and region identifiers are the local ids of the curated tables
(``https://w3id.org/ssbkg/id/org/fengli`` -> ``fengli``); concept values are the
scheme-local ids (``https://w3id.org/ssbkg/ontology#seg_cathode`` -> ``cathode``).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from functools import lru_cache

import networkx as nx
import numpy as np
import pandas as pd

from .errors import GraphError, NotFoundError
from .resources import queries_dir

__all__ = [
    "ORG_TYPES",
    "SECTORS",
    "LEVELS",
    "organisation_table",
    "organisation_regions",
    "project_table",
    "patent_table",
    "collaboration_table",
    "collaboration_graph",
    "typed_graph",
    "DIRECTED_KINDS",
    "flow_graph",
    "local_id",
]

ONTO = "https://w3id.org/ssbkg/ontology#"
DATA = "https://w3id.org/ssbkg/id/"

#: Class local name -> organisation type used on projection nodes.
ORG_TYPES = {
    "Enterprise": "enterprise",
    "University": "university",
    "ResearchInstitute": "research_institute",
    "GovernmentBody": "government_body",
    "KeyLaboratory": "platform",
    "InnovationCentre": "platform",
    "CollaborativePlatform": "platform",
    "PublicServicePlatform": "platform",
    "IndustrialPark": "platform",
}

#: Organisation type -> triple-helix sector.
SECTORS = {
    "enterprise": "industry",
    "university": "university",
    "research_institute": "university",
    "government_body": "government",
    "platform": "platform",
}

#: Region levels from the most specific to the most general.
LEVELS = ["industrial_park", "district", "county", "city", "province", "country", "macro_region", "world"]
_LEVEL_CLASS = {
    "IndustrialPark": "industrial_park",
    "District": "district",
    "County": "county",
    "City": "city",
    "Province": "province",
    "Country": "country",
    "MacroRegion": "macro_region",
    "World": "world",
}

_CAPACITY_TO_GWH = {"GigaW-HR": 1.0, "MegaW-HR": 1e-3, "KiloW-HR": 1e-6}


def local_id(iri) -> str | None:
    """The short id of a data or vocabulary IRI.

    Examples
    --------
    >>> local_id("https://w3id.org/ssbkg/id/org/fengli")
    'fengli'
    >>> local_id("https://w3id.org/ssbkg/ontology#seg_cathode")
    'cathode'
    >>> local_id("http://qudt.org/vocab/unit/GigaW-HR")
    'GigaW-HR'
    """
    if iri is None or (isinstance(iri, float) and np.isnan(iri)):
        return None
    iri = str(iri)
    if iri.startswith(ONTO):
        name = iri[len(ONTO):]
        head, sep, tail = name.partition("_")
        return tail if sep and head.islower() else name
    if iri.startswith(DATA):
        return iri.rsplit("/", 1)[-1]
    for sep in ("#", "/"):
        if sep in iri:
            return iri.rsplit(sep, 1)[-1]
    return iri


@lru_cache(maxsize=None)
def _query_text(name: str) -> str:
    return (queries_dir() / "projections" / f"{name}.rq").read_text(encoding="utf-8")


def _text(value) -> str | None:
    """A cell as text, or None when it is missing (None, NaN, pandas NA)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    return str(value)


def _select(kg, name: str) -> pd.DataFrame:
    df = kg.query_df(_query_text(name))
    return df


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    if name in df.columns:
        return df[name]
    return pd.Series([None] * len(df), index=df.index, dtype=object)


def _region_levels(kg) -> dict[str, dict[str, str]]:
    """region id -> {level: ancestor id} (the region itself included)."""
    df = _select(kg, "region-ancestors")
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for region, anc, level in zip(_col(df, "region"), _col(df, "ancestor"), _col(df, "level")):
        lvl = _LEVEL_CLASS.get(local_id(level))
        if lvl is None:
            continue
        out[local_id(region)][lvl] = local_id(anc)
    return dict(out)


def _ordered_regions(levels: dict[str, str]) -> list[str]:
    return [levels[lvl] for lvl in LEVELS if lvl in levels]


def _memberships(kg) -> tuple[dict, dict]:
    df = _select(kg, "memberships")
    seg: dict[str, list] = defaultdict(list)
    route: dict[str, list] = defaultdict(list)
    for node, facet, concept in zip(_col(df, "node"), _col(df, "facet"), _col(df, "concept")):
        target = seg if facet == "segment" else route
        cid = local_id(concept)
        key = local_id(node)
        if cid not in target[key]:
            target[key].append(cid)
    for d in (seg, route):
        for k in d:
            d[k].sort()
    return seg, route


def _latest(obs: pd.DataFrame) -> pd.DataFrame:
    """Per subject, the observations of the latest statement date; the largest value among them."""
    if obs.empty:
        return obs
    obs = obs.copy()
    obs["stated"] = obs["stated_on"].fillna("").astype(str)
    obs = obs.sort_values(["subject", "stated", "value"], kind="mergesort")
    last = obs.groupby("subject", sort=True)["stated"].transform("max")
    obs = obs[obs["stated"] == last]
    return obs.groupby("subject", sort=True).tail(1)


def _observations(kg) -> pd.DataFrame:
    df = _select(kg, "observations")
    cols = ["obs", "subject", "indicator", "value", "upper", "unit", "status",
            "stated_on", "ref_period", "rank", "scope"]
    out = pd.DataFrame({c: _col(df, c) for c in cols})
    for c in ("obs", "subject", "indicator", "unit", "status"):
        out[c] = out[c].map(local_id)
    for c in ("value", "upper", "rank"):
        out[c] = pd.to_numeric(out[c], errors="coerce")
    for c in ("stated_on", "ref_period"):
        out[c] = out[c].map(_text)
    return out


def _capacity_gwh(obs: pd.DataFrame) -> pd.DataFrame:
    cap = obs[(obs["indicator"] == "annual_capacity") & obs["unit"].isin(list(_CAPACITY_TO_GWH))].copy()
    cap["value"] = cap["value"] * cap["unit"].map(_CAPACITY_TO_GWH)
    return _latest(cap)


def _capacity_tonnes(obs: pd.DataFrame) -> pd.DataFrame:
    cap = obs[(obs["indicator"] == "annual_capacity") & (obs["unit"] == "TONNE")].copy()
    return _latest(cap)


def project_table(kg) -> pd.DataFrame:
    """Projects with developers, partners, region, segments, routes, status and capacity.

    Capacity is the latest stated annual capacity (the largest value of the
    latest statement, i.e. the full announced build-out) in GWh for cells and in
    tonnes for materials; ``status`` is the project's status, or the status
    stated with that capacity when the project has none. Where sources disagree
    on a project's status (``claims.csv``, query ``conflicts``), ``status`` is
    the claim :func:`ssbkg.claims.preferred` picks (most reliable source, then
    newest); on a tie it is None (unknown), never an arbitrary one.

    Returns
    -------
    pandas.DataFrame
        Columns id, kind, label, developer, developers, partners, region, regions,
        segments, routes, status, capacity_gwh, capacity_tonnes, year.
    """
    df = _select(kg, "projects")
    levels = _region_levels(kg)
    seg, route = _memberships(kg)
    obs = _observations(kg)
    gwh = _capacity_gwh(obs).set_index("subject")
    tonnes = _capacity_tonnes(obs).set_index("subject")
    disputed = _disputed_status(kg)
    rows: dict[str, dict] = {}
    for rec in df.to_dict("records"):
        pid = local_id(rec.get("project"))
        row = rows.setdefault(pid, {
            "id": pid,
            "kind": _project_kind(local_id(rec.get("cls"))),
            "label": rec.get("label") or pid,
            "developers": [],
            "partners": [],
            "region": local_id(rec.get("region")),
            "status": local_id(rec.get("status")),
            "start": _text(rec.get("start")),
        })
        agent = local_id(rec.get("agent"))
        if agent:
            key = "developers" if rec.get("role") == "developer" else "partners"
            if agent not in row[key]:
                row[key].append(agent)
    out = []
    for pid in sorted(rows):
        row = rows[pid]
        lv = levels.get(row["region"], {})
        cap = gwh["value"].get(pid, np.nan) if pid in gwh.index else np.nan
        ton = tonnes["value"].get(pid, np.nan) if pid in tonnes.index else np.nan
        status = row["status"]
        if pid in disputed:
            status = disputed[pid]
        elif status is None:
            for table in (gwh, tonnes):
                if pid in table.index and _text(table.loc[pid, "status"]):
                    status = _text(table.loc[pid, "status"])
                    break
        year = None
        for table in (gwh, tonnes):
            if pid in table.index and _text(table.loc[pid, "ref_period"]):
                year = _text(table.loc[pid, "ref_period"])[:4]
                break
        if year is None and row["start"]:
            year = row["start"][:4]
        out.append({
            "id": pid,
            "kind": row["kind"],
            "label": row["label"],
            "developer": row["developers"][0] if row["developers"] else None,
            "developers": sorted(row["developers"]),
            "partners": sorted(row["partners"]),
            "region": row["region"],
            "regions": _ordered_regions(lv),
            "region_by_level": dict(lv),
            **{f"region_{lvl}": lv.get(lvl) for lvl in ("country", "province", "city")},
            "segments": seg.get(pid, []),
            "routes": route.get(pid, []),
            "status": status,
            "capacity_gwh": float(cap),
            "capacity_tonnes": float(ton),
            "year": year,
        })
    return pd.DataFrame(out, columns=_PROJECT_COLUMNS)


def _disputed_status(kg) -> dict:
    """Project id -> the status the conflicts rule picks (None on a tie)."""
    from .claims import preferred

    facts = preferred(kg)
    facts = facts[facts["property"] == "status"]
    return {s: local_id(ONTO + c) if isinstance(c, str) else None
            for s, c in zip(facts["subject"], facts["chosen"])}


_PROJECT_COLUMNS = [
    "id", "kind", "label", "developer", "developers", "partners", "region", "regions",
    "region_by_level", "region_country", "region_province", "region_city", "segments", "routes", "status",
    "capacity_gwh", "capacity_tonnes", "year",
]


def _project_kind(cls: str | None) -> str | None:
    return {
        "CellProductionProject": "cell_production",
        "MaterialProductionProject": "material_production",
        "DemonstrationProject": "demonstration",
        "ResearchProject": "research",
    }.get(cls)


def patent_table(kg) -> pd.DataFrame:
    """Patent-count observations: holder, its regions, count, rank, scope, date.

    One row per holder (organisation or region): the latest statement.
    """
    obs = _observations(kg)
    pat = _latest(obs[obs["indicator"] == "patent_count"].copy())
    levels = _region_levels(kg)
    orgs = _org_regions(kg)
    rows = []
    for rec in pat.to_dict("records"):
        holder = rec["subject"]
        if holder in levels:
            regions = _ordered_regions(levels[holder])
        else:
            regions = _ordered_regions(levels.get(orgs.get(holder), {}))
        rows.append({
            "holder": holder,
            "regions": regions,
            "count": rec["value"],
            "rank": rec["rank"],
            "scope": rec["scope"],
            "stated_on": rec["stated_on"],
        })
    return pd.DataFrame(rows, columns=["holder", "regions", "count", "rank", "scope", "stated_on"])


def _org_regions(kg) -> dict[str, str]:
    df = _select(kg, "organisations")
    return {local_id(n): local_id(r) for n, r in zip(_col(df, "node"), _col(df, "region")) if r is not None}


BASES = ("hq", "site")


def organisation_regions(kg, *, level=None, basis=BASES) -> pd.DataFrame:
    """Every region an organisation is in: its headquarters and each of its sites.

    A firm headquartered in one province with a plant in another counts for
    both: one row on basis ``"hq"`` (its ``schema:location``) and one on basis
    ``"site"`` (the location of a site it has, ``org:hasSite``). Analytics that
    count firms per region say which basis they use (docs/metrics.md, "Basis").

    Parameters
    ----------
    kg : ssbkg.kg.KG
        Anything with ``query_df(text)``.
    level : str, optional
        Roll each place up to its ancestor at this level (one of :data:`LEVELS`,
        e.g. ``"province"``). Places with no ancestor at that level (a firm
        located only at ``cn``) are left out and listed in
        ``frame.attrs["unplaced"]`` as ``(organisation, region, basis)``.
        None keeps the places as stated.
    basis : iterable of str
        Which bases to keep: ``"hq"``, ``"site"`` or both (default).

    Returns
    -------
    pandas.DataFrame
        Columns ``organisation``, ``region``, ``basis``, ``sites`` (sorted site
        ids behind a ``"site"`` row, empty for ``"hq"``): one row per distinct
        (organisation, region, basis), sorted. ``attrs["unplaced"]`` as above.

    Raises
    ------
    GraphError
        For an unknown level or basis.

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> rows = organisation_regions(curated_kg(), level="province")
    >>> welion = rows[rows["organisation"] == "welion"]
    >>> welion[welion["basis"] == "hq"]["region"].tolist()  # headquarters in Beijing (#40)
    ['cn-bj']
    >>> "cn-zj" in set(welion[welion["basis"] == "site"]["region"])  # Huzhou plant (#42)
    True
    """
    if level is not None and level not in LEVELS:
        raise GraphError(f"unknown region level {level!r}; expected one of {', '.join(LEVELS)}")
    basis = tuple(basis)
    bad = [b for b in basis if b not in BASES]
    if bad or not basis:
        raise GraphError(f"unknown basis {bad[0] if bad else '(none)'!r}; expected hq, site or both")
    df = _select(kg, "organisation-regions")
    levels = _region_levels(kg) if level is not None else {}
    found: dict[tuple, set] = {}
    unplaced = set()
    for org, region, how, site in zip(_col(df, "organisation"), _col(df, "region"),
                                      _col(df, "basis"), _col(df, "site")):
        how = _text(how)
        if how not in basis:
            continue
        org, region, site = local_id(org), local_id(region), local_id(site)
        if level is not None:
            placed = levels.get(region, {}).get(level)
            if placed is None:
                unplaced.add((org, region, how))
                continue
            region = placed
        sites = found.setdefault((org, region, how), set())
        if site:
            sites.add(site)
    rows = [{"organisation": o, "region": r, "basis": b, "sites": sorted(s)}
            for (o, r, b), s in sorted(found.items())]
    frame = pd.DataFrame(rows, columns=["organisation", "region", "basis", "sites"])
    frame.attrs["unplaced"] = sorted(unplaced)
    return frame


def organisation_table(kg, *, region=None) -> pd.DataFrame:
    """Organisations and platforms with type, sector, regions, segments, routes and size.

    Parameters
    ----------
    kg : ssbkg.kg.KG
        Anything with ``query_df(text)``.
    region : str, optional
        A region id: keep only organisations located in it or its sub-regions.

    Returns
    -------
    pandas.DataFrame
        Columns id, label, type, sector, region, regions (most specific first),
        region_country, region_province, region_city, segments, routes,
        capacity_gwh (sum of the latest announced capacity of the projects it
        develops plus capacity stated about it directly) and patents.
    """
    df = _select(kg, "organisations")
    levels = _region_levels(kg)
    seg, route = _memberships(kg)
    obs = _observations(kg)
    gwh = _capacity_gwh(obs)
    pat = _latest(obs[obs["indicator"] == "patent_count"].copy())
    patents = dict(zip(pat["subject"], pat["value"]))
    capacity = defaultdict(float)
    direct = dict(zip(gwh["subject"], gwh["value"]))
    projects = project_table(kg)
    for rec in projects.itertuples(index=False):
        if rec.developers and not np.isnan(rec.capacity_gwh):
            for dev in rec.developers:
                capacity[dev] += rec.capacity_gwh / len(rec.developers)
    rows: dict[str, dict] = {}
    for rec in df.to_dict("records"):
        nid = local_id(rec.get("node"))
        typ = ORG_TYPES.get(local_id(rec.get("cls")))
        if typ is None:
            continue
        row = rows.get(nid)
        if row is None:
            row = rows[nid] = {
                "id": nid,
                "label": rec.get("label") or nid,
                "type": typ,
                "locations": [],
            }
        elif row["type"] != "platform" and typ == "platform":
            pass  # an organisation that is also a park keeps its organisation type
        reg = local_id(rec.get("region"))
        if reg and reg not in row["locations"]:
            row["locations"].append(reg)
    out = []
    for nid in sorted(rows):
        row = rows[nid]
        locs = sorted(row["locations"], key=lambda r: -len(levels.get(r, {})))
        home = locs[0] if locs else None
        lv = levels.get(home, {})
        cap = capacity.get(nid, 0.0) + direct.get(nid, 0.0)
        out.append({
            "id": nid,
            "label": row["label"],
            "type": row["type"],
            "sector": SECTORS[row["type"]],
            "region": home,
            "regions": _ordered_regions(lv),
            "region_by_level": dict(lv),
            "region_country": lv.get("country"),
            "region_province": lv.get("province"),
            "region_city": lv.get("city"),
            "segments": seg.get(nid, []),
            "routes": route.get(nid, []),
            "capacity_gwh": cap if (nid in capacity or nid in direct) else np.nan,
            "patents": patents.get(nid, np.nan),
        })
    table = pd.DataFrame(out, columns=_ORG_COLUMNS)
    if region is not None:
        table = table[table["regions"].map(lambda rs: region in rs)].reset_index(drop=True)
    return table


_ORG_COLUMNS = [
    "id", "label", "type", "sector", "region", "regions", "region_by_level", "region_country",
    "region_province", "region_city", "segments", "routes", "capacity_gwh", "patents",
]


def collaboration_table(kg) -> pd.DataFrame:
    """One row per collaboration: kind, parties, from/to party, start, end, sources."""
    df = _select(kg, "collaborations")
    rows: dict[str, dict] = {}
    for rec in df.to_dict("records"):
        cid = local_id(rec.get("collab"))
        row = rows.setdefault(cid, {
            "id": cid, "kind": local_id(rec.get("kind")), "parties": [], "from_party": None,
            "to_party": None, "start": None, "end": None, "sources": [],
        })
        party = local_id(rec.get("party"))
        if party and party not in row["parties"]:
            row["parties"].append(party)
        if rec.get("role") == "from":
            row["from_party"] = party
        elif rec.get("role") == "to":
            row["to_party"] = party
        for key in ("start", "end"):
            if _text(rec.get(key)):
                row[key] = _text(rec.get(key))
        src = local_id(rec.get("source"))
        if src and src not in row["sources"]:
            row["sources"].append(src)
    out = []
    for cid in sorted(rows):
        r = rows[cid]
        r["parties"].sort()
        r["sources"].sort()
        out.append(r)
    return pd.DataFrame(out, columns=["id", "kind", "parties", "from_party", "to_party",
                                      "start", "end", "sources"])


def collaboration_graph(kg, *, region=None, derived=True, scope="within",
                        orgs=None, collabs=None, projects=None) -> nx.Graph:
    """The collaboration network among organisations and platforms.

    Nodes are organisations and platforms (see :func:`organisation_table` for
    their attributes: type, sector, region, regions, label, segments, routes,
    capacity_gwh, patents). An edge joins two parties of a collaboration; its
    ``weight`` counts the ties behind it (collaborations, plus shared projects
    and shared platform memberships when ``derived``), ``n_direct`` counts the
    collaborations, ``kinds``, ``starts`` and ``sources`` list what they were,
    ``via`` names the shared projects and platforms, and ``derived`` is True
    when the link comes only from shared projects or platforms.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    region : str, optional
        A region id. With ``scope="within"`` (default) the induced network of the
        organisations located in the region (at any depth); with
        ``scope="touching"`` also their partners outside it.
    derived : bool
        Include links derived from shared projects and shared platform membership.
    orgs, collabs, projects : pandas.DataFrame, optional
        Tables already fetched with :func:`organisation_table`,
        :func:`collaboration_table` and :func:`project_table`.

    Returns
    -------
    networkx.Graph
        Nodes and edges inserted in sorted order (so seeded algorithms that
        depend on insertion order are reproducible).
    """
    if scope not in ("within", "touching"):
        raise GraphError(f"scope must be 'within' or 'touching', not {scope!r}")
    orgs = organisation_table(kg) if orgs is None else orgs
    collabs = collaboration_table(kg) if collabs is None else collabs
    known = set(orgs["id"])
    ties: dict[tuple, dict] = {}

    def tie(a, b):
        key = (a, b) if a < b else (b, a)
        return ties.setdefault(key, {"n_direct": 0, "n_derived": 0, "kinds": [], "starts": [],
                                     "sources": [], "via": []})

    members: dict[str, set] = defaultdict(set)
    for rec in collabs.itertuples(index=False):
        parties = sorted(p for p in rec.parties if p in known)
        for a, b in itertools.combinations(parties, 2):
            t = tie(a, b)
            t["n_direct"] += 1
            t["kinds"].append(rec.kind)
            if _text(rec.start):
                t["starts"].append(_text(rec.start))
            t["sources"].extend(rec.sources)
        host = _text(rec.from_party)
        if rec.kind == "platform_membership" and host:
            for p in parties:
                if p != host:
                    members[host].add(p)
    if derived:
        projects = project_table(kg) if projects is None else projects
        for rec in projects.itertuples(index=False):
            agents = sorted({a for a in list(rec.developers) + list(rec.partners) if a in known})
            for a, b in itertools.combinations(agents, 2):
                t = tie(a, b)
                t["n_derived"] += 1
                t["via"].append(rec.id)
        for platform, mem in sorted(members.items()):
            for a, b in itertools.combinations(sorted(mem), 2):
                t = tie(a, b)
                t["n_derived"] += 1
                t["via"].append(platform)

    if region is not None:
        inside = set(orgs.loc[orgs["regions"].map(lambda rs: region in rs), "id"])
        if not inside and region not in _all_regions(orgs) and region not in _region_levels(kg):
            raise NotFoundError(f"no region {region!r} in the KG")
    else:
        inside = known
    G = nx.Graph()
    if region is not None:
        G.graph["region"] = region
    G.graph["derived"] = derived
    G.graph["scope"] = scope
    keep_edges = []
    for (a, b), t in sorted(ties.items()):
        ina, inb = a in inside, b in inside
        if (scope == "within" and ina and inb) or (scope == "touching" and (ina or inb)):
            keep_edges.append((a, b, t))
    nodes = set(inside)
    if scope == "touching":
        for a, b, _ in keep_edges:
            nodes.update((a, b))
    attrs = orgs.set_index("id").to_dict("index")
    for nid in sorted(nodes):
        a = dict(attrs[nid])
        a["inside"] = nid in inside
        G.add_node(nid, **a)
    for a, b, t in keep_edges:
        G.add_edge(
            a, b,
            weight=t["n_direct"] + t["n_derived"],
            n_direct=t["n_direct"],
            n_derived=t["n_derived"],
            derived=t["n_direct"] == 0,
            kinds=sorted(set(t["kinds"])),
            starts=sorted(set(t["starts"])),
            sources=sorted(set(t["sources"])),
            via=sorted(set(t["via"])),
        )
    return G


def _all_regions(orgs: pd.DataFrame) -> set:
    out = set()
    for rs in orgs["regions"]:
        out.update(rs)
    return out


def typed_graph(kg) -> nx.MultiDiGraph:
    """All organisations, platforms, projects and regions as one typed directed graph.

    Node attribute ``kind`` is ``organisation``, ``project`` or ``region``;
    organisations carry the attributes of :func:`organisation_table`, projects
    those of :func:`project_table` (their own kind as ``project_kind``),
    regions their ``level``. Edge attribute
    ``relation`` is one of ``located_in``, ``within`` (region hierarchy),
    ``develops``, ``partner_in`` and ``collaborates`` (with ``collab_kind``).
    """
    orgs = organisation_table(kg)
    projects = project_table(kg)
    collabs = collaboration_table(kg)
    levels = _region_levels(kg)
    G = nx.MultiDiGraph()
    for rid in sorted(levels):
        lv = levels[rid]
        own = [lvl for lvl, anc in lv.items() if anc == rid]
        G.add_node(rid, kind="region", level=own[0] if own else None)
    for rid in sorted(levels):
        chain = _ordered_regions(levels[rid])
        if len(chain) > 1 and chain[0] == rid:
            G.add_edge(rid, chain[1], relation="within")
    for rec in orgs.to_dict("records"):
        G.add_node(rec["id"], kind="organisation", **{k: v for k, v in rec.items() if k != "id"})
        if rec["region"]:
            G.add_edge(rec["id"], rec["region"], relation="located_in")
    for rec in projects.to_dict("records"):
        attrs = {k: v for k, v in rec.items() if k not in ("id", "kind")}
        G.add_node(rec["id"], kind="project", project_kind=rec["kind"], **attrs)
        if rec["region"]:
            G.add_edge(rec["id"], rec["region"], relation="located_in")
        for dev in rec["developers"]:
            G.add_edge(dev, rec["id"], relation="develops")
        for par in rec["partners"]:
            G.add_edge(par, rec["id"], relation="partner_in")
    for rec in collabs.itertuples(index=False):
        if _text(rec.from_party) and _text(rec.to_party):
            pairs = [(rec.from_party, rec.to_party)]
        else:
            pairs = list(itertools.combinations(sorted(rec.parties), 2))
        for a, b in pairs:
            G.add_edge(a, b, relation="collaborates", collab=rec.id, collab_kind=rec.kind)
    return G


#: Collaboration kinds with a direction (``from_party`` -> ``to_party``) and what flows along it.
DIRECTED_KINDS = {
    "supply": "goods: supplier -> customer",
    "technology_transfer": "technology: source -> recipient",
    "licensing": "rights: licensor -> licensee",
    "equity_investment": "capital: investor -> investee",
    "government_funding": "funds: funder -> recipient",
}


def flow_graph(kg, *, kinds=("supply",), region=None, scope="touching", orgs=None,
               collabs=None) -> nx.DiGraph:
    """The directed network of the collaborations of ``kinds``: ``from_party -> to_party``.

    A supply agreement is a flow from the supplier to the customer, an
    investment from the investor to the investee (:data:`DIRECTED_KINDS`):
    these are the transactions Gould and Fernandez's brokerage roles are
    defined on (a -> b -> c). A collaboration of these kinds that names no
    direction is left out and listed in ``G.graph["undirected"]``.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    kinds : sequence of str
        Collaboration kinds read (keys of :data:`DIRECTED_KINDS`); default
        supply only, one kind of flow.
    region : str, optional
        Region id. ``scope="touching"`` (default) keeps every tie with at
        least one end located in the region (suppliers and customers are
        often elsewhere); ``"within"`` only ties with both ends in it.
    scope : {"touching", "within"}
    orgs, collabs : pandas.DataFrame, optional
        :func:`organisation_table` and :func:`collaboration_table`, already fetched.

    Returns
    -------
    networkx.DiGraph
        Nodes: the organisations at either end of a kept tie, with the
        attributes of :func:`organisation_table` and ``inside`` (located in the
        region); edges ``kinds`` and ``collabs`` (the ids behind the tie),
        inserted in sorted order. ``G.graph``: ``kinds``, ``region``,
        ``scope``, ``undirected`` (ids skipped for want of a direction).
    """
    unknown = [k for k in kinds if k not in DIRECTED_KINDS]
    if unknown or not kinds:
        raise GraphError(f"unknown directed collaboration kind(s) {unknown or list(kinds)}; "
                         f"choose from {', '.join(DIRECTED_KINDS)}")
    if scope not in ("within", "touching"):
        raise GraphError(f"scope must be 'within' or 'touching', not {scope!r}")
    orgs = organisation_table(kg) if orgs is None else orgs
    collabs = collaboration_table(kg) if collabs is None else collabs
    known = set(orgs["id"])
    if region is not None:
        inside = set(orgs.loc[orgs["regions"].map(lambda rs: region in rs), "id"])
        if not inside and region not in _all_regions(orgs) and region not in _region_levels(kg):
            raise NotFoundError(f"no region {region!r} in the KG")
    else:
        inside = known
    ties: dict[tuple, dict] = {}
    undirected = []
    for rec in collabs.itertuples(index=False):
        if rec.kind not in kinds:
            continue
        a, b = _text(rec.from_party), _text(rec.to_party)
        if not (a and b) or a == b or a not in known or b not in known:
            undirected.append(rec.id)
            continue
        ina, inb = a in inside, b in inside
        if not ((scope == "within" and ina and inb) or (scope == "touching" and (ina or inb))):
            continue
        t = ties.setdefault((a, b), {"kinds": set(), "collabs": []})
        t["kinds"].add(rec.kind)
        t["collabs"].append(rec.id)
    G = nx.DiGraph(kinds=list(kinds), region=region, scope=scope, undirected=sorted(undirected))
    attrs = orgs.set_index("id").to_dict("index")
    for nid in sorted({v for e in ties for v in e}):
        G.add_node(nid, **dict(attrs[nid]), inside=nid in inside)
    for (a, b), t in sorted(ties.items()):
        G.add_edge(a, b, kinds=sorted(t["kinds"]), collabs=sorted(t["collabs"]))
    return G
