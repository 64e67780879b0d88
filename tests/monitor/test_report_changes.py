"""The report's "What changed" section (ssbkg report --since OLD)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ssbkg.build import build_store
from ssbkg.cli.main import cli
from ssbkg.kg import KG
from ssbkg.report import SECTION_IDS, cluster_gap_report


@pytest.fixture(scope="module")
def new_kg(table_pair):
    return KG(build_store(with_=[table_pair[1]], curated=False).store)


def _section(rep, ident):
    return rep.section(ident)


def test_the_section_comes_after_the_summary_only_when_asked(new_kg, table_pair):
    rep = cluster_gap_report(new_kg, "China", since=table_pair[0])
    assert [s["id"] for s in rep.sections] == ["summary", "changes", *SECTION_IDS[1:]]
    assert [s["number"] for s in rep.sections] == list(range(1, len(SECTION_IDS) + 2))
    plain = cluster_gap_report(new_kg, "China")
    assert [s["id"] for s in plain.sections] == list(SECTION_IDS)


def test_the_warnings_about_china_are_the_edits_located_in_china(new_kg, table_pair):
    # of conftest.EDITS, these concern entities in China: Easpring (Beijing), FAW (Changchun,
    # Jilin), the IoP CAS laboratory (China) and its collaboration, Anwa's Wuhu line; the
    # others are in Taiwan, Japan and France
    rep = cluster_gap_report(new_kg, "China", since=table_pair[0])
    tables = [b for b in _section(rep, "changes")["blocks"] if b["type"] == "table"]
    warn, rows = tables
    kinds = [r[0] for r in warn["rows"]]
    assert kinds == ["new gap", "gap filled", "gap filled", "platform without enterprise",
                     "source weakened", "collaboration ended"]
    assert [r[1] for r in rows["rows"]] == [
        "organisations/easpring", "organisations/faw",
        "collaborations/collab-iop-lab-welion-industrialisation"]
    # the sources cited by the section are listed in the report's last section
    listed = {s["id"] for s in rep.content["sources"]}
    assert {"pf-43", "src-r2-chinaorgbr-anwa-2025"} <= listed


def test_a_region_with_no_change_says_so_in_chinese(new_kg, table_pair):
    rep = cluster_gap_report(new_kg, "Zhejiang", since=table_pair[0], lang="zh")
    sec = _section(rep, "changes")
    assert sec["title"] == "变化情况"
    text = json.dumps(sec["blocks"], ensure_ascii=False)
    assert "没有涉及" in text and "浙江" in text  # no warning concerns Zhejiang


def test_the_same_version_gives_nothing_changed(table_pair, new_kg):
    rep = cluster_gap_report(new_kg, "China", since=table_pair[1])
    [block] = _section(rep, "changes")["blocks"]
    assert block["runs"][0].startswith("Nothing changed since ")


def test_cli_report_since(tmp_path, table_pair, monkeypatch):
    monkeypatch.delenv("SSBKG_STORE", raising=False)
    store = tmp_path / "kg"
    build_store(store, with_=[table_pair[1]], curated=False).store = None
    out = tmp_path / "r.md"
    r = CliRunner().invoke(cli, ["report", "--region", "China", "--store", str(store),
                                 "--since", str(table_pair[0]), "-o", str(out)])
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "## 2. What changed" in text and "| new gap | Beijing Easpring" in text
