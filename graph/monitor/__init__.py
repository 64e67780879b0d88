"""Monitoring and early warning: what changed between two versions of the KG.

:func:`load_version` reads a store, an export or a folder of tables;
:func:`diff` compares two versions row by row (:class:`Diff`);
:func:`warnings` applies the early-warning rules of docs/monitoring.md to a
diff; :mod:`ssbkg.monitor.render` writes both as Markdown, JSON or CSV.
"""

from .diff import Diff, FieldChange, RowChange, diff
from .load import Version, load_version

__all__ = ["Diff", "FieldChange", "RowChange", "Version", "diff", "load_version"]
