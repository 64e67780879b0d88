"""``ssbkg diffusion``: fit the Bass model, simulate it on networks, compare scenarios."""

from __future__ import annotations

import click

from ..errors import FitError
from .choices import FIT_METHODS as METHODS
from .choices import NETWORK_RULES as RULES
from .common import kg_options, open_kg
from .common import SsbkgGroup
from .output import emit, output_options

__all__ = ["COMMANDS", "diffusion"]

#: ssbkg.diffusion.network.METHODS and EXACT_MAX_NODES, written out so that
#: ``ssbkg --help`` loads no scipy (tests/diffusion/test_diffusion_cli.py checks them)
METHODS_SIM = ("auto", "exact", "tau-leap")
EXACT_MAX_NODES = 1000
#: Default micro p of ``calibrate``: the mean across products in Sultan, Farley & Lehmann (1990)
DEFAULT_P = 0.03


@click.group("diffusion", cls=SsbkgGroup)
def diffusion():
    """Bass diffusion: fit adoption series, simulate on networks, compare scenarios.

    \b
    Example:
        ssbkg diffusion fit sales.csv --forecast 5
        ssbkg diffusion simulate --region China --p 0.03 --q 0.38 --start-year 2027
    """


# ------------------------------------------------------------------ fit


@diffusion.command("fit")
@click.argument("series", type=click.Path(dir_okay=False), required=False)
@click.option("--kg-indicator", default=None,
              help="Fit a series stored in the KG: this indicator's actual values "
                   "(e.g. installed_volume), with --kg-subject.")
@click.option("--kg-subject", default=None,
              help="Id of the region, organisation or project the KG series is about.")
@click.option("--year-col", "--period-col", "period_col", default=None,
              help="Column of the periods (years, dates YYYY-MM, or any increasing numbers); "
                   "default: the column named year, period, date, month, time or t.")
@click.option("--value-col", "--adoption-col", "adoption_col", default=None,
              help="Column of the values; default: the only other column (or the one named "
                   "adoption, sales, units, value, ...). A one-column file is periods 1..n.")
@click.option("--cumulative", is_flag=True,
              help="The values are cumulative adopters (their increments are fitted).")
@click.option("--method", type=click.Choice(METHODS), default="nls-adoption", show_default=True,
              help="NLS on adopters per period, NLS on cumulative adopters, or Bass's OLS.")
@click.option("--form", type=click.Choice(["interval", "density"]), default="interval",
              show_default=True,
              help="For nls-adoption: m[F(t)-F(t-1)] (interval) or m f(t) (density).")
@click.option("--market-size", type=float, default=None,
              help="Fix the market potential m and fit only p and q.")
@click.option("--market-size-from-kg", "market_from_kg", is_flag=True,
              help="Fix m to the KG's 2030 global SSB shipment forecast (614.1 GWh in the "
                   "curated KG; an annual volume used as a proxy for m), in --series-unit.")
@click.option("--series-unit", type=click.Choice(["KiloW-HR", "MegaW-HR", "GigaW-HR", "TeraW-HR"]),
              default="GigaW-HR", show_default=True,
              help="Energy unit of the series, for --market-size-from-kg.")
@kg_options
@click.option("--bootstrap", type=click.IntRange(min=0), default=0, show_default=True,
              help="Residual-bootstrap replicates for percentile intervals.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the bootstrap.")
@click.option("--alpha", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.05,
              show_default=True, help="1 - confidence level of the intervals.")
@click.option("--forecast", "horizon", type=click.IntRange(min=0), default=0, show_default=True,
              help="Forecast H periods ahead: print the forecast table instead of the parameters.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), default=None,
              help="Write the fit as a PNG or SVG plot.")
