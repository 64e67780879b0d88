"""``ssbkg diff``: what changed between two versions of the KG, and early warnings."""

from __future__ import annotations

import click

from .choices import MONITOR_WARNINGS
from .output import output_options

__all__ = ["COMMANDS", "diff", "FAIL_EXIT"]

#: Exit status when a warning kind named by ``--fail-on`` fired (1 is an error, 2 a usage error).
FAIL_EXIT = 3


@click.command("diff")
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option("--with", "with_", multiple=True, type=click.Path(file_okay=False),
              help="A folder of tables read with OLD and with NEW when they are folders of "
                   "tables (as 'ssbkg build --with'); repeatable.")
@click.option("--curated", is_flag=True,
              help="Read the curated tables of data/ beneath folders of tables (for folders "
                   "that only add rows).")
@click.option("--warnings", "show_warnings", is_flag=True,
              help="Apply the early-warning rules (docs/monitoring.md) and list what fired.")
@click.option("--fail-on", "fail_on", multiple=True, type=click.Choice(MONITOR_WARNINGS + ("any",)),
              help=f"Exit {FAIL_EXIT} when a warning of this kind fires ('any': every kind); "
                   "repeatable. For CI of a data repository.")
@click.option("--as-of", "as_of", type=int, default=None,
              help="Year both versions are read at by the past-due rule (default: each "
                   "version's newest stated year).")
@click.option("--history", "entity", default=None,
              help="Instead of the diff, list one entity's capacity and status statements "
                   "(query entity-history) in both versions, each marked both, old or new.")
@output_options
def diff(old, new, with_, curated, show_warnings, fail_on, as_of, entity, fmt, output):
    """Compare two versions of the KG: rows added, removed, changed; provenance apart.

    OLD and NEW are each a store folder ('ssbkg build --store'), an export
    ('ssbkg export', .nq or .trig) or a folder of tables (as data/). Changes
    are grouped by entity and table row, each changed field with its old and
    new value and the row's sources in both versions; a change of sources
    only is listed apart; the ontology and the derived graphs are not listed.
    Identical inputs give an empty diff. The exit status is 0 unless
    --fail-on names a warning kind that fired (then 3).

    \b
    Example:
        ssbkg diff data-2026q3/ data/ --format md
        ssbkg diff out/old.nq out/kg --warnings --format json -o out/diff.json
        ssbkg diff old/ new/ --warnings --fail-on new-gap --fail-on capacity-cut
        ssbkg diff old/ new/ --history huzhou-weilan-2gwh --format md
    """
    from ..io import atomic_write
    from ..monitor import diff as run_diff, load_version
    from ..monitor import render as R
    from ..monitor.warnings import KINDS, warnings as run_warnings

    a = load_version(old, with_=with_, curated=curated)
    b = load_version(new, with_=with_, curated=curated)
    if entity is not None:
        from ..monitor.history import history
        from .common import compact, plain
        from .output import emit

        frame = history(a, b, entity)
        for col in ("entity", "unit", "kind", "status", "record"):
            frame[col] = [compact(x) for x in frame[col]]
        emit(plain(frame), fmt=fmt, output=output)
        return
    d = run_diff(a, b)
    fired = run_warnings(d, as_of=as_of) if (show_warnings or fail_on) else None
    shown = fired if show_warnings else None
    if fmt in ("md", "json"):
        text = R.render(d, fmt, shown)
    else:
        from .output import render as render_rows

        text = render_rows(R.rows(d, shown), fmt=fmt, columns=R.CSV_COLUMNS)
    if output:
        with atomic_write(output, newline="") as fh:
            fh.write(text)
        click.echo(f"wrote {output} ({fmt}, {len(text.encode('utf-8'))} bytes)", err=True)
    else:
        click.echo(text, nl=False)
    s = d.summary()["rows"]
    click.echo(f"{s['added']} added, {s['removed']} removed, {s['changed']} changed, "
               f"{s['provenance']} provenance-only"
               + (f"; {len(fired)} warning(s)" if fired is not None else ""), err=True)
    if fail_on and fired:
        wanted = set(KINDS) if "any" in fail_on else set(fail_on)
        hit = sorted({w.kind for w in fired if w.kind in wanted})
        if hit:
            n = sum(w.kind in wanted for w in fired)
            click.echo(f"fail-on: {n} warning(s) of kind {', '.join(hit)} fired", err=True)
            click.get_current_context().exit(FAIL_EXIT)


COMMANDS = [diff]
