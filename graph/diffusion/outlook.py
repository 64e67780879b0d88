"""A region's diffusion outlook in one call, for reports and notebooks.

:func:`diffusion_outlook` gathers what the diffusion section of a report
needs: the Bass fit to the region's adoption series in the KG (or why there
is none), the effective ``(P, Q)`` of the region's collaboration network
with its fit quality, and scenarios in years to 10/50/90 % adoption, with
every link a scenario adds and the rule that chose it.
"""

from __future__ import annotations

import re

import networkx as nx
import pandas as pd

from ..errors import FitError, InputError, NotFoundError, SsbkgError
from ..resources import queries_dir
from .imitation import effective_bass
from .scenarios import (
    PLATFORM_LINK_RULE,
    Scenario,
    compare_scenarios,
    propose_bridging_edges,
    propose_platform_links,
)

__all__ = ["diffusion_outlook", "launch_year", "start_year_from_kg", "SERIES_INDICATORS",
           "LAUNCH_RULE", "START_YEAR_RULES"]

#: KG indicators tried, in order, for an adoption series of the region.
SERIES_INDICATORS = ("shipments", "installed_volume", "sales_volume")

#: How :func:`launch_year` reads a start year from the KG.
LAUNCH_RULE = ("the earliest year of a planned or targeted milestone of mass or commercial "
               "production (scope mentioning 'mass production', 'commercial' or "
               "'commercialisation') of an organisation in the region's network")

#: The order in which :func:`start_year_from_kg` reads a start year (first that gives one).
START_YEAR_RULES = (
    ("series", "the first period of an actual adoption series (at least two dated actual "
               "observations of installed volume or cells shipped) about the region or "
               "something located in it"),
    ("operating", "the earliest start date of operating production located in the region "
                  "(a project other than a research project, or a plant, production base or "
                  "pilot line)"),
    ("milestone", LAUNCH_RULE),
)

_LAUNCH = re.compile(r"mass production|commerciali[sz]ation|commercial", re.IGNORECASE)


def launch_year(kg, organisations):
    """Start year for the region's diffusion from the KG's commercialisation timelines.

    Applies :data:`LAUNCH_RULE` to the named query ``commercialisation-timelines``.

    Returns
    -------
    dict
        ``year`` (int or None), ``organisation``, ``milestone`` and ``rule``.
    """
    text = (queries_dir() / "commercialisation-timelines.rq").read_text(encoding="utf-8")
    rows = kg.query(text, name="commercialisation-timelines")
    ids = {str(o) for o in organisations}
    best = None
    for r in rows:
        org = str(r["organisation"]).rsplit("/", 1)[-1]
        scope = str(r.get("milestone") or "")
        if org not in ids or not _LAUNCH.search(scope):
            continue
        year = int(float(r["year"]))
        key = (year, org, scope)
        if best is None or key < best:
            best = key
    if best is None:
        return {"year": None, "organisation": None, "milestone": None, "rule": LAUNCH_RULE}
    return {"year": best[0], "organisation": best[1], "milestone": best[2], "rule": LAUNCH_RULE}


