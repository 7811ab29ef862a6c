"""The dashboard metrics (reports.md "Metrics"): each a function of (warehouse, as_of, scope,
grouping) that returns a DataFrame, rebuilt from the event log as of any past date.

Each metric is one SQL file ``sql/queries/metric_<name>.sql``; the scope filter is applied there
through the table macros ``scoped_leads`` / ``scoped_lead_events`` / ``leads_as_of`` with the
bound parameters of :class:`leadanalytics.access.scopes.Scope`. This module holds no SQL and no phase.

Examples:
    >>> import leadanalytics as la
    >>> w = la.connect("demo/leadanalytics.duckdb")                      # doctest: +SKIP
    >>> la.metrics.funnel(w, "2026-03-31", scope="branch:NORTH", by="source")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from leadanalytics.access.scopes import Scope, resolve_scope
from leadanalytics.clock import as_of_day
from leadanalytics.db.frames import exact_frame, frame
from leadanalytics.db.warehouse import Output, Warehouse
from leadanalytics.exceptions import MetricArgumentError, ScopeViolation, SqlError

#: Lead columns a metric may be grouped by (``--by``); the SQL macro ``lead_phases_as_of`` maps them.
GROUPABLE = (
    "business_unit", "branch_id", "source", "submitter_id", "priority", "category", "client_name"
)
DEFAULT_STALE_DAYS = 30


@dataclass(frozen=True)
class Metric:
    """A registered metric: its name, what it answers, and whether it takes ``by``."""

    name: str
    description: str
    groupable: bool
    function: Callable[..., Any]


METRICS: dict[str, Metric] = {}


def _metric(description: str, groupable: bool = False):
    """Register a metric; its call reads through one connection (``Warehouse.reader``)."""

    def register(f):
        @functools.wraps(f)
        def one_connection(w, *args, **kwargs):
            with w.reader():
                return f(w, *args, **kwargs)

        METRICS[f.__name__] = Metric(f.__name__, description, groupable, one_connection)
        return one_connection

    return register


# each metric and the file of its query: explicit, so that a test can prove every file is used
METRIC_QUERIES = {
    "phase_overview": "queries/reporting/metric_phase_overview",
    "inflow": "queries/reporting/metric_inflow",
    "leads": "queries/reporting/metric_leads",
    "funnel": "queries/reporting/metric_funnel",
    "time_in_phase": "queries/reporting/metric_time_in_phase",
    "cohorts": "queries/reporting/metric_cohorts",
    "time_to_decision": "queries/reporting/metric_time_to_decision",
    "time_to_assignment": "queries/reporting/metric_time_to_assignment",
    "ageing": "queries/reporting/metric_ageing",
    "stale_leads": "queries/reporting/metric_stale_leads",
    "reasons": "queries/reporting/metric_reasons",
    "assignment_hours": "queries/reporting/metric_assignment_hours",
    "bonus_pipeline": "queries/reporting/metric_bonus_pipeline",
    "bonus_payouts": "queries/reporting/metric_bonus_payouts",
    "loads": "queries/reporting/metric_loads",
    "quarantine": "queries/reporting/metric_quarantine",
}


def _run(
    w: Warehouse,
    name: str,
    as_of,
    scope,
    output: Output,
    as_person: str | None = None,
    by: str | None = None,
    sql_name: str | None = None,
    exact: bool = False,
    **params: Any,
):
    day = as_of_day(as_of)
    s = resolve_scope(w, scope, as_person=as_person, day=None)
    if by is not None and by not in GROUPABLE:
        raise MetricArgumentError(name, f"cannot group by {by!r}; use one of {', '.join(GROUPABLE)}")
    table = w.arrow(
        METRIC_QUERIES[sql_name or name], as_of=day, by=by or "", **s.params(), **params
    )
    # a query that returns keys gets their texts put in place after its sort (metric_leads)
    if "lead_key" in table.column_names:
        table = _with_lead_fields(w, table, day, s)
    if "phase_key" in table.column_names:
        table = _with_phase_texts(w, table)
    if "by_value" in table.column_names:
        table = (table.rename_columns([by if c == "by_value" else c for c in table.column_names])
                 if by else table.drop_columns("by_value"))
    if output == "polars":
        import polars as pl

        return pl.from_arrow(table)
    # money and hours stay exact decimals (and dates datetime.date), never float
    return exact_frame(table) if exact else frame(table)


def _with_lead_fields(w: Warehouse, table, day: dt.date, scope: Scope):
    """Put each lead's fields (metric_leads_fields) where ``lead_key`` is, row for row (a
    lookup by key in numpy, no loop). A key without its row is an error, never a wrong row."""
    import numpy as np

    name = "queries/reporting/metric_leads_fields"
    fields = w.arrow(name, as_of=day, **scope.params())
    keys, wanted = fields["lead_key"], table["lead_key"]
    if keys.null_count or wanted.null_count:
        raise SqlError(name, "a lead has no lead_key: store.leads or its spans are damaged")
    keys, wanted = keys.to_numpy(), wanted.to_numpy()
    if min(keys.min(initial=0), wanted.min(initial=0)) < 0:
        raise SqlError(name, "a lead_key is negative: store.leads or its spans are damaged")
    row_of = np.full(int(max(keys.max(initial=0), wanted.max(initial=0))) + 1, -1, np.int64)
    row_of[keys] = np.arange(len(keys))
    rows = row_of[wanted]
    if (rows < 0).any():
        raise SqlError(name, f"lead_key {int(wanted[rows < 0][0])} has no lead in the scope")
    return _replace_by_key(table, "lead_key", fields.drop_columns("lead_key"), rows)


def _with_phase_texts(w: Warehouse, table):
    """Put the phase's texts (phase_group, phase, label, label_nl) where ``phase_key`` is."""
    texts = w.arrow("queries/reporting/metric_leads_phase_texts")
    return _replace_by_key(table, "phase_key", texts, table["phase_key"])