@output_options
def fit_cmd(series, kg_indicator, kg_subject, period_col, adoption_col, cumulative, method, form,
            market_size, market_from_kg, series_unit, store, endpoint, bootstrap, seed, alpha,
            horizon, plot_path, fmt, output):
    """Fit the Bass model to an adoption series in a CSV file or in the KG.

    Prints the parameters (estimate, standard error, t, p-value, interval;
    bootstrap percentiles with --bootstrap) or, with --forecast H, the fitted
    and forecast adopters per period with intervals (bootstrap when
    --bootstrap is given, else delta method). Fit statistics go to stderr.

    \b
    Example:
        ssbkg diffusion fit sales.csv
        ssbkg diffusion fit shipments.csv --year-col year --value-col gwh --cumulative
        ssbkg diffusion fit sales.csv --method ols --forecast 5 --format md
        ssbkg diffusion fit sales.csv --bootstrap 500 --seed 1 --plot out/fit.svg
        ssbkg diffusion fit installs.csv --market-size-from-kg --series-unit MegaW-HR
        ssbkg diffusion fit --kg-indicator installed_volume --kg-subject cn
    """
    from ..diffusion.fit import fit_bass
    from ..diffusion.series import read_adoption_csv

    from_kg = kg_indicator is not None or kg_subject is not None
    if from_kg and series:
        raise click.UsageError("give a SERIES file or --kg-indicator/--kg-subject, not both")
    if from_kg and not (kg_indicator and kg_subject):
        raise click.UsageError("--kg-indicator and --kg-subject go together")
    if not from_kg and not series:
        raise click.UsageError("give a SERIES file, or --kg-indicator and --kg-subject")
    if market_from_kg:
        if market_size is not None:
            raise click.UsageError("give --market-size or --market-size-from-kg, not both")
        from ..diffusion.market import market_size_from_kg

        info = market_size_from_kg(open_kg(store, endpoint), unit=series_unit)
        market_size = info["value"]
        click.echo(
            f"market size m = {market_size:g} {series_unit} from {info['observation']} "
            f"({info['source_value']:g} {info['source_unit']}, period {info['ref_period']})",
            err=True,
        )
    if from_kg:
        from ..diffusion.market import series_from_kg

        periods, values = series_from_kg(open_kg(store, endpoint), kg_indicator, kg_subject,
                                         unit=series_unit)
        click.echo(f"series {kg_indicator} of {kg_subject} from the KG: {len(values)} periods "
                   f"in {series_unit}", err=True)
    else:
        data = read_adoption_csv(series, period_col=period_col, value_col=adoption_col,
                                 cumulative=cumulative,
                                 min_rows=3 if market_size is not None else 4)
        for note in data.notes:
            click.echo(f"note: {note}", err=True)
        periods, values = data.periods, data.values
    res = fit_bass(values, periods, method=method, form=form, market_size=market_size,
                   alpha=alpha, bootstrap=bootstrap, seed=seed)
    click.echo(
        f"{method}: n={res.nobs} SSE={res.sse:.6g} R2={res.r2:.4f} RMSE={res.rmse:.6g} "
        f"AIC={res.aic:.4f} converged={res.converged}"
        + (f" bootstrap={len(res.boot_params)} (failed {res.boot_failures})" if bootstrap else ""),
        err=True,
    )
    if plot_path:
        from ..diffusion.plot import plot_fit

        plot_fit(res, plot_path, horizon=horizon)
    if horizon:
        fc = res.forecast(horizon, alpha=alpha, interval="bootstrap" if bootstrap else "delta")
        emit(fc, fmt=fmt, output=output)
        return
    emit(res.summary_frame(alpha), fmt=fmt, output=output)


# ------------------------------------------------------ graph sources


def graph_options(func):
    """``--graph`` / ``--complete`` / ``--region``: where the network comes from."""
    for opt in reversed([
        click.option("--graph", "edgelist", type=click.Path(dir_okay=False), default=None,
                     help="CSV edge list (columns source,target)."),
        click.option("--source-col", default="source", show_default=True,
                     help="Edge list column of the first node."),
        click.option("--target-col", default="target", show_default=True,
                     help="Edge list column of the second node."),
        click.option("--directed", is_flag=True,
                     help="Edge list is directed: source influences target."),
        click.option("--complete", type=click.IntRange(min=2), default=None,
                     help="Use a complete graph of N nodes (well mixed)."),
        click.option("--region", default=None,
                     help="Use the KG collaboration network of a region (id or English/"
                          "Chinese label; read from --store / --endpoint, else the curated KG)."),
    ]):
        func = opt(func)
    return kg_options(func)


