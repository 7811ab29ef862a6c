"""Weekly timesheet lines of the demo's assignments, as revisions in the contract's columns.

A line is one assignment's week. Its revisions follow the approval route (``submitted``, then
``approved_director`` or ``rejected`` and a resubmission, then ``invoiced``), each revision
dated by its ``status_date``; a few invoiced lines are corrected later (a higher revision with
other hours). Nothing here loops over lines: the revisions are laid out as a fixed number of
slots per line and flattened with numpy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Status codes of the slots, in the order of the contract's list.
STATUSES = ("submitted", "approved_director", "invoiced", "rejected")
SUBMITTED, APPROVED, INVOICED, REJECTED = range(4)
SLOTS = 6
EPOCH = np.datetime64("1970-01-01", "D")


@dataclass(frozen=True)
class TimesheetRows:
    """Line revisions as numpy columns (dates as days since 1970-01-01, hours in cents).

    ``line`` numbers lines from 0 in (assignment, week) order; ``assignment`` indexes the
    assignments the rows were drawn for.
    """

    line: np.ndarray
    revision: np.ndarray
    assignment: np.ndarray
    week: np.ndarray
    hours_cents: np.ndarray
    status: np.ndarray
    status_date: np.ndarray

    def __len__(self) -> int:
        return len(self.line)

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame({k: getattr(self, k) for k in self.__dataclass_fields__})


def _days(values) -> np.ndarray:
    """Dates (datetime64 / date / NaT) as int32 days since the epoch; NaT becomes a far day."""
    d = np.asarray(values, dtype="datetime64[D]")
    out = (d - EPOCH).astype("int64")
    out[np.isnat(d)] = 10**6
    return out.astype(np.int32)


def lines_for_assignments(
    rng: np.random.Generator,
    start: np.ndarray,
    end: np.ndarray,
    small_hours: np.ndarray,
    reference_date: dt.date,
) -> TimesheetRows:
    """Every week of every assignment up to the week before ``reference_date``, with its
    revisions dated before ``reference_date``.

    Args:
        rng: the seeded generator.
        start, end: the assignments' first and last day (``end`` NaT when open).
        small_hours: assignments with a few hours a week (hours extensions).
        reference_date: the demo's "today"; nothing is dated on or after it.

    Examples:
        >>> import numpy as np, datetime as dt
        >>> rows = lines_for_assignments(np.random.default_rng(1),
        ...     np.array(["2026-01-07"], "datetime64[D]"), np.array(["NaT"], "datetime64[D]"),
        ...     np.array([False]), dt.date(2026, 3, 2))
        >>> int(rows.line.max()) + 1   # weeks of 5 January .. 16 February
        7
    """
    ref = _days([reference_date])[0]
    s, e = _days(start), _days(end)
    first = s - (s + 3) % 7                  # Monday of the start week (1970-01-01 was a Thursday)
    last = np.minimum(e - (e + 3) % 7, ref - (ref + 3) % 7 - 7)
    n_weeks = np.maximum(0, (last - first) // 7 + 1)
    total = int(n_weeks.sum())
    a_idx = np.repeat(np.arange(len(s), dtype=np.int32), n_weeks)
    offset = np.arange(total) - np.repeat(np.cumsum(n_weeks) - n_weeks, n_weeks)
    week = (first[a_idx] + 7 * offset).astype(np.int32)

    full = np.where(
        small_hours,
        rng.choice(np.array([400, 800, 1200]), len(s)),
        rng.choice(np.array([1600, 2400, 3200, 3600, 4000]), len(s), p=[.1, .2, .3, .25, .15]),
    )[a_idx]
    u = rng.random(total)
    hours = np.where(u < 0.04, 0, full)                                   # holiday week
    hours = np.where((u >= 0.04) & (u < 0.12),
                     np.maximum(0, full - rng.integers(1, 4, total) * 800), hours)  # days off
    hours = np.where((u >= 0.12) & (u < 0.16), full + rng.integers(1, 16, total) * 25, hours)
    hours = np.where((u >= 0.16) & (u < 0.165), 3333, hours)              # 33.33 exactly
    hours = hours.astype(np.int32)

    rejected = rng.random(total) < 0.06
    corrected = rng.random(total) < 0.02
    status = np.full((total, SLOTS), -1, np.int8)
    lag = np.zeros((total, SLOTS), np.int32)
    cents = np.repeat(hours[:, None], SLOTS, axis=1)
    status[:, 0], lag[:, 0] = SUBMITTED, 4 + rng.integers(0, 4, total)
    resubmitted = np.maximum(0, hours - 400 * rng.integers(0, 2, total)).astype(np.int32)
    route_ok = np.array([APPROVED, INVOICED, -1, -1, -1])
    route_rej = np.array([REJECTED, SUBMITTED, APPROVED, INVOICED, -1])
    status[:, 1:] = np.where(rejected[:, None], route_rej, route_ok)
    lag[:, 1:] = rng.integers(1, 6, (total, SLOTS - 1), dtype=np.int32)
    lag[:, 1:] += np.where(status[:, 1:] == INVOICED, rng.integers(1, 6, (total, 1)), 0)
    cents[rejected, 2:] = resubmitted[rejected, None]
    # A correction: one more invoiced revision with other hours, weeks after the invoice.
    slot = np.where(rejected, 5, 3)
    fix = np.flatnonzero(corrected)
    status[fix, slot[fix]] = INVOICED
    lag[fix, slot[fix]] = 7 + rng.integers(0, 24, len(fix))
    delta = rng.choice(np.array([-800, -400, -100, 100, 400]), len(fix))
    cents[fix, slot[fix]] = np.clip(cents[fix, slot[fix] - 1] + delta, 0, 16800)

    status_date = week[:, None] + np.cumsum(lag, axis=1, dtype=np.int32)
    valid = (status >= 0) & (status_date < ref)
    line, rev = np.nonzero(valid)
    return TimesheetRows(
        line=line.astype(np.int64),
        revision=(rev + 1).astype(np.int16),
        assignment=a_idx[line],
        week=week[line],
        hours_cents=cents[line, rev],
        status=status[line, rev],
        status_date=status_date[line, rev].astype(np.int32),
    )


def month_key(days: np.ndarray) -> np.ndarray:
    """``YYYYMM`` of each day (days since the epoch), vectorised."""
    d = (EPOCH + days.astype("timedelta64[D]")).astype("datetime64[M]")
    months = d.astype(np.int64)  # months since 1970-01
    return ((months // 12 + 1970) * 100 + months % 12 + 1).astype(np.int32)


def week_key(days: np.ndarray) -> np.ndarray:
    """The Monday (days since the epoch) of each day's week."""
    return (days - (days + 3) % 7).astype(np.int32)


