"""The diff and the warnings on the fixture pair (conftest.EDITS), asserted exactly.

Every expected value below is read off the edit list and the curated rows it
touches (the old values are the cells of data/*.csv, quoted in the comments),
not from the program's output.
"""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from ssbkg.build import build_store
from ssbkg.cli.main import cli
from ssbkg.export import export
from ssbkg.kg import KG
from ssbkg.monitor import FieldChange, diff, load_version
from ssbkg.monitor.render import CSV_COLUMNS, render
from ssbkg.monitor.warnings import KINDS, RULES, warnings
from ssbkg.resources import data_dir

EXPECTED_CHANGES = {
    ("changed", "sources", "src-r2-chinaorgbr-anwa-2025"): {("reliability", "secondary", "weak")},
    ("changed", "organisations", "easpring"): {("segments", ("cathode",), None)},
    ("changed", "organisations", "faw"): {("segments", ("cells", "nev"), ("cells", "nev", "packs"))},
    ("changed", "organisations", "toyota"): {("label_en", "Toyota", "Toyota Motor")},
    ("changed", "projects", "prologium-taiwan-gigafactory"): {("status", "operating", "suspended")},
    ("changed", "collaborations", "collab-iop-lab-welion-industrialisation"): {
        ("ended", None, "2026-05")},
    ("changed", "observations", "obs-idemitsu-li2s-completion"): {
        ("value", "2027", "2025"), ("ref_period", "2027-06", "2025-06")},
    ("changed", "observations", "obs-blue-solutions-alsace-capacity"): {("value", "25", "10")},
}

# collab-toyota-idemitsu-sulfide-se in data/collaborations.csv:
# joint_development, toyota;idemitsu, project idemitsu-se-pilot-plant, started 2023-10, pf-01;pf-03
REMOVED = ("removed", "collaborations", "collab-toyota-idemitsu-sulfide-se")


@pytest.fixture(scope="module")
def pair_diff(table_pair):
    old, new = table_pair
    return diff(load_version(old), load_version(new))


def _key(rc):
    return (rc.change, rc.table, rc.id)


def test_the_changes_are_exactly_the_edits(pair_diff):
    got = {_key(rc): {(f.field, f.old, f.new) for f in rc.fields} for rc in pair_diff.changes}
    removed = got.pop(REMOVED)
    assert got == EXPECTED_CHANGES
    with open(data_dir() / "collaborations.csv", encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["id"] == REMOVED[2])
    assert removed == {
        ("kind", row["kind"], None), ("parties", tuple(sorted(row["parties"].split(";"))), None),
        ("project", row["project"], None), ("started", row["started"], None),
        ("description", row["description"], None)}


def test_the_resourced_fact_is_listed_apart(pair_diff):
    [rc] = pair_diff.provenance
    assert _key(rc) == ("provenance", "observations", "obs-toyota-assb-rd-start")
    assert rc.fields == ()
    assert {(f.field, f.old, f.new) for f in rc.provenance} == {
        ("source", ("pf-02",), ("pf-01",)), ("locator", "#2", "#1")}
    assert (rc.sources_old, rc.sources_new) == (("pf-02",), ("pf-01",))
    assert rc.entity == "toyota"  # the observation's subject


def test_changes_carry_both_versions_sources_and_group_by_entity(pair_diff):
    by = {_key(rc): rc for rc in pair_diff.changes}
    rc = by[("changed", "observations", "obs-blue-solutions-alsace-capacity")]
    assert rc.sources_old == rc.sources_new == ("pf-32", "pf-33")
    assert rc.entity == "blue-solutions-alsace-gigafactory"
    groups = pair_diff.by_entity()
    assert [(c.table, c.id) for c in groups["toyota"]] == [
        ("organisations", "toyota"), ("observations", "obs-toyota-assb-rd-start")]
    assert pair_diff.summary()["rows"] == {"added": 0, "removed": 1, "changed": 8, "provenance": 1}


