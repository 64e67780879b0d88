"""The exceptions ssbkg raises.

One root, :class:`SsbkgError`, and a few semantic subclasses. The library
raises these; only the command line turns them into one-line messages.
"""

from __future__ import annotations

__all__ = [
    "StoreLockedError",
    "SsbkgError",
    "InputError",
    "QueryError",
    "NotFoundError",
    "AmbiguousNameError",
    "GraphError",
    "FitError",
]


class SsbkgError(Exception):
    """Root of every error ssbkg raises on purpose."""


class InputError(SsbkgError, ValueError):
    """A data file is malformed: names the file, row and field when known.

    Raised for a missing column, an unknown reference, a bad value, a
    duplicate id, a malformed date, bytes that are not UTF-8 or broken Turtle.
    """

    def __init__(self, message: str, *, file=None, row=None, field=None):
        self.file = None if file is None else str(file)
        self.row = row
        self.field = field
        self.reason = message
        where = []
        if self.file is not None:
            where.append(self.file)
        if row is not None:
            where.append(f"row {row}")
        if field is not None:
            where.append(f"field '{field}'")
        super().__init__(f"{': '.join([', '.join(where), message]) if where else message}")


class QueryError(SsbkgError):
    """A SPARQL query is malformed, unknown, or was given bad parameters."""

    def __init__(self, message: str, *, query=None):
        self.query = query
        self.reason = message
        super().__init__(f"query {query}: {message}" if query else message)


class NotFoundError(SsbkgError, LookupError):
    """A region, organisation, concept or file named by the caller does not exist."""


class AmbiguousNameError(NotFoundError):
    """A label names more than one thing; the message lists the candidates."""


class GraphError(SsbkgError, ValueError):
    """A graph is unsuitable for a metric (empty, wrong type, missing attribute)."""


class FitError(SsbkgError, ValueError):
    """A model could not be fitted: too few points, bad data or no convergence."""


class StoreLockedError(SsbkgError):
    """Another process is writing the same on-disk store (its lock file is held)."""