def _replace_by_key(table, key: str, values, rows):
    """``table`` with its column ``key`` replaced by the columns of ``values`` taken at ``rows``
    (one take per column, in threads: Arrow's take releases the GIL)."""
    import pyarrow.compute as pc

    at = table.column_names.index(key)
    table = table.remove_column(at)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as takers:
        taken = list(takers.map(lambda name: pc.take(values[name], rows), values.column_names))
    for offset, (name, column) in enumerate(zip(values.column_names, taken, strict=True)):
        table = table.add_column(at + offset, name, column)
    return table


def _whole_warehouse_only(name: str, scope) -> None:
    s = Scope.parse(scope)
    if s.kind != "all":
        raise ScopeViolation(
            str(s), f"{name} covers the loads of every lead; it exists for scope all only"
        )


# ----------------------------------------------------------------------------- overview


@_metric("leads per phase group and phase on the as-of date (every phase listed)", groupable=True)
def phase_overview(w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None):
    """Leads per phase group and phase as of a date.

    Examples:
        >>> phase_overview(w, "2026-03-31", scope="person:E1")  # doctest: +SKIP
    """
    return _run(w, "phase_overview", as_of, scope, output, as_person, by)


@_metric("leads created and leads started (first step) per week")
def inflow(w, as_of=None, scope="all", output: Output = "pandas", as_person=None):
    """Inflow per week (Monday): leads created and leads that entered the funnel.

    Examples:
        >>> inflow(w, "2026-03-31")  # doctest: +SKIP
    """
    return _run(w, "inflow", as_of, scope, output, as_person)


@_metric("the Casemaster tabs: every lead with its phase on the as-of date")
def leads(
    w, as_of=None, scope="all", phase_group: str | None = None, output: Output = "pandas",
    as_person=None,
):
    """The leads of one Casemaster tab (a phase group; None = "Alle") as of a date.

    Examples:
        >>> leads(w, "2026-03-31", scope="branch:B1", phase_group="actueel")  # doctest: +SKIP
    """
    return _run(w, "leads", as_of, scope, output, as_person, phase_group=phase_group or "")


def casemaster_tabs(w, as_of=None, scope="all", as_person=None) -> dict[str, Any]:
    """Every Casemaster tab as a DataFrame: one per phase group (by its nl label) and "Alle".

    Examples:
        >>> list(casemaster_tabs(w, "2026-03-31"))  # doctest: +SKIP
        ['Actueel', 'Actief als lead', 'Actief als opdracht', 'Geannuleerd/afgewezen', 'Alle']
    """
    every = leads(w, as_of, scope, as_person=as_person)
    groups = phase_groups(w)
    tabs = {
        label: every[every["phase_group"] == code].reset_index(drop=True)
        for code, label in zip(groups["phase_group"], groups["group_label_nl"], strict=True)
    }
    tabs["Alle"] = every
    return tabs


