"""Altair charts of the metrics: one function per view, values that a notebook shows and a report
saves. Colours and phase labels (nl or en) come from the phase pipeline configuration, carried in
the metric frames (``color``, ``label``, ``label_nl``) or in :func:`metrics.phase_style`.

No chart computes a figure: each takes the DataFrame of one metric.

Examples:
    >>> import leadanalytics as la
    >>> w = la.connect("demo/leadanalytics.duckdb")                          # doctest: +SKIP
    >>> la.charts.funnel_chart(la.metrics.funnel(w, "2026-03-31"), la.metrics.phase_style(w))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from typing import Literal

import altair as alt
import pandas as pd
import pyarrow as pa

Lang = Literal["nl", "en"]


VEGALITE_MIME = "application/vnd.vegalite.v6+json"


def _mime_renderer(spec: dict, **_: object) -> dict:
    return {VEGALITE_MIME: spec, "text/plain": f"<chart: {spec.get('title', 'untitled')}>"}


def enable_notebook_renderer() -> None:
    """Show charts in notebooks as Vega-Lite JSON outputs (no CDN script, valid nbformat).

    JupyterLab draws them; ``report build`` inlines Vega and draws them offline.

    Examples:
        >>> enable_notebook_renderer()
    """
    alt.renderers.register("leadanalytics", _mime_renderer)
    alt.renderers.enable("leadanalytics")


def _empty_as_note(f):
    """A chart of no rows is a titled note, not an empty plot (Vega warns on empty extents)."""

    @functools.wraps(f)
    def wrapper(frame: pd.DataFrame, *args, **kwargs):
        if len(frame) == 0:
            return _note(EMPTY_TITLES.get(f.__name__, f.__name__))
        return f(_plain(frame), *args, **kwargs)

    return wrapper


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Exact values made drawable: decimals as float, datetime.date as ISO text, Arrow-backed
    text as plain objects with None for missing (display only)."""
    out = frame.copy()
    for col in out.columns:
        dtype = out[col].dtype
        if isinstance(dtype, pd.ArrowDtype) and pa.types.is_decimal(dtype.pyarrow_dtype):
            out[col] = out[col].astype(float)
        elif isinstance(dtype, pd.StringDtype):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
        elif pd.api.types.is_object_dtype(dtype):
            sample = out[col].dropna()
            first = sample.iloc[0] if len(sample) else None
            if isinstance(first, decimal.Decimal):
                out[col] = out[col].astype(float)
            elif isinstance(first, dt.date):
                out[col] = out[col].map(lambda v: v.isoformat() if v is not None else None)
    return out


def _note(title: str) -> alt.Chart:
    note = pd.DataFrame({"note": ["No rows for this scope and date"]})
    return alt.Chart(note, title=title).mark_text(size=14).encode(
        text=alt.Text("note:N"), tooltip=[alt.Tooltip("note:N", title="Note")])


EMPTY_TITLES = {
    "phase_overview_chart": "Leads per phase", "phase_group_chart": "Leads per phase group",
    "inflow_chart": "Inflow per week", "funnel_chart": "Funnel: leads per step",
    "time_in_phase_chart": "Time in phase (completed stays)",
    "cohort_chart": "Cohorts: share won within 30/60/90 days of start",
    "survival_chart": "Time to decision (Kaplan-Meier)",
    "cumulative_incidence_chart": "Time to assignment (cumulative incidence)",
    "ageing_chart": "Ageing of open leads",
    "reasons_chart": "Reasons for rejection and cancellation",
    "assignment_hours_chart": "Invoiced hours per assignment",
    "quarantine_chart": "Quarantined rows per rule",
    "bonus_payouts_chart": "Bonuses per payout month",
}


def _label_col(lang: Lang) -> str:
    return "label_nl" if lang == "nl" else "label"


