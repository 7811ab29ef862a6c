"""Reading timesheets: invoiced hours known at a date, and missing timesheet weeks.

The rules live in SQL (``sql/queries/invoiced_hours_*.sql``, ``timesheets_missing.sql``, the
macro ``timesheet_lines_known_at``); these functions bind dates and settings and return
DataFrames. Loading files is the ingest pipeline's work (``leadanalytics.pipelines``).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from leadanalytics.db.warehouse import Output, Warehouse

DEFAULT_LOOKBACK_WEEKS = 26
DEFAULT_GRACE_DAYS = 14


def invoiced_hours(
    w: Warehouse, as_of: dt.date, per: Literal["assignment", "week"] = "assignment",
    output: Output = "pandas",
):
    """Invoiced hours per assignment (or per assignment and week) as known at ``as_of``.

    A line counts with its highest revision whose ``status_date`` is on or before ``as_of``,
    when that revision has status ``invoiced``; a file loaded late fills in the past.

    Examples:
        >>> invoiced_hours(w, dt.date(2026, 3, 1))  # doctest: +SKIP
          assignment_id invoiced_hours  lines
        0            A1          78.50      2
        >>> invoiced_hours(w, dt.date(2026, 3, 1), per="week", output="polars")  # doctest: +SKIP
    """
    names = {"assignment": "queries/timesheets/invoiced_hours_per_assignment",
             "week": "queries/timesheets/invoiced_hours_per_assignment_week"}
    if per not in names:
        raise ValueError(f"per must be 'assignment' or 'week', not {per!r}")
    return w.query(names[per], output=output, as_of=as_of)


def _int_setting(settings: dict[str, str], key: str, default: int) -> int:
    value = settings.get(key)
    return default if value is None else int(value)


def missing_timesheets(w: Warehouse, as_of: dt.date, output: Output = "pandas"):
    """Every missing timesheet week as of ``as_of``, sorted by assignment and week.

    Columns: ``assignment_id``, ``week``, ``lead_id``, ``branch_id``, ``days_overdue``
    (as_of − (week + 14 days)) and ``note`` (why no request can be made, if so). Settings
    ``timesheet_lookback_weeks`` (default 26) and ``timesheet_grace_days`` (default 14).

    Examples:
        >>> missing_timesheets(w, dt.date(2026, 3, 31))  # doctest: +SKIP
          assignment_id       week lead_id branch_id  days_overdue note
        0        A-0001 2026-03-09  L-0001       AMS             8 None
    """
    return w.query("queries/timesheets/timesheets_missing", output=output, as_of=as_of,
                   **missing_week_settings(w))


def missing_week_settings(w: Warehouse) -> dict[str, int]:
    """The parameters of the missing-weeks rule: ``lookback_weeks`` and ``grace_days``."""
    settings = w.settings()  # one read for both
    return {
        "lookback_weeks": _int_setting(settings, "timesheet_lookback_weeks", DEFAULT_LOOKBACK_WEEKS),
        "grace_days": _int_setting(settings, "timesheet_grace_days", DEFAULT_GRACE_DAYS),
    }


def missing_timesheet_count(w: Warehouse, as_of: dt.date) -> int:
    """The number of missing timesheet weeks as of ``as_of`` (a data-quality metric).

    Examples:
        >>> missing_timesheet_count(w, dt.date(2026, 3, 31))  # doctest: +SKIP
        12
    """
    return len(missing_timesheets(w, as_of))
