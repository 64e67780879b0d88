"""``ssbkg report``: the cluster-gap report of a region, in Markdown, HTML or JSON."""

from __future__ import annotations

import click

from .common import kg_options, open_kg

__all__ = ["COMMANDS", "report"]

# written out so that `ssbkg --help` loads no report module (tests/report checks them)
FORMATS = ("md", "html", "json")  # the Report's to_markdown / to_html / to_json
LANGS = ("en", "zh")              # ssbkg.report.texts.TEXTS
DEFAULT_REGION = "cn-zj"          # ssbkg.report.DEFAULT_REGION


@click.command("report")
@click.option("--region", "-r", default=DEFAULT_REGION, show_default=True,
              help="Region id or English/Chinese label (default: the study's own region, "
                   "Zhejiang).")
@click.option("--vs", "peers", multiple=True,
              help="A peer region to compare with (repeat). Default: the comparable regions "
                   "at the same level (same country, enough located organisations).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: from the file's extension, else md).")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
              help="Language of the report (zh: the KG's Chinese labels, English where missing).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file (atomically); default standard output.")
@click.option("--since", "since", default=None, type=click.Path(),
              help="An older version of the KG (store, export or folder of tables): add a "
                   "'What changed' section (changes and early warnings about the region).")
@kg_options
def report(region, peers, fmt, lang, output, since, store, endpoint):
    """Write the cluster-gap report of a region: gaps, peers, pipeline, sources.

    \b
    Example:
        ssbkg report -o out/zhejiang.html
        ssbkg report --region Zhejiang --vs Jiangsu --vs Guangdong --format md -o out/zj.md
        ssbkg report --region 浙江 --lang zh -o out/zj-zh.html
        ssbkg report --since out/kg-2026q3 -o out/zhejiang.html
    """
    if fmt is None:
        ext = (output or "").rsplit(".", 1)[-1].lower() if output and "." in output else ""
        fmt = {"md": "md", "markdown": "md", "html": "html", "htm": "html",
               "json": "json"}.get(ext, "md")
    from ..io import atomic_write
    from ..report import cluster_gap_report

    kg = open_kg(store, endpoint)
    rep = cluster_gap_report(kg, region, peers=list(peers) or None, lang=lang, since=since)
    text = {"md": rep.to_markdown, "html": rep.to_html, "json": rep.to_json}[fmt]()
    if output:
        with atomic_write(output) as fh:
            fh.write(text)
        click.echo(f"wrote {output} ({fmt}, {len(text.encode('utf-8'))} bytes)", err=True)
    else:
        click.echo(text, nl=False)


COMMANDS = [report]