EXPECTED_WARNINGS = [
    ("status-backwards", "prologium-taiwan-gigafactory", "tw", "operating", "suspended"),
    ("past-due", "idemitsu-li2s-plant-chiba", "jp-chiba-ichihara", "planned, year 2027",
     "planned, year 2025 (as of 2026)"),
    ("capacity-cut", "blue-solutions-alsace-gigafactory", "fr-mulhouse",
     "25 GWh (stated 2024-05-17: obs-blue-solutions-alsace-capacity)",
     "10 GWh (stated 2024-05-17: obs-blue-solutions-alsace-capacity)"),
    ("new-gap", "easpring", "cn-bj", "1 organisation(s) in cathode: easpring",
     "0 organisation(s) in cathode"),
    ("gap-filled", "faw", "cn-jl", "0 organisation(s) in packs", "1 organisation(s) in packs: faw"),
    ("gap-filled", "faw", "cn-jl-changchun", "0 organisation(s) in packs",
     "1 organisation(s) in packs: faw"),
    ("platform-orphaned", "iop-cas-clean-energy-lab", "cn", "1 enterprise partner(s): welion",
     "0 enterprise partners"),
    ("source-weakened", "obs-anwa-wuhu-line-capacity-2025", "cn-ah-wuhu",
     "best source secondary: src-r2-chinaorgbr-anwa-2025",
     "best source weak: src-r2-chinaorgbr-anwa-2025"),
    ("collaboration-ended", "collab-iop-lab-welion-industrialisation", "cn",
     "technology_transfer, no end date", "ended 2026-05"),
    ("collaboration-ended", "collab-toyota-idemitsu-sulfide-se", "jp-tokyo",
     "joint_development, started 2023-10", "row removed"),
]


def test_every_rule_fires_once_for_its_edit_and_nothing_else(pair_diff):
    got = [(w.kind, w.entity, w.region, w.before, w.after) for w in warnings(pair_diff)]
    assert got == EXPECTED_WARNINGS
    assert {w[0] for w in got} == set(KINDS) == set(RULES)


def test_warnings_name_the_sources(pair_diff):
    ws = {(w.kind, w.entity): w for w in warnings(pair_diff)}
    w = ws[("new-gap", "easpring")]
    # easpring's row cites these three (data/organisations.csv)
    assert w.sources_old == ("src-r3-energytrend-easpring-lishen-2022",
                             "src-r3-energytrend-easpring-qingtao-2022", "ssbkg-curation")
    assert ws[("platform-orphaned", "iop-cas-clean-energy-lab")].sources_old == ("pf-43",)
    assert ws[("capacity-cut", "blue-solutions-alsace-gigafactory")].message == \
        "announced capacity cut by 60%"  # (25 - 10) / 25


