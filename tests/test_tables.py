"""Reading and checking the data tables: every bad input names file, line and column."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ssbkg.errors import InputError
from ssbkg.tables import SCHEMAS, parse_date, read_table, read_tables


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_tiny_tables_read(tiny_dir):
    tables = read_tables(tiny_dir, curated=False)
    # rows counted in the fixture files by hand
    assert tables.counts() == {
        "sources": 2, "regions": 4, "organisations": 3, "platforms": 1, "projects": 1,
        "collaborations": 1, "observations": 2, "policies": 1, "challenges": 1,
        "recommendations": 1, "people": 1,
    }
    alpha = tables.ids()["org-alpha"]
    assert alpha.line == 2  # header is line 1
    assert alpha["segments"] == ("cells", "cathode")
    assert alpha["alt_labels"] == ("Alpha", "阿法")
    assert alpha["founded"] == ("2015-03", "gYearMonth")
    cap = tables.ids()["obs-cap"]
    assert cap["value"] == Decimal("2") and cap["upper_value"] == Decimal("4")
    assert tables.ids()["obs-pat"]["rank"] == 1
    # a quoted cell with a comma and doubled quotes
    assert tables.ids()["ch-cost"]["manifestation"] == 'Electrolyte costs 5x liquid, "quoted"'


def test_schemas_match_design_columns():
    # docs/design.md, table "Tables": organisations has 14 columns in this order
    assert [c.name for c in SCHEMAS["organisations"]] == [
        "id", "type", "label_en", "label_zh", "alt_labels", "region", "parent_org",
        "segments", "routes", "founded", "source", "locator", "inference", "note"]
    # issue 9: sites.csv, standing facilities apart from headquarters (docs/data.md)
    assert [c.name for c in SCHEMAS["sites"]] == [
        "id", "kind", "label_en", "label_zh", "operator", "region", "segments", "routes",
        "status", "opened", "source", "locator", "inference", "note"]
    assert [c.name for c in SCHEMAS["claims"]] == [
        "id", "subject", "property", "value", "stated_on", "source", "locator", "inference", "note"]
    assert [c.name for c in SCHEMAS["attributions"]] == [
        "id", "figure", "by", "source", "locator", "inference", "note"]
    assert len(SCHEMAS) == 14


@pytest.mark.parametrize("text, expected", [
    ("2027", ("2027", "gYear")),
    ("2023-10", ("2023-10", "gYearMonth")),
    ("2024-02-29", ("2024-02-29", "date")),  # 2024 is a leap year
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2023-13", "2023-02-29", "23-10", "2023/10", "2023-1"])
def test_parse_date_rejects(text):
    with pytest.raises(ValueError):
        parse_date(text)


# (file, text to replace, replacement, expected line, expected field, words in message)
BAD_CASES = [
    ("regions.csv", "id,level,label_en,label_zh,parent,iso_code,source,locator,inference,note",
     "id,level,label_en,label_zh,parent,iso_code,source,inference,note", 1, "locator",
     "missing column"),
    ("organisations.csv", "Alpha;阿法,tx-city", "Alpha;阿法,tx-nowhere", 2, "region",
     "unknown reference 'tx-nowhere'"),
    ("projects.csv", "org-beta;plat-lab", "org-beta;plat-nope", 2, "partners",
     "unknown reference 'plat-nope'"),
    ("organisations.csv", "tx-prov,org-alpha,", "tx-prov,org-nope,", 3, "parent_org",
     "unknown reference"),
    ("organisations.csv", "cells;cathode", "cells;cathodes", 2, "segments",
     "unknown segment 'cathodes'"),
    ("organisations.csv", ",sulfide,2015-03,src-a", ",sulfid,2015-03,src-a", 2, "routes",
     "unknown route"),
    ("organisations.csv", "2015-03,src-a", "2015-03,src-zzz", 2, "source",
     "unknown reference 'src-zzz'"),
    ("observations.csv", "annual_capacity,2,4,", "annual_capacity,-2,4,", 2, "value",
     "negative amount"),
    ("observations.csv", ",1,China,", ",-1,China,", 3, "rank", "negative count"),
    ("observations.csv", "GigaW-HR", "GWh", 2, "unit", "unknown unit 'GWh'"),
    ("observations.csv", "annual_capacity,2,4,", "annual_capacity,2,1,", 2, "upper_value",
     "below value"),
    ("observations.csv", "annual_capacity,2,", "annual_capacity,2.5.1,", 2, "value",
     "malformed number"),
    ("organisations.csv", "2015-03", "2015-13", 2, "founded", "month 13"),
    ("projects.csv", "2024-01-15,,src-a", "2024-02-30,,src-a", 2, "started",
     "day is out of range"),
    ("platforms.csv", "plat-lab,key_laboratory", "org-alpha,key_laboratory", 2, "id",
     "duplicate id 'org-alpha'"),
    ("organisations.csv", "Bay University,", ",", 4, "label_en", "required field is empty"),
    ("organisations.csv", "org-uni,university", "org-uni,college", 4, "type",
     "unknown orgtype 'college'"),
    ("regions.csv", "tx-city,city", "Tx City,city", 5, "id", "malformed id"),
    ("sources.csv", "https://example.org/a", "https://example.org/a b", 2, "url",
     "malformed URL"),
]


@pytest.mark.parametrize("name, old, new, line, field, words", BAD_CASES,
                         ids=[f"{c[4]}-{c[5].split()[0]}" for c in BAD_CASES])
def test_bad_input_names_file_row_field(tiny_copy, name, old, new, line, field, words):
    _replace(tiny_copy / name, old, new)
    with pytest.raises(InputError) as info:
        read_tables(tiny_copy, curated=False)
    err = info.value
    assert err.file.endswith(name)
    assert (err.row, err.field) == (line, field)
    assert words in str(err)
    assert "\n" not in str(err)


def test_non_utf8_names_row_and_field(tiny_copy):
    path = tiny_copy / "organisations.csv"
    # "Bay University" on line 4 becomes Latin-1 "Bay Universit\xe9"
    data = path.read_bytes().replace(b"Bay University", b"Bay Universit\xe9")
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_tables(tiny_copy, curated=False)
    assert (info.value.row, info.value.field) == (4, "label_en")
    assert "not UTF-8" in str(info.value)


def test_duplicate_id_across_folders(tiny_copy, tmp_path):
    other = tmp_path / "more"
    other.mkdir()
    (other / "regions.csv").write_text(
        "id,level,label_en,label_zh,parent,iso_code,source,locator,inference,note\n"
        "tx-new,city,New City,,tx-prov,,src-a,,,\n"
        "tx-city,city,Bay City again,,tx-prov,,src-a,,,\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_tables(tiny_copy, other, curated=False)
    err = info.value
    assert err.file == str(other / "regions.csv") and err.row == 3 and err.field == "id"
    # and a reference from the second folder into the first resolves
    (other / "regions.csv").write_text(
        "id,level,label_en,label_zh,parent,iso_code,source,locator,inference,note\n"
        "tx-new,city,New City,,tx-prov,,src-a,,,\n", encoding="utf-8")
    assert read_tables(tiny_copy, other, curated=False).counts()["regions"] == 5


def test_unknown_table_and_extra_column(tiny_copy):
    (tiny_copy / "organizations.csv").write_text("id\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown table 'organizations'"):
        read_tables(tiny_copy, curated=False)
    (tiny_copy / "organizations.csv").unlink()
    _replace(tiny_copy / "people.csv", "role,source", "role,sources")
    with pytest.raises(InputError) as info:
        read_tables(tiny_copy, curated=False)
    assert info.value.row == 1 and info.value.field in ("source", "sources")


def test_wrong_cell_count(tiny_copy):
    _replace(tiny_copy / "people.csv", "Chief scientist,src-a,,,", "Chief scientist,src-a,,")
    with pytest.raises(InputError) as info:
        read_tables(tiny_copy, curated=False)
    assert info.value.row == 2 and "8 cells but the header has 9" in str(info.value)


def test_percent_may_be_negative(tiny_copy):
    _replace(tiny_copy / "observations.csv", "120,,NUM", "-12.5,,PERCENT")
    tables = read_tables(tiny_copy, curated=False)
    assert tables.ids()["obs-pat"]["value"] == Decimal("-12.5")


def test_unknown_indicator_when_the_ontology_lists_them(tiny_copy):
    _replace(tiny_copy / "observations.csv", "patent_count", "patent_cnt")
    with pytest.raises(InputError) as info:
        read_tables(tiny_copy, curated=False, indicators={"annual_capacity", "patent_count"})
    assert (info.value.row, info.value.field) == (3, "indicator")
    assert "did you mean patent_count" in str(info.value)


def test_read_table_blank_lines_keep_line_numbers(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text("id,title,publisher,url,issued,kind,reliability,note\n\n"
                    "s1,T,,,,study,primary,\n", encoding="utf-8")
    # the blank line 2 is skipped; s1 is on line 3
    assert [r.line for r in read_table(path)] == [3]


def test_curated_tables_read():
    tables = read_tables()
    assert tables.n_rows > 0
    assert all(rec.curated for rec in tables)


@pytest.mark.parametrize("concept, prefix", [
    ("segment", "seg_"), ("route", "route_"), ("status", "status_"), ("collab", "collab_"),
    ("qual", "qual_"), ("kind", "kind_"), ("level", "level_"),
    ("reliability", "reliability_"), ("sourcekind", "sourcekind_"),
    ("policykind", "policykind_"),
])
def test_concept_ids_agree_with_the_closed_namespace(concept, prefix):
    # the table values of docs/design.md and the concepts the ontology declares
    from ssbkg.namespace import SSB
    from ssbkg.tables import CONCEPTS

    declared = {n[len(prefix):] for n in SSB.__annotations__ if n.startswith(prefix)}
    assert CONCEPTS[concept] == declared