def _load_graph(edgelist, source_col, target_col, directed, complete, region, store=None,
                endpoint=None):
    from ..diffusion.series import read_edgelist

    import networkx as nx

    chosen = [x is not None for x in (edgelist, complete, region)]
    if sum(chosen) != 1:
        raise click.UsageError("give exactly one of --graph, --complete and --region")
    if edgelist is not None:
        return read_edgelist(edgelist, source_col=source_col, target_col=target_col,
                             directed=directed)
    if complete is not None:
        return nx.relabel_nodes(nx.complete_graph(complete), str)
    try:
        from ..projections import collaboration_graph
    except ImportError as exc:
        raise click.ClickException(
            f"--region needs ssbkg.projections, not available here ({exc}); "
            "use --graph EDGELIST.csv instead"
        ) from None
    from ..analysis import region_id

    kg = open_kg(store, endpoint)
    rid = region_id(kg, region)
    G = collaboration_graph(kg, region=rid)
    if G.number_of_nodes() == 0:
        raise click.ClickException(f"region {region!r} has no organisations in the KG")
    G = nx.relabel_nodes(G, str)
    G.graph["region"] = rid
    return G


def _start_year(start_year, G, store, endpoint):
    """The launch year: --start-year, else read from the KG for --region; said on stderr.

    Returns the year or None (times then stay years since launch, with a note).
    """
    if start_year is not None:
        click.echo(f"start year {start_year}: given by --start-year", err=True)
        return start_year
    rid = G.graph.get("region")
    if rid is None:
        click.echo("note: no start year (the network is not a KG region): t is years since "
                   "launch; give --start-year for calendar years", err=True)
        return None
    from ..diffusion.outlook import start_year_from_kg

    found = start_year_from_kg(open_kg(store, endpoint), rid, organisations=G.nodes)
    if found["year"] is None:
        click.echo(f"note: {found['source']}; give --start-year for calendar years", err=True)
        return None
    click.echo(found["source"], err=True)
    for line in found["other"]:
        click.echo(f"  the next rule would give {line}", err=True)
    return found["year"]


def _sim_options(func):
    for opt in reversed([
        click.option("--p", "p", type=float, required=True,
                     help="Micro coefficient of innovation, per year."),
        click.option("--q", "q", type=float, required=True,
                     help="Micro coefficient of imitation, per year."),
        click.option("--years", type=click.FloatRange(min=0, min_open=True), default=30.0,
                     show_default=True, help="Horizon of the printed curve, in years."),
        click.option("--dt", type=click.FloatRange(min=0, min_open=True), default=1.0,
                     show_default=True,
                     help="Spacing of the printed curve in years (the simulation step only "
                          "with --method tau-leap)."),
        click.option("--steps", type=click.IntRange(min=1), default=None, hidden=True,
                     help="Deprecated: the horizon as a number of dt steps."),
        click.option("--method", type=click.Choice(METHODS_SIM), default="auto",
                     show_default=True,
                     help="exact = continuous time (Gillespie, no time step); tau-leap = "
                          "discrete steps of --dt; auto = exact up to "
                          f"{EXACT_MAX_NODES} nodes, else tau-leap with small substeps."),
        click.option("--runs", type=click.IntRange(min=1), default=100, show_default=True,
                     help="Simulation runs."),
        click.option("--seed", type=int, default=0, show_default=True,
                     help="Seed of every random draw."),
        click.option("--rule", type=click.Choice(RULES), default="fraction", show_default=True,
                     help="Hazard p + q k/d (fraction) or 1-(1-p)(1-q)^k (independent)."),
        click.option("--start-year", type=int, default=None,
                     help="Launch year (times also as calendar years); default with --region: "
                          "read from the KG (first year of an adoption series, else of "
                          "operating production, else the planned mass-production year)."),
    ]):
        func = opt(func)
    return func


def _horizon(years, dt, steps):
    """Number of printed intervals for a horizon in years (or the deprecated --steps)."""
    if steps is not None:
        return steps
    return max(1, int(round(years / dt)))