def test_the_new_gap_agrees_with_a_count_from_the_csv_files(table_pair):
    # independent of the basis code: who is in Beijing (cn-bj or below) with cathode, OLD tables
    old, _ = table_pair

    def rows(name):
        with open(old / f"{name}.csv", encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    parent = {r["id"]: r["parent"] for r in rows("regions")}

    def in_bj(reg):
        while reg:
            if reg == "cn-bj":
                return True
            reg = parent.get(reg)
        return False

    ent = {r["id"] for r in rows("organisations") if r["type"] == "enterprise"}
    holders = {r["id"] for r in rows("organisations") if r["id"] in ent and in_bj(r["region"])
               and "cathode" in r["segments"].split(";")}
    holders |= {r["operator"] for r in rows("sites") if r["operator"] in ent and in_bj(r["region"])
                and "cathode" in r["segments"].split(";")}
    holders |= {d for r in rows("projects") if in_bj(r["region"])
                and "cathode" in r["segments"].split(";") for d in r["developer"].split(";")
                if d in ent}
    assert holders == {"easpring"}


def test_identical_inputs_give_an_empty_diff_and_no_warning(table_pair):
    old, _ = table_pair
    d = diff(load_version(old), load_version(data_dir()))
    assert d.empty and d.changes == [] and d.provenance == []
    assert warnings(d) == []
    assert render(d, "csv", []) == ",".join(CSV_COLUMNS) + "\n"
    assert json.loads(render(d, "json", []))["changes"] == []
    assert "No changes" in render(d, "md")


def test_a_store_and_an_export_give_the_same_diff_as_the_tables(table_pair, tmp_path):
    old, new = table_pair
    store = tmp_path / "old-kg"
    build_store(store, with_=[old], curated=False).store = None
    nq = tmp_path / "new.nq"
    export(KG(build_store(with_=[new], curated=False).store), nq, "nquads")
    from_tables = diff(load_version(old), load_version(new))
    from_rdf = diff(load_version(store), load_version(nq))
    assert [rc.as_dict() for rc in from_rdf] == [rc.as_dict() for rc in from_tables]
    # the derived coverage differs (Beijing cathode, Jilin packs) but is never listed
    assert from_rdf.ignored["derived"] > 0 and from_rdf.ignored["ontology"] == 0
    assert from_tables.ignored == {"ontology": 0, "derived": 0}


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.delenv("SSBKG_STORE", raising=False)
    monkeypatch.delenv("SSBKG_ENDPOINT", raising=False)
    return CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames \
        else CliRunner()


def test_cli_identical_inputs_exit_0_with_an_empty_diff(runner, table_pair):
    old, _ = table_pair
    r = runner.invoke(cli, ["diff", str(old), str(data_dir()), "--format", "csv",
                            "--fail-on", "any"])
    assert r.exit_code == 0
    assert r.stdout == ",".join(CSV_COLUMNS) + "\n"


def test_cli_changes_exit_0_without_fail_on(runner, table_pair):
    old, new = table_pair
    r = runner.invoke(cli, ["diff", str(old), str(new), "--warnings", "--format", "json"])
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert len(out["changes"]) == 9 and len(out["provenance"]) == 1
    assert [w["kind"] for w in out["warnings"]] == [w[0] for w in EXPECTED_WARNINGS]


@pytest.mark.parametrize("kind", ["new-gap", "any"])
def test_cli_fail_on_a_kind_that_fired_exits_3(runner, table_pair, kind):
    old, new = table_pair
    r = runner.invoke(cli, ["diff", str(old), str(new), "--fail-on", kind, "--format", "csv"])
    assert r.exit_code == 3
    assert "fail-on:" in r.stderr
    # without --warnings the warnings are computed but not listed
    assert "warning," not in r.stdout


def test_cli_fail_on_a_kind_that_did_not_fire_exits_0(runner, table_pair, tmp_path):
    import shutil

    from .conftest import edit

    new = tmp_path / "renamed"
    shutil.copytree(table_pair[0], new)
    edit(new, "organisations", "toyota", label_en="Toyota Motor")
    r = runner.invoke(cli, ["diff", str(table_pair[0]), str(new), "--fail-on", "any"])
    assert r.exit_code == 0
    assert "organisations" in r.stdout and "Toyota Motor" in r.stdout


def test_cli_csv_is_the_librarys_csv(runner, table_pair):
    old, new = table_pair
    r = runner.invoke(cli, ["diff", str(old), str(new), "--warnings", "--format", "csv"])
    d = diff(load_version(old), load_version(new))
    assert r.stdout == render(d, "csv", warnings(d))


def test_cli_writes_atomically_to_a_file(runner, table_pair, tmp_path):
    old, new = table_pair
    out = tmp_path / "d" / "diff.md"
    r = runner.invoke(cli, ["diff", str(old), str(new), "--format", "md", "-o", str(out)])
    assert r.exit_code == 0 and r.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# What changed")
    assert [p.name for p in out.parent.iterdir()] == ["diff.md"]


@pytest.mark.parametrize("args, message", [
    (["/nonexistent/old", "{new}"], "no such file or folder"),
    (["{empty}", "{new}"], "neither an ssbkg store"),
    (["{txt}", "{new}"], "expected a store folder"),
])
def test_cli_bad_input_is_one_line(runner, table_pair, tmp_path, args, message):
    (tmp_path / "empty").mkdir()
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    subst = {"new": str(table_pair[1]), "empty": str(tmp_path / "empty"),
             "txt": str(tmp_path / "x.txt")}
    r = runner.invoke(cli, ["diff", *[a.format(**subst) for a in args]])
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0]


def test_names_from_the_data_are_escaped_in_markdown(tmp_path, table_pair):
    import shutil

    from .conftest import edit

    new = tmp_path / "hostile"
    shutil.copytree(table_pair[0], new)
    edit(new, "organisations", "toyota", label_en="<img src=x onerror=alert(1)> | [a](javascript:x)")
    text = render(diff(load_version(table_pair[0]), load_version(new)), "md")
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt; \\| \\[a\\](javascript:x)" in text


def test_synthetic_tables_and_their_export_give_the_same_diff(tmp_path):
    # a synthetic KG lives in its own namespace (ssbsyn:) beside the ssbd: ontology graph
    from ssbkg.synthetic import synthetic_tables

    from .conftest import edit

    old, new = tmp_path / "old", tmp_path / "new"
    synthetic_tables(old, triples=2000, seed=3)
    synthetic_tables(new, triples=2000, seed=3)
    edit(new, "organisations", "syn-org-000001", note="edited")
    nqs = []
    for folder in (old, new):
        nq = tmp_path / f"{folder.name}.nq"
        export(KG(build_store(with_=[folder], curated=False).store), nq, "nquads")
        nqs.append(nq)
    a = diff(load_version(old), load_version(new))
    b = diff(load_version(nqs[0]), load_version(nqs[1]))
    assert [(rc.change, rc.table, rc.id, rc.fields) for rc in b] == [
        ("changed", "organisations", "syn-org-000001", (FieldChange("note", None, "edited"),))]
    assert [rc.as_dict() for rc in a] == [rc.as_dict() for rc in b]