def start_year_from_kg(kg, region, *, organisations=None):
    """The launch year of a region's diffusion, read from the KG, and where it came from.

    Applies :data:`START_YEAR_RULES` in order: the first period of the
    region's actual adoption series; else the earliest year operating
    production started there; else the earliest planned mass or commercial
    production year of the region's organisations (:func:`launch_year`).

    Parameters
    ----------
    kg : ssbkg.kg.KG
    region : str
        Region id (sub-regions included).
    organisations : iterable of str, optional
        The organisations of the region's network, for the milestone rule
        (default: none, so that rule is not tried).

    Returns
    -------
    dict
        ``year`` (int or None), ``rule`` (``series``, ``operating``,
        ``milestone`` or None), ``rule_text``, ``subject``, ``date``,
        ``detail`` and ``source`` (one sentence saying where the year came
        from, or why there is none; it warns when operating production in the
        region has no start date, which may predate the year); ``other`` lists
        the first fact of each later rule, so a reader sees what the other
        rules would give; ``undated`` names that undated production.

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> r = start_year_from_kg(curated_kg(), "cn")  # one dated installs figure: no series
    >>> r["year"], r["rule"], r["subject"]
    (2020, 'operating', 'qingtao-yichun-base')
    >>> start_year_from_kg(curated_kg(), "cn-zj")["year"] is None  # no dated production
    True
    """
    import pyoxigraph as ox

    text = (queries_dir() / "projections" / "launch-evidence.rq").read_text(encoding="utf-8")
    rows = kg.query(text, {"region": ox.NamedNode("https://w3id.org/ssbkg/id/region/" + region)},
                    name="launch-evidence")
    found = {}
    points = {}
    for r in rows:
        if str(r["evidence"]) == "series":
            points.setdefault((str(r["subject"]), str(r.get("detail"))), set()).add(str(r["date"]))
    undated = sorted({str(r["subject"]).rsplit("/", 1)[-1] for r in rows
                      if str(r["evidence"]) == "undated"})
    rows = [r for r in rows if str(r["evidence"]) != "undated"]
    for r in rows:
        if (str(r["evidence"]) == "series"
                and len(points[(str(r["subject"]), str(r.get("detail")))]) < 2):
            continue  # one dated observation is not a series
        date = str(r["date"])
        try:
            year = int(date[:4])
        except ValueError:
            continue
        subject = str(r["subject"]).rsplit("/", 1)[-1]
        key = (year, date, subject)
        kind = str(r["evidence"])
        if kind not in found or key < found[kind][0]:
            found[kind] = (key, str(r.get("detail") or ""), r.get("label"))
    if organisations:
        ms = launch_year(kg, organisations)
        if ms["year"] is not None:
            found["milestone"] = ((ms["year"], str(ms["year"]), ms["organisation"]),
                                  ms["milestone"], None)
    chosen = None
    other = []
    for kind, text_rule in START_YEAR_RULES:
        if kind not in found:
            continue
        (year, date, subject), detail, _ = found[kind]
        if chosen is None:
            chosen = {"year": year, "rule": kind, "rule_text": text_rule, "subject": subject,
                      "date": date, "detail": detail}
        else:
            other.append(f"{kind}: {year} ({subject}, {detail} {date})")
    if chosen is None:
        tried = [k for k, _ in START_YEAR_RULES if k != "milestone" or organisations]
        return {"year": None, "rule": None, "rule_text": None, "subject": None, "date": None,
                "detail": None, "other": [], "undated": undated,
                "source": (f"no start year in the KG for {region} (tried: "
                           + "; ".join(t for k, t in START_YEAR_RULES if k in tried)
                           + "): times are years since launch")}
    what = {"series": f"first period of its {chosen['detail']} series",
            "operating": "earliest operating production",
            "milestone": f"planned: {chosen['detail']}"}[chosen["rule"]]
    chosen["source"] = (f"start year {chosen['year']} from the KG: {what} ({chosen['subject']}, "
                        f"{chosen['date']}); rule: {chosen['rule_text']}")
    if undated and chosen["rule"] != "series":
        chosen["source"] += (f"; caution: {len(undated)} operating production site(s) or "
                             "project(s) here have no start date and may be earlier: "
                             + ", ".join(undated))
    chosen["other"] = other
    chosen["undated"] = undated
    return chosen


def _series_fit(kg, region):
    from .fit import fit_bass
    from .market import series_from_kg

    reasons = []
    for ind in SERIES_INDICATORS:
        try:
            periods, values = series_from_kg(kg, ind, region)
        except (NotFoundError, InputError) as exc:
            reasons.append(f"{ind}: {exc}")
            continue
        try:
            res = fit_bass(values, periods)
        except FitError as exc:
            reasons.append(f"{ind}: {len(values)} periods, no fit ({exc})")
            continue
        frame = res.summary_frame()
        return {"indicator": ind, "periods": list(periods), "values": list(values),
                "parameters": frame, "r2": res.r2, "rmse": res.rmse,
                "converged": res.converged}, reasons
    return None, reasons


