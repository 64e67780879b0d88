"""Market size for the Bass model from the knowledge graph.

The curated KG holds the study's forecast of global solid-state battery
shipments in 2030, 614.1 GWh (observation ``obs-world-ssb-shipments-2030``,
after GGII and EVTank). It is an *annual* volume, not a cumulative market
potential; using it as ``m`` treats the 2030 annual market as the ceiling of
cumulative adoption in the series' unit, which is a proxy the caller should
state.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..errors import InputError, NotFoundError

__all__ = ["market_size_from_kg", "series_from_kg", "ENERGY_UNITS", "DEFAULT_OBSERVATION"]

#: QUDT energy units and their size in watt-hours.
ENERGY_UNITS = {
    "W-HR": 1.0,
    "KiloW-HR": 1e3,
    "MegaW-HR": 1e6,
    "GigaW-HR": 1e9,
    "TeraW-HR": 1e12,
}

DEFAULT_OBSERVATION = "obs-world-ssb-shipments-2030"

_QUERY = """
PREFIX ssb: <https://w3id.org/ssbkg/ontology#>
PREFIX qudt: <http://qudt.org/schema/qudt/>
SELECT ?obs ?value ?unit ?period WHERE {
  ?obs qudt:numericValue ?value ; qudt:unit ?unit .
  OPTIONAL { ?obs ssb:refPeriod ?period }
}
"""

_OBS = "https://w3id.org/ssbkg/id/obs/"
_UNIT = "http://qudt.org/vocab/unit/"


def market_size_from_kg(kg, *, observation=DEFAULT_OBSERVATION, unit="GigaW-HR"):
    """Read an energy observation from the KG and express it in ``unit``.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    observation : str
        Observation id (``ssbd:obs/<id>``).
    unit : str
        QUDT unit of the adoption series (one of :data:`ENERGY_UNITS`).

    Returns
    -------
    dict
        ``value`` (in ``unit``), ``unit``, ``source_value``, ``source_unit``,
        ``observation`` (IRI) and ``ref_period``.

    Raises
    ------
    NotFoundError
        The observation is not in the KG.
    InputError
        Either unit is not an energy unit.
    """
    if unit not in ENERGY_UNITS:
        raise InputError(f"unknown energy unit {unit!r}; choose one of {', '.join(ENERGY_UNITS)}")
    rows = kg.query(_QUERY, {"obs": ox.NamedNode(_OBS + observation)}, name="market-size")
    if not rows:
        raise NotFoundError(f"observation {observation!r} is not in the KG")
    row = rows[0]
    src_unit = str(row["unit"]).removeprefix(_UNIT)
    if src_unit not in ENERGY_UNITS:
        raise InputError(f"observation {observation!r} is in {src_unit}, not an energy unit")
    value = float(row["value"]) * ENERGY_UNITS[src_unit] / ENERGY_UNITS[unit]
    return {
        "value": value,
        "unit": unit,
        "source_value": float(row["value"]),
        "source_unit": src_unit,
        "observation": str(row["obs"]),
        "ref_period": None if row.get("period") is None else str(row["period"]),
    }


_IND = "https://w3id.org/ssbkg/ontology#ind_"
_DATA = "https://w3id.org/ssbkg/id/"


def series_from_kg(kg, indicator, subject, *, unit=None, kinds=("actual",)):
    """An adoption series stored in the KG: one indicator's values about one subject.

    Each observation's period is its ``ssb:refPeriod`` (a year, or a month
    as year + (month - 1)/12). Values are converted to ``unit`` when it is an
    energy unit; otherwise all observations must share one unit.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    indicator : str
        Indicator id, e.g. ``installed_volume`` (``ssb:ind_installed_volume``).
    subject : str
        Id of what the values are about (a region, organisation, ...), e.g. ``cn``.
    unit : str, optional
        Energy unit of the returned values (one of :data:`ENERGY_UNITS`).
    kinds : tuple of str
        Observation kinds kept (``actual`` by default: forecasts are not data).

    Returns
    -------
    periods, values : list of float
        Sorted by period.

    Raises
    ------
    NotFoundError
        No observation of that indicator about that subject.
    InputError
        Periods of mixed precision (months and years), repeated periods,
        missing periods, or units that cannot be reconciled.

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> try:
    ...     series_from_kg(curated_kg(), "installed_volume", "cn", unit="MegaW-HR")
    ... except InputError as exc:
    ...     print(str(exc).rsplit("/", 1)[1])
    obs-cn-semi-solid-installs-2024-jan-may has no reference period
    """
    from ..resources import queries_dir

    text = (queries_dir() / "projections" / "indicator-series.rq").read_text(encoding="utf-8")
    rows = kg.query(text, {"indicator": ox.NamedNode(_IND + indicator),
                           "subject": _subject_node(kg, subject)},
                    name="indicator-series")
    kind_iris = {f"https://w3id.org/ssbkg/ontology#kind_{k}" for k in kinds}
    rows = [r for r in rows if r.get("kind") is None or str(r["kind"]) in kind_iris]
    what = f"{indicator} of {subject}"
    if not rows:
        raise NotFoundError(f"no {'/'.join(kinds)} observation of {what} in the KG")
    points = {}
    precisions = set()
    for r in rows:
        period = r.get("ref_period")
        if period is None:
            raise InputError(f"{what}: observation {r['obs']} has no reference period")
        text_period = str(period)
        if len(text_period) == 4:
            precisions.add(("years", text_period))
            t = float(text_period)
        elif len(text_period) == 7:
            precisions.add(("months", text_period))
            t = int(text_period[:4]) + (int(text_period[5:7]) - 1) / 12
        else:
            raise InputError(f"{what}: period {text_period} is neither a year nor a month")
        value = float(r["value"])
        src_unit = str(r["unit"]).removeprefix(_UNIT)
        if unit is not None:
            if src_unit not in ENERGY_UNITS or unit not in ENERGY_UNITS:
                raise InputError(f"{what}: cannot convert {src_unit} to {unit}")
            value = value * ENERGY_UNITS[src_unit] / ENERGY_UNITS[unit]
        if t in points:
            raise InputError(f"{what}: two observations for period {text_period}")
        points[t] = (value, src_unit if unit is None else unit)
    kinds_of_period = {p for p, _ in precisions}
    if len(kinds_of_period) > 1:
        month = min(v for p, v in precisions if p == "months")
        raise InputError(f"{what}: periods mix months ({month}) and years; "
                         "a series needs periods of one length")
    units = {u for _, u in points.values()}
    if len(units) > 1:
        raise InputError(f"{what}: values in several units ({', '.join(sorted(units))}); "
                         "give an energy unit to convert them")
    periods = sorted(points)
    return periods, [points[t][0] for t in periods]


def _subject_node(kg, subject):
    for kind in ("region", "org", "project"):
        node = ox.NamedNode(_DATA + kind + "/" + subject)
        if kg.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", {"s": node}, name="subject"):
            return node
    raise NotFoundError(f"no region, organisation or project {subject!r} in the KG")