def phase_groups(w: Warehouse):
    """The phase groups of the active lead pipeline, in order, with their labels."""
    return w.query("queries/reporting/active_phase_groups")


def phase_style(w: Warehouse):
    """The phases of the active lead pipeline with colours and labels (for charts)."""
    return w.query("queries/reporting/active_phases")


# ----------------------------------------------------------------------------- conversion


@_metric("funnel: leads per step, step conversion with 95% Wilson interval", groupable=True)
def funnel(w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None):
    """The funnel of reports.md: ``step, label, leads, rate, rate_low, rate_high``.

    Examples:
        >>> funnel(w, "2026-03-31", by="business_unit")  # doctest: +SKIP
    """
    return _run(w, "funnel", as_of, scope, output, as_person, by)


@_metric("median and p90 days per phase (completed stays) and the leads in each phase now")
def time_in_phase(w, as_of=None, scope="all", output: Output = "pandas", as_person=None):
    """Days spent per phase: median and p90 of completed stays; leads there on the date.

    Examples:
        >>> time_in_phase(w, "2026-03-31")  # doctest: +SKIP
    """
    return _run(w, "time_in_phase", as_of, scope, output, as_person)


@_metric("by month of start: share won within 30/60/90 days", groupable=True)
def cohorts(w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None):
    """Cohorts by month of start; ``share_Nd`` = won within N days / leads observed N days.

    Examples:
        >>> cohorts(w, "2026-03-31")  # doctest: +SKIP
    """
    return _run(w, "cohorts", as_of, scope, output, as_person, by)


@_metric("Kaplan-Meier estimate of the days from start to decision")
def time_to_decision(w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None):
    """Kaplan-Meier of start to first end phase (reports.md): ``days, at_risk, decided,
    censored, still_open``. Grouping is refused.

    Examples:
        >>> time_to_decision(w, "2026-03-31")  # doctest: +SKIP
    """
    if by:
        raise MetricArgumentError("time_to_decision", "a survival metric takes no --by")
    return _run(w, "time_to_decision", as_of, scope, output, as_person)


@_metric("cumulative incidence of the won phase, lost ends competing (Aalen-Johansen)")
def time_to_assignment(
    w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None
):
    """Cumulative incidence of reaching the won phase (reports.md): ``days, at_risk, won,
    lost, censored, cumulative_incidence``. Grouping is refused.

    Examples:
        >>> time_to_assignment(w, "2026-03-31")  # doctest: +SKIP
    """
    if by:
        raise MetricArgumentError("time_to_assignment", "a survival metric takes no --by")
    return _run(w, "time_to_assignment", as_of, scope, output, as_person)


# ----------------------------------------------------------------------------- follow-up


@_metric("open leads by phase and days since their last change")
def ageing(w, as_of=None, scope="all", output: Output = "pandas", as_person=None):
    """Open leads by phase and age bucket (days since the last change).

    Examples:
        >>> ageing(w, "2026-03-31")  # doctest: +SKIP
    """
    return _run(w, "ageing", as_of, scope, output, as_person)


@_metric("open leads without any change for N days (setting stale_days, default 30)")
def stale_leads(
    w, as_of=None, scope="all", days: int | None = None, output: Output = "pandas",
    as_person=None,
):
    """Open leads idle for at least ``days`` days.

    ``days`` defaults to the warehouse setting ``stale_days`` (the hook for the trigger rules'
    stale threshold), else 30.

    Examples:
        >>> stale_leads(w, "2026-03-31", days=14)  # doctest: +SKIP
    """
    if days is None:
        days = int(w.setting("stale_days") or DEFAULT_STALE_DAYS)
    return _run(w, "stale_leads", as_of, scope, output, as_person, days=days)


@_metric("rejected and cancelled leads by phase and reason", groupable=True)
def reasons(w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None):
    """Leads in a lost end phase by phase and reason.

    Examples:
        >>> reasons(w, "2026-03-31")  # doctest: +SKIP
    """
    return _run(w, "reasons", as_of, scope, output, as_person, by)


