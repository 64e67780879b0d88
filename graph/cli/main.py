"""Entry point of the ``ssbkg`` command.

Each command group lives in its own module and is added here. The library
raises :class:`ssbkg.errors.SsbkgError`; :class:`SsbkgGroup` turns those into
one-line messages and a non-zero exit, so a user never sees a traceback for
bad input.
"""

from __future__ import annotations

import click

from .. import __version__
from ..errors import InputError, SsbkgError

__all__ = ["cli", "SsbkgGroup"]


class SsbkgGroup(click.Group):
    """A click group whose commands report library errors in one line."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except SsbkgError as exc:
            message = " ".join(str(exc).split())
            raise click.ClickException(message) from None
        except UnicodeDecodeError as exc:  # raised below the library by a stray read
            raise click.ClickException(f"input is not UTF-8: {exc.reason}") from None

    def group(self, *args, **kwargs):
        kwargs.setdefault("cls", SsbkgGroup)
        return super().group(*args, **kwargs)


@click.group(cls=SsbkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ssbkg")
def cli():
    """ssbkg: the solid-state battery ecosystem knowledge graph and its analytics.

    \b
    Example:
        ssbkg build --store out/kg
        ssbkg query region-routes --format md
    """


def _register() -> None:
    # One module per command group; each exposes click commands to add.
    from . import commands

    for command in commands.all_commands():
        cli.add_command(command)


_register()

__all__ += ["InputError"]
