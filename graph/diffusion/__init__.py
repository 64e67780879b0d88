"""Diffusion of solid-state batteries: the Bass model, its fit, Bass on networks and scenarios.

Modules: :mod:`.bass` (closed form), :mod:`.fit` (estimation and results),
:mod:`.network` (agent-based simulation), :mod:`.imitation` (effective P, Q of a
structure and calibration), :mod:`.scenarios`, :mod:`.market` (m from the KG),
:mod:`.series` (CSV input) and :mod:`.plot`. See docs/diffusion.md.
"""

from .bass import (
    bass_adoption,
    bass_cdf,
    bass_cumulative,
    bass_pdf,
    innovator_share,
    innovators_imitators,
    peak_height,
    peak_time,
    time_to_fraction,
)
from .fit import BassFit, fit_bass
from .imitation import (
    calibrate_q,
    effective_bass,
    effective_table,
    network_fragmentation,
    imitation_regression,
    structure_measures,
)
from .network import NetworkBassResult, simulate_bass_network
from .outlook import diffusion_outlook, launch_year, start_year_from_kg
from .scenarios import (
    Scenario,
    compare_scenarios,
    propose_bridging_edges,
    propose_platform_links,
    propose_type_links,
)

__all__ = [
    "bass_adoption",
    "bass_cdf",
    "bass_cumulative",
    "bass_pdf",
    "innovator_share",
    "innovators_imitators",
    "peak_height",
    "peak_time",
    "time_to_fraction",
    "BassFit",
    "fit_bass",
    "calibrate_q",
    "effective_bass",
    "effective_table",
    "network_fragmentation",
    "imitation_regression",
    "structure_measures",
    "NetworkBassResult",
    "simulate_bass_network",
    "diffusion_outlook",
    "launch_year",
    "start_year_from_kg",
    "Scenario",
    "compare_scenarios",
    "propose_bridging_edges",
    "propose_type_links",
    "propose_platform_links",
]
