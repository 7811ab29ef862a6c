"""The header that opens every report, and its headline figures: each a metric read at the
as-of date and at the same date a month earlier. Figures come from ``metrics``; words and
formats from ``present``.

Examples:
    >>> h = Headline({"nl": "Open leads", "en": "Open leads"}, 12, 9, "count",
    ...              dt.date(2026, 2, 28))
    >>> h.comparison("nl")
    '28 feb 2026: 9 (+3)'
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import numbers
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Literal

from leadanalytics.clock import as_of_day
from leadanalytics.reporting import metrics, present

Kind = Literal["count", "money", "percent", "days"]

present.add_texts({
    "headline.open_leads": {"nl": "Open leads", "en": "Open leads"},
    "headline.inflow_4w": {"nl": "Nieuwe leads, laatste 4 weken",
                           "en": "New leads, last 4 weeks"},
    "headline.conversion": {"nl": "Conversie ingediend → opdracht",
                            "en": "Conversion submitted → assignment"},
    "headline.assignments": {"nl": "Opdrachten (totaal)", "en": "Assignments (total)"},
    "headline.submitted": {"nl": "Ingediende leads", "en": "Leads submitted"},
    "headline.median_decision": {"nl": "Mediane tijd tot besluit",
                                 "en": "Median time to decision"},
    "headline.earned_month": {"nl": "Verdiend deze maand", "en": "Earned this month"},
    "headline.paid": {"nl": "Betaald (totaal)", "en": "Paid (total)"},
    "headline.to_pay": {"nl": "Verdiend, nog te betalen", "en": "Earned, not yet paid"},
    "headline.pipeline": {"nl": "Nog te verdienen (uren lopen)",
                          "en": "Still to earn (hours running)"},
    "headline.rows_loaded": {"nl": "Rijen geladen", "en": "Rows loaded"},
    "headline.quarantined": {"nl": "Rijen in quarantaine", "en": "Rows quarantined"},
    "headline.missing_weeks": {"nl": "Ontbrekende urenweken", "en": "Missing timesheet weeks"},
})


def month_earlier(day: dt.date) -> dt.date:
    """The same day a month earlier (the month's last day when it has no such day).

    Examples:
        >>> month_earlier(dt.date(2026, 3, 31)), month_earlier(dt.date(2026, 1, 15))
        (datetime.date(2026, 2, 28), datetime.date(2025, 12, 15))
    """
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Headline:
    """One headline figure: its label (a :data:`present.TEXTS` key or ``{"nl", "en"}``), its
    value at the as-of date, its value at ``previous_as_of`` and how to show both."""

    label: str | Mapping[str, str]
    value: float | int | None
    previous: float | int | None
    kind: Kind = "count"
    previous_as_of: dt.date | None = None

    def label_text(self, lang: str) -> str:
        lang = present.check_lang(lang)
        if isinstance(self.label, str):
            return present.text(self.label, lang) if self.label in present.TEXTS else self.label
        return self.label[lang]

    def value_text(self, lang: str, value: Any = ...) -> str:
        """The value (or ``value``) as this kind of figure is written."""
        value = self.value if value is ... else value
        if self.kind == "money":
            return present.money(value, lang)
        if self.kind == "percent":
            return present.percent(value, lang)
        if self.kind == "days" and not present.is_missing(value):
            return f"{present.number(value, lang)} {present.text('days', lang)}"
        return present.number(value, lang)

    def change_text(self, lang: str) -> str:
        """The change since the previous value, signed (percentages in points); empty when
        either value is missing."""
        if present.is_missing(self.value) or present.is_missing(self.previous):
            return ""
        change = float(self.value) - float(self.previous)
        sign = "+" if change >= 0 else "−"
        if self.kind == "percent":
            return f"{sign}{present.number(abs(change) * 100, lang)} {present.text('points', lang)}"
        if self.kind == "money":
            return sign + present.money(abs(change), lang)
        return sign + present.number(abs(change), lang)

    def comparison(self, lang: str) -> str:
        """``<previous date>: <previous value> (<change>)``."""
        if self.previous_as_of is None:
            return present.text("no_comparison", lang)
        change = self.change_text(lang)
        shown = present.text("compared_with", lang, when=present.date_text(self.previous_as_of, lang),
                             value=self.value_text(lang, self.previous))
        return f"{shown} ({change})" if change else shown


def from_metric(label, metric: Callable[..., Any], value: Callable[[Any, dt.date], Any], w,
                as_of, scope: str = "all", kind: Kind = "count", **kwargs: Any) -> Headline:
    """A headline read from ``metric(w, day, scope, **kwargs)`` by ``value(frame, day)`` at the
    as-of day and a month earlier.

    Examples:
        >>> from_metric("headline.open_leads", metrics.ageing,
        ...             lambda f, day: f.leads.sum(), w, "2026-03-31")  # doctest: +SKIP
    """
    day = as_of_day(as_of)
    before = month_earlier(day)
    with warnings.catch_warnings():   # the header itself says when as-of is after the data
        warnings.simplefilter("ignore", metrics.AsOfAfterData)
        now = value(metric(w, day, scope, **kwargs), day)
        then = value(metric(w, before, scope, **kwargs), before)
    return Headline(label, _plain(now), _plain(then), kind, before)


def _once_per_day(metric: Callable[..., Any]) -> Callable[..., Any]:
    """``metric`` computed once per (day, scope, arguments): headlines that read several
    figures from one frame ask for it once per day (a million-lead bonus pipeline is a second).

    Examples:
        >>> calls = []
        >>> m = _once_per_day(lambda w, day, scope: calls.append(day) or len(calls))
        >>> m(None, "2026-03-31", "all"), m(None, "2026-03-31", "all"), calls
        (1, 1, ['2026-03-31'])
    """
    frames: dict[tuple, Any] = {}

    def once(w, day, scope, **kwargs):
        key = (id(w), str(day), scope, tuple(sorted(kwargs.items())))
        if key not in frames:
            frames[key] = metric(w, day, scope, **kwargs)
        return frames[key]

    return once


def _plain(value: Any) -> float | int | None:
    """A figure as a plain Python number (counts stay whole)."""
    if present.is_missing(value):
        return None
    return int(value) if isinstance(value, numbers.Integral) else float(value)


# --------------------------------------------------------------------------- the header


def scope_text(w, scope: str, lang: str) -> str:
    """A scope in words: the branch's or the person's name, or the whole organisation
    (:func:`leadanalytics.access.scopes.scope_in_words`).

    Examples:
        >>> scope_text(w, "branch:B1", "nl")  # doctest: +SKIP
        'Groningen'
    """
    from leadanalytics.access.scopes import scope_in_words

    return scope_in_words(w, scope, present.check_lang(lang))


def freshness_text(w, lang: str) -> str:
    """How fresh the data is: the latest load's time and file (its name, never its path)."""
    rows = w.rows("queries/reporting/report_header_freshness")
    if not rows:
        return present.text("no_loads", lang)
    source_file, loaded_at = rows[0][0], rows[0][1]
    name = PurePath(str(source_file).replace("\\", "/")).name
    return present.text("latest_load", lang, when=present.datetime_text(loaded_at, lang), file=name)


@dataclass
class Header:
    """A report's header as shown (``_repr_html_``) and as plain facts (for tests and the PDF)."""

    title: str
    scope: str
    as_of: str
    freshness: str
    headlines: list[tuple[str, str, str]]   # label, value, comparison
    lang: str
    notice: str = ""                         # e.g. the as-of date is after the latest data

    def __repr__(self) -> str:
        lines = [self.title, f"{self.scope} · {self.as_of} · {self.freshness}", self.notice]
        lines += [f"{label}: {value} ({comparison})" for label, value, comparison in self.headlines]
        return "\n".join(line for line in lines if line)

    def _repr_html_(self) -> str:
        t = lambda key: html.escape(present.text(key, self.lang))  # noqa: E731
        cards = "".join(
            '<div class="la-headline" style="flex:1 1 10rem;border:1px solid #ddd;'
            'border-radius:6px;padding:0.5rem 0.75rem;min-width:9rem">'
            f'<div style="font-size:0.85rem;color:#555">{html.escape(label)}</div>'
            f'<div style="font-size:1.6rem;font-weight:600">{html.escape(value)}</div>'
            f'<div style="font-size:0.8rem;color:#555">{_comparison_html(comparison)}</div></div>'
            for label, value, comparison in self.headlines)
        return (
            f'<header class="la-header" lang="{self.lang}" style="max-width:100%">'
            f"<h1>{html.escape(self.title)}</h1>"
            '<p class="la-meta" style="color:#444">'
            f"{t('scope')}: <strong>{html.escape(self.scope)}</strong> · "
            f"{t('as_of')}: <strong>{html.escape(self.as_of)}</strong> · "
            f"{t('freshness')}: {html.escape(self.freshness)}</p>"
            + (f'<p class="la-notice" style="color:#8a4b00">{html.escape(self.notice)}</p>'
               if self.notice else "") +
            '<div class="la-headlines" style="display:flex;flex-wrap:wrap;gap:0.75rem;'
            f'margin:0.75rem 0 1.5rem">{cards}</div></header>')


def _comparison_html(text: str) -> str:
    """The comparison with its change ``(−€ 298.750,00)`` kept on one line: a narrow card
    wrapped it after the sign.

    Examples:
        >>> _comparison_html("28 feb 2026: 9 (+3)")
        '28 feb 2026: 9 <span style="white-space:nowrap">(+3)</span>'
    """
    head, found, change = text.rpartition(" (")
    if not found or not change.endswith(")"):
        return html.escape(text)
    return f'{html.escape(head)} <span style="white-space:nowrap">({html.escape(change)}</span>'


def header(w, title: str, as_of, scope: str, lang: str, headlines: Sequence[Headline]) -> Header:
    """The header of a report: ``title`` (a :data:`present.TEXTS` key or text), the scope in
    words, the as-of date, the freshness of the data and the headline figures (3 to 5).

    Examples:
        >>> header(w, "dashboard.title", "2026-03-31", "all", "en", dashboard(w, "2026-03-31"))  # doctest: +SKIP
    """
    lang = present.check_lang(lang)
    if not 3 <= len(headlines) <= 5:
        from leadanalytics.exceptions import UsageError

        raise UsageError("headlines", len(headlines), "give 3 to 5 headline figures")
    title_text = present.text(title, lang) if title in present.TEXTS else title
    day = as_of_day(as_of)
    latest = metrics.latest_data_day(w)
    notice = (present.text("after_data", lang, day=present.date_text(latest, lang))
              if latest is not None and day > latest else "")
    return Header(
        title=title_text,
        scope=scope_text(w, scope, lang),
        as_of=present.date_text(day, lang),
        freshness=freshness_text(w, lang),
        headlines=[(h.label_text(lang), h.value_text(lang), h.comparison(lang)) for h in headlines],
        lang=lang,
        notice=notice,
    )


# --------------------------------------------------------------------------- per report


def _funnel_rate(frame, _day):
    """Leads that reached the last step over those that reached the first (empty when none)."""
    if frame.empty or not frame["leads"].iloc[0]:
        return None
    return float(frame["leads"].iloc[-1]) / float(frame["leads"].iloc[0])


def _last_4_weeks(frame, day):
    """Leads created in the four weeks whose Monday is in the 28 days up to the day."""
    first = day - dt.timedelta(days=27)
    return int(frame.loc[[d >= first for d in frame["week"].dt.date], "leads_created"].sum())


def dashboard(w, as_of, scope: str = "all") -> list[Headline]:
    """Open leads, new leads in the last 4 weeks, conversion and assignments."""
    return [
        from_metric("headline.open_leads", metrics.ageing, lambda f, d: int(f["leads"].sum()),
                    w, as_of, scope),
        from_metric("headline.inflow_4w", metrics.inflow, _last_4_weeks, w, as_of, scope),
        from_metric("headline.conversion", metrics.funnel, _funnel_rate, w, as_of, scope,
                    kind="percent"),
        from_metric("headline.assignments", metrics.funnel,
                    lambda f, d: int(f["leads"].iloc[-1]) if len(f) else 0, w, as_of, scope),
    ]


def _median_days(frame, _day):
    """The first day on which the Kaplan–Meier estimate of still open is at most one half."""
    reached = frame.loc[frame["still_open"] <= 0.5, "days"]
    return int(reached.iloc[0]) if len(reached) else None


def conversion(w, as_of, scope: str = "all") -> list[Headline]:
    """Leads submitted, conversion, median days to a decision."""
    return [
        from_metric("headline.submitted", metrics.funnel,
                    lambda f, d: int(f["leads"].iloc[0]) if len(f) else 0, w, as_of, scope),
        from_metric("headline.conversion", metrics.funnel, _funnel_rate, w, as_of, scope,
                    kind="percent"),
        from_metric("headline.median_decision", metrics.time_to_decision, _median_days,
                    w, as_of, scope, kind="days"),
    ]


def _amount(frame, statuses: Sequence[str]) -> float:
    rows = frame[frame["status"].isin(list(statuses))]
    return float(sum(float(v) for v in rows["amount_eur"] if not present.is_missing(v)))


def _earned_in_month(frame, day):
    """Bonuses earned in the as-of day's month (withdrawn ones aside), in euros."""
    in_month = [not present.is_missing(d) and (d.year, d.month) == (day.year, day.month)
                for d in frame["earned_on"]]
    rows = frame.loc[pd_mask(in_month, frame)]
    return _amount(rows, [s for s in rows["status"].unique() if s != "withdrawn"])


def pd_mask(values: list[bool], frame):
    """A boolean row mask for ``frame`` (an empty list selects no row, not every column)."""
    import pandas as pd

    return pd.Series(values, index=frame.index, dtype=bool)


def bonus(w, as_of, scope: str = "all", pipeline: Any = None) -> list[Headline]:
    """Earned this month, paid, earned but not yet paid, and what is still to be earned.

    ``pipeline``: the report's own ``metrics.bonus_pipeline(w, as_of, scope)`` frame, read
    for the as-of day instead of computing it again (a second at a million leads)."""
    frames = _once_per_day(metrics.bonus_pipeline)   # four headlines, one frame per day
    today = as_of_day(as_of)

    def pipeline_of(w, day, scope):
        return pipeline if pipeline is not None and day == today else frames(w, day, scope)

    return [
        from_metric("headline.earned_month", pipeline_of, _earned_in_month, w, as_of, scope,
                    kind="money"),
        from_metric("headline.paid", pipeline_of, lambda f, d: _amount(f, ["paid"]), w, as_of, scope,
                    kind="money"),
        from_metric("headline.to_pay", pipeline_of,
                    lambda f, d: _amount(f, ["earned", "in_batch", "approved"]), w, as_of, scope,
                    kind="money"),
        from_metric("headline.pipeline", pipeline_of,
                    lambda f, d: int((f["status"] == "pending").sum()), w, as_of, scope),
    ]


def data_quality(w, as_of, scope: str = "all") -> list[Headline]:
    """Rows loaded, rows quarantined, missing timesheet weeks."""
    return [
        from_metric("headline.rows_loaded", metrics.loads,
                    lambda f, d: int(f["rows_loaded"].sum()), w, as_of, scope),
        from_metric("headline.quarantined", metrics.quarantine,
                    lambda f, d: int(f["rows_quarantined"].sum()), w, as_of, scope),
        from_metric("headline.missing_weeks", metrics.missing_timesheet_weeks,
                    lambda f, d: len(f), w, as_of, scope),
    ]