def diffusion_outlook(kg, region, *, p=0.03, q=0.38, runs=100, seed=0, start_year=None,
                      p_multiplier=2.0):
    """Bass fit, network-effective ``(P, Q)`` and scenarios of one region, as plain data.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    region : str
        Region id or label (e.g. ``"cn-zj"``, ``"Zhejiang"``, ``"浙江"``).
    p, q : float
        Micro coefficients per year (defaults: the study's illustrative 0.03
        and 0.38; state them beside the numbers).
    runs, seed : int
        Simulation runs and seed (same seed for every scenario).
    start_year : int, optional
        Launch year; default from the KG by :data:`LAUNCH_RULE` (None when the
        KG gives none: times are then years since launch).
    p_multiplier : float
        The policy scenario's factor on ``p``.

    Returns
    -------
    dict
        ``region`` (id), ``assumptions`` (p, q, runs, seed, start_year and where it
        came from), ``series_fit`` (dict with ``indicator``, ``parameters`` (a
        :meth:`BassFit.summary_frame`), ``r2``, ``rmse``; or None) and
        ``series_notes`` (why each KG series was not fitted), ``network``
        (:meth:`EffectiveBass.as_dict` plus ``t10``, ``t50``, ``t90`` and
        ``year10`` ... when a start year is known), ``scenarios`` (DataFrame of
        :func:`compare_scenarios`: baseline, link-platforms, bridge, ``p xM``),
        ``links`` (DataFrame ``scenario, source, target, rule``: every link the
        scenarios add), ``unlinked_platforms`` (DataFrame with the reason) and
        ``notes`` (list of str).

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> out = diffusion_outlook(curated_kg(), "Zhejiang", runs=10)
    >>> out["region"], out["network"]["edges"], out["assumptions"]["start_year"]
    ('cn-zj', 0, 2027)
    >>> list(out["scenarios"]["scenario"])
    ['baseline', 'link-platforms', 'bridge', 'p x2']
    """
    from ..analysis import region_id
    from ..projections import collaboration_graph

    rid = region_id(kg, region)
    G = nx.relabel_nodes(collaboration_graph(kg, region=rid), str)
    notes = []
    if G.number_of_nodes() == 0:
        raise NotFoundError(f"region {region!r} has no organisations in the KG")
    launch = {"year": start_year, "organisation": None, "milestone": None,
              "rule": "given by the caller", "source": f"start year {start_year} given"}
    if start_year is None:
        found = start_year_from_kg(kg, rid, organisations=G.nodes)
        start_year = found["year"]
        ms = launch_year(kg, G.nodes) if found["rule"] == "milestone" else {}
        launch = {"year": start_year, "organisation": ms.get("organisation"),
                  "milestone": ms.get("milestone"),
                  "rule": found["rule_text"] or "; then ".join(t for _, t in START_YEAR_RULES),
                  "kind": found["rule"], "subject": found["subject"], "date": found["date"],
                  "source": found["source"], "other": found["other"]}
        if start_year is None:
            notes.append(found["source"])
    fit, series_notes = _series_fit(kg, rid)
    eff = effective_bass(G, p, q, runs=runs, seed=seed)
    net = {k: v for k, v in eff.as_dict().items()}
    for f in (0.1, 0.5, 0.9):
        key = f"t{round(f * 100)}"
        net[key] = eff.simulation.time_to(f)
        if start_year is not None:
            net[f"year{round(f * 100)}"] = start_year + net[key]
    notes += eff.notes
    links, unmatched = propose_platform_links(G)
    pl_edges = tuple(zip(links["platform"], links["enterprise"]))
    br_edges = tuple(propose_bridging_edges(G, seed=seed))
    scenarios = [Scenario("link-platforms", add_edges=pl_edges),
                 Scenario("bridge", add_edges=br_edges),
                 Scenario(f"p x{p_multiplier:g}", p_multiplier=p_multiplier)]
    table = compare_scenarios(G, p, q, scenarios, runs=runs, seed=seed, start_year=start_year)
    link_rows = [{"scenario": "link-platforms", "source": u, "target": v,
                  "rule": PLATFORM_LINK_RULE} for u, v in pl_edges]
    link_rows += [{"scenario": "bridge", "source": u, "target": v,
                   "rule": "one link from a seeded random node of each smaller component to "
                           f"a seeded random node of the largest (seed {seed})"}
                  for u, v in br_edges]
    return {
        "region": rid,
        "assumptions": {"p": p, "q": q, "runs": runs, "seed": seed, "start_year": start_year,
                        "start_year_from": launch},
        "series_fit": fit,
        "series_notes": series_notes,
        "network": net,
        "scenarios": table,
        "links": pd.DataFrame(link_rows, columns=["scenario", "source", "target", "rule"]),
        "unlinked_platforms": unmatched,
        "notes": notes,
    }
