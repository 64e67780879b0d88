"""ssbkg: a knowledge graph and analysis toolkit for the solid-state battery ecosystem."""

__version__ = "0.1.0"
