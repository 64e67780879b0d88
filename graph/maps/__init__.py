"""Interactive network maps of the KG (pyvis / vis-network) and graph exports.

The map builders return a :class:`MapNetwork`, a ``pyvis.network.Network``
whose page is offline and self-contained (vis-network inlined from the pyvis
wheel, no CDN), escapes every name from the data, and is byte-identical for
the same input and seed. Writing is left to the caller
(``net.write_html(path)`` writes atomically); in a notebook the object shows
itself inline.

>>> from ssbkg.build import curated_kg
>>> from ssbkg.maps import collaboration_map
>>> net = collaboration_map(curated_kg())
>>> net.num_nodes() > 0
True
"""

from .exports import EXPORT_FORMATS, exportable, export_bytes
from .kinds import (
    KINDS,
    chain_graph,
    chain_map,
    collaboration_graph,
    collaboration_map,
    ego_graph,
    ego_map,
    make_map,
    map_graph,
    region_graph,
    region_map,
)
from .layout import SPRING_MAX_NODES, grouped_positions, spring_positions
from .network import (
    AGGREGATE_ABOVE,
    COLOR_BY,
    PHYSICS_MAX_NODES,
    SIZE_BY,
    MapNetwork,
    aggregate,
    draw,
)

__all__ = [
    "KINDS", "COLOR_BY", "SIZE_BY", "PHYSICS_MAX_NODES", "AGGREGATE_ABOVE", "SPRING_MAX_NODES",
    "MapNetwork", "draw", "aggregate", "spring_positions", "grouped_positions",
    "collaboration_graph", "collaboration_map", "chain_graph", "chain_map", "region_graph",
    "region_map", "ego_graph", "ego_map", "map_graph", "make_map",
    "EXPORT_FORMATS", "exportable", "export_bytes",
]
