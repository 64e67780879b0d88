"""``ssbkg metrics cluster | fragmentation``: a region's cluster and its collaboration network.

Both print one long table (section, item, value, detail) in any of the shared
output formats; ``--section`` keeps only the sections named.
"""

from __future__ import annotations

import click

from .choices import REGION_LEVELS
from .common import kg_options, open_kg
from .output import emit, output_options

__all__ = ["COMMANDS", "metrics", "cluster", "fragmentation", "brokerage"]

CLUSTER_SECTIONS = ("summary", "segments", "routes", "types", "completeness", "specialisation",
                    "concentration", "gaps", "capacity", "patents")
FRAGMENTATION_SECTIONS = ("summary", "key_players", "unlinked_platforms", "ei_type", "ei_city",
                          "brokerage_type", "brokerage_region", "nodes")
BROKERAGE_SECTIONS = ("summary", "brokerage_type", "brokerage_region", "ties")
#: ssbkg.projections.DIRECTED_KINDS written out (no projections import for --help; tested)
DIRECTED_KINDS = ("supply", "technology_transfer", "licensing", "equity_investment",
                  "government_funding")


@click.group("metrics")
def metrics():
    """Cluster and collaboration-fragmentation metrics of a region.

    \b
    Example:
        ssbkg metrics cluster --region Zhejiang
        ssbkg metrics fragmentation --region 浙江 --scope touching
        ssbkg metrics brokerage --ties supply
    """


@metrics.command("cluster")
@click.option("--region", "-r", required=True,
              help="Region id or English/Chinese label (any level), e.g. Zhejiang or cn-zj.")
@click.option("--level", type=click.Choice(REGION_LEVELS), default=None,
              help="Level of the default peers (default: the region's own level).")
@click.option("--weight", type=click.Choice(["enterprises", "presence", "capacity", "patents"]),
              default="enterprises", show_default=True,
              help="Weight read by the location quotient (same basis, see docs/metrics.md).")
@click.option("--facet", type=click.Choice(["segment", "route"]), default="segment",
              show_default=True, help="Value-chain segments or technology routes.")
@click.option("--reference", multiple=True,
              help="A reference region of the location quotient (repeat, or comma-separate; "
                   "default: the peers).")
@click.option("--reference-within", default=None,
              help="Use the regions of the peers' level inside this region as the reference.")
@click.option("--peers", "--peer", "peers", multiple=True,
              help="A peer region (repeat, or comma-separate): rows of proximity, gap "
                   "densities, complexity, concentration and the patent rank (default: same "
                   "level, same country).")
@click.option("--section", "sections", multiple=True, type=click.Choice(CLUSTER_SECTIONS),
              help="Only these sections (repeat).")
@output_options
@kg_options
def cluster(region, level, weight, facet, reference, reference_within, peers, sections,
            fmt, output, store, endpoint):
    """Value-chain completeness, specialisation, concentration and gaps of a region.

    Every section reads one region x segment matrix (organisations holding
    a segment by headquarters, site or developed project); the basis, the
    peers and the reference are printed in the summary.

    \b
    Example:
        ssbkg metrics cluster --region Zhejiang --section summary --section gaps
        ssbkg metrics cluster --region cn-zj --reference-within cn --format md
        ssbkg metrics cluster --region Zhejiang --peers Jiangsu,Guangdong,Shanghai
    """
    from .. import analysis

    kg = open_kg(store, endpoint)
    result = analysis.cluster_metrics(
        kg, region, level=level, weight=weight, facet=facet,
        reference=list(reference) or None, reference_within=reference_within,
        peers=list(peers) or None,
    )
    _caveat(kg, region)
    emit(analysis.long_form(result, sections or None), fmt=fmt, output=output)


@metrics.command("fragmentation")
@click.option("--region", "-r", default=None,
              help="Region id or English/Chinese label; default the whole network.")
@click.option("--scope", type=click.Choice(["within", "touching"]), default="within",
              show_default=True,
              help="'within': ties among the region's organisations; 'touching': with "
                   "their partners outside too.")
