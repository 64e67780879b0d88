"""``ssbkg query`` and ``ssbkg queries``: run named or ad-hoc SPARQL, list the catalogue."""

from __future__ import annotations

import sys

import click

from ..errors import QueryError
from .common import compact, kg_options, open_kg
from .output import emit, emit_stream, output_options

__all__ = ["COMMANDS", "query", "queries"]


def _params(values) -> dict:
    out = {}
    for item in values:
        if "=" not in item:
            raise click.BadParameter(f"'{item}' is not key=value", param_hint="--param")
        key, value = item.split("=", 1)
        key = key.strip()
        if key in out:
            raise click.BadParameter(f"'{key}' is given twice", param_hint="--param")
        out[key] = value
    return out


@click.command("query")
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the named query (see 'ssbkg queries'); repeatable.")
@click.option("--file", "-f", "file", type=click.File("r", encoding="utf-8"), default=None,
              help="Run the SPARQL in FILE instead ('-' reads standard input); a header "
                   "like the catalogue's declares its parameters.")
@click.option("--full-iris", is_flag=True, help="Print IRIs in full instead of prefixed.")
@click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N",
              help="Print at most N rows (triples for CONSTRUCT); the query stops there, "
                   "and a note on stderr says when rows were left out.")
@click.option("--timeout", type=click.FloatRange(min=0), default=300, show_default=True,
              help="Stop a query after this many seconds (0: no limit); local queries run "
                   "in a worker process so that they can be stopped.")
@output_options
@kg_options
def query(name, params, file, full_iris, limit, timeout, fmt, output, store, endpoint):
    """Run a named query of the catalogue, or the SPARQL in a file.

    Parameters are resolved by id or label (English or Chinese) and bound,
    never pasted into the query text. ASK prints true/false; CONSTRUCT prints
    N-Triples. csv, tsv and jsonl (one JSON object per line) are written as
    the rows come, in bounded memory; table, md and json hold the rows
    (use --limit on big results).

    \b
    Example:
        ssbkg query region-routes --param region=Zhejiang --format md
        ssbkg query region-routes -p region=浙江 -p route=sulfide
        ssbkg query --store out/kg --file big.rq --format jsonl --limit 1000
        echo 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }' | ssbkg query --file -
    """
    if (name is None) == (file is None):
        raise click.UsageError("give a query NAME or --file FILE (see 'ssbkg queries')")
    import pyoxigraph as ox

    from ..catalogue import parse_header, stream

    kg = open_kg(store, endpoint)
    if timeout:
        kg = kg.with_timeout(timeout)
    given = _params(params)
    # machine formats keep each literal's language tag in a <column>_lang column
    langs = fmt in ("csv", "tsv", "json", "jsonl")
    if name is not None:
        rows = stream(kg, name, limit=limit, with_languages=langs, **given)
    else:
        text = file.read()
        label = "stdin" if file.name in ("-", "<stdin>") else file.name
        named = parse_header(text, label)
        if named.params or given:
            rows = stream(kg, named, limit=limit, with_languages=langs, **given)
        else:
            form = _query_form(text, label)
            if form != "select":
                result = kg.query(text, name=label)
                if form == "ask":
                    click.echo("true" if result else "false")
                    return
                if limit is not None and len(result) > limit:
                    click.echo(f"note: --limit {limit} cut the result: {limit} of "
                               f"{len(result)} triples shown", err=True)
                    result = result[:limit]
                data = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
                sys.stdout.write(data.decode("utf-8"))
                return
            rows = kg.rows(text, name=label, limit=limit, with_languages=langs)
    convert = None if full_iris else (lambda row: tuple(compact(v) for v in row))
    with rows:
        try:
            emit_stream(rows.columns, rows, fmt=fmt, output=output, convert=convert)
        except BrokenPipeError:
            _reader_left()
    for note in rows.notes:
        click.echo(f"note: {note}", err=True)
    if rows.truncated:
        shown = "no rows" if limit == 0 else f"the first {limit} rows"
        click.echo(f"note: --limit {limit} cut the result: {shown} shown, more exist", err=True)


def _reader_left():
    """The reader of standard output went away (``ssbkg query ... | head``): stop quietly.

    The query is stopped (its worker killed by the caller's ``with``) and the
    exit status is 141 (128 + SIGPIPE), as for any command in a pipeline whose
    reader left.
    """
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes at exit
    raise click.exceptions.Exit(141)


def _query_form(text, label) -> str:
    """``select``, ``ask`` or ``graph`` (CONSTRUCT/DESCRIBE), by parsing on an empty store."""
    import pyoxigraph as ox

    try:
        result = ox.Store().query(text)
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL: {' '.join(str(exc).split())}", query=label) from None
    if isinstance(result, ox.QueryBoolean):
        return "ask"
    if isinstance(result, ox.QueryTriples):
        return "graph"
    return "select"


@click.command("queries")
@output_options
def queries(fmt, output):
    """List the named queries: name, title and parameters.

    A parameter shows as name:type, with '?' when optional.

    \b
    Example:
        ssbkg queries
        ssbkg queries --format md
    """
    from ..catalogue import list_queries

    rows = []
    for q in list_queries():
        rows.append({
            "name": q.name,
            "title": q.title,
            "parameters": " ".join(f"{p.name}:{p.type}{'' if p.required else '?'}"
                                   for p in q.params),
            "columns": ", ".join(q.columns),
        })
    emit(rows, fmt=fmt, output=output, columns=["name", "title", "parameters", "columns"])


COMMANDS = [query, queries]
