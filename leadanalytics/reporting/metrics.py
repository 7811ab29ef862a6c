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

import contextvars
import datetime as dt
import functools
import inspect
import numbers
import os
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from leadanalytics.access.scopes import Scope, resolve_scope
from leadanalytics.clock import as_of_day
from leadanalytics.db.frames import as_output, check_output
from leadanalytics.db.warehouse import Output, Warehouse
from leadanalytics.exceptions import MetricArgumentError, ScopeViolation, SqlError, UsageError
from leadanalytics.reporting.labels import check_lang, phase_group_code, with_labels

#: Lead columns a metric may be grouped by (``--by``); the SQL macro ``lead_by_values`` maps them.
GROUPABLE = (
    "business_unit", "branch_id", "source", "submitter_id", "priority", "category", "client_name"
)
DEFAULT_STALE_DAYS = 30
#: The metrics defined to the digit (reports.md "Three metrics, exactly"): their CLI columns stay
#: exactly as specified, without label or name columns.
EXACT_METRICS = ("funnel", "time_to_decision", "time_to_assignment")
#: The survival metrics: no ``by`` (per group, ``decision_summary``).
SURVIVAL_METRICS = ("time_to_decision", "time_to_assignment")


class AsOfAfterData(UserWarning):
    """An as-of date after the latest data (the latest load's day, else the latest event's):
    allowed, but nothing after that day is in the warehouse. Carries ``as_of`` and ``latest``.

    Examples:
        >>> import warnings
        >>> warnings.warn(AsOfAfterData(dt.date(2026, 12, 31), dt.date(2026, 4, 5)))  # doctest: +SKIP
    """

    def __init__(self, as_of: dt.date, latest: dt.date) -> None:
        self.as_of = as_of
        self.latest = latest
        super().__init__(
            f"as-of {as_of} is after the latest data ({latest}): nothing after {latest} is "
            "in the warehouse yet"
        )


# options a metric takes without naming them in its signature (lang, exact; labels for the
# command line's exact metrics): set by the metric's wrapper for the _run of that call
_OPTIONS: contextvars.ContextVar[dict[str, Any]] = contextvars.ContextVar(
    "metric_options", default={}  # noqa: B039 (never mutated: each call sets a new dict)
)
_PASSED_ON = ("lang", "exact")


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
        takes = inspect.signature(f).parameters

        @functools.wraps(f)
        def one_connection(w, *args, **kwargs):
            # lang and exact reach _run even when the metric does not name them itself
            given = {k: kwargs.pop(k) for k in _PASSED_ON if k in kwargs and k not in takes}
            token = _OPTIONS.set({**_OPTIONS.get(), **given})
            try:
                with w.reader():
                    return f(w, *args, **kwargs)
            finally:
                _OPTIONS.reset(token)

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
    "decision_summary": "queries/reporting/decision_summary",
    # the period forms of reasons and stale_leads (since / until)
    "reasons_period": "queries/reporting/metric_reasons_period",
    "stale_leads_period": "queries/reporting/metric_stale_leads_period",
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
    exact: bool | None = None,
    lang: str | None = None,
    **params: Any,
):
    """Check the arguments, run the metric's query and return its frame: the by column named,
    labels and names appended (:mod:`leadanalytics.reporting.labels`), in ``output``.
    ``exact`` and ``lang`` default to what the metric's caller gave (``_OPTIONS``), else
    floats and "nl"."""
    options = _OPTIONS.get()
    exact = bool(options.get("exact", False) if exact is None else exact)
    lang = options.get("lang", "nl") if lang is None else lang
    check_output(output)
    check_lang(lang)
    day = as_of_day(as_of)
    s = resolve_scope(w, scope, as_person=as_person, day=None)
    check_by(by)
    check_days(params.get("days"))
    warn_after_data(w, day, stacklevel=5)
    table = w.arrow(
        METRIC_QUERIES[sql_name or name], as_of=day, by=by or "", **s.params(), **params
    )
    # a query that returns keys gets their texts put in place after its sort (metric_leads)
    if "lead_key" in table.column_names:
        table = _with_lead_fields(w, table, day, s)
    labelled = options.get("labels", True)
    given = {}
    if "phase_key" in table.column_names:
        table, given = _with_phase_texts(w, table, lang if labelled else None)
    if "by_value" in table.column_names and by in table.column_names:
        # the frame shows that column already (stale_leads by branch_id): it moves first, once
        table = table.drop_columns("by_value")
        table = table.select([by, *(c for c in table.column_names if c != by)])
    if "by_value" in table.column_names:
        table = (table.rename_columns([by if c == "by_value" else c for c in table.column_names])
                 if by else table.drop_columns("by_value"))
    if labelled:
        table = with_labels(w, table, lang, given)
    # decimals float for the analyst, exact Decimal with exact=True (money decided, the CLI)
    return as_output(table, output, exact)


