"""The cluster-gap report: what a regional planner hands to the director.

:func:`cluster_gap_report` computes the 13 sections of a region's report from
the KG (through :mod:`ssbkg.analysis`, :mod:`ssbkg.metrics`,
:mod:`ssbkg.diffusion` and the report's named queries in
``queries/report/``) and returns a :class:`Report` whose ``to_markdown()``,
``to_html()`` and ``to_json()`` are three views of the same content. See
docs/report.md.
"""

from .build import DEFAULT_REGION, SECTION_IDS, cluster_gap_report
from .model import Report
from .sections import default_peers

__all__ = ["cluster_gap_report", "Report", "default_peers", "DEFAULT_REGION", "SECTION_IDS"]
