"""What every command module shares: the group class, the KG options, opening a KG,
and turning library values into printable ones.

The library raises :class:`ssbkg.errors.SsbkgError`; :class:`SsbkgGroup` turns those
into one-line messages and a non-zero exit, so a user never sees a traceback for bad
input. Command modules import from here, and :mod:`ssbkg.cli.main` imports them: the
dependency points one way.
"""

from __future__ import annotations

import re
from functools import wraps

import click

from ..errors import SsbkgError
from ..vocab import PREFIXES

__all__ = ["SsbkgGroup", "kg_options", "open_kg", "compact", "plain"]


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
        except KeyboardInterrupt:
            # Ctrl-C: one line and 128 + SIGINT; atomic writes leave nothing half-written
            click.echo("\ninterrupted", err=True)
            raise click.exceptions.Exit(130) from None
        except OSError as exc:
            # a place the user cannot write (permission, a file where a folder
            # should be, a full disk): one line naming it
            if not exc.filename:
                raise
            import os.path

            if isinstance(exc, (FileExistsError, NotADirectoryError)) and os.path.isfile(exc.filename):
                raise click.ClickException(
                    f"cannot write there: {exc.filename} is a file, not a folder") from None
            raise click.ClickException(f"cannot write {exc.filename}: {exc.strerror or exc}") from None

    def group(self, *args, **kwargs):
        kwargs.setdefault("cls", SsbkgGroup)
        return super().group(*args, **kwargs)


def kg_options(func):
    """Add ``--store DIR`` and ``--endpoint URL`` (with their env variables)."""

    @click.option("--store", "store", envvar="SSBKG_STORE", default=None,
                  type=click.Path(file_okay=False),
                  help="Read an on-disk store built by 'ssbkg build --store' [env SSBKG_STORE].")
    @click.option("--endpoint", "endpoint", envvar="SSBKG_ENDPOINT", default=None,
                  help="Read a SPARQL endpoint URL, e.g. http://127.0.0.1:7878/query "
                       "[env SSBKG_ENDPOINT].")
    @wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def open_kg(store=None, endpoint=None):
    """The KG a command reads: the store, the endpoint, or the curated KG in memory.

    An option given on the command line wins over the other one's environment
    variable (``--endpoint URL`` with ``SSBKG_STORE`` set reads the endpoint).
    """
    if store and endpoint:
        ctx = click.get_current_context(silent=True)
        env = click.core.ParameterSource.ENVIRONMENT
        from_env = set()
        if ctx is not None:
            from_env = {name for name in ("store", "endpoint")
                        if ctx.get_parameter_source(name) == env}
        if from_env == {"store"}:
            store = None
        elif from_env == {"endpoint"}:
            endpoint = None
        else:
            raise click.UsageError("give --store or --endpoint, not both")
    from ..build import open_kg as _open

    return _open(store=store, endpoint=endpoint)


_COMPACT = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def plain(frame):
    """A DataFrame ready for :func:`emit`: missing values (NaN, ``pd.NA``) as None.

    Examples
    --------
    >>> import pandas as pd
    >>> plain(pd.DataFrame({"n": pd.array([1, None], dtype="Int64")}))["n"].tolist()
    [1, None]
    """
    out = frame.astype(object)
    return out.where(frame.notna(), None)


#: The local part of a prefixed name that SPARQL and Turtle accept without escapes
#: (PN_LOCAL without PLX, ASCII and letters): ``seg_cathode`` yes, ``region/cn`` no.
_PN_LOCAL = re.compile(r"[\w:](?:[\w.:-]*[\w:-])?\Z")


def compact(value):
    """An IRI as SPARQL/Turtle a user can paste back into a query; other values unchanged.

    A prefixed name (``ssb:seg_cathode``) where the local part needs no escape,
    else the full IRI in angle brackets (``ssbd:region/cn`` would not parse).

    Examples
    --------
    >>> compact("https://w3id.org/ssbkg/ontology#seg_cathode")
    'ssb:seg_cathode'
    >>> compact("https://w3id.org/ssbkg/id/region/cn")
    '<https://w3id.org/ssbkg/id/region/cn>'
    >>> compact(3)
    3
    """
    if isinstance(value, str) and _IRI.match(value):
        for prefix, iri in _COMPACT:
            if value.startswith(iri) and len(value) > len(iri):
                local = value[len(iri):]
                if _PN_LOCAL.match(local):
                    return f"{prefix}:{local}"
                break
        return f"<{value}>"
    return value


_IRI = re.compile(r"(?:https?://|urn:)[^\s<>\"{}|^`\\]*\Z")