def check_by(by: object, allowed: tuple[str, ...] = GROUPABLE) -> None:
    """Refuse a grouping column outside ``allowed`` (a :class:`UsageError` naming them).

    Examples:
        >>> check_by("nope")
        Traceback (most recent call last):
        ...
        leadanalytics.exceptions.UsageError: by='nope' is not allowed; use one of: business_unit, branch_id, source, submitter_id, priority, category, client_name
    """
    if by is not None and by not in allowed:
        raise UsageError("by", by, allowed)


def check_days(days: object) -> None:
    """Refuse a number of days that is not a whole number, 0 or more (None passes).

    Examples:
        >>> check_days(-5)
        Traceback (most recent call last):
        ...
        leadanalytics.exceptions.UsageError: days=-5 is not allowed; use a whole number of days, 0 or more
    """
    if days is None:
        return
    if isinstance(days, bool) or not isinstance(days, numbers.Integral) or days < 0:
        raise UsageError("days", days, "use a whole number of days, 0 or more")


def latest_data_day(w: Warehouse) -> dt.date | None:
    """The day of the latest data: the latest load's day (Europe/Amsterdam), else the latest
    day a lead entered a phase; None in an empty warehouse.

    Examples:
        >>> latest_data_day(w)  # doctest: +SKIP
        datetime.date(2026, 4, 5)
    """
    return w.rows("queries/reporting/latest_data_day")[0][0]


def warn_after_data(w: Warehouse, day: dt.date, stacklevel: int = 4) -> None:
    """Warn (:class:`AsOfAfterData`) when ``day`` is after the latest data; ``stacklevel``
    points the warning at the caller of the metric."""
    latest = latest_data_day(w)
    if latest is not None and day > latest:
        warnings.warn(AsOfAfterData(day, latest), stacklevel=stacklevel)


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


def _with_phase_texts(w: Warehouse, table, lang: str | None):
    """Put the phase's texts (phase_group, phase, label, label_nl) where ``phase_key`` is;
    with a ``lang``, also return their label columns in it, taken by the same key (cheaper
    than a lookup per row of the codes)."""
    texts = w.arrow("queries/reporting/metric_leads_phase_texts")
    own = texts.column_names
    if lang is not None:
        texts = with_labels(w, texts, lang)
    # a label equal to a text already there (phase_label: label_nl or label) is that column
    # again, not taken a second time
    same = {c: next((o for o in own if texts[c].equals(texts[o])), None)
            for c in texts.column_names if c not in own}
    table = _replace_by_key(table, "phase_key", texts.drop_columns(
        [c for c, o in same.items() if o is not None]), table["phase_key"])
    given = {c: table[o or c] for c, o in same.items()}
    return table.drop_columns([c for c, o in same.items() if o is None]), given


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
def phase_overview(
    w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None,
    lang: str = "nl", exact: bool = False,
):
    """Leads per phase group and phase as of a date.

    Examples:
        >>> phase_overview(w, "2026-03-31", scope="person:E1")  # doctest: +SKIP
    """
    return _run(w, "phase_overview", as_of, scope, output, as_person, by, exact=exact, lang=lang)


