"""Network metrics of the collaboration network: fragmentation, key players,
brokerage, linkage, triple helix, communities, and the per-region profile.

A plain re-export of the public functions of the modules in this package.
"""

from .brokerage import Betweenness, betweenness, constraint, effective_size
from .communities import Communities, canonical_graph, louvain, modularity
from .fragmentation import (
    DistanceFragmentation,
    component_summary,
    distance_fragmentation,
    fragmentation,
    harmonic_sums,
)
from .keyplayer import KeyPlayerSet, key_players, removal_fragmentation
from .linkage import ei_index, ei_index_by_group, industry_academia_linkage
from .profile import SECTOR_OF_TYPE, fragmentation_profile
from .triplehelix import HELIX_SECTORS, TripleHelix, sector_presence, triple_helix

__all__ = [
    "Betweenness",
    "betweenness",
    "constraint",
    "effective_size",
    "Communities",
    "canonical_graph",
    "louvain",
    "modularity",
    "DistanceFragmentation",
    "component_summary",
    "distance_fragmentation",
    "fragmentation",
    "harmonic_sums",
    "KeyPlayerSet",
    "key_players",
    "removal_fragmentation",
    "ei_index",
    "ei_index_by_group",
    "industry_academia_linkage",
    "SECTOR_OF_TYPE",
    "fragmentation_profile",
    "HELIX_SECTORS",
    "TripleHelix",
    "sector_presence",
    "triple_helix",
]
