"""``ssbkg map`` and ``ssbkg export-graph`` driven in-process."""

from __future__ import annotations

import io

import networkx as nx
import pytest
from click.testing import CliRunner

from maptools import page_data
from ssbkg.cli.main import cli


@pytest.fixture
def run(tiny_store_path):
    def _run(*args):
        return CliRunner().invoke(cli, [*args, "--store", str(tiny_store_path)])
    return _run


@pytest.mark.parametrize("kind, extra", [
    ("collaboration", ["--region", "North Province", "--scope", "touching"]),
    ("chain", ["--region", "测试国", "--color-by", "segment"]),
    ("region", ["--size-by", "capacity"]),
    ("ego", ["--entity", "org-alpha", "--radius", "2"]),
])
def test_map_writes_a_page(run, tmp_path, kind, extra):
    out = tmp_path / f"{kind}.html"
    res = run("map", kind, *extra, "-o", str(out))
    assert res.exit_code == 0, res.output
    assert res.output.startswith(f"wrote {out}: ")
    data = page_data(out.read_text(encoding="utf-8"))
    assert f"{data['meta']['nodes']} nodes, {data['meta']['edges']} links ({kind} map" in res.output
    assert len(data["nodes"]) == data["meta"]["nodes"]


def test_map_collaboration_counts(run, tmp_path):
    out = tmp_path / "c.html"
    res = run("map", "collaboration", "-o", str(out))
    # tiny KG: 3 organisations and 1 platform; supply beta->alpha and the 2 links via proj-line
    assert "4 nodes, 3 links (collaboration map, colour by type, size by degree" in res.output


@pytest.mark.parametrize("fmt, reader", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_export_graph(run, tmp_path, fmt, reader):
    out = tmp_path / f"g.{fmt}"
    res = run("export-graph", "collaboration", "--format", fmt, "-o", str(out))
    assert res.exit_code == 0, res.output
    assert res.output == (f"wrote {out}: 4 nodes, 3 links (collaboration graph, {fmt})\n"
                          "note: key players not computed: removing 3 of 4 nodes leaves fewer "
                          "than 2\n"
                          "note: no broker: no node lies on a shortest path between two others\n")
    H = reader(io.BytesIO(out.read_bytes()))
    assert H.number_of_nodes() == 4 and H.number_of_edges() == 3


def test_map_format_json_is_the_export(run, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert run("map", "chain", "--format", "json", "-o", str(a)).exit_code == 0
    assert run("export-graph", "chain", "--format", "json", "-o", str(b)).exit_code == 0
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("args, message", [
    (["map", "ego"], "the ego map needs --entity"),
    (["map", "collaboration", "--region", "Atlantis"], "no region 'Atlantis'"),
    (["map", "ego", "--entity", "nobody"], "no entity 'nobody'"),
    (["map", "chain", "--entity", "org-alpha"], "--entity is for the ego map only"),
])
def test_errors_are_one_line(run, tmp_path, args, message):
    out = tmp_path / "x.html"
    res = run(*args, "-o", str(out))
    assert res.exit_code != 0
    assert message in res.output and "Traceback" not in res.output
    assert not out.exists()


def test_same_command_same_bytes(run, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    run("map", "collaboration", "--seed", "4", "-o", str(a))
    run("map", "collaboration", "--seed", "4", "-o", str(b))
    assert a.read_bytes() == b.read_bytes()


def test_the_written_out_choices_are_the_librarys():
    from ssbkg import maps
    from ssbkg.cli import map_cmd

    assert map_cmd.KINDS == maps.KINDS
    assert map_cmd.COLOR_BY == maps.COLOR_BY and map_cmd.SIZE_BY == maps.SIZE_BY
    assert map_cmd.GRAPH_FORMATS == maps.EXPORT_FORMATS
    assert map_cmd.AGGREGATE_ABOVE == maps.AGGREGATE_ABOVE
    assert map_cmd.PHYSICS_MAX_NODES == maps.PHYSICS_MAX_NODES


@pytest.mark.parametrize("args", [["map", "--help"], ["export-graph", "--help"]])
def test_help_loads_neither_pyvis_nor_networkx(args):
    import subprocess
    import sys

    code = ("import sys\nfrom click.testing import CliRunner\nfrom ssbkg.cli.main import cli\n"
            f"r = CliRunner().invoke(cli, {args!r})\nassert r.exit_code == 0, r.output\n"
            "print(' '.join(m for m in ('pyvis', 'networkx', 'pandas', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == []
