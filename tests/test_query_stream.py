"""Streaming results: ``ssbkg query`` writes csv, tsv and jsonl rows as they come,
``--limit N`` stops the query, and a result too big to hold is no problem.

The checks are on behaviour, never on wall time: rows read from the pipe while the
command still runs; a query whose full result no machine could hold (a cross product
of the store with itself, three times: about 10^9 rows on the tiny store) answering
a limited request; the writer taking rows from an iterator one at a time.
"""

from __future__ import annotations

import io
import json
import os
import select
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ssbkg.cli.main import cli
from ssbkg.cli.output import render
from ssbkg.kg import KG

CROSS = "SELECT ?a ?b ?c { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }"
LABELS = ("SELECT ?r ?l { ?r <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } "
          "ORDER BY ?r ?l")
SSBKG = shutil.which("ssbkg") or os.path.join(os.path.dirname(sys.executable), "ssbkg")


def _invoke(args, stdin=None):
    return CliRunner().invoke(cli, args, input=stdin)


def _count_triples(store_path):
    return KG.from_path(store_path).count("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")


def test_rows_are_readable_from_the_pipe_while_the_query_still_runs(tiny_store_path):
    # the cross product has (triples)^3 rows: holding it is impossible, so any row that
    # arrives was written before the query ended, and the command is still running
    n = _count_triples(tiny_store_path)
    assert n ** 3 > 10 ** 8
    proc = subprocess.Popen([SSBKG, "query", "--store", str(tiny_store_path), "--file", "-",
                             "--format", "csv"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        proc.stdin.write(CROSS.encode())
        proc.stdin.close()
        lines = []
        while len(lines) < 4:
            # a hang guard, not a time assertion: today's path never writes a row
            ready, _, _ = select.select([proc.stdout], [], [], 120)
            assert ready, "no row from the pipe"
            lines.append(proc.stdout.readline().decode())
        assert proc.poll() is None  # rows arrived before the query finished
    finally:
        proc.kill()
        proc.wait()
    assert lines[0] == "a,b,c\n"
    assert all(len(line.rstrip("\n").split(",")) == 3 for line in lines[1:])


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "json", "md", "table"])
def test_limit_stops_an_unholdable_query_and_says_so(tiny_store_path, fmt):
    result = _invoke(["query", "--store", str(tiny_store_path), "--file", "-", "--format", fmt,
                      "--limit", "5"], CROSS)
    assert result.exit_code == 0, result.output
    out = result.stdout
    body = {"csv": out.splitlines()[1:], "tsv": out.splitlines()[1:],
            "jsonl": out.splitlines(), "json": json.loads(out) if fmt == "json" else None,
            "md": out.splitlines()[2:], "table": out.splitlines()[2:]}[fmt]
    assert len(body) == 5
    assert "note: --limit 5 cut the result: the first 5 rows shown, more exist" in result.stderr


def test_a_limit_that_cuts_nothing_is_not_reported(tiny_kg):
    full = _invoke(["query", "--file", "-", "--format", "csv"], LABELS)
    n = len(full.stdout.splitlines()) - 1
    assert n > 3
    exact = _invoke(["query", "--file", "-", "--format", "csv", "--limit", str(n)], LABELS)
    assert exact.stdout == full.stdout and "cut" not in exact.stderr
    cut = _invoke(["query", "--file", "-", "--format", "csv", "--limit", str(n - 1)], LABELS)
    assert cut.stdout == "".join(full.stdout.splitlines(True)[:n])
    assert f"--limit {n - 1} cut the result" in cut.stderr
    zero = _invoke(["query", "--file", "-", "--format", "csv", "--limit", "0"], LABELS)
    assert zero.stdout == "r,l,l_lang\n" and "no rows shown" in zero.stderr


