"""Impossible values are refused when the tables are read (build and validate both read
them): numbers that are not finite or not plausible for their unit, dates that do not
exist, lie outside 1900-2100 or come in the wrong order. One line naming file, row, field.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from ssbkg import vocab
from ssbkg.cli.main import cli
from ssbkg.errors import InputError
from ssbkg.tables import EARLY_DATE, PLAUSIBLE, read_tables


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _refused(folder):
    with pytest.raises(InputError) as info:
        read_tables(folder, curated=False)
    assert "\n" not in str(info.value)
    return info.value


# the fixture's capacity obs-cap: value 2, upper 4 GigaW-HR, on observations.csv line 2
CAP = "annual_capacity,2,4,GigaW-HR"

# (file, old, new, row, field, words)
CASES = [
    # 1 followed by 309 zeros: float() of it is inf (issue 15)
    ("observations.csv", CAP, f"annual_capacity,2,1{'0' * 309},GigaW-HR", 2, "upper_value",
     "out of the range a number can hold"),
    # 10 TWh = 10,000 GWh is the ceiling of an energy figure; 10,001 GWh is refused
    ("observations.csv", CAP, "annual_capacity,2,10001,GigaW-HR", 2, "upper_value",
     "implausible value 10001 GigaW-HR"),
    ("observations.csv", CAP, "annual_capacity,20000000,20000000,MegaW-HR", 2, "value",
     "implausible value 20000000 MegaW-HR"),
    # 100 Mt = 1e8 t
    ("observations.csv", CAP, "annual_capacity,2,100000001,TONNE", 2, "upper_value",
     "implausible value 100000001 TONNE"),
    ("observations.csv", ",1,China,", ",100001,China,", 3, "rank", "implausible rank"),
    # dates that do not exist
    ("organisations.csv", "2015-03,src-a", "0000,src-a", 2, "founded", "no year 0000"),
    ("projects.csv", "2024-01-15,,src-a", "2023-02-30,,src-a", 2, "started",
     "day is out of range"),
    # implausible years
    ("organisations.csv", "2015-03,src-a", "1899,src-a", 2, "founded", "before 1900"),
    ("observations.csv", "2024-01-15,2026", "2024-01-15,2101", 2, "ref_period", "after 2100"),
    # order: completed before started, ended before started
    ("projects.csv", "2024-01-15,,src-a", "2024-01-15,2023-12,src-a", 2, "completed",
     "completed 2023-12 is before started 2024-01-15"),
    ("collaborations.csv", "proj-line,2024,,", "proj-line,2024,2023,", 2, "ended",
     "ended 2023 is before started 2024"),
]


@pytest.mark.parametrize("name, old, new, row, field, words", CASES,
                         ids=[f"{c[4]}-{c[5].split()[0]}-{i}" for i, c in enumerate(CASES)])
def test_an_impossible_value_is_refused_naming_file_row_field(tiny_copy, name, old, new, row,
                                                              field, words):
    _replace(tiny_copy / name, old, new)
    err = _refused(tiny_copy)
    assert err.file.endswith(name) and (err.row, err.field) == (row, field)
    assert words in str(err)
    assert str(err).startswith(f"{err.file}, row {row}, field '{field}': ")


def test_the_bounds_themselves_are_accepted(tiny_copy):
    # 10,000 GWh and 100 Mt exactly are plausible (the bounds are inclusive)
    _replace(tiny_copy / "observations.csv", CAP, "annual_capacity,2,10000,GigaW-HR")
    assert read_tables(tiny_copy, curated=False).ids()["obs-cap"]["upper_value"] == Decimal(10000)


@pytest.mark.parametrize("start, end", [("2024", "2024-01"), ("2024-05", "2024"),
                                        ("2024-05-31", "2024-05"), ("2024-01-15", "2024-01-15")])
def test_dates_of_different_precision_are_ordered_only_when_they_cannot_overlap(tiny_copy,
                                                                                start, end):
    # "2024-05" started, "2024" completed: May 2024 can lie within 2024, so accepted
    _replace(tiny_copy / "projects.csv", "2024-01-15,,src-a", f"{start},{end},src-a")
    assert read_tables(tiny_copy, curated=False).ids()["proj-line"]["completed"][0] == end


def test_a_date_before_1900_is_accepted_when_the_note_says_the_source_gives_it(tiny_copy):
    path = tiny_copy / "organisations.csv"
    _replace(path, "2015-03,src-a,table 2,,", f"1886,src-a,table 2,,founded 1886 {EARLY_DATE}")
    assert read_tables(tiny_copy, curated=False).ids()["org-alpha"]["founded"] == ("1886", "gYear")


def test_a_milestone_year_is_a_plausible_year(tiny_copy):
    _replace(tiny_copy / "observations.csv", "patent_count,120,", "milestone_year,1850,")
    err = _refused(tiny_copy)
    assert (err.row, err.field) == (3, "value") and "before 1900" in str(err)


def test_a_share_may_fall_but_not_below_minus_100_percent(tiny_copy):
    _replace(tiny_copy / "observations.csv", "patent_count,120,,NUM", "patent_count,-100,,PERCENT")
    read_tables(tiny_copy, curated=False)
    _replace(tiny_copy / "observations.csv", "patent_count,-100,,PERCENT",
             "patent_count,-100.5,,PERCENT")
    err = _refused(tiny_copy)
    assert (err.row, err.field) == (3, "value") and "implausible value -100.5 PERCENT" in str(err)


def test_every_unit_has_a_documented_range():
    from pathlib import Path

    assert set(PLAUSIBLE) == set(vocab.UNITS) | set(vocab.CURRENCIES)
    docs = (Path(__file__).parents[1] / "docs" / "data.md").read_text(encoding="utf-8")
    section = docs.split("## Plausible values", 1)[1]
    for unit in PLAUSIBLE:
        assert f"`{unit}`" in section, f"docs/data.md does not give the range of {unit}"


def test_the_curated_tables_are_all_plausible():
    read_tables()  # raises on the first implausible row


def test_build_refuses_in_one_line(tiny_copy, tmp_path):
    _replace(tiny_copy / "observations.csv", CAP, f"annual_capacity,2,1{'0' * 309},GigaW-HR")
    result = CliRunner().invoke(cli, ["build", "--no-curated", "--with", str(tiny_copy),
                                      "--store", str(tmp_path / "kg")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "observations.csv, row 2, field 'upper_value'" in lines[0]
    assert "(310 characters)" in lines[0]
    assert not (tmp_path / "kg").exists()