@_metric("leads created and leads started (first step) per week")
def inflow(
    w, as_of=None, scope="all", output: Output = "pandas", as_person=None, lang: str = "nl",
    exact: bool = False,
):
    """Inflow per week (Monday): leads created and leads that entered the funnel.

    Examples:
        >>> inflow(w, "2026-03-31")  # doctest: +SKIP
    """
    return _run(w, "inflow", as_of, scope, output, as_person, exact=exact, lang=lang)


@_metric("the Casemaster tabs: every lead with its phase on the as-of date")
def leads(
    w, as_of=None, scope="all", phase_group: str | None = None, output: Output = "pandas",
    as_person=None, lang: str = "nl", exact: bool = False,
):
    """The leads of one Casemaster tab (a phase group by its code or its nl or en label,
    case-insensitive; None = "Alle") as of a date.

    Examples:
        >>> leads(w, "2026-03-31", scope="branch:B1", phase_group="Actueel")  # doctest: +SKIP
    """
    group = "" if phase_group is None else phase_group_code(w, phase_group)
    return _run(w, "leads", as_of, scope, output, as_person, exact=exact, lang=lang,
                phase_group=group)


def casemaster_tabs(
    w, as_of=None, scope="all", as_person=None, lang: str = "nl"
) -> dict[str, Any]:
    """Every Casemaster tab as a DataFrame: one per phase group (by its nl label) and "Alle".

    Examples:
        >>> list(casemaster_tabs(w, "2026-03-31"))  # doctest: +SKIP
        ['Actueel', 'Actief als lead', 'Actief als opdracht', 'Geannuleerd/afgewezen', 'Alle']
    """
    every = leads(w, as_of, scope, as_person=as_person, lang=lang)
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
def funnel(
    w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None,
    lang: str = "nl", exact: bool = False,
):
    """The funnel of reports.md: ``step, label, leads, rate, rate_low, rate_high``, then
    ``phase_label`` (the step's label in ``lang``) and the by column's label or name.

    Examples:
        >>> funnel(w, "2026-03-31", by="business_unit")  # doctest: +SKIP
    """
    return _run(w, "funnel", as_of, scope, output, as_person, by, exact=exact, lang=lang)


@_metric(
    "median and p90 days per phase (completed stays) and the leads in each phase now",
    groupable=True,
)
def time_in_phase(
    w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None,
    lang: str = "nl", exact: bool = False,
):
    """Days spent per phase: median and p90 of completed stays; leads there on the date.
    With ``by`` (a lead column, its value on the date) every phase per value, ascending, empty
    value last.

    Examples:
        >>> time_in_phase(w, "2026-03-31")  # doctest: +SKIP
        >>> time_in_phase(w, "2026-03-31", by="branch_id")  # doctest: +SKIP
    """
    return _run(w, "time_in_phase", as_of, scope, output, as_person, by, exact=exact, lang=lang)


@_metric("by month of start: share won within 30/60/90 days", groupable=True)
def cohorts(
    w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None,
    lang: str = "nl", exact: bool = False,
):
    """Cohorts by month of start; ``share_Nd`` = won within N days / leads observed N days.

    Examples:
        >>> cohorts(w, "2026-03-31")  # doctest: +SKIP
    """
    return _run(w, "cohorts", as_of, scope, output, as_person, by, exact=exact, lang=lang)


@_metric("Kaplan-Meier estimate of the days from start to decision")
def time_to_decision(
    w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None,
    lang: str = "nl", exact: bool = False,
):
    """Kaplan-Meier of start to first end phase (reports.md): ``days, at_risk, decided,
    censored, still_open``. Grouping is refused.

    Examples:
        >>> time_to_decision(w, "2026-03-31")  # doctest: +SKIP
    """
    _refuse_by_on_survival(by)
    return _run(w, "time_to_decision", as_of, scope, output, as_person, exact=exact, lang=lang)


@_metric("cumulative incidence of the won phase, lost ends competing (Aalen-Johansen)")
def time_to_assignment(
    w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None,
    lang: str = "nl", exact: bool = False,
):
    """Cumulative incidence of reaching the won phase (reports.md): ``days, at_risk, won,
    lost, censored, cumulative_incidence``. Grouping is refused.

    Examples:
        >>> time_to_assignment(w, "2026-03-31")  # doctest: +SKIP
    """
    _refuse_by_on_survival(by)
    return _run(w, "time_to_assignment", as_of, scope, output, as_person, exact=exact, lang=lang)