def bad_rows(
    rng: np.random.Generator, rows: pd.DataFrame, per_kind: int
) -> pd.DataFrame:
    """Rows that break one column rule each, copied from good rows (as text, with ``kind``).

    ``rows`` holds good rows as text in the contract's columns plus ``file`` and ``order``;
    each bad row lands in the file of the row it was copied from, just after it.
    """
    kinds = (
        ("week_not_monday", "week"), ("hours_above_168", "hours"), ("hours_negative", "hours"),
        ("hours_three_decimals", "hours"), ("unknown_status", "status"),
        ("status_date_before_week", "status_date"), ("missing_assignment_id", "assignment_id"),
        ("revision_zero", "revision"),
    )
    n = per_kind * len(kinds)
    if len(rows) == 0:
        return rows.iloc[0:0].assign(kind=pd.Series(dtype=object))
    picked = rows.iloc[np.sort(rng.choice(len(rows), min(n, len(rows)), replace=False))].copy()
    picked = picked.reset_index(drop=True)
    picked["kind"] = [kinds[i % len(kinds)][0] for i in range(len(picked))]
    picked["line_id"] = [f"TSL-X{i:06d}" for i in range(1, len(picked) + 1)]
    picked["order"] = picked["order"] + 1
    week = pd.to_datetime(picked["week_date"])
    for i, row in picked.iterrows():  # a handful of rows per kind, not the hot path
        kind = row["kind"]
        if kind == "week_not_monday":
            picked.at[i, "week"] = (week[i] + pd.Timedelta(days=2)).strftime("%Y-%m-%d")
        elif kind == "hours_above_168":
            picked.at[i, "hours"] = "212.00"
        elif kind == "hours_negative":
            picked.at[i, "hours"] = "-8.00"
        elif kind == "hours_three_decimals":
            picked.at[i, "hours"] = "7.125"
        elif kind == "unknown_status":
            picked.at[i, "status"] = "goedgekeurd"
        elif kind == "status_date_before_week":
            picked.at[i, "status_date"] = (week[i] - pd.Timedelta(days=3)).strftime("%Y-%m-%d")
        elif kind == "missing_assignment_id":
            picked.at[i, "assignment_id"] = None
        elif kind == "revision_zero":
            picked.at[i, "revision"] = "0"
    return picked
