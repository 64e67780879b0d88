"""``ssbkg build | export | validate | stats | serve``: make, check and share the KG.

Every command that reads the KG takes ``--store DIR`` (env ``SSBKG_STORE``)
or ``--endpoint URL`` (env ``SSBKG_ENDPOINT``); with neither it builds the
embedded curated KG in memory. :func:`kg_options` and :func:`open_kg` are
shared with the other command modules.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from ..errors import InputError
from .choices import EXPORT_FORMATS
from .common import compact, kg_options, open_kg, plain  # noqa: F401 (re-exported)
from .output import emit, output_options

__all__ = ["COMMANDS", "kg_options", "open_kg", "compact", "plain", "build", "export", "validate",
           "stats", "serve"]


# ------------------------------------------------------------------ build


@click.command("build")
@click.option("--with", "with_", multiple=True, type=click.Path(),
              help="A folder of user tables or a Turtle file (.ttl) to add; repeatable.")
@click.option("--store", type=click.Path(file_okay=False), default=None,
              help="Write the store to DIR (atomically); default: build in memory and "
                   "only check.")
@click.option("--curated/--no-curated", default=True, show_default=True,
              help="Include the curated tables of data/ (use --no-curated for synthetic "
                   "tables, which never mix with the curated KG).")
def build(with_, store, curated):
    """Build the KG from the tables (and user files), check it, print a summary.

    The build checks every table (references, dates, units, duplicate ids),
    that no triple is asserted in two graphs, and runs the check queries in
    queries/checks; any problem is one line naming file, row and field, and
    leaves an existing store untouched.

    \b
    Example:
        ssbkg build --store out/kg
        ssbkg build --with my_tables/ --with extra.ttl --store out/kg-plus
        ssbkg build --no-curated --with out/syn100k --store out/syn
    """
    from ..build import build_store

    result = build_store(store, with_=with_, curated=curated)
    click.echo(f"store: {result.path or '(memory, not saved: use --store DIR)'}")
    click.echo(f"triples: {result.triples}")
    click.echo(f"graphs: {result.graphs}")
    click.echo(f"tables: {len(result.tables)}")
    click.echo(f"rows: {result.rows}")
    emit([{"table": k, "rows": v} for k, v in result.tables.items()],
         fmt="table", columns=["table", "rows"])


@click.command("load")
@click.argument("dump", type=click.Path(dir_okay=False))
@click.option("--store", type=click.Path(file_okay=False), required=True,
              help="Write the store to DIR (atomically).")
@click.option("--checks/--no-checks", default=True, show_default=True,
              help="Run the build's check queries on the loaded KG.")
def load(dump, store, checks):
    """Load a KG exported with 'ssbkg export' (N-Quads or TriG) into a store.

    The file goes straight to Oxigraph's bulk loader: the fast way to restore
    a KG someone shared. A broken file is one line naming it and the parser's
    position, and leaves an existing store untouched.

    \b
    Example:
        ssbkg export --format nquads -o out/kg.nq
        ssbkg load out/kg.nq --store out/kg-copy
    """
    from ..build import load_dump

    result = load_dump(dump, store, checks=checks)
    click.echo(f"store: {result.path}")
    click.echo(f"triples: {result.triples}")
    click.echo(f"graphs: {result.graphs}")


# ------------------------------------------------------------------ export


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="turtle",
              show_default=True,
              help="turtle = union of all graphs; nquads and jsonld keep the named graphs.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="File to write (atomically).")
@kg_options
def export(fmt, output, store, endpoint):
    """Export the KG as Turtle, N-Quads or JSON-LD (sorted, byte-identical per input).

    \b
    Example:
        ssbkg export --format nquads -o out/ssbkg.nq
        ssbkg export --store out/kg --format turtle -o out/ssbkg.ttl
    """
    from ..export import export as export_kg

    n = export_kg(open_kg(store, endpoint), output, fmt)
    click.echo(f"wrote {output} ({fmt}, {n} bytes)")


# ------------------------------------------------------------------ validate


@click.command("validate")
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql",
              show_default=True,
              help="sparql: shapes compiled to SPARQL (fast); pyshacl: the reference "
                   "implementation on an rdflib copy (slow on large graphs).")
@click.option("--warnings/--no-warnings", default=True, show_default=True,
              help="Also list results of severity Warning.")
@output_options
@kg_options
def validate(engine, warnings, fmt, output, store, endpoint):
    """Validate the KG against the SHACL shapes; exit 1 on any violation.

    Lists each result with its severity, entity, property and message.
    Warnings are listed too but do not change the exit code.

    \b
    Example:
        ssbkg validate
        ssbkg validate --store out/kg --engine pyshacl --format md
    """
    from ..validate import violations

    kg = open_kg(store, endpoint)
    rows = violations(kg, engine)
    n_viol = sum(r["severity"] == "Violation" for r in rows)
    n_warn = sum(r["severity"] == "Warning" for r in rows)
    shown = [r for r in rows if warnings or r["severity"] == "Violation"]
    emit([{
        "severity": r["severity"], "entity": compact(r["focus"]), "label": r["label"],
        "property": compact(r["path"]), "value": compact(r["value"]),
        "message": r["message"] or r["component"],
    } for r in shown], fmt=fmt, output=output,
        columns=["severity", "entity", "label", "property", "value", "message"])
    click.echo(f"{n_viol} violations, {n_warn} warnings", err=True)
    if n_viol:
        click.get_current_context().exit(1)


# ------------------------------------------------------------------ stats


@click.command("stats")
@click.option("--by", "by", type=click.Choice(["summary", "class", "source", "region", "coverage"]),
              default="summary", show_default=True,
              help="summary; instances per class; assertions per source with reliability; "
                   "organisations and projects per region (sub-regions included); coverage: "
                   "per region organisations, share located below country level, sites, "
                   "projects, sources, and a note where it is thin.")
@output_options
@kg_options
def stats(by, fmt, output, store, endpoint):
    """Count what the KG holds: in total, per class, per source or per region.

    \b
    Example:
        ssbkg stats
        ssbkg stats --by source --format csv
        ssbkg stats --by region --store out/kg
        ssbkg stats --by coverage --format md
    """
    from .. import stats as st

    kg = open_kg(store, endpoint)
    frame = {"summary": st.summary, "class": st.class_counts, "source": st.source_counts,
             "region": st.region_counts, "coverage": st.coverage}[by](kg)
    if "iri" in frame.columns:
        frame["iri"] = [compact(v) for v in frame["iri"]]
    emit(plain(frame), fmt=fmt, output=output)


# ------------------------------------------------------------------ serve


def _oxigraph_binary() -> str:
    local = Path(sys.executable).parent / "oxigraph"
    if local.is_file():
        return str(local)
    found = shutil.which("oxigraph")
    if found is None:
        raise InputError("the 'oxigraph' server is not installed (pip install oxigraph)")
    return found


@click.command("serve")
@click.option("--store", envvar="SSBKG_STORE", default="out/kg", show_default=True,
              type=click.Path(file_okay=False),
              help="Store folder; built from the curated tables if it is not a store yet "
                   "[env SSBKG_STORE].")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True,
              help="Port on 127.0.0.1.")
@click.option("--timeout-s", type=click.IntRange(min=1), default=60, show_default=True,
              help="Longest a query may run, in seconds.")
@click.option("--rebuild", is_flag=True, help="Rebuild the store from the tables first.")
@click.option("--dry-run", is_flag=True, help="Print the server command instead of running it.")
def serve(store, port, timeout_s, rebuild, dry_run):
    """Serve the KG as a read-only SPARQL 1.1 endpoint (Oxigraph) on 127.0.0.1.

    Queries see the union of all named graphs; the endpoint is
    http://127.0.0.1:PORT/query. Other ssbkg commands reach it with
    --endpoint http://127.0.0.1:PORT/query.

    \b
    Example:
        ssbkg serve --store out/kg --port 7878
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' \\
             http://127.0.0.1:7878/query
    """
    path = Path(store)
    from ..build import STORE_MARKER, build_store

    if rebuild or not (path / STORE_MARKER).is_file():
        click.echo(f"building the store in {path} ...", err=True)
        result = build_store(path)
        click.echo(f"built: {result.triples} triples in {result.graphs} graphs", err=True)
    argv = [_oxigraph_binary(), "serve-read-only", "--location", str(path),
            "--bind", f"127.0.0.1:{port}", "--union-default-graph",
            "--timeout-s", str(timeout_s)]
    if dry_run:
        click.echo(" ".join(argv))
        return
    click.echo(f"SPARQL endpoint: http://127.0.0.1:{port}/query (Ctrl-C stops)", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(argv[0], argv)


COMMANDS = [build, load, export, validate, stats, serve]
