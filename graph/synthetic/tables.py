"""A synthetic ecosystem written as the data tables of docs/design.md.

The tables describe a made-up solid-state battery ecosystem of the size asked
for (in triples once built): a region hierarchy, organisations of every type,
platforms, projects with capacity observations, patent counts, policies,
collaborations with heavy-tailed degrees, people, challenges and
recommendations. Every row cites the one source of kind ``synthetic``, every
label says "synthetic" and every id starts with ``syn-``, so none of it can be
mistaken for a curated fact.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..io import atomic_write
from .network import collaboration_network

__all__ = [
    "synthetic_tables",
    "TABLE_COLUMNS",
    "SOURCE_ID",
    "estimate_triples",
]

#: File name -> columns, exactly as in docs/design.md (Tables).
TABLE_COLUMNS = {
    "sources.csv": ["id", "title", "publisher", "url", "issued", "kind", "reliability", "note"],
    "regions.csv": ["id", "level", "label_en", "label_zh", "parent", "iso_code", "source",
                    "locator", "inference", "note"],
    "organisations.csv": ["id", "type", "label_en", "label_zh", "alt_labels", "region",
                          "parent_org", "segments", "routes", "founded", "source", "locator",
                          "inference", "note"],
    "platforms.csv": ["id", "type", "label_en", "label_zh", "alt_labels", "region", "host",
                      "level", "segments", "routes", "founded", "source", "locator",
                      "inference", "note"],
    "projects.csv": ["id", "kind", "label_en", "label_zh", "developer", "partners", "region",
                     "segments", "routes", "status", "started", "completed", "source",
                     "locator", "inference", "note"],
    "collaborations.csv": ["id", "kind", "parties", "from_party", "to_party", "project",
                           "started", "ended", "description", "source", "locator",
                           "inference", "note"],
    "observations.csv": ["id", "subject", "indicator", "value", "upper_value", "unit",
                         "qualifier", "kind", "stated_on", "ref_period", "status", "rank",
                         "scope", "source", "locator", "inference", "note"],
    "policies.csv": ["id", "label_en", "label_zh", "kind", "issuer", "jurisdiction", "issued",
                     "segments", "routes", "description", "source", "locator", "inference",
                     "note"],
    "challenges.csv": ["id", "category", "manifestation", "consequence", "region", "source",
                       "locator", "inference", "note"],
    "recommendations.csv": ["id", "theme", "text", "region", "source", "locator", "inference",
                            "note"],
    "people.csv": ["id", "label_en", "label_zh", "affiliation", "role", "source", "locator",
                   "inference", "note"],
    # written with its header only: the generator makes no sites (yet)
    "sites.csv": ["id", "kind", "label_en", "label_zh", "operator", "region", "segments",
                  "routes", "status", "opened", "source", "locator", "inference", "note"],
    "claims.csv": ["id", "subject", "property", "value", "stated_on", "source", "locator",
                   "inference", "note"],
    "attributions.csv": ["id", "figure", "by", "source", "locator", "inference", "note"],
}

#: The id of the one source every synthetic row cites.
SOURCE_ID = "syn-source"

# Columns that never become a triple of the row's own subject: they go to the
# provenance graph (source, locator, inference) or name the row (id).
_PROVENANCE = {"id", "source", "locator", "inference"}
# Columns whose value picks the row's class (its rdf:type), not a triple of their own.
_CLASS_COLUMN = {"regions.csv": "level", "organisations.csv": "type",
                 "platforms.csv": "type", "projects.csv": "kind"}
# Columns that hold ';'-separated lists (one triple per item).
_LISTS = {"alt_labels", "segments", "routes", "partners", "parties", "source"}

# Calibration of the size: triples of a build = ontology + _PER_NODE * nodes,
# where nodes are the organisations and platforms (see _plan). _PER_NODE is
# the mean of estimate_triples / nodes over seeds 0-9 at 100k triples; the
# estimate equals the triples ssbkg.build.build_store makes from the tables
# (tests/test_synthetic.py checks the built size against the target).
_PER_NODE = 52.3

_UPSTREAM = ["cathode", "anode", "solid_electrolyte", "separator_film",
             "lithium_salts_precursors", "equipment"]
_MIDSTREAM = ["cells", "packs"]
_DOWNSTREAM = ["nev", "grid_storage", "consumer_electronics", "low_altitude_aircraft",
               "humanoid_robots", "datacentre_backup"]
_SEGMENTS = _UPSTREAM + _MIDSTREAM + _DOWNSTREAM
# Shares of segments among enterprises: materials and cells dominate.
_SEGMENT_W = [10, 8, 10, 4, 5, 6, 14, 6, 10, 6, 4, 2, 2, 2]
_ROUTES = ["sulfide", "oxide", "polymer", "halide", "oxide_polymer_composite", "semi_solid",
           "in_situ_solidification", "all_solid_state", "lithium_metal_anode"]
_ROUTE_W = [14, 12, 6, 3, 6, 12, 4, 6, 4]
_PLATFORM_TYPES = ["key_laboratory", "innovation_centre", "collaborative_platform",
                   "public_service_platform"]
_PLATFORM_ZH = {"key_laboratory": "重点实验室", "innovation_centre": "创新中心",
                "collaborative_platform": "协同创新平台", "public_service_platform": "公共服务平台"}
_ORG_ZH = {"enterprise": "企业", "university": "大学", "research_institute": "研究院",
           "government_body": "政府部门"}
_LEVELS = ["national", "provincial", "municipal"]
_STATUSES = ["planned", "under_construction", "operating", "completed", "suspended"]
_STATUS_W = [0.30, 0.30, 0.25, 0.10, 0.05]
_PROJECT_KINDS = ["cell_production", "material_production", "demonstration", "research"]
_PROJECT_W = [0.40, 0.30, 0.15, 0.15]
_PROJECT_ZH = {"cell_production": "电池生产项目", "material_production": "材料生产项目",
               "demonstration": "示范项目", "research": "研究项目"}
_POLICY_KINDS = ["strategy", "plan", "funding", "target", "regulation"]
_CHALLENGES = [
    ("technology", "interface impedance between electrode and solid electrolyte",
     "cycle life below target"),
    ("cost", "sulfide electrolyte precursors cost several times liquid electrolyte",
     "cells not price-competitive"),
    ("supply_chain", "few domestic suppliers of lithium sulfide", "dependence on imports"),
    ("talent", "shortage of process engineers", "slow scale-up"),
    ("standards", "no common test standard for solid-state cells", "buyers cannot compare"),
]
_THEMES = ["technology", "industrial_chain", "talent", "finance", "standards", "cooperation"]


def _pick(rng, items, weights=None, size=None):
    p = None
    if weights is not None:
        w = np.asarray(weights, dtype=float)
        p = w / w.sum()
    idx = rng.choice(len(items), size=size, p=p)
    if size is None:
        return items[int(idx)]
    return [items[int(i)] for i in idx]


def _some(rng, items, weights, k):
    """``k`` distinct items drawn with weights, in the order of ``items``."""
    w = np.asarray(weights, dtype=float)
    idx = rng.choice(len(items), size=min(k, len(items)), replace=False, p=w / w.sum())
    return [items[i] for i in sorted(int(i) for i in idx)]


def _date(year, month=None, day=None):
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _ontology_triples():
    """Triples of the ontology modules every build loads (0 if none are found)."""
    try:
        import pyoxigraph as ox

        from ..build import ontology_files

        return sum(sum(1 for _ in ox.parse(path=str(p), format=ox.RdfFormat.TURTLE))
                   for p in ontology_files())
    except (ImportError, OSError, SyntaxError):
        return 0


def _plan(triples):
    """Row counts of every kind for a target triple count."""
    nodes = max(40, int(round((triples - _ontology_triples()) / _PER_NODE)))
    cities = max(4, nodes // 40)
    provinces = max(2, cities // 5)
    countries = max(2, int(round(math.sqrt(provinces))))
    return {
        "nodes": nodes,
        "edges": int(round(1.5 * nodes)),
        "countries": countries,
        "provinces": provinces,
        "cities": cities,
        "parks": max(2, cities // 2),
        "projects": max(4, int(round(0.30 * nodes))),
        "policies": max(2, nodes // 50),
        "people": max(2, nodes // 20),
    }


def _regions(plan, rng):
    """Rows of regions.csv and the ids of cities, parks and their provinces."""
    rows = [{"id": "syn-world", "level": "world", "label_en": "Synthetic World",
             "label_zh": "合成世界 (synthetic)"}]
    countries = [f"syn-country-{i:03d}" for i in range(plan["countries"])]
    for i, cid in enumerate(countries):
        rows.append({"id": cid, "level": "country", "label_en": f"Synthetic Country {i}",
                     "label_zh": f"合成国家 {i} (synthetic)", "parent": "syn-world",
                     "iso_code": f"X{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}"})
    provinces = []
    for i in range(plan["provinces"]):
        pid = f"syn-province-{i:04d}"
        provinces.append(pid)
        # Country 0 is the home market: half of all provinces.
        country = countries[0] if i % 2 == 0 else countries[int(rng.integers(len(countries)))]
        rows.append({"id": pid, "level": "province", "label_en": f"Synthetic Province {i}",
                     "label_zh": f"合成省 {i} (synthetic)", "parent": country})
    cities, city_province = [], {}
    for i in range(plan["cities"]):
        cid = f"syn-city-{i:05d}"
        # The first cities (largest Zipf shares) spread over provinces in turn.
        prov = provinces[i % len(provinces)] if i < len(provinces) else provinces[
            int(rng.integers(len(provinces)))]
        cities.append(cid)
        city_province[cid] = prov
        rows.append({"id": cid, "level": "city", "label_en": f"Synthetic City {i}",
                     "label_zh": f"合成市 {i} (synthetic)", "parent": prov})
    parks, city_parks = [], {}
    for i in range(plan["parks"]):
        kid = f"syn-park-{i:05d}"
        city = cities[i % len(cities)]
        parks.append(kid)
        city_parks.setdefault(city, []).append(kid)
        rows.append({"id": kid, "level": "industrial_park", "label_en": f"Synthetic Industrial Park {i}",
                     "label_zh": f"合成产业园 {i} (synthetic)", "parent": city})
    return rows, cities, city_province, city_parks


def _collab_kind(rng, ta, tb):
    """Kind and direction of a collaboration between node types ``ta`` and ``tb``.

    Returns ``(kind, directed, swap)``: ``swap`` puts ``b`` first (from-party).
    """
    if ta == "platform" or tb == "platform":
        return "platform_membership", True, tb == "platform" and ta != "platform"
    if ta == "government_body" or tb == "government_body":
        return "government_funding", True, tb == "government_body" and ta != "government_body"
    research = {"university", "research_institute"}
    if ta in research or tb in research:
        kind = _pick(rng, ["joint_development", "technology_transfer", "licensing"], [5, 3, 2])
        if kind == "joint_development":
            return kind, False, False
        return kind, True, tb in research and ta not in research
    kind = _pick(rng, ["supply", "joint_development", "equity_investment", "joint_venture",
                       "licensing"], [5, 3, 2, 1, 1])
    return kind, kind not in ("joint_development", "joint_venture"), bool(rng.random() < 0.5)


def _build_rows(triples, seed):
    plan = _plan(triples)
    rng = np.random.default_rng([seed, 20251125])

    tables = {name: [] for name in TABLE_COLUMNS}
    tables["sources.csv"].append({
        "id": SOURCE_ID,
        "title": f"Synthetic SSB ecosystem (seed {seed}, about {triples} triples)",
        "publisher": "ssbkg synthetic generator",
        "issued": "2026-01-01", "kind": "synthetic", "reliability": "weak",
        "note": "Synthetic data for benchmarks and tests; describes no real organisation.",
    })

    region_rows, cities, city_province, city_parks = _regions(plan, rng)
    tables["regions.csv"] = region_rows

    G = collaboration_network(plan["nodes"], plan["edges"], n_regions=len(cities), seed=seed)
    node_type = [G.nodes[i]["type"] for i in range(plan["nodes"])]
    node_city = [cities[int(G.nodes[i]["region"].rsplit("-", 1)[1])] for i in range(plan["nodes"])]
    node_id = [f"syn-plat-{i:06d}" if t == "platform" else f"syn-org-{i:06d}"
               for i, t in enumerate(node_type)]
    node_region = []
    for i in range(plan["nodes"]):
        parks = city_parks.get(node_city[i])
        if parks and node_type[i] in ("enterprise", "platform") and rng.random() < 0.3:
            node_region.append(parks[int(rng.integers(len(parks)))])
        else:
            node_region.append(node_city[i])
    enterprises = [i for i, t in enumerate(node_type) if t == "enterprise"]
    research = [i for i, t in enumerate(node_type) if t in ("university", "research_institute")]
    govs = [i for i, t in enumerate(node_type) if t == "government_body"]
    degree = np.array([G.degree(i) for i in range(plan["nodes"])], dtype=float)

    node_segments = {}
    for i, t in enumerate(node_type):
        if t == "platform":
            continue
        label = t.replace("_", " ").title()
        row = {"id": node_id[i], "type": t, "label_en": f"Synthetic {label} {i}",
               "label_zh": f"合成{_ORG_ZH[t]} {i} (synthetic)", "region": node_region[i]}
        if t == "enterprise":
            segs = _some(rng, _SEGMENTS, _SEGMENT_W, 1 + int(rng.random() < 0.4))
            routes = _some(rng, _ROUTES, _ROUTE_W, int(rng.integers(0, 3)))
            row.update(segments=";".join(segs), routes=";".join(routes),
                       founded=_date(int(rng.integers(1995, 2025))))
            node_segments[i] = segs
            if rng.random() < 0.3:
                row["alt_labels"] = f"SynCo {i} (synthetic)"
            if rng.random() < 0.1 and enterprises:
                parent = enterprises[int(rng.integers(len(enterprises)))]
                if parent != i:
                    row["parent_org"] = node_id[parent]
        elif t in ("university", "research_institute"):
            row.update(routes=";".join(_some(rng, _ROUTES, _ROUTE_W, int(rng.integers(1, 3)))),
                       founded=_date(int(rng.integers(1900, 2020))))
        if rng.random() < 0.05 and row["region"] != node_city[i]:
            row["inference"] = "synthetic: located in the park of its city"
        tables["organisations.csv"].append(row)

    hosts = enterprises + research
    for i, t in enumerate(node_type):
        if t != "platform":
            continue
        ptype = _pick(rng, _PLATFORM_TYPES, [3, 3, 2, 2])
        nbrs = sorted(j for j in G.neighbors(i) if node_type[j] in
                      ("enterprise", "university", "research_institute"))
        host = nbrs[int(rng.integers(len(nbrs)))] if nbrs else hosts[int(rng.integers(len(hosts)))]
        row = {"id": node_id[i], "type": ptype,
               "label_en": f"Synthetic {ptype.replace('_', ' ').title()} {i}",
               "label_zh": f"合成{_PLATFORM_ZH[ptype]} {i} (synthetic)",
               "region": node_region[i], "host": node_id[host],
               "level": _pick(rng, _LEVELS, [1, 3, 4]),
               "segments": ";".join(_some(rng, _SEGMENTS, _SEGMENT_W, 1)),
               "routes": ";".join(_some(rng, _ROUTES, _ROUTE_W, int(rng.integers(1, 3)))),
               "founded": _date(int(rng.integers(2005, 2025)))}
        tables["platforms.csv"].append(row)

    # Projects: developers drawn in proportion to 1 + degree (big actors build more).
    dev_w = 1.0 + degree[enterprises]
    dev_p = dev_w / dev_w.sum()
    project_ids = []
    obs = tables["observations.csv"]

    def add_obs(subject, indicator, value, unit, **extra):
        oid = f"syn-obs-{len(obs):07d}"
        obs.append({"id": oid, "subject": subject, "indicator": indicator, "value": value,
                    "unit": unit, **extra})

    for p in range(plan["projects"]):
        kind = _pick(rng, _PROJECT_KINDS, _PROJECT_W)
        dev = enterprises[int(rng.choice(len(enterprises), p=dev_p))]
        partners = sorted({int(j) for j in rng.choice(plan["nodes"], size=int(rng.integers(0, 3)))}
                          - {dev})
        if kind == "cell_production":
            segs = ["cells"]
        elif kind == "material_production":
            segs = [_pick(rng, _UPSTREAM[:5], [10, 8, 10, 4, 5])]
        elif kind == "demonstration":
            segs = [_pick(rng, _DOWNSTREAM, [10, 6, 4, 2, 2, 2])]
        else:
            segs = node_segments.get(dev, ["cells"])[:1]
        status = _pick(rng, _STATUSES, _STATUS_W)
        # completed projects started early enough to finish by 2026
        start = int(rng.integers(2018, 2024 if status == "completed" else 2027))
        pid = f"syn-project-{p:06d}"
        project_ids.append(pid)
        row = {"id": pid, "kind": kind, "label_en": f"Synthetic {kind.replace('_', ' ')} project {p}",
               "label_zh": f"合成{_PROJECT_ZH[kind]} {p} (synthetic)", "developer": node_id[dev],
               "partners": ";".join(node_id[j] for j in partners),
               "region": node_region[dev], "segments": ";".join(segs),
               "routes": ";".join(_some(rng, _ROUTES, _ROUTE_W, 1)), "status": status,
               "started": _date(start, int(rng.integers(1, 13)))}
        if status == "completed":
            row["completed"] = _date(start + int(rng.integers(1, 4)),
                                     int(rng.integers(1, 13)), int(rng.integers(1, 29)))
        tables["projects.csv"].append(row)
        if kind in ("cell_production", "material_production"):
            # One to three announcements of the annual capacity, growing over time.
            unit = "GigaW-HR" if kind == "cell_production" else "TONNE"
            base = float(rng.lognormal(math.log(5.0 if unit == "GigaW-HR" else 2000.0), 1.0))
            for k in range(int(rng.integers(1, 4))):
                year = min(start - 1 + k, 2025)  # announced from the year before the start
                value = round(base * (1.0 + 0.5 * k), 1)
                add_obs(pid, "annual_capacity", f"{value:.1f}", unit,
                        qualifier=_pick(rng, ["exact", "approximately", "more_than"], [6, 3, 1]),
                        kind="plan" if status in ("planned", "under_construction") else "actual",
                        stated_on=_date(year, int(rng.integers(1, 13)), int(rng.integers(1, 29))),
                        ref_period=_date(year + 1), status=status)
        if rng.random() < 0.4:
            add_obs(pid, "investment", f"{rng.lognormal(math.log(1e9), 1.0):.0f}", "CNY",
                    qualifier=_pick(rng, ["exact", "approximately"], [1, 1]),
                    kind="plan", stated_on=_date(min(start, 2025), int(rng.integers(1, 13)), 1))

    # Patent counts: heavy-tailed, larger for well-connected actors.
    for i in enterprises + research:
        if rng.random() < 0.5:
            year = int(rng.integers(2020, 2026))
            value = int(rng.pareto(1.5) * 5 * (1.0 + math.sqrt(degree[i]))) + 1
            add_obs(node_id[i], "patent_count", str(value), "NUM", qualifier="exact",
                    kind="actual", stated_on=_date(year + 1, int(rng.integers(1, 7)), 1),
                    ref_period=_date(year), scope="solid-state battery patents (synthetic)")

    # Claimed cell energy densities of cell makers; market shares of the biggest actors.
    for i in enterprises:
        if "cells" in node_segments[i] and rng.random() < 0.4:
            value = round(float(rng.uniform(250.0, 500.0)), 0)
            add_obs(node_id[i], "energy_density", f"{value:.0f}", "W-HR-PER-KiloGM",
                    qualifier=_pick(rng, ["exact", "more_than", "up_to"], [3, 1, 1]),
                    kind="claim", stated_on=_date(int(rng.integers(2021, 2027)), 6, 1),
                    scope="solid-state cell (synthetic)")
    top = sorted(enterprises, key=lambda i: (-degree[i], i))[:max(3, len(enterprises) // 100)]
    shares = rng.dirichlet(np.ones(len(top) + 1)) * 100.0
    for i, share in zip(top, shares):
        add_obs(node_id[i], "market_share", f"{share:.1f}", "PERCENT", qualifier="approximately",
                kind="forecast", stated_on="2025-06-01", ref_period="2030",
                scope="solid-state battery market (synthetic)")

    for k in range(plan["policies"]):
        gov = govs[int(rng.integers(len(govs)))] if govs else None
        jur = city_province[node_city[gov]] if gov is not None else cities[0]
        kind = _pick(rng, _POLICY_KINDS, [2, 3, 3, 1, 1])
        tables["policies.csv"].append({
            "id": f"syn-policy-{k:05d}", "label_en": f"Synthetic {kind} policy {k}",
            "label_zh": f"合成政策 {k} (synthetic)", "kind": kind,
            "issuer": node_id[gov] if gov is not None else jur, "jurisdiction": jur,
            "issued": _date(int(rng.integers(2019, 2026)), int(rng.integers(1, 13)),
                            int(rng.integers(1, 29))),
            "segments": ";".join(_some(rng, _SEGMENTS, _SEGMENT_W, int(rng.integers(1, 3)))),
            "routes": ";".join(_some(rng, _ROUTES, _ROUTE_W, int(rng.integers(0, 2)))),
            "description": "Synthetic policy supporting solid-state batteries."})

    for n, (a, b) in enumerate(sorted(G.edges())):
        kind, directed, swap = _collab_kind(rng, node_type[a], node_type[b])
        if swap:
            a, b = b, a
        row = {"id": f"syn-collab-{n:07d}", "kind": kind,
               "parties": f"{node_id[a]};{node_id[b]}",
               "started": _date(int(rng.integers(2016, 2026)), int(rng.integers(1, 13)))}
        if directed:
            row["from_party"], row["to_party"] = node_id[a], node_id[b]
        if kind == "joint_venture":
            row["description"] = "Synthetic joint venture."
        tables["collaborations.csv"].append(row)
        if kind in ("equity_investment", "government_funding") and rng.random() < 0.5:
            add_obs(row["id"], "investment" if kind == "equity_investment" else "grant",
                    f"{rng.lognormal(math.log(5e7), 1.0):.0f}", "CNY", qualifier="exact",
                    kind="actual", stated_on=row["started"])

    roles = ["chief scientist", "chief executive", "director", "professor"]
    for k in range(plan["people"]):
        who = hosts[int(rng.integers(len(hosts)))]
        tables["people.csv"].append({
            "id": f"syn-person-{k:05d}", "label_en": f"Synthetic Person {k}",
            "label_zh": f"合成人物 {k} (synthetic)", "affiliation": node_id[who],
            "role": _pick(rng, roles)})

    provinces = sorted(set(city_province.values()))
    for k, prov in enumerate(provinces):
        cat, man, con = _CHALLENGES[k % len(_CHALLENGES)]
        tables["challenges.csv"].append({
            "id": f"syn-challenge-{k:04d}", "category": cat,
            "manifestation": f"{man} (synthetic)", "consequence": con, "region": prov})
        theme = _THEMES[k % len(_THEMES)]
        tables["recommendations.csv"].append({
            "id": f"syn-recommendation-{k:04d}", "theme": theme,
            "text": f"Synthetic recommendation on {theme.replace('_', ' ')}.", "region": prov})
    for name, rows in tables.items():
        if name == "sources.csv":
            continue
        table = name[:-4]
        for k, row in enumerate(rows, start=1):
            row["source"] = SOURCE_ID
            row["locator"] = f"synthetic {table} row {k}"
    return tables


def synthetic_tables(out_dir, *, triples=10_000, seed=0):
    """Write a seeded synthetic ecosystem as the tables of docs/design.md.

    The ecosystem has a region hierarchy (world, countries, provinces, cities,
    industrial parks), organisations of every type with segments and routes,
    platforms with hosts, projects with capacity observations, patent counts,
    policies, people, challenges, recommendations and collaborations between
    organisations and platforms whose degrees are heavy-tailed (Chung-Lu with
    power-law expected degrees, :func:`collaboration_network`). One source
    row, ``syn-source`` of kind ``synthetic``, is cited by every other row.

    Parameters
    ----------
    out_dir : str or Path
        Folder to write the eleven ``*.csv`` files into (created if missing;
        files of the same names are replaced atomically).
    triples : int
        Target size: the triple count of the store built from the tables
        alone (within about 10 %; calibrated against ``ssbkg.build``).
    seed : int
        Seed of every random draw: the same seed writes byte-identical files.

    Returns
    -------
    dict
        File name -> number of data rows written.

    Raises
    ------
    InputError
        If ``triples`` is not a positive integer of at least 2,000.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     counts = synthetic_tables(d, triples=5000, seed=1)
    ...     header = open(f"{d}/sources.csv", encoding="utf-8").readline().strip()
    >>> counts["sources.csv"], header
    (1, 'id,title,publisher,url,issued,kind,reliability,note')
    """
    if isinstance(triples, bool) or not isinstance(triples, (int, np.integer)) or triples < 2000:
        raise InputError(f"triples must be an integer of at least 2000, got {triples!r}",
                         field="triples")
    tables = _build_rows(int(triples), int(seed))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, columns in TABLE_COLUMNS.items():
        rows = tables[name]
        with atomic_write(out / name, newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n",
                                    extrasaction="raise")
            writer.writeheader()
            for row in rows:
                writer.writerow({c: row.get(c, "") for c in columns})
        counts[name] = len(rows)
    return counts


def _estimate_derived(tables_dir) -> int:
    """Triples of the derived graphs of a build of ``tables_dir`` (see estimate_triples)."""
    from ..derive import derived_queries

    folder = Path(tables_dir)
    parent = {}
    if (folder / "regions.csv").is_file():
        with open(folder / "regions.csv", encoding="utf-8", newline="") as fh:
            parent = {row["id"]: row["parent"] for row in csv.DictReader(fh)}
    covers = {"segments": set(), "routes": set()}
    for name in ("organisations.csv", "platforms.csv", "projects.csv"):
        if not (folder / name).is_file():
            continue
        with open(folder / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                chain, region = [], row["region"]
                while region and region not in chain:
                    chain.append(region)
                    region = parent.get(region, "")
                for col, seen in covers.items():
                    for item in filter(None, row[col].split(";")):
                        seen.update((r, item) for r in chain)
    return sum(map(len, covers.values())) + 7 * len(derived_queries())


def estimate_triples(tables_dir, *, derived: bool = True):
    """Triples a build makes from the tables in ``tables_dir``, counted by reading docs/design.md.

    Each data row states one ``rdf:type`` plus one triple per non-empty cell
    (one per item of a ``;`` list; ``note`` is an ``rdfs:comment``); its
    assertion graph is described by ``a ssb:Assertion``, ``ssb:sourceTable``,
    ``ssb:sourceRow``, ``ssb:locator``, one ``prov:wasDerivedFrom`` per source
    and ``ssb:inference`` when inferred. A source row states one triple per
    non-empty cell plus its type. The ontology is not counted. With
    ``derived``, the derived graphs (:mod:`ssbkg.derive`) are counted too: one
    ``ssb:coversSegment`` / ``ssb:coversRoute`` per distinct pair of a region
    and a segment / route that an organisation, platform or project located in
    the region or below it (``parent`` in ``regions.csv``) has, and 7 triples
    describing each derived graph.

    Parameters
    ----------
    tables_dir : str or Path
        Folder holding some of the files of :data:`TABLE_COLUMNS`.
    derived : bool
        Count the derived graphs' triples (default True).

    Returns
    -------
    int

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = open(f"{d}/sources.csv", "w").write(
    ...         "id,title,publisher,url,issued,kind,reliability,note\\n"
    ...         "s,T,P,,2020,study,primary,\\n")
    ...     estimate_triples(d, derived=False)  # type, title, publisher, issued, kind, reliability
    6
    """
    total = _estimate_derived(tables_dir) if derived else 0
    for name in TABLE_COLUMNS:
        path = Path(tables_dir) / name
        if not path.is_file():
            continue
        skip = _PROVENANCE | {_CLASS_COLUMN.get(name)}
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                n = 1  # rdf:type
                for col, val in row.items():
                    if col in skip or not val:
                        continue
                    n += len(val.split(";")) if col in _LISTS else 1
                if name != "sources.csv":
                    n += 4 + len(row["source"].split(";")) + (1 if row.get("inference") else 0)
                total += n
    return total