def _echo_effective(G, eff):
    """The effective (P, Q), their fit quality and window, and the notes, on stderr."""
    click.echo(
        f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges, "
        f"{eff.simulation.runs} runs ({eff.method}): effective P = {eff.P:.4g} "
        f"(se {eff.P_se:.2g}), Q = {eff.Q:.4g} (se {eff.Q_se:.2g}); "
        f"fit RMSE {eff.rmse:.4f}, R^2 {eff.r2:.4f} over 0-{eff.fit_window:.1f} years "
        f"(launch to {eff.fit_to:.0%} adoption, whatever --years is); "
        f"well mixed P = {eff.P_wm:.4g}, Q = {eff.Q_wm:.4g}",
        err=True,
    )
    for note in eff.notes:
        click.echo(f"note: {note}", err=True)


def _echo_times(eff, start_year):
    sim = eff.simulation
    parts = []
    for f in (0.1, 0.5, 0.9):
        t = sim.time_to(f)
        txt = "not reached" if t != t else f"{t:.1f} years"
        if start_year is not None and t == t:
            txt += f" ({start_year + t:.1f})"
        parts.append(f"{f:.0%} adoption after {txt}")
    click.echo("; ".join(parts), err=True)


# ------------------------------------------------------------- simulate


@diffusion.command("simulate")
@graph_options
@_sim_options
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), default=None,
              help="Write the mean curve and band as a PNG or SVG plot.")
@output_options
def simulate_cmd(edgelist, source_col, target_col, directed, complete, region, store, endpoint,
                 p, q, years, dt, steps, method, runs, seed, rule, start_year, plot_path, fmt,
                 output):
    """Simulate Bass adoption on a network; print the mean curve with 5-95 % bands.

    Time is in years since launch, and in calendar years (column year) when
    --start-year is given or the KG gives one for --region (the source is
    printed on stderr). The
    effective macro (P, Q) fitted to the mean curve, with its fit quality,
    the fit window, the years to 10/50/90 % adoption and any warning (poor
    fit, isolates) go to stderr.

    \b
    Example:
        ssbkg diffusion simulate --graph edges.csv --p 0.01 --q 0.3 --years 40
        ssbkg diffusion simulate --complete 1000 --p 0.03 --q 0.4 --plot out/sim.png
        ssbkg diffusion simulate --region China --p 0.03 --q 0.38 --start-year 2027
    """
    from ..diffusion.imitation import effective_bass
    from ..diffusion.network import simulate_bass_network

    G = _load_graph(edgelist, source_col, target_col, directed, complete, region, store,
                    endpoint)
    start_year = _start_year(start_year, G, store, endpoint)
    res = simulate_bass_network(G, p, q, steps=_horizon(years, dt, steps), dt=dt, runs=runs,
                                rule=rule, seed=seed, method=method)
    frame = res.to_frame()
    if start_year is not None:
        frame.insert(1, "year", start_year + frame["t"])
    bass = None
    try:
        eff = effective_bass(G, p, q, runs=runs, rule=rule, seed=seed, measures=False,
                             method=method, dt=dt if method == "tau-leap" else None)
        bass = (eff.P, max(eff.Q, 1e-12))
        _echo_effective(G, eff)
        _echo_times(eff, start_year)
    except FitError as exc:
        click.echo(f"no Bass fit to the mean curve: {exc}", err=True)
    if plot_path:
        from ..diffusion.plot import plot_simulation

        plot_simulation(res, plot_path, bass=bass)
    emit(frame, fmt=fmt, output=output)


# ------------------------------------------------------------- scenario


def _edge_lines(name, edges):
    return [f"  {name}: {u} -- {v}" for u, v in edges]


@diffusion.command("scenario")
@graph_options
@_sim_options
@click.option("--add-edges", "add_edges_csv", type=click.Path(dir_okay=False), default=None,
              help="Scenario 'add-edges': links from a CSV edge list (source,target).")
@click.option("--bridge", type=click.IntRange(min=0), default=0, show_default=True,
              help="Scenario 'bridge': this many seeded links from each smaller component "
                   "to the largest.")
@click.option("--link-platforms", is_flag=True,
              help="Scenario 'link-platforms': link each unlinked platform to every "
                   "enterprise in its region sharing a segment (or, without segments, a "
                   "route) with it; the links are listed on stderr.")
@click.option("--remove-nodes", default=None,
              help="Scenario 'remove': comma-separated node ids (e.g. key players).")
@click.option("--remove-key-players", type=click.IntRange(min=0), default=0, show_default=True,
              help="Scenario 'remove K key players': the greedy key-player set of this size "
                   "(Borgatti's F, seeded) is removed.")
