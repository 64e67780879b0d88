"""``ssbkg query`` and ``ssbkg queries``: run named or ad-hoc SPARQL, list the catalogue."""

from __future__ import annotations

import sys

import click

from ..errors import QueryError
from .common import compact, kg_options, open_kg, plain
from .output import emit, output_options

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
@click.option("--timeout", type=click.FloatRange(min=0), default=300, show_default=True,
              help="Stop a query after this many seconds (0: no limit); local queries run "
                   "in a worker process so that they can be stopped.")
@output_options
@kg_options
def query(name, params, file, full_iris, timeout, fmt, output, store, endpoint):
    """Run a named query of the catalogue, or the SPARQL in a file.

    Parameters are resolved by id or label (English or Chinese) and bound,
    never pasted into the query text. ASK prints true/false; CONSTRUCT prints
    N-Triples.

    \b
    Example:
        ssbkg query region-routes --param region=Zhejiang --format md
        ssbkg query region-routes -p region=浙江 -p route=sulfide
        echo 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }' | ssbkg query --file -
    """
    if (name is None) == (file is None):
        raise click.UsageError("give a query NAME or --file FILE (see 'ssbkg queries')")
    import pandas as pd
    import pyoxigraph as ox

    from ..catalogue import parse_header, run

    kg = open_kg(store, endpoint)
    if timeout:
        kg = kg.with_timeout(timeout)
    given = _params(params)
    # machine formats keep each literal's language tag in a <column>_lang column
    langs = fmt in ("csv", "tsv", "json")
    if name is not None:
        frame = run(kg, name, with_languages=langs, **given)
    else:
        text = file.read()
        label = "stdin" if file.name in ("-", "<stdin>") else file.name
        named = parse_header(text, label)
        if named.params or given:
            frame = run(kg, named, with_languages=langs, **given)
        else:
            form = _query_form(text, label)
            if form != "select":
                result = kg.query(text, name=label)
                if form == "ask":
                    click.echo("true" if result else "false")
                else:
                    data = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
                    sys.stdout.write(data.decode("utf-8"))
                return
            frame = kg.query_df(text, name=label, with_languages=langs)
    if not full_iris:
        for c in frame.columns:
            if not pd.api.types.is_numeric_dtype(frame[c]):
                frame[c] = [compact(v) for v in frame[c]]
    emit(plain(frame), fmt=fmt, output=output)


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