def _refuse_by_on_survival(by) -> None:
    if by:
        raise UsageError(
            "by", by, "a survival metric takes no by; per group, use decision_summary(w, as_of, "
            "scope, by=...)"
        )


# ----------------------------------------------------------------------------- follow-up


@_metric("open leads by phase and days since their last change", groupable=True)
def ageing(
    w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None,
    lang: str = "nl", exact: bool = False,
):
    """Open leads by phase and age bucket (days since the last change); with ``by`` per value
    of a lead column (ascending, empty value last).

    Examples:
        >>> ageing(w, "2026-03-31", by="business_unit")  # doctest: +SKIP
    """
    return _run(w, "ageing", as_of, scope, output, as_person, by, exact=exact, lang=lang)


@_metric(
    "open leads without any change for N days (setting stale_days, default 30)", groupable=True
)
def stale_leads(
    w, as_of=None, scope="all", days: int | None = None, output: Output = "pandas",
    as_person=None, by=None, since=None, until=None, lang: str = "nl", exact: bool = False,
):
    """Open leads idle for at least ``days`` days, on the as-of date or over a period.

    A lead is *stale* on a day when it is open then (its phase has outcome open) and has had no
    change (phase event or field change) for at least ``days`` days: after a change on day c and
    before the next one on day n it is stale on c + days .. n - 1.

    - Snapshot (no ``since``/``until``): the leads stale on ``as_of``, with
      ``last_change_day`` and ``days_since_change``, the longest-idle first.
    - Period (``since`` and/or ``until``; ``until`` defaults to ``as_of``, no ``since`` = from
      the first day): the leads stale on at least one day of [since, until], one row each for
      its first stale stretch that reaches into the period: ``phase``, ``last_change_day``,
      ``became_stale_on`` (last_change_day + days; before ``since`` when it was already stale
      when the period began) and ``stale_through`` (the day before the next change, empty when
      still stale on ``until``), ordered by ``became_stale_on``. History as known at the end of
      ``until``; ``since`` after ``until`` or ``until`` after ``as_of`` is a UsageError.

    ``days`` defaults to the warehouse setting ``stale_days`` (the hook for the trigger rules'
    stale threshold), else 30. ``by``: per value of a lead column, ascending, empty value last.

    Examples:
        >>> stale_leads(w, "2026-03-31", days=14, by="branch_id")  # doctest: +SKIP
        >>> stale_leads(w, days=30, since="2026-01-01", until="2026-03-31")  # doctest: +SKIP
    """
    if days is None:
        days = int(w.setting("stale_days") or DEFAULT_STALE_DAYS)
    start, end = _period(as_of, since, until)
    if end is None:
        return _run(w, "stale_leads", as_of, scope, output, as_person, by, exact=exact,
                    lang=lang, days=days)
    return _run(w, "stale_leads", end, scope, output, as_person, by, "stale_leads_period",
                exact=exact, lang=lang, days=days, since=start)


@_metric("rejected and cancelled leads by phase and reason", groupable=True)
def reasons(
    w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None,
    since=None, until=None, lang: str = "nl", exact: bool = False,
):
    """Rejected and cancelled leads by phase and reason, on the as-of date or over a period.

    - Snapshot (no ``since``/``until``): the leads in a lost end phase on ``as_of``.
    - Period (``until`` defaults to ``as_of``, no ``since`` = from the first day): the leads
      that entered a lost end phase on a day of [since, until] (the day they ended), each
      counted once, under the phase and reason of its last such entry in the period. History
      as known at the end of ``until``; ``since`` after ``until`` or ``until`` after ``as_of``
      is a UsageError.

    ``by``: per value of a lead column, ascending, empty value last.

    Examples:
        >>> reasons(w, "2026-03-31")  # doctest: +SKIP
        >>> reasons(w, since="2026-01-01", until="2026-03-31", by="business_unit")  # doctest: +SKIP
    """
    start, end = _period(as_of, since, until)
    if end is None:
        return _run(w, "reasons", as_of, scope, output, as_person, by, exact=exact, lang=lang)
    return _run(w, "reasons", end, scope, output, as_person, by, "reasons_period",
                exact=exact, lang=lang, since=start)


