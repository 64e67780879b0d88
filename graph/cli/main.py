"""Entry point of the ``ssbkg`` command.

Each command group lives in its own module and is added here. The library
raises :class:`ssbkg.errors.SsbkgError`; :class:`SsbkgGroup` turns those into
one-line messages and a non-zero exit, so a user never sees a traceback for
bad input.
"""

from __future__ import annotations

import click

from .. import __version__
from . import (diffusion_cmd, kg_cmd, map_cmd, metrics_cmd, monitor_cmd, query_cmd, report_cmd,
               synthetic_cmd)
from .common import SsbkgGroup

__all__ = ["cli"]


@click.group(cls=SsbkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ssbkg")
def cli():
    """ssbkg: the solid-state battery ecosystem knowledge graph and its analytics.

    \b
    Example:
        ssbkg build --store out/kg
        ssbkg query region-routes --format md
    """


for _module in (kg_cmd, query_cmd, metrics_cmd, report_cmd, diffusion_cmd, synthetic_cmd,
                map_cmd, monitor_cmd):
    for _command in _module.COMMANDS:
        cli.add_command(_command)