def test_limit_applies_to_named_queries_and_construct():
    full = _invoke(["query", "region-routes", "-p", "region=Zhejiang", "--format", "csv"])
    cut = _invoke(["query", "region-routes", "-p", "region=Zhejiang", "--format", "csv",
                   "--limit", "2"])
    assert cut.exit_code == 0
    assert cut.stdout == "".join(full.stdout.splitlines(True)[:3])
    construct = _invoke(["query", "--file", "-", "--limit", "3"],
                        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert construct.exit_code == 0 and len(construct.stdout.splitlines()) == 3
    assert "--limit 3 cut the result: 3 of" in construct.stderr


def test_jsonl_is_the_json_array_one_row_a_line():
    args = ["query", "region-routes", "-p", "region=Zhejiang", "--format"]
    array = json.loads(_invoke(args + ["json"]).stdout)
    lines = [json.loads(line) for line in _invoke(args + ["jsonl"]).stdout.splitlines()]
    assert lines == array and len(lines) > 1
    assert "region_label_lang" in lines[0]  # language tags kept as in csv and json


def test_csv_streamed_is_the_table_the_catalogue_returns():
    # two views of one query: the DataFrame of catalogue.run and the streamed csv
    from ssbkg.build import curated_kg
    from ssbkg.catalogue import run
    from ssbkg.cli.common import compact, plain

    frame = plain(run(curated_kg(), "region-routes", region="Zhejiang", with_languages=True))
    for c in frame.columns:
        frame[c] = [compact(v) for v in frame[c]]
    streamed = _invoke(["query", "region-routes", "-p", "region=Zhejiang", "--format", "csv"])
    assert streamed.stdout == render(frame, fmt="csv")


def test_streamed_output_to_a_file_is_whole(tmp_path, tiny_store_path):
    target = tmp_path / "rows.tsv"
    result = _invoke(["query", "--store", str(tiny_store_path), "--file", "-", "--format", "tsv",
                      "--limit", "1000", "-o", str(target)], CROSS)
    assert result.exit_code == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "a\tb\tc" and len(lines) == 1001
    assert [p.name for p in tmp_path.iterdir()] == ["rows.tsv"]  # no temporary file left


def test_a_reader_that_leaves_stops_the_query_without_a_traceback(tiny_store_path):
    # ssbkg query ... | head -2 : the query stops, no BrokenPipeError traceback
    proc = subprocess.Popen([SSBKG, "query", "--store", str(tiny_store_path), "--file", "-",
                             "--format", "csv"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdin.write(CROSS.encode())
    proc.stdin.close()
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait() == 141
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_the_writer_takes_rows_one_at_a_time_and_writes_each_before_the_next():
    from ssbkg.cli.output import emit_stream

    out = io.StringIO()
    seen = []

    def rows():
        for i in range(5):
            # every row given before is already written when the next one is asked for
            seen.append(out.getvalue().count("\n"))
            yield (i, f"r{i}")

    original = sys.stdout
    sys.stdout = out
    try:
        emit_stream(["n", "name"], rows(), fmt="csv")
    finally:
        sys.stdout = original
    assert seen == [1, 2, 3, 4, 5]  # the header, then one more line per row
    assert out.getvalue().splitlines()[-1] == "4,r4"


@pytest.mark.parametrize("timeout", [None, 60])
def test_kg_rows_stops_at_the_limit_in_process_and_in_a_worker(tiny_store_path, timeout):
    kg = KG.from_path(tiny_store_path)
    if timeout:
        kg = kg.with_timeout(timeout)
    with kg.rows(CROSS, limit=7) as rows:
        got = list(rows)
    assert len(got) == 7 and rows.truncated and rows.count == 7
    assert rows.columns == ["a", "b", "c"]


def test_a_language_tag_seen_only_after_the_read_ahead_is_said(tiny_kg):
    # the first row is untagged; later ones are tagged; a read-ahead of one row cannot
    # choose an _lang column, so the stream says what it left out
    text = ('SELECT ?l { VALUES ?l { "plain" "zwei"@de "drei"@de } }')
    rows = tiny_kg.rows(text, with_languages=True, lookahead=1)
    assert rows.columns == ["l"] and list(rows) == [("plain",), ("zwei",), ("drei",)]
    assert len(rows.notes) == 1 and "column 'l' has language-tagged values" in rows.notes[0]
    whole = tiny_kg.rows(text, with_languages=True)
    assert whole.columns == ["l", "l_lang"]
    assert list(whole) == [("plain", None), ("zwei", "de"), ("drei", "de")] and not whole.notes