def _period(as_of, since, until) -> tuple[dt.date | None, dt.date | None]:
    """(since, until) as days for a period metric; (None, None) for a snapshot. ``until``
    defaults to ``as_of``; ``since`` after ``until`` or ``until`` after ``as_of`` raises."""
    if since is None and until is None:
        return None, None
    day = as_of_day(as_of)
    end = as_of_day(until) if until is not None else day
    start = as_of_day(since) if since is not None else None
    if end > day:
        raise UsageError("until", until, f"use a day on or before the as-of date {day}")
    if start is not None and start > end:
        raise UsageError("since", since, f"use a day on or before until ({end})")
    return start, end


@_metric(
    "per group: leads, median days to decision (95% interval), share assigned by 30/60/90 days",
    groupable=True,
)
def decision_summary(
    w, as_of=None, scope="all", by=None, lang: str = "nl", output: Output = "pandas",
    as_person=None, exact: bool = False,
):
    """How fast leads are decided, per group of ``by`` in one call ("which branches decide
    slowest"); without ``by`` one row. The figures of ``time_to_decision`` and
    ``time_to_assignment`` (reports.md "Three metrics, exactly": same population, durations and
    censoring) read at a few points, per group by window functions in one query: a group's row
    is the same alone (its scope) as among the others. Columns after the ``by`` column:

    - ``leads``: the leads whose start is on or before ``as_of``.
    - ``median_days``: the Kaplan-Meier median of the days from start to decision, the first
      day the estimate is at or below 0.5.
    - ``median_low``, ``median_high``: its 95% interval read from the curve's confidence band as
      lifelines' ``median_survival_times(kmf.confidence_interval_)`` reads it: the first day the
      lower / upper bound of the exponential Greenwood (log(-log)) band, alpha 0.05, is at or
      below 0.5. Empty (NaN) where the curve or bound stays above 0.5 (lifelines: ``inf``).
    - ``assigned_30``, ``assigned_60``, ``assigned_90``: the cumulative incidence of the won
      phase within 30, 60, 90 days, a lost end competing (Aalen-Johansen), 6 decimals; empty
      when the group's longest follow-up is shorter and a lead is still open.

    Examples:
        >>> s = decision_summary(w, "2026-03-31", by="branch_id")  # doctest: +SKIP
        >>> s.sort_values("median_days", ascending=False).head(3)  # doctest: +SKIP
          branch_id  leads  median_days  median_low  median_high  assigned_30 ... branch_name
        5     B-011      9         56.0        10.0          NaN     0.126984 ...   Den Bosch
    """
    return _run(w, "decision_summary", as_of, scope, output, as_person, by, exact=exact, lang=lang)


# ----------------------------------------------------------------------------- bonus, quality


@_metric("won leads with their assignment and the hours known at the date (invoiced, all)")
def assignment_hours(
    w, as_of=None, scope="all", output: Output = "pandas", as_person=None, lang: str = "nl",
    exact: bool = False,
):
    """Won leads with invoiced and known hours of their assignment as of the date (hours as
    floats; ``exact=True``: ``Decimal``).

    Examples:
        >>> assignment_hours(w, "2026-03-31", scope="person:E1")  # doctest: +SKIP
    """
    return _run(w, "assignment_hours", as_of, scope, output, as_person, exact=exact, lang=lang)


@_metric("bonus state per won lead: hours to the threshold, projected earn date, amounts")
def bonus_pipeline(
    w, as_of=None, scope="all", output: Output = "pandas", as_person=None, lang: str = "nl",
    exact: bool = False,
):
    """Won leads with their bonus state (the bonus engine's ``bonus_states``), hours still to go,
    share of the threshold reached and, for a pending hours bonus, a projected earn date at the
    pace invoiced since the lead was won.

    Examples:
        >>> bonus_pipeline(w, "2026-03-31", scope="person:E1")  # doctest: +SKIP
    """
    return _run(w, "bonus_pipeline", as_of, scope, output, as_person, exact=exact, lang=lang)


