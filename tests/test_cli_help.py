"""The command line as a new user meets it: every command explains itself, and
``ssbkg --help`` / ``ssbkg queries`` start without the heavy libraries.

Start-up time itself is measured in benchmarks/bench_cli.py (no timed tests here);
these tests check the cause: which modules a bare start imports.
"""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from ssbkg.cli.main import cli

HEAVY = ("scipy", "pandas", "matplotlib", "rdflib", "pyshacl", "networkx", "numpy")


def _walk(command, path=()):
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from _walk(command.commands[name], path + (name,))


COMMANDS = list(_walk(cli))


def test_the_walk_reaches_nested_subcommands():
    paths = {" ".join(p) for p, _ in COMMANDS}
    assert {"build", "query", "queries", "metrics cluster", "diffusion fit", "diff"} <= paths


@pytest.mark.parametrize("path,command", COMMANDS[1:], ids=[" ".join(p) for p, _ in COMMANDS[1:]])
def test_every_command_has_help_and_an_example(path, command):
    text = command.help or ""
    first = text.strip().splitlines()[0] if text.strip() else ""
    assert first, f"ssbkg {' '.join(path)} has no help text"
    assert "Example" in text, f"ssbkg {' '.join(path)} has no Example block"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"ssbkg {' '.join(path)} {param.opts[0]} has no help"


def _modules_after(args) -> set:
    code = ("import sys\nfrom click.testing import CliRunner\nfrom ssbkg.cli.main import cli\n"
            f"r = CliRunner().invoke(cli, {list(args)!r})\nassert r.exit_code == 0, r.output\n"
            f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


@pytest.mark.parametrize("args", [["--help"], ["queries"], ["diffusion", "--help"],
                                  ["metrics", "--help"]])
def test_starting_the_cli_loads_no_heavy_library(args):
    assert _modules_after(args) == set()


def test_a_command_that_needs_pandas_still_gets_it():
    # the check above is not vacuous: a command that computes a table loads pandas
    assert "pandas" in _modules_after(["stats"])


def test_a_query_streams_its_rows_without_pandas():
    # ssbkg query writes rows as they come (no DataFrame): neither pandas nor numpy
    loaded = _modules_after(["query", "region-hierarchy", "-p", "region=cn-zj", "--format", "csv"])
    assert not {"pandas", "numpy"} & loaded


def test_the_written_out_choices_are_the_librarys():
    from ssbkg import projections
    from ssbkg.cli import choices
    from ssbkg.diffusion import fit, network
    from ssbkg.export import FORMATS

    assert choices.EXPORT_FORMATS == tuple(FORMATS)
    assert choices.FIT_METHODS == tuple(fit.METHODS)
    assert choices.NETWORK_RULES == tuple(network.RULES)
    assert set(choices.REGION_LEVELS) == set(projections.LEVELS)
    from ssbkg.monitor.warnings import KINDS

    assert choices.MONITOR_WARNINGS == KINDS
