"""``ssbkg synthetic``: write a seeded synthetic ecosystem as data tables."""

from __future__ import annotations

import click

from .output import emit

__all__ = ["COMMANDS", "synthetic"]


@click.command("synthetic")
@click.option("--triples", type=click.IntRange(min=2000), default=10_000, show_default=True,
              help="Target size in triples of the KG built from the tables (within ~10 %).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of every random draw; the same seed writes identical files.")
@click.option("-o", "--out", "out_dir", required=True,
              type=click.Path(file_okay=False, writable=True),
              help="Folder to write the eleven CSV tables into.")
def synthetic(triples, seed, out_dir):
    """Write a synthetic ecosystem (tables of docs/design.md) sized in triples.

    Every row cites the one source of kind "synthetic" and every id starts
    with "syn-"; build the folder on its own, never with the curated KG.
    Prints the rows written per table.

    \b
    Example:
        ssbkg synthetic --triples 100000 --seed 1 -o out/syn100k
        ssbkg build --no-curated --with out/syn100k --store out/syn100k-kg
    """
    from ..synthetic.tables import synthetic_tables

    counts = synthetic_tables(out_dir, triples=triples, seed=seed)
    rows = [{"table": name, "rows": n} for name, n in counts.items()]
    emit(rows, fmt="table", columns=["table", "rows"])


COMMANDS = [synthetic]
