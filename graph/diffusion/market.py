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

__all__ = ["market_size_from_kg", "ENERGY_UNITS", "DEFAULT_OBSERVATION"]

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
    kg : graph.kg.KG
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
