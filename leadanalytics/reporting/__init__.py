"""Reports: a notebook executed for one scope and date, written as self-contained HTML.

``build_report`` is the one way in (the command line's ``report build`` calls it). The notebooks
hold no rules: they call ``leadanalytics.reporting.metrics`` and ``leadanalytics.reporting.charts``.
"""

from leadanalytics.reporting.build import REPORTS, build_report

__all__ = ["REPORTS", "build_report"]
