"""The fixed choices of the command-line options, written out so that ``ssbkg --help``
needs none of the modules that define them (scipy, pandas and pyoxigraph load only
inside the commands that use them). tests/test_cli_help.py checks that each list
equals the library's own.
"""

from __future__ import annotations

from .. import vocab

__all__ = ["EXPORT_FORMATS", "FIT_METHODS", "MONITOR_WARNINGS", "NETWORK_RULES", "REGION_LEVELS"]

#: ssbkg.export.FORMATS
EXPORT_FORMATS = ("turtle", "nquads", "jsonld")

#: ssbkg.diffusion.fit.METHODS
FIT_METHODS = ("nls-adoption", "nls-cumulative", "ols")

#: ssbkg.monitor.warnings.KINDS
MONITOR_WARNINGS = ("status-backwards", "past-due", "capacity-cut", "new-gap", "gap-filled",
                    "platform-orphaned", "source-weakened", "collaboration-ended")

#: ssbkg.diffusion.network.RULES
NETWORK_RULES = ("fraction", "independent")

#: the region levels of the ontology (ssbkg.projections.LEVELS, finest first)
REGION_LEVELS = tuple(sorted(vocab.CONCEPTS["regionlevel"]))
