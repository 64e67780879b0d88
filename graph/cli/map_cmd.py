"""``ssbkg map KIND`` and ``ssbkg export-graph KIND``: interactive maps and graph files.

Both build the same graph (:func:`ssbkg.maps.map_graph`); ``map`` draws it as an
offline HTML page, ``export-graph`` writes it for Gephi or Cytoscape. Files are
written atomically.
"""

from __future__ import annotations

import click

from ..io import atomic_write
from .common import kg_options, open_kg

__all__ = ["COMMANDS", "map_command", "export_graph"]

# Written out so that ``ssbkg --help`` loads neither pyvis nor networkx;
# tests/maps/test_maps_cli.py checks each equals the library's own (ssbkg.maps).
KINDS = ("collaboration", "chain", "region", "ego")
COLOR_BY = ("type", "segment", "stage", "community", "region")
SIZE_BY = ("degree", "capacity", "patents", "betweenness")
GRAPH_FORMATS = ("gexf", "graphml", "json")
AGGREGATE_ABOVE = 2500
PHYSICS_MAX_NODES = 300

_DEFAULT_COLOR = {"collaboration": "type", "chain": "stage", "region": "type", "ego": "type"}
_DEFAULT_SIZE = {"collaboration": "degree", "chain": "capacity", "region": "degree", "ego": "degree"}


def _graph_options(func):
    """The options that choose the graph (shared by ``map`` and ``export-graph``)."""
    for option in reversed(_GRAPH_OPTIONS):
        func = option(func)
    return func


_GRAPH_OPTIONS = [
    click.option("--region", "-r", default=None,
                  help="Region id or English/Chinese label (collaboration, chain, region); "
                       "default the whole KG (for 'region': every country)."),
    click.option("--scope", type=click.Choice(["within", "touching"]), default="within",
                  show_default=True,
                  help="'within': the region's own organisations; 'touching': with their "
                       "partners outside it."),
    click.option("--entity", "-e", default=None,
                  help="ego: the entity at the centre (id, IRI, prefixed name or label)."),
    click.option("--radius", type=click.IntRange(1, 3), default=1, show_default=True,
                  help="ego: hops from the entity."),
    click.option("--derived/--no-derived", default=True, show_default=True,
                  help="collaboration: include links derived from shared projects and platforms."),
    click.option("--seed", type=int, default=0, show_default=True,
                  help="Seed of the layout, Louvain and the key-player search."),
]


def _check(kind, entity, region):
    if kind == "ego" and not entity:
        raise click.UsageError("the ego map needs --entity E")
    if kind != "ego" and entity:
        raise click.UsageError("--entity is for the ego map only")
    if kind == "ego" and region:
        raise click.UsageError("--region does not apply to the ego map (use --entity)")


def _export(kg, kind, fmt, output, *, region, scope, entity, radius, derived, seed):
    from .. import maps

    G = maps.map_graph(kg, kind, region=region, scope=scope, entity=entity, radius=radius,
                       derived=derived, seed=seed)
    data = maps.export_bytes(G, fmt)
    with atomic_write(output, "wb", encoding=None) as fh:
        fh.write(data)
    click.echo(f"wrote {output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} links "
               f"({kind} graph, {fmt})")
    for note in G.graph.get("notes", []):
        click.echo(f"note: {note}")


@click.command("map")
@click.argument("kind", type=click.Choice(KINDS))
@_graph_options
@click.option("--color-by", type=click.Choice(COLOR_BY), default=None,
              help="Node colour (default: stage for chain, type otherwise).")
@click.option("--size-by", type=click.Choice(SIZE_BY), default=None,
              help="Node size (default: capacity for chain, degree otherwise).")
@click.option("--max-nodes", type=click.IntRange(0), default=AGGREGATE_ABOVE,
              show_default=True,
              help="Above this many nodes, aggregate by region or community (0: never).")
@click.option("--physics", is_flag=True,
              help=f"Let vis-network's physics run from the seeded layout (up to "
                   f"{PHYSICS_MAX_NODES} nodes).")
@click.option("--format", "fmt", type=click.Choice(["html", *GRAPH_FORMATS]),
              default="html", show_default=True,
              help="html: the interactive map; gexf/graphml/json: the graph (as export-graph).")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="File to write (atomically).")
@kg_options
def map_command(kind, region, scope, entity, radius, derived, seed, color_by, size_by,
                max_nodes, physics, fmt, output, store, endpoint):
    """Draw an interactive, offline network map of the KG as one HTML file.

    KIND is collaboration (organisations and platforms, links by kind, key
    players and brokers marked), chain (a region's value chain in columns),
    region (regions with their organisations, peers side by side) or ego (an
    entity and its neighbourhood, links labelled with their property).

    \b
    Example:
        ssbkg map collaboration --region Zhejiang --scope touching -o out/zj.html
        ssbkg map chain --region 中国 --color-by segment -o out/chain-cn.html
        ssbkg map ego --entity idemitsu --radius 2 -o out/idemitsu.html
    """
    _check(kind, entity, region)
    kg = open_kg(store, endpoint)
    if fmt != "html":
        _export(kg, kind, fmt, output, region=region, scope=scope, entity=entity, radius=radius,
                derived=derived, seed=seed)
        return
    opts = dict(region=region, scope=scope, color_by=color_by or _DEFAULT_COLOR[kind],
                size_by=size_by or _DEFAULT_SIZE[kind], seed=seed,
                max_nodes=max_nodes or None)
    if kind == "collaboration":
        opts.update(derived=derived, physics=physics)
    if kind == "ego":
        opts = dict(entity=entity, radius=radius, color_by=opts["color_by"],
                    size_by=opts["size_by"], seed=seed, physics=physics)
    from .. import maps

    net = maps.make_map(kg, kind, **opts)
    net.write_html(output)
    meta = net.ssbkg["meta"]
    click.echo(f"wrote {output}: {meta['nodes']} nodes, {meta['edges']} links ({kind} map, "
               f"colour by {meta['color_by']}, size by {meta['size_by']}, "
               f"layout {meta['layout']}, seed {seed})")
    for note in net.ssbkg["notes"]:
        click.echo(f"note: {note}")


@click.command("export-graph")
@click.argument("kind", type=click.Choice(KINDS))
@_graph_options
@click.option("--format", "fmt", type=click.Choice(GRAPH_FORMATS), required=True,
              help="gexf (Gephi), graphml (Gephi, Cytoscape, yEd) or json (Cytoscape.js).")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="File to write (atomically).")
@kg_options
def export_graph(kind, region, scope, entity, radius, derived, seed, fmt, output, store,
                 endpoint):
    """Write the graph behind a map for Gephi or Cytoscape (lists joined, no None).

    \b
    Example:
        ssbkg export-graph collaboration --format gexf -o out/collab.gexf
        ssbkg export-graph ego --entity toyota --format graphml -o out/toyota.graphml
    """
    _check(kind, entity, region)
    kg = open_kg(store, endpoint)
    _export(kg, kind, fmt, output, region=region, scope=scope, entity=entity, radius=radius,
            derived=derived, seed=seed)


COMMANDS = [map_command, export_graph]
