"""Metrics of the SSB ecosystem: network fragmentation, key players, brokerage,
linkage, triple helix, communities and the per-region fragmentation profile;
cluster profiles, specialisation (LQ, RCA, HHI) and relatedness / complexity.

A plain re-export of the public names of the modules in this package.
"""

from .basis import BASIS, WEIGHTS, holdings, segment_breakdown, segment_counts, segment_weights
from .brokerage import GF_ROLES, Betweenness, betweenness, constraint, effective_size, gould_fernandez
from .cluster import (
    VALUE_CHAIN,
    capacity_by_status_year,
    cluster_profile,
    cluster_summary,
    completeness,
    counts,
    in_region,
    patent_position,
    route_diversity,
)
from .communities import COMMUNITY_METHODS, Communities, canonical_graph, communities, leiden, louvain, modularity
from .gaps import cluster_gaps
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
from .relatedness import complexity, density, gap_ranking, presence, proximity
from .specialisation import hhi, location_quotient, rca, specialisation_table
from .triplehelix import HELIX_SECTORS, TripleHelix, sector_presence, triple_helix

__all__ = [
    # basis.py
    "BASIS",
    "WEIGHTS",
    "holdings",
    "segment_counts",
    "segment_breakdown",
    "segment_weights",
    # gaps.py
    "cluster_gaps",
    "Betweenness",
    "betweenness",
    "constraint",
    "effective_size",
    "gould_fernandez",
    "GF_ROLES",
    "Communities",
    "COMMUNITY_METHODS",
    "communities",
    "leiden",
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
    # cluster.py
    "VALUE_CHAIN",
    "in_region",
    "counts",
    "completeness",
    "route_diversity",
    "capacity_by_status_year",
    "patent_position",
    "cluster_profile",
    "cluster_summary",
    # relatedness.py
    "presence",
    "proximity",
    "density",
    "complexity",
    "gap_ranking",
    # specialisation.py
    "location_quotient",
    "rca",
    "specialisation_table",
    "hhi",
]
