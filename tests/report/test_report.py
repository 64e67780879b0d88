"""The cluster-gap report: sections, values against the tables, escaping, reruns, the CLI."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ssbkg.cli.main import cli
from ssbkg.report import SECTION_IDS, Report, cluster_gap_report

HOSTILE = "<img src=x onerror=alert(1)>"

DATA = Path(__file__).resolve().parents[2] / "data"


def _rows(name):
    with open(DATA / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _ancestors():
    parent = {r["id"]: r["parent"] for r in _rows("regions.csv")}

    def up(x):
        out = []
        while x:
            out.append(x)
            x = parent.get(x)
        return out

    return up


def _located_in(region):
    """Organisations and platforms located in ``region`` or below, read from the CSV files."""
    up = _ancestors()
    return sorted(r["id"] for name in ("organisations.csv", "platforms.csv") for r in _rows(name)
                  if region in up(r["region"]))


def _runs(obj):
    """Every run (dict) in a block tree."""
    if isinstance(obj, dict):
        if any(k in obj for k in ("num", "name", "cite")):
            yield obj
        for v in obj.values():
            if isinstance(v, (dict, list)):
                yield from _runs(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _runs(v)


def _table(section, first_header):
    for b in section["blocks"]:
        if b["type"] == "table" and b["headers"][0] == first_header:
            return b
    raise AssertionError(f"no table starting with {first_header!r}")


def _text(runs):
    out = []
    for r in runs if isinstance(runs, list) else [runs]:
        if isinstance(r, str):
            out.append(r)
        elif isinstance(r, list):
            out.append(_text(r))
        elif r:
            out.append(str(r.get("text", r.get("name", ""))))
    return "".join(out)


def _regions_with_coverage(min_orgs):
    up = _ancestors()
    provinces = [r["id"] for r in _rows("regions.csv") if r["level"] == "province"
                 and r["id"].startswith("cn-")]
    return [p for p in provinces if len(_located_in(p)) >= min_orgs]


# ------------------------------------------------------------------ every section, every region

PROVINCES_WITH_DATA = _regions_with_coverage(3)


@pytest.mark.parametrize("region", PROVINCES_WITH_DATA + ["cn-sc"])
def test_every_section_renders_for_the_region(kg, region):
    rep = cluster_gap_report(kg, region)
    assert [s["id"] for s in rep.sections] == list(SECTION_IDS)
    assert [s["number"] for s in rep.sections] == list(range(1, 14))
    for sec in rep.sections:
        assert sec["blocks"], sec["id"]
    md, html_, js = rep.to_markdown(), rep.to_html(), rep.to_json()
    for sec in rep.sections:
        assert f"## {sec['number']}. {sec['title']}" in md
        assert f'id="sec-{sec["id"]}"' in html_
    assert json.loads(js)["meta"]["region"]["id"] == region


def test_thin_region_says_so(kg):
    # Sichuan: the CSV files locate fewer than 3 organisations there
    assert len(_located_in("cn-sc")) < 3
    rep = cluster_gap_report(kg, "Sichuan")
    summary = _text([b["runs"] for b in rep.section("summary")["blocks"]])
    assert "Coverage warning" in summary
    assert f"only {len(_located_in('cn-sc'))} organisations" in summary
    cov = _text([b["runs"] for b in rep.section("data_coverage")["blocks"] if "runs" in b])
    assert "Too thin to compare" in cov


def test_a_region_with_no_organisation_at_all(kg):
    # Japan's Chiba prefecture-level places exist only for projects; a region with no
    # organisation must render every section and say it has none
    regions = {r["id"]: r for r in _rows("regions.csv")}
    empty = [r for r in regions if not _located_in(r) and regions[r]["level"] in
             ("province", "city")]
    assert empty
    rep = cluster_gap_report(kg, empty[0])
    assert len(rep.sections) == 13
    text = rep.to_markdown()
    assert "only 0 organisations" in text


# ------------------------------------------------------------------ values against the tables

def test_profile_counts_match_the_tables(zj_report):
    tab = _table(zj_report.section("profile"), "item")
    rows = {r[0]: r[1] for r in tab["rows"]}
    assert rows["organisations"]["num"] == len(_located_in("cn-zj"))
    enterprises = [r for r in _rows("organisations.csv") if r["type"] == "enterprise"
                   and "cn-zj" in _ancestors()(r["region"])]
    assert rows["enterprises"]["num"] == len(enterprises)


def test_patents_are_the_studys_figure_with_its_source(zj_report):
    # Study: "over 340 invention patents in solid-state battery technologies, ranking 4th"
    obs = [r for r in _rows("observations.csv")
           if r["subject"] == "cn-zj" and r["indicator"] == "patent_count"]
    assert len(obs) == 1
    sec = zj_report.section("ip")
    nums = [r for r in _runs(sec["blocks"]) if "num" in r]
    assert any(r["num"] == float(obs[0]["value"]) and obs[0]["source"] in r["src"] for r in nums)
    assert any(r["num"] == int(obs[0]["rank"]) for r in nums)
    assert "rank among Chinese provinces" in _text([b.get("runs", []) for b in sec["blocks"]])


def test_cost_and_density_targets_come_from_the_kg(zj_report):
    obs = {r["id"]: float(r["value"]) for r in _rows("observations.csv")
           if r["indicator"] in ("cost_ratio", "energy_density_ratio")}
    tab = _table(zj_report.section("cost"), "indicator")
    got = sorted(r[2]["num"] for r in tab["rows"])
    assert got == sorted(obs.values())
    # the curated KG has no liquid lithium-ion Wh/kg baseline: the report must say so
    md = zj_report.to_markdown()
    assert "no liquid lithium-ion baseline" in md


def test_diffusion_uses_the_forecast_as_market_size(zj_report):
    # Study: "global shipments ... forecast to reach 614.1 GWh by 2030"
    (f,) = [r for r in _rows("observations.csv") if r["id"] == "obs-world-ssb-shipments-2030"]
    nums = [r for r in _runs(zj_report.section("diffusion")["blocks"]) if "num" in r]
    assert any(r["num"] == float(f["value"]) and f["source"] in r["src"] for r in nums)


def test_coverage_organisations_follow_the_documented_basis(zj_report):
    # worked from the CSV files: an enterprise holds a segment in Zhejiang by its headquarters,
    # a site it operates there or a project it develops there that names the segment
    up = _ancestors()
    types = {r["id"]: r["type"] for r in _rows("organisations.csv")}
    seg_of = {}
    for r in _rows("organisations.csv"):
        if r["type"] == "enterprise" and "cn-zj" in up(r["region"]):
            for s in filter(None, r["segments"].split(";")):
                seg_of.setdefault(s, set()).add(r["id"])
    for r in _rows("sites.csv"):
        if "cn-zj" in up(r["region"]) and types.get(r["operator"]) == "enterprise":
            for s in filter(None, r["segments"].split(";")):
                seg_of.setdefault(s, set()).add(r["operator"])
    for r in _rows("projects.csv"):
        devs = [d for d in r["developer"].split(";") if types.get(d) == "enterprise"]
        if "cn-zj" in up(r["region"]):
            for s in filter(None, r["segments"].split(";")):
                for d in devs:
                    seg_of.setdefault(s, set()).add(d)
    tab = _table(zj_report.section("coverage"), "stage")
    for row in tab["rows"]:
        seg = row[1]["id"]
        names = {x["id"] for x in _runs(row[4]) if "name" in x} if row[4] else set()
        assert names == seg_of.get(seg, set()), seg
        assert (row[2] == "absent") == (not names), seg


def test_every_source_link_resolves(zj_report):
    c = json.loads(zj_report.to_json())
    listed = {s["id"] for s in c["sources"]}
    used = set()
    for r in _runs(c["sections"]):
        used.update(r.get("src", []))
        used.update(r.get("cite", []))
    assert used == listed
    md = zj_report.to_markdown()
    targets = set(re.findall(r"\]\(#(src-[^)]+)\)", md))
    anchors = set(re.findall(r'<a id="(src-[^"]+)"></a>', md))
    assert targets and targets <= anchors
    html_ = zj_report.to_html()
    assert set(re.findall(r'href="#(src-[^"]+)"', html_)) <= set(re.findall(r'id="(src-[^"]+)"', html_))
    weak = {r["id"] for r in _rows("sources.csv") if r["reliability"] == "weak"}
    assert {s["id"] for s in c["sources"] if s["weak"]} == weak & listed


def test_every_number_in_the_body_has_a_source_or_is_a_count_of_nothing(zj_report):
    for sec in zj_report.sections:
        if sec["id"] == "sources":
            continue
        for r in _runs(sec["blocks"]):
            if "num" in r and r["num"] not in (None, 0) and not r["src"]:
                # plain ordinals (ranks, table positions) and counts of segments are the
                # report's own; everything else must carry a source
                assert isinstance(r["num"], int), (sec["id"], r)


# ------------------------------------------------------------------ escaping

def test_hostile_name_is_text_in_markdown_and_html(hostile_kg):
    rep = cluster_gap_report(hostile_kg, "Zhejiang")
    md, html_ = rep.to_markdown(), rep.to_html()
    assert "<img" not in md
    assert "&lt;img src=x onerror=alert(1)&gt;" in md
    assert "<img" not in html_
    assert "&lt;img src=x onerror=alert(1)&gt;" in html_
    assert HOSTILE in rep.to_json()  # JSON keeps the data as data
    zh = cluster_gap_report(hostile_kg, "Zhejiang", lang="zh").to_html()
    assert "<img" not in zh


# ------------------------------------------------------------------ html self-contained

def test_html_loads_nothing_from_outside(zj_report):
    html_ = zj_report.to_html()
    assert "<script" not in html_.lower()
    assert "<link" not in html_.lower()
    assert "@import" not in html_
    assert not re.search(r'\s(src|srcset)\s*=', html_)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html_)
    assert "default-src 'none'" in html_
    assert html_.count("<svg") >= 2
    assert "@media print" in html_


# ------------------------------------------------------------------ reruns

def test_reruns_are_byte_identical(kg):
    a = cluster_gap_report(kg, "Zhejiang")
    b = cluster_gap_report(kg, "Zhejiang")
    assert a.to_html() == b.to_html()
    assert a.to_markdown() == b.to_markdown()
    assert a.to_json() == b.to_json()


def test_reruns_are_byte_identical_across_processes(tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"r{seed}.html"
        env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
        exe = shutil.which("ssbkg", path=str(Path(sys.executable).parent))
        subprocess.run([exe, "report", "-o", str(out)], check=True, env=env, capture_output=True)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


# ------------------------------------------------------------------ object and CLI

def test_report_object(zj_report):
    assert isinstance(zj_report, Report)
    assert zj_report._repr_html_().startswith('<div class="ssbkg-report"')
    assert "cn-zj" in repr(zj_report)


@pytest.mark.parametrize("fmt, probe", [("md", "# Cluster-gap report: Zhejiang"),
                                        ("html", "<!DOCTYPE html>"),
                                        ("json", '"schema": "ssbkg-report/1"')])
def test_cli_writes_each_format(tmp_path, fmt, probe):
    out = tmp_path / f"zj.{fmt}"
    res = CliRunner().invoke(cli, ["report", "--region", "Zhejiang", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert probe in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def test_cli_peers_and_errors(tmp_path):
    res = CliRunner().invoke(cli, ["report", "--vs", "Jiangsu", "--vs", "广东", "--format", "json"])
    assert res.exit_code == 0, res.output
    meta = json.loads(res.output)["meta"]
    assert [p["id"] for p in meta["peers"]] == ["cn-js", "cn-gd"]
    assert meta["peer_rule"] == {"chosen_by": "caller"}
    bad = CliRunner().invoke(cli, ["report", "--region", "Atlantis", "-o", str(tmp_path / "x.md")])
    assert bad.exit_code != 0
    assert "Atlantis" in bad.output and "Traceback" not in bad.output
    assert not (tmp_path / "x.md").exists()
    same = CliRunner().invoke(cli, ["report", "--vs", "Zhejiang"])
    assert same.exit_code != 0 and "own region" in same.output


def test_the_cli_choices_are_the_librarys():
    from ssbkg.cli import report_cmd
    from ssbkg.report import DEFAULT_REGION
    from ssbkg.report.texts import TEXTS

    assert report_cmd.DEFAULT_REGION == DEFAULT_REGION
    assert set(report_cmd.LANGS) == set(TEXTS)
    assert all(hasattr(Report, f"to_{ {'md': 'markdown'}.get(f, f)}") for f in report_cmd.FORMATS)


# ------------------------------------------------------------------ Chinese

def test_chinese_report_uses_the_kgs_zh_labels_and_marks_the_missing(kg):
    rep = cluster_gap_report(kg, "浙江", lang="zh")
    c = json.loads(rep.to_json())
    assert c["meta"]["lang"] == "zh" and c["meta"]["region"]["label"] == "浙江"
    assert c["meta"]["title"] == "产业集群短板报告：浙江"
    zh = {r["id"]: r["label_zh"] for name in ("organisations.csv", "platforms.csv", "sites.csv",
                                               "projects.csv", "regions.csv")
          for r in _rows(name)}
    en = {r["id"]: r["label_en"] for name in ("organisations.csv", "platforms.csv", "sites.csv",
                                               "projects.csv", "regions.csv")
          for r in _rows(name)}
    checked = 0
    for r in _runs(c["sections"]):
        if "name" in r and r.get("id") in zh:
            if zh[r["id"]]:
                assert r["name"] == zh[r["id"]] and not r.get("fallback"), r
            else:
                assert r["name"] == en[r["id"]] and r.get("fallback"), r
            checked += 1
    assert checked > 20
    md = rep.to_markdown()
    assert "## 1. 摘要" in md and "† " in md
    assert '<html lang="zh-Hans">' in rep.to_html()


def test_every_text_has_a_chinese_version_with_the_same_placeholders():
    from ssbkg.report.texts import EN, ZH

    assert set(EN) == set(ZH)
    for key in EN:
        assert set(re.findall(r"\{(\w+)\}", EN[key])) == set(re.findall(r"\{(\w+)\}", ZH[key])), key