def _with_label(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    out = frame.copy()
    out["phase_label"] = out[_label_col(lang)]
    return out


def phase_colours(style: pd.DataFrame, lang: Lang = "en") -> alt.Scale:
    """A colour scale from phase label to the configured colour, in phase order.

    Examples:
        >>> phase_colours(la.metrics.phase_style(w), "nl")  # doctest: +SKIP
    """
    labels = style["label_nl" if lang == "nl" else "label_en"].tolist()
    return alt.Scale(domain=labels, range=style["color"].tolist())


def _scale_from_frame(frame: pd.DataFrame, lang: Lang) -> alt.Scale:
    seen = frame.drop_duplicates("phase")
    return alt.Scale(domain=seen[_label_col(lang)].tolist(), range=seen["color"].tolist())


@_empty_as_note
def phase_overview_chart(frame: pd.DataFrame, lang: Lang = "en") -> alt.Chart:
    """Leads per phase on the as-of date, bars in the phase colours (``phase_overview``)."""
    data = _with_label(frame, lang)
    order = data["phase_label"].drop_duplicates().tolist()
    return (
        alt.Chart(data, title="Leads per phase")
        .mark_bar()
        .encode(
            x=alt.X("sum(leads):Q", title="Leads (count)"),
            y=alt.Y("phase_label:N", title="Phase", sort=order),
            color=alt.Color("phase_label:N", title="Phase", scale=_scale_from_frame(frame, lang)),
            tooltip=[alt.Tooltip("phase_label:N", title="Phase"),
                     alt.Tooltip("sum(leads):Q", title="Leads")],
        )
    )


@_empty_as_note
def phase_group_chart(frame: pd.DataFrame, lang: Lang = "en") -> alt.Chart:
    """Leads per phase group, stacked by phase in the phase colours (``phase_overview``)."""
    data = _with_label(frame, lang)
    data["group_label"] = data["group_label_nl" if lang == "nl" else "group_label_en"]
    return (
        alt.Chart(data, title="Leads per phase group")
        .mark_bar()
        .encode(
            x=alt.X("group_label:N", title="Phase group",
                    sort=data["group_label"].drop_duplicates().tolist()),
            y=alt.Y("sum(leads):Q", title="Leads (count)"),
            color=alt.Color("phase_label:N", title="Phase", scale=_scale_from_frame(frame, lang)),
            tooltip=[alt.Tooltip("group_label:N", title="Phase group"),
                     alt.Tooltip("phase_label:N", title="Phase"),
                     alt.Tooltip("sum(leads):Q", title="Leads")],
        )
    )


@_empty_as_note
def inflow_chart(frame: pd.DataFrame) -> alt.Chart:
    """Leads created and started per week (``inflow``)."""
    data = frame.melt(id_vars="week", value_vars=["leads_created", "leads_started"],
                      var_name="what", value_name="leads")
    return (
        alt.Chart(data, title="Inflow per week")
        .mark_line(point=True)
        .encode(
            x=alt.X("week:T", title="Week (Monday)"),
            y=alt.Y("leads:Q", title="Leads (count)"),
            color=alt.Color("what:N", title="Series"),
            tooltip=[alt.Tooltip("week:T", title="Week"), alt.Tooltip("what:N", title="Series"),
                     alt.Tooltip("leads:Q", title="Leads")],
        )
    )


@_empty_as_note
def funnel_chart(frame: pd.DataFrame, style: pd.DataFrame, lang: Lang = "en") -> alt.Chart:
    """Leads per step with step conversion and its 95% Wilson interval (``funnel``)."""
    labels = style.set_index("phase")["label_nl" if lang == "nl" else "label_en"]
    data = frame.copy()
    data["step_label"] = data["step"].map(labels)
    return (
        alt.Chart(data, title="Funnel: leads per step")
        .mark_bar()
        .encode(
            x=alt.X("leads:Q", title="Leads that reached the step (count)"),
            y=alt.Y("step_label:N", title="Step", sort=data["step_label"].tolist()),
            color=alt.Color("step_label:N", title="Step", scale=phase_colours(style, lang)),
            tooltip=[alt.Tooltip("step_label:N", title="Step"),
                     alt.Tooltip("leads:Q", title="Leads"),
                     alt.Tooltip("rate:Q", title="Conversion from previous step", format=".1%"),
                     alt.Tooltip("rate_low:Q", title="95% interval, low", format=".1%"),
                     alt.Tooltip("rate_high:Q", title="95% interval, high", format=".1%")],
        )
    )


@_empty_as_note
def time_in_phase_chart(frame: pd.DataFrame, lang: Lang = "en") -> alt.Chart:
    """Median days per phase (bars) with the 90th percentile (ticks) (``time_in_phase``)."""
    data = _with_label(frame, lang)
    base = alt.Chart(data, title="Time in phase (completed stays)").encode(
        y=alt.Y("phase_label:N", title="Phase", sort=data["phase_label"].tolist()),
        tooltip=[alt.Tooltip("phase_label:N", title="Phase"),
                 alt.Tooltip("completed_stays:Q", title="Completed stays"),
                 alt.Tooltip("median_days:Q", title="Median (days)"),
                 alt.Tooltip("p90_days:Q", title="90th percentile (days)")],
    )
    bars = base.mark_bar().encode(
        x=alt.X("median_days:Q", title="Days in phase (median; tick: 90th percentile)"),
        color=alt.Color("phase_label:N", title="Phase", scale=_scale_from_frame(frame, lang)),
    )
    ticks = base.mark_tick(color="black", thickness=2).encode(x="p90_days:Q")
    return bars + ticks


@_empty_as_note
def cohort_chart(frame: pd.DataFrame) -> alt.Chart:
    """Share won within 30/60/90 days per cohort month (``cohorts``)."""
    data = frame.melt(id_vars="cohort", value_vars=["share_30d", "share_60d", "share_90d"],
                      var_name="window", value_name="share").dropna(subset=["share"])
    if data.empty:
        return _note(EMPTY_TITLES["cohort_chart"] + " (no window has passed yet)")
    return (
        alt.Chart(data, title="Cohorts: share won within 30/60/90 days of start")
        .mark_line(point=True)
        .encode(
            x=alt.X("cohort:O", title="Month of start"),
            y=alt.Y("share:Q", title="Share won", axis=alt.Axis(format="%")),
            color=alt.Color("window:N", title="Window"),
            tooltip=[alt.Tooltip("cohort:O", title="Cohort"),
                     alt.Tooltip("window:N", title="Window"),
                     alt.Tooltip("share:Q", title="Share won", format=".1%")],
        )
    )


@_empty_as_note
def survival_chart(frame: pd.DataFrame) -> alt.Chart:
    """Kaplan-Meier share of leads still undecided by days since start (``time_to_decision``)."""
    data = pd.concat([pd.DataFrame({"days": [0], "still_open": [1.0], "at_risk": [None]}),
                      frame[["days", "still_open", "at_risk"]]], ignore_index=True)
    return (
        alt.Chart(data, title="Time to decision (Kaplan-Meier)")
        .mark_line(interpolate="step-after", point=True)
        .encode(
            x=alt.X("days:Q", title="Days since start"),
            y=alt.Y("still_open:Q", title="Share still undecided", axis=alt.Axis(format="%")),
            tooltip=[alt.Tooltip("days:Q", title="Days"),
                     alt.Tooltip("still_open:Q", title="Still undecided", format=".1%"),
                     alt.Tooltip("at_risk:Q", title="At risk")],
        )
    )


@_empty_as_note
def cumulative_incidence_chart(frame: pd.DataFrame) -> alt.Chart:
    """Cumulative incidence of the won phase, lost ends competing (``time_to_assignment``)."""
    data = pd.concat([pd.DataFrame({"days": [0], "cumulative_incidence": [0.0]}),
                      frame[["days", "cumulative_incidence"]]], ignore_index=True)
    return (
        alt.Chart(data, title="Time to assignment (cumulative incidence)")
        .mark_line(interpolate="step-after", point=True)
        .encode(
            x=alt.X("days:Q", title="Days since start"),
            y=alt.Y("cumulative_incidence:Q", title="Share won", axis=alt.Axis(format="%")),
            tooltip=[alt.Tooltip("days:Q", title="Days"),
                     alt.Tooltip("cumulative_incidence:Q", title="Share won", format=".1%")],
        )
    )


@_empty_as_note
def ageing_chart(frame: pd.DataFrame, lang: Lang = "en") -> alt.Chart:
    """Open leads by days since their last change, stacked by phase (``ageing``)."""
    data = _with_label(frame, lang)
    return (
        alt.Chart(data, title="Ageing of open leads")
        .mark_bar()
        .encode(
            x=alt.X("age_days:N", title="Days since last change",
                    sort=["0-7", "8-14", "15-30", "31-60", "61-90", ">90"]),
            y=alt.Y("sum(leads):Q", title="Open leads (count)"),
            color=alt.Color("phase_label:N", title="Phase", scale=_scale_from_frame(frame, lang)),
            tooltip=[alt.Tooltip("phase_label:N", title="Phase"),
                     alt.Tooltip("age_days:N", title="Days since last change"),
                     alt.Tooltip("sum(leads):Q", title="Leads")],
        )
    )


@_empty_as_note
def reasons_chart(frame: pd.DataFrame, lang: Lang = "en") -> alt.Chart:
    """Rejected and cancelled leads by reason, coloured by phase (``reasons``)."""
    data = _with_label(frame, lang)
    return (
        alt.Chart(data, title="Reasons for rejection and cancellation")
        .mark_bar()
        .encode(
            x=alt.X("sum(leads):Q", title="Leads (count)"),
            y=alt.Y("reason:N", title="Reason", sort="-x"),
            color=alt.Color("phase_label:N", title="Phase", scale=_scale_from_frame(frame, lang)),
            tooltip=[alt.Tooltip("phase_label:N", title="Phase"),
                     alt.Tooltip("reason:N", title="Reason"),
                     alt.Tooltip("sum(leads):Q", title="Leads")],
        )
    )


@_empty_as_note
def assignment_hours_chart(frame: pd.DataFrame) -> alt.Chart:
    """Invoiced hours per won lead's assignment as of the date (``assignment_hours``)."""
    data = frame.assign(invoiced_hours=frame["invoiced_hours"].astype(float))
    return (
        alt.Chart(data, title="Invoiced hours per assignment")
        .mark_bar()
        .encode(
            x=alt.X("invoiced_hours:Q", title="Invoiced hours"),
            y=alt.Y("lead_id:N", title="Lead", sort="-x"),
            tooltip=[alt.Tooltip("lead_id:N", title="Lead"),
                     alt.Tooltip("assignment_id:N", title="Assignment"),
                     alt.Tooltip("invoiced_hours:Q", title="Invoiced hours")],
        )
    )


@_empty_as_note
def bonus_payouts_chart(frame: pd.DataFrame) -> alt.Chart:
    """Bonus amounts per payout month, earned (not yet paid) and paid (``bonus_payouts``)."""
    data = frame.assign(earned=frame["earned_eur"].astype(float), paid=frame["paid_eur"].astype(float))
    data = data.groupby("payout_month", as_index=False)[["earned", "paid"]].sum().melt(
        id_vars="payout_month", var_name="state", value_name="eur")
    return (
        alt.Chart(data, title="Bonuses per payout month")
        .mark_bar()
        .encode(
            x=alt.X("payout_month:O", title="Payout month"),
            y=alt.Y("eur:Q", title="Amount (EUR)"),
            color=alt.Color("state:N", title="State"),
            tooltip=[alt.Tooltip("payout_month:O", title="Month"),
                     alt.Tooltip("state:N", title="State"),
                     alt.Tooltip("eur:Q", title="EUR", format=",.2f")],
        )
    )


@_empty_as_note
def quarantine_chart(frame: pd.DataFrame) -> alt.Chart:
    """Quarantined rows per rule (``quarantine``)."""
    return (
        alt.Chart(frame, title="Quarantined rows per rule")
        .mark_bar()
        .encode(
            x=alt.X("rows_quarantined:Q", title="Rows (count)"),
            y=alt.Y("rule:N", title="Rule", sort="-x"),
            color=alt.Color("kind:N", title="Input kind"),
            tooltip=[alt.Tooltip("kind:N", title="Kind"), alt.Tooltip("rule:N", title="Rule"),
                     alt.Tooltip("rows_quarantined:Q", title="Rows")],
        )
    )


def phase_group_dashboard(w, as_of, scope="all", lang: Lang = "en", as_person=None) -> alt.VConcatChart:
    """The phase-group overview for a scope: groups, inflow, funnel and ageing in one chart.

    Examples:
        >>> phase_group_dashboard(w, "2026-03-31", scope="branch:NORTH", lang="nl")  # doctest: +SKIP
    """
    from leadanalytics.reporting import metrics

    style = metrics.phase_style(w)
    kw = {"as_of": as_of, "scope": scope, "as_person": as_person}
    top = alt.hconcat(
        phase_group_chart(metrics.phase_overview(w, **kw), lang),
        funnel_chart(metrics.funnel(w, **kw), style, lang),
    ).resolve_scale(color="independent")
    bottom = alt.hconcat(
        inflow_chart(metrics.inflow(w, **kw)),
        ageing_chart(metrics.ageing(w, **kw), lang),
    ).resolve_scale(color="independent")
    return alt.vconcat(top, bottom, title=f"Phase groups as of {as_of} ({scope})").resolve_scale(
        color="independent"
    )
