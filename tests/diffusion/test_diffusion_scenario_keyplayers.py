"""``ssbkg diffusion scenario --remove-key-players`` and ``--region`` by label."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ssbkg.cli.main import cli


def test_remove_key_players_scenario(tmp_path):
    # a star: hub h with 6 leaves, plus a separate pair x-y. The best single
    # key player is the hub: removing it leaves 6 isolates and the pair, so
    # F = 1 - (2*1) / (8*7) = 0.9642857 and 1 edge remains.
    edges = tmp_path / "edges.csv"
    rows = ["source,target"] + [f"h,l{i}" for i in range(6)] + ["x,y"]
    edges.write_text("\n".join(rows) + "\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["diffusion", "scenario", "--graph", str(edges), "--p", "0.02",
                                   "--q", "0.4", "--steps", "10", "--runs", "20",
                                   "--remove-key-players", "1", "--format", "json"])
    assert res.exit_code == 0, res.output
    table = {r["scenario"]: r for r in json.loads(res.stdout)}
    removed = table["remove 1 key players"]
    assert removed["nodes"] == 8 and removed["edges"] == 1
    assert abs(removed["fragmentation"] - (1 - 2 / 56)) < 1e-9
    assert "key players' removes h" in res.stderr


def test_region_by_chinese_label_equals_id():
    common = ["--p", "0.02", "--q", "0.4", "--steps", "5", "--runs", "5", "--format", "json"]
    by_id = CliRunner().invoke(cli, ["diffusion", "simulate", "--region", "cn-zj"] + common)
    by_zh = CliRunner().invoke(cli, ["diffusion", "simulate", "--region", "浙江"] + common)
    assert by_id.exit_code == 0 and by_zh.exit_code == 0, by_zh.output
    assert json.loads(by_id.stdout) == json.loads(by_zh.stdout)
