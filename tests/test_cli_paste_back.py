"""What the CLI prints can be pasted back: IRIs as valid SPARQL terms, language tags kept."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from ssbkg.cli.main import cli

ZJ_LABELS = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
             "SELECT ?l WHERE { <https://w3id.org/ssbkg/id/region/cn-zj> skos:prefLabel ?l } ORDER BY ?l")


def _run(args, stdin=None):
    result = CliRunner().invoke(cli, args, input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


def test_csv_and_json_keep_the_language_of_each_label():
    # regions.csv row cn-zj: label_en Zhejiang, label_zh 浙江
    assert _run(["query", "--file", "-", "--format", "csv"], ZJ_LABELS) == "l,l_lang\nZhejiang,en\n浙江,zh\n"
    rows = json.loads(_run(["query", "--file", "-", "--format", "json"], ZJ_LABELS))
    assert rows == [{"l": "Zhejiang", "l_lang": "en"}, {"l": "浙江", "l_lang": "zh"}]


def test_tables_for_reading_show_the_text_alone():
    out = _run(["query", "--file", "-", "--format", "md"], ZJ_LABELS)
    assert "_lang" not in out and "浙江" in out


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_every_printed_iri_parses_as_a_sparql_term(fmt):
    out = _run(["query", "region-hierarchy", "-p", "region=Zhejiang", "--format", "csv"])
    cells = [c for row in csv.reader(io.StringIO(out)) for c in row[:1] + row[3:4] + row[-2:]]
    terms = {c for c in cells if c.startswith("<") or c.startswith("ssb:")}
    assert "<https://w3id.org/ssbkg/id/region/cn-zj-huzhou>" in terms  # regions.csv: Huzhou in Zhejiang
    prefixes = "PREFIX ssb: <https://w3id.org/ssbkg/ontology#>\n"
    for term in sorted(terms):
        ox.Store().query(prefixes + f"SELECT ?x WHERE {{ VALUES ?x {{ {term} }} }}")  # raises if invalid


def test_a_printed_iri_is_accepted_back_as_a_parameter():
    by_name = _run(["query", "region-hierarchy", "-p", "region=Zhejiang", "--format", "csv"])
    iri = next(csv.reader(io.StringIO(by_name.splitlines()[1])))[0]
    assert iri == "<https://w3id.org/ssbkg/id/region/cn-zj>"
    assert _run(["query", "region-hierarchy", "-p", f"region={iri}", "--format", "csv"]) == by_name
