"""Synthetic ecosystems for benchmarks and tests: labelled synthetic, seeded, never curated.

Everything here is generated from a seed; the same seed gives the same output.
Synthetic IRIs live under ``https://w3id.org/ssbkg/synthetic/`` and synthetic
tables cite a source of kind ``synthetic``, so they cannot be mistaken for
curated facts.
"""

from .network import collaboration_network
from .tables import synthetic_tables

__all__ = ["collaboration_network", "synthetic_tables"]