@click.option("--p-multiplier", type=click.FloatRange(min=0, min_open=True), multiple=True,
              help="Scenario 'p xM': policy raises p by this factor (repeatable).")
@output_options
def scenario_cmd(edgelist, source_col, target_col, directed, complete, region, store, endpoint,
                 p, q, years, dt, steps, method, runs, seed, rule, start_year, add_edges_csv,
                 bridge, link_platforms, remove_nodes, remove_key_players, p_multiplier, fmt,
                 output):
    """Compare scenarios against the baseline: effective P, Q and years to 10/50/90 %.

    Every scenario runs with the same seed as the baseline. t10, t50, t90 are
    years since launch (year10 ... calendar years with --start-year, or the
    year the KG gives for --region, its source on stderr), exact
    first passages of the mean curve, whatever --years is. Every link a
    scenario adds is listed on stderr, with the rule that chose it.

    \b
    Example:
        ssbkg diffusion scenario --graph edges.csv --p 0.01 --q 0.3 \\
            --bridge 1 --remove-nodes catl,byd --p-multiplier 2 --format md
        ssbkg diffusion scenario --region China --p 0.03 --q 0.38 --link-platforms \\
            --start-year 2027
    """
    from ..diffusion.scenarios import (
        PLATFORM_LINK_RULE,
        Scenario,
        compare_scenarios,
        propose_bridging_edges,
        propose_platform_links,
    )
    from ..diffusion.series import read_edgelist

    G = _load_graph(edgelist, source_col, target_col, directed, complete, region, store,
                    endpoint)
    start_year = _start_year(start_year, G, store, endpoint)
    scenarios = []
    listing = []
    if add_edges_csv:
        H = read_edgelist(add_edges_csv)
        edges = tuple(H.edges())
        scenarios.append(Scenario("add-edges", add_edges=edges))
        listing += [f"scenario 'add-edges' adds {len(edges)} links from {add_edges_csv}:"]
        listing += _edge_lines("add-edges", edges)
    if bridge:
        edges = tuple(propose_bridging_edges(G, per_component=bridge, seed=seed))
        scenarios.append(Scenario("bridge", add_edges=edges))
        listing += [f"scenario 'bridge' adds {len(edges)} links (rule: {bridge} link(s) from a "
                    f"seeded random node of each smaller component to a seeded random node of "
                    f"the largest, seed {seed}):"]
        listing += _edge_lines("bridge", edges)
    if link_platforms:
        links, unmatched = propose_platform_links(G)
        edges = tuple(zip(links["platform"], links["enterprise"]))
        scenarios.append(Scenario("link-platforms", add_edges=edges))
        noun = "link" if len(edges) == 1 else "links"
        listing += [f"scenario 'link-platforms' adds {len(edges)} {noun} (rule: "
                    f"{PLATFORM_LINK_RULE}):"]
        listing += [f"  link-platforms: {r.platform} -- {r.enterprise} (in {r.region}, shared "
                    f"{r.basis} {r.shared})" for r in links.itertuples()]
        listing += [f"  link-platforms: {r.platform} gets no link: {r.reason}"
                    for r in unmatched.itertuples()]
    if remove_nodes:
        nodes = tuple(v.strip() for v in remove_nodes.split(",") if v.strip())
        scenarios.append(Scenario("remove", remove_nodes=nodes))
        listing += [f"scenario 'remove' removes {len(nodes)} nodes: {', '.join(nodes)}"]
    if remove_key_players:
        from ..metrics import key_players

        if G.is_directed():
            raise click.UsageError("--remove-key-players needs an undirected network")
        kp = key_players(G, remove_key_players, metric="F", seed=seed)
        listing += [f"scenario 'remove {remove_key_players} key players' removes "
                    f"{', '.join(map(str, kp.nodes))} (F after removal {kp.value:.4g})"]
        scenarios.append(Scenario(f"remove {remove_key_players} key players",
                                  remove_nodes=tuple(kp.nodes)))
    for mult in p_multiplier:
        scenarios.append(Scenario(f"p x{mult:g}", p_multiplier=mult))
    if not scenarios:
        raise click.UsageError(
            "give at least one scenario: --add-edges, --bridge, --link-platforms, "
            "--remove-nodes, --remove-key-players or --p-multiplier"
        )
    for line in listing:
        click.echo(line, err=True)
    table = compare_scenarios(G, p, q, scenarios, runs=runs, rule=rule, seed=seed,
                              start_year=start_year, method=method,
                              dt=dt if method == "tau-leap" else None)
    click.echo("t10/t50/t90: years from launch to 10/50/90 % adoption (mean of the runs); "
               "P, Q: one Bass curve fitted from launch to 95 % adoption", err=True)
    emit(table, fmt=fmt, output=output)


