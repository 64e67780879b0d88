"""``ssbkg diffusion`` driven in-process with CliRunner, and the plots it writes."""

import csv
import math
import io
import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from PIL import Image

from ssbkg.cli.main import cli

# R's nls output for this series (see test_diffusion_fit.py): m 6.80e4 (3.13e3),
# p 6.59e-3 (1.43e-3), q 6.38e-1 (4.14e-2); fitted on the density m f(t), t = 1..10.
R_SALES = [840, 1470, 2110, 4000, 7590, 10950, 10530, 9470, 7790, 5890]


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def series_csv(tmp_path):
    path = tmp_path / "sales.csv"
    lines = ["period,adoption"] + [f"{i},{v}" for i, v in enumerate(R_SALES, start=1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def edges_csv(tmp_path):
    path = tmp_path / "edges.csv"
    rows = ["source,target"] + [f"n{i},n{(i + 1) % 30}" for i in range(30)]
    rows += ["x1,x2", "x2,x3"]  # a second component
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def run(runner, args):
    return runner.invoke(cli, args, catch_exceptions=False)


def test_fit_reproduces_r_output_as_json(runner, series_csv):
    res = run(runner, ["diffusion", "fit", str(series_csv), "--form", "density",
                       "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = {r["parameter"]: r for r in json.loads(res.stdout)}
    assert list(rows) == ["p", "q", "m"]
    assert rows["m"]["estimate"] == pytest.approx(6.80e4, abs=50)
    assert rows["m"]["std_err"] == pytest.approx(3.13e3, abs=5)
    assert rows["p"]["estimate"] == pytest.approx(6.59e-3, abs=5e-6)
    assert rows["p"]["std_err"] == pytest.approx(1.43e-3, abs=5e-6)
    assert rows["q"]["estimate"] == pytest.approx(0.638, abs=5e-4)
    assert rows["q"]["std_err"] == pytest.approx(4.14e-2, abs=5e-5)
    assert "converged=True" in res.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "md"])
def test_fit_output_formats(runner, series_csv, fmt):
    res = run(runner, ["diffusion", "fit", str(series_csv), "--format", fmt])
    assert res.exit_code == 0, res.output
    out = res.stdout
    cols = ["parameter", "estimate", "std_err", "t", "p_value", "ci_lower", "ci_upper"]
    if fmt == "json":
        assert list(json.loads(out)[0]) == cols
    elif fmt in ("csv", "tsv"):
        reader = csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t")
        table = list(reader)
        assert table[0] == cols and [r[0] for r in table[1:]] == ["p", "q", "m"]
    elif fmt == "md":
        assert out.splitlines()[0] == "| " + " | ".join(cols) + " |"
        assert len(out.splitlines()) == 5
    else:
        assert out.split()[:7] == cols and len(out.splitlines()) == 5


def test_fit_forecast_and_bootstrap(runner, series_csv):
    args = ["diffusion", "fit", str(series_csv), "--forecast", "3", "--format", "csv"]
    res = run(runner, args)
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == 13
    assert [r["observed"] for r in rows[-3:]] == ["", "", ""]
    assert rows[-1]["period"] == "13"
    a = run(runner, ["diffusion", "fit", str(series_csv), "--bootstrap", "30", "--seed", "4",
                     "--format", "json"])
    b = run(runner, ["diffusion", "fit", str(series_csv), "--bootstrap", "30", "--seed", "4",
                     "--format", "json"])
    assert a.exit_code == 0 and a.stdout == b.stdout
    assert {"boot_lower", "boot_upper"} <= set(json.loads(a.stdout)[0])


def test_fit_with_fixed_market_size(runner, series_csv):
    res = run(runner, ["diffusion", "fit", str(series_csv), "--market-size", "70000",
                       "--method", "ols", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert [r["parameter"] for r in json.loads(res.stdout)] == ["p", "q"]


@pytest.mark.parametrize(
    "content,message",
    [
        ("when,adoption\n1,2\n2,3\n3,4\n4,5\n",
         "bad.csv row 1: no period column: none of when, adoption is named year/period/"),
        ("period,adoption\n1,2\n2,abc\n3,4\n4,5\n",
         "bad.csv row 3, column 'adoption': not a number: 'abc'"),
        ("period,adoption\n1,2\n2,3\n", "too few rows: 2 periods with data"),
        ("period,adoption\n1,2\n1,3\n3,4\n4,5\n",
         "bad.csv row 3, column 'period': periods must increase"),
        ("period,adoption\n1,1\n2,2\n3,4\n4,8\n5,16\n6,32\n7,64\n", "no finite market size"),
        ("period,adoption\n1,1\n2,-2\n3,4\n4,8\n",
         "bad.csv row 3, column 'adoption': negative value -2"),
        ("year,gwh\n2019,0\n\n2021,0\n", "no positive value in "),
        ("year,a,b\n1,2,3\n", "bad.csv row 1: ambiguous values: columns a, b"),
    ],
)
def test_fit_bad_input_is_one_line_and_nonzero(runner, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    res = runner.invoke(cli, ["diffusion", "fit", str(path)])
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    lines = res.stderr.strip().splitlines()
    err = lines[-1]
    assert err.startswith("Error: ")
    assert all(line.startswith("note: ") for line in lines[:-1])  # what was inferred
    assert message in err
    if "row" in message:
        assert "bad.csv" in err


def test_fit_plot_png_and_svg(runner, series_csv, tmp_path):
    png = tmp_path / "out" / "fit.png"
    res = run(runner, ["diffusion", "fit", str(series_csv), "--forecast", "4", "--plot",
                       str(png)])
    assert res.exit_code == 0, res.output
    with Image.open(png) as im:
        assert im.format == "PNG" and im.size == (700, 450)
    svg = tmp_path / "fit.svg"
    run(runner, ["diffusion", "fit", str(series_csv), "--plot", str(svg)])
    root = ET.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    group = [g for g in root.iter(f"{ns}g") if g.get("id") == "bass-curve"]
    assert len(group) == 1
    path = group[0].find(f"{ns}path")
    assert path is not None and path.get("d").count("L") == 9  # 10 periods: M + 9 L
    # nothing left behind by the atomic write
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_fit_plot_bad_suffix(runner, series_csv, tmp_path):
    res = runner.invoke(cli, ["diffusion", "fit", str(series_csv), "--plot",
                              str(tmp_path / "fit.jpg")])
    assert res.exit_code == 1 and "must end in .png or .svg" in res.stderr


def test_simulate_complete_graph(runner, tmp_path):
    svg = tmp_path / "sim.svg"
    res = run(runner, ["diffusion", "simulate", "--complete", "200", "--p", "0.03", "--q",
                       "0.4", "--steps", "10", "--runs", "20", "--seed", "1", "--format", "csv",
                       "--plot", str(svg)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == 11
    assert list(rows[0]) == ["t", "mean", "sd", "se", "lower", "upper"]
    assert rows[0]["mean"] == "0" and float(rows[-1]["mean"]) > 0.3
    assert "effective P = " in res.stderr and "200 nodes, 19900 edges" in res.stderr
    ids = {g.get("id") for g in ET.parse(svg).getroot().iter("{http://www.w3.org/2000/svg}g")}
    assert {"mean-curve", "bass-curve"} <= ids
    again = run(runner, ["diffusion", "simulate", "--complete", "200", "--p", "0.03", "--q",
                         "0.4", "--steps", "10", "--runs", "20", "--seed", "1", "--format", "csv"])
    assert again.stdout == res.stdout


def test_simulate_edge_list(runner, edges_csv):
    res = run(runner, ["diffusion", "simulate", "--graph", str(edges_csv), "--p", "0.05", "--q",
                       "0.5", "--steps", "5", "--runs", "10", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.stdout)) == 6
    assert "33 nodes, 32 edges" in res.stderr


def test_simulate_needs_exactly_one_graph(runner, edges_csv):
    res = runner.invoke(cli, ["diffusion", "simulate", "--p", "0.1", "--q", "0.2"])
    assert res.exit_code == 2 and "exactly one of --graph" in res.output
    res = runner.invoke(cli, ["diffusion", "simulate", "--graph", str(edges_csv), "--complete",
                              "5", "--p", "0.1", "--q", "0.2"])
    assert res.exit_code == 2


def test_simulate_bad_edge_list(runner, tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("from,to\na,b\n", encoding="utf-8")
    res = runner.invoke(cli, ["diffusion", "simulate", "--graph", str(path), "--p", "0.1",
                              "--q", "0.2"])
    assert res.exit_code == 1 and "e.csv, row 1, field 'source': missing column" in res.stderr


def test_simulate_region_from_curated_kg(runner):
    from ssbkg.build import curated_kg
    from ssbkg.projections import collaboration_graph

    G = collaboration_graph(curated_kg(), region="cn")
    res = run(runner, ["diffusion", "simulate", "--region", "cn", "--p", "0.02", "--q", "0.4",
                       "--steps", "3", "--runs", "5", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges" in res.stderr
    assert len(json.loads(res.stdout)) == 4
    bad = runner.invoke(cli, ["diffusion", "simulate", "--region", "nowhere", "--p", "0.02",
                              "--q", "0.4"])
    assert bad.exit_code == 1 and "'nowhere'" in bad.stderr


def test_scenario_table(runner, edges_csv, tmp_path):
    add = tmp_path / "add.csv"
    add.write_text("source,target\nn0,x1\n", encoding="utf-8")
    res = run(runner, ["diffusion", "scenario", "--graph", str(edges_csv), "--p", "0.05",
                       "--q", "0.5", "--steps", "20", "--runs", "10", "--add-edges", str(add),
                       "--bridge", "1", "--remove-nodes", "n0,n1", "--p-multiplier", "2",
                       "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [r["scenario"] for r in rows] == ["baseline", "add-edges", "bridge", "remove", "p x2"]
    assert [r["edges"] for r in rows] == [32, 33, 33, 29, 32]
    assert rows[1]["fragmentation"] == 0.0 and rows[2]["fragmentation"] == 0.0
    assert rows[4]["p"] == pytest.approx(0.1)
    assert {"t10", "t50", "t90", "dQ", "dt50"} <= set(rows[0])


def test_scenario_errors(runner, edges_csv):
    res = runner.invoke(cli, ["diffusion", "scenario", "--graph", str(edges_csv), "--p", "0.05",
                              "--q", "0.5"])
    assert res.exit_code == 2 and "at least one scenario" in res.output
    res = runner.invoke(cli, ["diffusion", "scenario", "--graph", str(edges_csv), "--p", "0.05",
                              "--q", "0.5", "--remove-nodes", "ghost"])
    assert res.exit_code == 1 and "node 'ghost' to remove is not in the graph" in res.stderr


def test_calibrate_round_trip(runner, tmp_path):
    import networkx as nx

    from ssbkg.diffusion.imitation import effective_bass

    G = nx.relabel_nodes(nx.watts_strogatz_graph(300, 6, 0.1, seed=2), str)
    truth = effective_bass(G, 0.03, 0.45, steps=30, runs=30, seed=0, measures=False)
    path = tmp_path / "ws.csv"
    path.write_text("source,target\n" + "".join(f"{u},{v}\n" for u, v in G.edges()),
                    encoding="utf-8")
    res = run(runner, ["diffusion", "calibrate", "--graph", str(path), "--Q", str(truth.Q),
                       "--Q-se", "0.02", "--p", "0.03", "--steps", "30", "--runs", "30",
                       "--seed", "0", "--format", "json"])
    assert res.exit_code == 0, res.output
    row = json.loads(res.stdout)[0]
    # the edge list orders nodes differently, so the random numbers differ from the truth's:
    # q is recovered within the Monte Carlo error of both Q's mapped through the slope
    tol = 5 * (row["se_mc"] ** 2 + (truth.Q_se / row["slope_dQ_dq"]) ** 2) ** 0.5
    assert abs(row["q"] - 0.45) <= tol
    assert row["ci_lower"] < row["q"] < row["ci_upper"]
    assert row["se_macro"] == pytest.approx(0.02 / row["slope_dQ_dq"])


@pytest.mark.parametrize("command", ["fit", "simulate", "scenario", "calibrate"])
def test_every_command_has_help_with_example(runner, command):
    res = run(runner, ["diffusion", command, "--help"])
    assert res.exit_code == 0 and "Example:" in res.output
    assert "--format" in res.output


def test_group_help(runner):
    res = run(runner, ["diffusion", "--help"])
    assert res.exit_code == 0 and "Example:" in res.output
    for command in ("fit", "simulate", "scenario", "calibrate"):
        assert command in res.output


def test_written_out_simulation_choices_are_the_librarys():
    from ssbkg.cli import diffusion_cmd
    from ssbkg.diffusion import network

    assert diffusion_cmd.METHODS_SIM == network.METHODS
    assert diffusion_cmd.EXACT_MAX_NODES == network.EXACT_MAX_NODES


def _region_graph(name):
    import networkx as nx

    from ssbkg.analysis import region_id
    from ssbkg.build import curated_kg
    from ssbkg.projections import collaboration_graph

    kg = curated_kg()
    return nx.relabel_nodes(collaboration_graph(kg, region=region_id(kg, name)), str)


@pytest.mark.parametrize("region", ["Zhejiang", "China"])
def test_calibrate_on_the_curated_kg_says_why_no_q_fits(runner, region):
    import networkx as nx

    G = _region_graph(region)
    res = runner.invoke(cli, ["diffusion", "calibrate", "--region", region, "--Q", "0.38",
                              "--p", "0.03", "--runs", "20"])
    err = " ".join(res.stderr.split())
    if G.number_of_edges() == 0:
        assert res.exit_code == 1
        assert f"no links among its {G.number_of_nodes()} nodes" in err
    elif res.exit_code == 1:
        n_iso = nx.number_of_isolates(G)
        giant = max(len(c) for c in nx.connected_components(G))
        assert f"{n_iso} of {G.number_of_nodes()} nodes" in err
        assert f"largest component holds {giant} nodes" in err
    else:  # a q was found: it reproduces the target
        row = json.loads(run(runner, ["diffusion", "calibrate", "--region", region, "--Q",
                                      "0.38", "--p", "0.03", "--runs", "20", "--format",
                                      "json"]).stdout)[0]
        assert row["Q_achieved"] == pytest.approx(0.38, abs=1e-3)


def test_link_platforms_lists_the_links_it_adds(runner):
    from ssbkg.diffusion.scenarios import propose_platform_links

    G = _region_graph("Zhejiang")
    links, unmatched = propose_platform_links(G)
    res = run(runner, ["diffusion", "scenario", "--region", "Zhejiang", "--p", "0.03", "--q",
                       "0.38", "--link-platforms", "--runs", "10", "--start-year", "2027",
                       "--format", "json"])
    assert res.exit_code == 0, res.output
    err = res.stderr
    noun = "link" if len(links) == 1 else "links"
    assert f"scenario 'link-platforms' adds {len(links)} {noun} (rule: each platform" in err
    # the curated KG's Zhejiang key lab (route all_solid_state) and Geely (cn-zj, same route)
    assert ("link-platforms: zj-provincial-key-lab-assb -- geely (in cn-zj, shared route "
            "all_solid_state)") in err
    rows = json.loads(res.stdout)
    assert rows[1]["scenario"] == "link-platforms" and rows[1]["links_added"] == len(links)
    assert rows[0]["year50"] == pytest.approx(2027 + rows[0]["t50"])
    # no links in Zhejiang: t50 = ln 2 / p = 23.1 years (15 nodes x 10 runs: within 25 %)
    assert rows[0]["t50"] == pytest.approx(math.log(2) / 0.03, rel=0.25)


def test_fit_finds_columns_cleans_leading_zeros_and_reads_a_cumulative_series(runner, tmp_path):
    # R_SALES as a cumulative GWh series from 2020, after two launch years with nothing:
    # the same fit as R's nls (density form) on the increments, periods 2020..2029
    cum = [sum(R_SALES[: i + 1]) for i in range(len(R_SALES))]
    path = tmp_path / "series.csv"
    path.write_text("year,gwh\n2018,\n2019,0\n" + "".join(
        f"{2020 + i},{v}\n" for i, v in enumerate(cum)), encoding="utf-8")
    res = run(runner, ["diffusion", "fit", str(path), "--cumulative", "--form", "density",
                       "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = {r["parameter"]: r for r in json.loads(res.stdout)}
    assert rows["q"]["estimate"] == pytest.approx(0.638, abs=5e-4)       # R nls
    assert rows["m"]["estimate"] == pytest.approx(6.80e4, abs=50)
    assert "periods from column 'year', values from column 'gwh'" in res.stderr
    assert "dropped 2 leading rows with no adoption (rows 2-3)" in res.stderr
    # a fall in the cumulative series is named by file, row and column
    path.write_text("year,gwh\n2020,5\n2021,9\n2022,7\n2023,12\n", encoding="utf-8")
    bad = runner.invoke(cli, ["diffusion", "fit", str(path), "--cumulative"])
    assert bad.exit_code == 1
    assert (f"{path} row 4, column 'gwh': negative increment (cumulative falls from 9 in "
            "row 3 to 7)") in bad.stderr


def test_fit_single_column_is_periods_one_to_n(runner, tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("units\n" + "".join(f"{v}\n" for v in R_SALES), encoding="utf-8")
    res = run(runner, ["diffusion", "fit", str(path), "--form", "density", "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = {r["parameter"]: r for r in json.loads(res.stdout)}
    assert rows["p"]["estimate"] == pytest.approx(6.59e-3, abs=5e-6)     # R nls
    assert "one column 'units': periods 1..n" in res.stderr


def test_calibrate_without_p_uses_the_stated_default(runner):
    # the command as a user types it: no --p; p = 0.03 is used and said
    res = runner.invoke(cli, ["diffusion", "calibrate", "--Q", "0.38", "--region", "Zhejiang",
                              "--runs", "10"])
    assert res.exit_code == 1  # Zhejiang has no links (see above): no q, and why
    assert "p = 0.03 per year (default" in res.stderr
    assert "no micro q reproduces Q = 0.38" in " ".join(res.stderr.split())