@_metric("bonus amounts earned and paid per payout month", groupable=True)
def bonus_payouts(
    w, as_of=None, scope="all", by=None, output: Output = "pandas", as_person=None,
    lang: str = "nl", exact: bool = False,
):
    """Earned (not yet paid) and paid bonuses per payout month; ``by`` e.g. ``business_unit``.

    Examples:
        >>> bonus_payouts(w, "2026-03-31", by="submitter_id")  # doctest: +SKIP
    """
    return _run(w, "bonus_payouts", as_of, scope, output, as_person, by, exact=exact, lang=lang)


@_metric("loads per kind and status up to the date (scope all only)")
def loads(
    w, as_of=None, scope="all", output: Output = "pandas", as_person=None, lang: str = "nl",
    exact: bool = False,
):
    """Loads of files up to the date, per kind and status.

    Examples:
        >>> loads(w, "2026-03-31")  # doctest: +SKIP
    """
    _whole_warehouse_only("loads", scope)
    return _run(w, "loads", as_of, scope, output, as_person, exact=exact, lang=lang)


@_metric("quarantined rows per kind and rule up to the date (scope all only)")
def quarantine(
    w, as_of=None, scope="all", output: Output = "pandas", as_person=None, lang: str = "nl",
    exact: bool = False,
):
    """Rejected input rows per kind and rule, of loads up to the date.

    Examples:
        >>> quarantine(w, "2026-03-31")  # doctest: +SKIP
    """
    _whole_warehouse_only("quarantine", scope)
    return _run(w, "quarantine", as_of, scope, output, as_person, exact=exact, lang=lang)


@_metric("missing timesheet weeks of won leads' assignments on the date (domain.md)")
def missing_timesheet_weeks(
    w, as_of=None, scope="all", output: Output = "pandas", as_person=None, lang: str = "nl",
    exact: bool = False,
):
    """Every missing timesheet week as of the date (the timesheet area's one rule), for the
    assignments of the leads in the scope.

    Examples:
        >>> missing_timesheet_weeks(w, "2026-03-31", scope="branch:NORTH")  # doctest: +SKIP
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from leadanalytics.timesheets.hours import missing_week_settings

    check_output(output)
    check_lang(lang)
    day = as_of_day(as_of)
    s = resolve_scope(w, scope, as_person=as_person)
    warn_after_data(w, day)
    table = w.arrow("queries/timesheets/timesheets_missing", as_of=day,
                    **missing_week_settings(w))
    if s.kind != "all":
        ids = [r[0] for r in w.rows("queries/reporting/scoped_lead_ids", **s.params())]
        table = table.filter(pc.is_in(table["lead_id"], value_set=pa.array(ids, pa.string())))
    if _OPTIONS.get().get("labels", True):
        table = with_labels(w, table, lang)
    return as_output(table, output, exact)


def is_available(name: str) -> bool:
    """Whether a registered metric can run in this installation (every one, today)."""
    return name in METRICS


def run_metric(w: Warehouse, name: str, labels: bool = True, **kwargs: Any):
    """Run a metric by name (the command line's way in); ``labels=False`` leaves out the label
    and name columns (the command line's exact metrics keep their specified columns).

    Examples:
        >>> run_metric(w, "funnel", as_of="2026-03-31", scope="all")  # doctest: +SKIP
    """
    if name not in METRICS:
        raise MetricArgumentError(name, f"unknown metric; known: {', '.join(sorted(METRICS))}")
    metric = METRICS[name]
    if kwargs.get("by") and name in SURVIVAL_METRICS:
        _refuse_by_on_survival(kwargs["by"])
    if kwargs.get("by") and not metric.groupable:
        raise UsageError("by", kwargs["by"], f"{name} takes no by")
    if not kwargs.get("by"):
        kwargs.pop("by", None)
    token = _OPTIONS.set({**_OPTIONS.get(), "labels": labels})
    try:
        return metric.function(w, **kwargs)
    finally:
        _OPTIONS.reset(token)