# ----------------------------------------------------------------------------- bonus, quality


@_metric("won leads with their assignment and the hours known at the date (invoiced, all)")
def assignment_hours(w, as_of=None, scope="all", output: Output = "pandas", as_person=None):
    """Won leads with invoiced and known hours of their assignment as of the date.

    Examples:
        >>> assignment_hours(w, "2026-03-31", scope="person:E1")  # doctest: +SKIP
    """
    return _run(w, "assignment_hours", as_of, scope, output, as_person, exact=True)


@_metric("bonus state per won lead: hours to the threshold, projected earn date, amounts")
def bonus_pipeline(w, as_of=None, scope="all", output: Output = "pandas", as_person=None):
    """Won leads with their bonus state (the bonus engine's ``bonus_states``), hours still to go,
    share of the threshold reached and, for a pending hours bonus, a projected earn date at the
    pace invoiced since the lead was won.

    Examples:
        >>> bonus_pipeline(w, "2026-03-31", scope="person:E1")  # doctest: +SKIP
    """
    return _run(w, "bonus_pipeline", as_of, scope, output, as_person, exact=True)


@_metric("bonus amounts earned and paid per payout month", groupable=True)
def bonus_payouts(w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None):
    """Earned (not yet paid) and paid bonuses per payout month; ``by`` e.g. ``business_unit``.

    Examples:
        >>> bonus_payouts(w, "2026-03-31", by="submitter_id")  # doctest: +SKIP
    """
    return _run(w, "bonus_payouts", as_of, scope, output, as_person, by, exact=True)


@_metric("loads per kind and status up to the date (scope all only)")
def loads(w, as_of=None, scope="all", output: Output = "pandas", as_person=None):
    """Loads of files up to the date, per kind and status.

    Examples:
        >>> loads(w, "2026-03-31")  # doctest: +SKIP
    """
    _whole_warehouse_only("loads", scope)
    return _run(w, "loads", as_of, scope, output, as_person)


@_metric("quarantined rows per kind and rule up to the date (scope all only)")
def quarantine(w, as_of=None, scope="all", output: Output = "pandas", as_person=None):
    """Rejected input rows per kind and rule, of loads up to the date.

    Examples:
        >>> quarantine(w, "2026-03-31")  # doctest: +SKIP
    """
    _whole_warehouse_only("quarantine", scope)
    return _run(w, "quarantine", as_of, scope, output, as_person)


@_metric("missing timesheet weeks of won leads' assignments on the date (domain.md)")
def missing_timesheet_weeks(w, as_of=None, scope="all", output: Output = "pandas", as_person=None):
    """Every missing timesheet week as of the date (the timesheet area's one rule), for the
    assignments of the leads in the scope.

    Examples:
        >>> missing_timesheet_weeks(w, "2026-03-31", scope="branch:NORTH")  # doctest: +SKIP
    """
    from leadanalytics.timesheets.hours import missing_week_settings

    s = resolve_scope(w, scope, as_person=as_person)
    table = w.arrow("queries/timesheets/timesheets_missing", as_of=as_of_day(as_of),
                    **missing_week_settings(w))
    weeks = frame(table)
    if s.kind != "all":
        ids = {r[0] for r in w.rows("queries/reporting/scoped_lead_ids", **s.params())}
        weeks = weeks[weeks["lead_id"].isin(ids)].reset_index(drop=True)
    if output == "polars":
        import polars as pl

        return pl.from_pandas(weeks)
    return weeks


def is_available(name: str) -> bool:
    """Whether a registered metric can run in this installation (every one, today)."""
    return name in METRICS


def run_metric(w: Warehouse, name: str, **kwargs: Any):
    """Run a metric by name (the command line's way in).

    Examples:
        >>> run_metric(w, "funnel", as_of="2026-03-31", scope="all")  # doctest: +SKIP
    """
    if name not in METRICS:
        raise MetricArgumentError(name, f"unknown metric; known: {', '.join(sorted(METRICS))}")
    metric = METRICS[name]
    if kwargs.get("by") and not metric.groupable and name not in (
        "time_to_decision", "time_to_assignment"
    ):
        raise MetricArgumentError(name, "this metric takes no --by")
    if not kwargs.get("by"):
        kwargs.pop("by", None)
    return metric.function(w, **kwargs)