@click.option("--derived/--no-derived", default=True, show_default=True,
              help="Count links derived from shared projects and platform membership.")
@click.option("--key-players", type=click.IntRange(0, 50), default=3, show_default=True,
              help="Size of the greedy key-player set (0 to skip).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of sampling, key-player search and Leiden communities.")
@click.option("--section", "sections", multiple=True, type=click.Choice(FRAGMENTATION_SECTIONS),
              help="Only these sections (repeat).")
@output_options
@kg_options
def fragmentation(region, scope, derived, key_players, seed, sections, fmt, output,
                  store, endpoint):
    """Components, Borgatti fragmentation, key players, E-I, triple helix, brokerage.

    Brokerage: Gould-Fernandez roles (coordinator, itinerant, representative,
    gatekeeper, liaison) by organisation type and by city. A network with no
    edges, or where every candidate ties, gets a note instead of a winner.

    \b
    Example:
        ssbkg metrics fragmentation --region Zhejiang --scope touching
        ssbkg metrics fragmentation --section summary --format json
    """
    from .. import analysis

    kg = open_kg(store, endpoint)
    result = analysis.fragmentation_metrics(
        kg, region, derived=derived, scope=scope, key_players=key_players, seed=seed,
    )
    _caveat(kg, region)
    emit(analysis.long_form(result, sections or None), fmt=fmt, output=output)


@metrics.command("brokerage")
@click.option("--region", "-r", default=None,
              help="Region id or English/Chinese label; default the whole KG.")
@click.option("--ties", default="supply", show_default=True,
              help="'supply' (directed, supplier -> customer), other directed kinds "
                   f"comma-separated ({', '.join(DIRECTED_KINDS)}), or 'collaboration' "
                   "(undirected, each tie read both ways).")
@click.option("--scope", type=click.Choice(["touching", "within"]), default="touching",
              show_default=True,
              help="'touching': ties with an end in the region; 'within': both ends.")
@click.option("--derived/--no-derived", default=True, show_default=True,
              help="With --ties collaboration: count links derived from shared projects "
                   "and platforms.")
@click.option("--section", "sections", multiple=True, type=click.Choice(BROKERAGE_SECTIONS),
              help="Only these sections (repeat).")
@output_options
@kg_options
def brokerage(region, ties, scope, derived, sections, fmt, output, store, endpoint):
    """Gould-Fernandez brokerage roles on directed supply ties, by type and by city.

    Node b brokers a -> b -> c when a does not reach c directly; its role
    (coordinator, itinerant, representative, gatekeeper, liaison) follows the
    groups of a, b and c. Every tie read is listed in the 'ties' section.

    \b
    Example:
        ssbkg metrics brokerage
        ssbkg metrics brokerage --region Jiangsu --ties supply,technology_transfer
        ssbkg metrics brokerage --region Zhejiang --ties collaboration --scope within
    """
    from .. import analysis

    wanted = [k.strip() for k in ties.split(",") if k.strip()]
    bad = [k for k in wanted if k not in DIRECTED_KINDS + ("collaboration",)]
    if bad or not wanted or ("collaboration" in wanted and len(wanted) > 1):
        raise click.BadParameter(
            f"{ties!r}: give 'collaboration' alone, or directed kinds from "
            f"{', '.join(DIRECTED_KINDS)}", param_hint="--ties")
    kg = open_kg(store, endpoint)
    result = analysis.brokerage_metrics(kg, region, ties=wanted, scope=scope, derived=derived)
    _caveat(kg, region)
    emit(analysis.long_form(result, sections or None), fmt=fmt, output=output)


def _caveat(kg, region) -> None:
    """Print the coverage caveat of ``region`` (ssbkg.stats.coverage_caveat) on stderr."""
    if region is None:
        return
    from ..catalogue import resolve_region
    from ..stats import coverage_caveat

    rid = resolve_region(kg, region).value.rsplit("/", 1)[-1]
    message = coverage_caveat(kg, rid)
    if message:
        click.echo(message, err=True)


COMMANDS = [metrics]