# ------------------------------------------------------------ calibrate


@diffusion.command("calibrate")
@graph_options
@click.option("--Q", "Q_target", type=click.FloatRange(min=0, min_open=True), required=True,
              help="Observed macro coefficient of imitation to reproduce (per year).")
@click.option("--Q-se", "Q_se", type=click.FloatRange(min=0), default=0.0, show_default=True,
              help="Standard error of the observed Q.")
@click.option("--p", "p", type=float, default=None,
              help="Micro coefficient of innovation, per year (default 0.03, the mean across "
                   "products in Sultan, Farley & Lehmann 1990; printed when used).")
@click.option("--basis", type=click.Choice(["all", "linked"]), default="all", show_default=True,
              help="Match the Q of one Bass curve over all nodes, or of the linked nodes "
                   "(isolates apart).")
@click.option("--q-max", type=click.FloatRange(min=0, min_open=True), default=5.0,
              show_default=True, help="Largest micro q searched (from 0.001).")
@click.option("--steps", type=click.IntRange(min=1), default=None, hidden=True,
              help="Deprecated and ignored: the fit window runs to 95 % adoption.")
@click.option("--dt", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Step in years, with --method tau-leap only.")
@click.option("--method", type=click.Choice(METHODS_SIM), default="auto", show_default=True,
              help="Simulation method (see 'simulate').")
@click.option("--runs", type=click.IntRange(min=1), default=100, show_default=True,
              help="Simulation runs per evaluation.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed reused by every evaluation (common random numbers).")
@click.option("--rule", type=click.Choice(RULES), default="fraction", show_default=True,
              help="Hazard p + q k/d (fraction) or 1-(1-p)(1-q)^k (independent).")
@output_options
def calibrate_cmd(edgelist, source_col, target_col, directed, complete, region, store, endpoint,
                  Q_target, Q_se, p, basis, q_max, steps, dt, method, runs, seed, rule, fmt,
                  output):
    """Find the micro q with which the network reproduces an observed macro Q.

    Prints q with its standard error, split into the Monte Carlo part and the
    part due to the macro Q's standard error, or says why no q can (a
    network without links, or the largest Q the structure reaches).

    \b
    Example:
        ssbkg diffusion calibrate --graph edges.csv --Q 0.38 --Q-se 0.05 --p 0.01
        ssbkg diffusion calibrate --region China --Q 0.05 --p 0.03 --basis linked
        ssbkg diffusion calibrate --region Zhejiang --Q 0.38
    """
    from ..diffusion.imitation import calibrate_q

    G = _load_graph(edgelist, source_col, target_col, directed, complete, region, store,
                    endpoint)
    if p is None:
        p = DEFAULT_P
        click.echo(f"p = {p:g} per year (default: mean across products, Sultan, Farley & "
                   "Lehmann 1990; give --p to change it)", err=True)
    cal = calibrate_q(G, Q_target, p=p, Q_se=Q_se, runs=runs, rule=rule, seed=seed,
                      bracket=(1e-3, q_max), basis=basis, method=method, dt=dt)
    for note in cal.notes:
        click.echo(f"note: {note}", err=True)
    lo, hi = cal.conf_int()
    emit([{"q": cal.q, "se": cal.se, "ci_lower": lo, "ci_upper": hi, "se_mc": cal.se_mc,
           "se_macro": cal.se_macro, "slope_dQ_dq": cal.slope, "Q_target": cal.Q_target,
           "Q_achieved": cal.Q_achieved, "basis": cal.basis, "fit_rmse": cal.fit_rmse,
           "fit_window_years": cal.fit_window, "evaluations": cal.evaluations}],
         fmt=fmt, output=output)


COMMANDS = [diffusion]
