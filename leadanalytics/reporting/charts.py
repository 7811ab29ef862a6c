"""Altair charts of the metrics: one function per view, values that a notebook shows and a report
saves. Colours and phase labels come from the phase pipeline configuration, carried in the metric
frames (``color``, ``label``, ``label_nl``, ``X_label``) or in :func:`metrics.phase_style`.

Every chart takes a pandas or polars frame of one metric, speaks one language (``lang="nl"``
default, or ``"en"``: titles, axes, legends, tooltips, month names and numbers) and holds at any
size: it aggregates (bins, top 10 with "other", thinned curves) so that its spec carries at most a
few thousand rows, never one mark per lead. Importing this module makes charts render offline in
Jupyter (:func:`enable_notebook_renderer`: the Vega-Lite JSON and a static SVG, no CDN script).

Examples:
    >>> import leadanalytics as la
    >>> w = la.connect("demo/leadanalytics.duckdb")                          # doctest: +SKIP
    >>> la.charts.funnel_chart(la.metrics.funnel(w, "2026-03-31"), la.metrics.phase_style(w))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import inspect
import math

import altair as alt
import numpy as np
import pandas as pd
import pyarrow as pa

from leadanalytics.reporting.chart_texts import LOCALES, Lang, check_lang, month_name, text

VEGALITE_MIME = f"application/vnd.vegalite.v{alt.SCHEMA_VERSION.lstrip('v').split('.')[0]}+json"
TOP_N = 10
OTHER_ASIDE = 10  # an "other" bar this many times the longest shown is said in words instead
PAGE_WIDTH = 1000       # px a chart drawn on its own takes, axes and legend included
COLUMN_WIDTH = 360      # px of each view's plot in two columns (the dashboard): ~500 px with axes
COLUMN_HEIGHT = 190     # px of each view's plot in the dashboard (its two rows fit A4's first page)
STACKED_WIDTH = 760     # px of each view's plot in one column of views (the bonus pipeline)
MISSING = "—"           # a missing value, as the tables show it
HOURS_BIN = 10          # hours per bar of the hours histograms
MAX_BINS = 100          # wider bins beyond this many
MAX_POINTS = 1000       # a curve (survival, inflow) is thinned to about this many points
MAX_THRESHOLDS = 5      # threshold rules drawn at most
BY_TEXTS = {"business_unit": "business_unit", "branch_id": "branch_of", "source": "source",
            "submitter_id": "submitter", "priority": "priority", "category": "category",
            "client_name": "client"}


# ----------------------------------------------------------------------------- rendering


def _mime_renderer(spec: dict, svg: bool = True, **_: object) -> dict:
    """Vega-Lite JSON (JupyterLab, VS Code, ``report build``) and an SVG drawn by vl-convert in
    this process for front ends without a Vega renderer: nothing is loaded from the network."""
    title = spec.get("title", "chart")
    title = title.get("text", "chart") if isinstance(title, dict) else title
    bundle = {VEGALITE_MIME: spec, "text/plain": f"<chart: {title}>"}
    if not svg:
        return bundle
    try:
        import vl_convert as vlc

        bundle["image/svg+xml"] = vlc.vegalite_to_svg(spec)
    except Exception:  # noqa: BLE001 - the JSON still renders where Vega-Lite is known
        pass
    return bundle


def enable_notebook_renderer(svg: bool = True) -> None:
    """Show charts offline (done on import; call again after enabling another renderer).

    ``svg=False`` leaves out the static SVG (about 0.3 s a chart, 2 s for the first in a process):
    enough where the front end draws Vega-Lite itself, as ``report build``'s page does.

    Examples:
        >>> enable_notebook_renderer()
    """
    alt.renderers.register("leadanalytics", _mime_renderer)
    alt.renderers.enable("leadanalytics", svg=svg)


enable_notebook_renderer()


# ----------------------------------------------------------------------------- entry: frames, lang


def _chart(title_key: str):
    """A chart function's entry: polars frames become pandas once, ``lang`` is checked, exact
    values become drawable, a frame of no rows becomes a titled note, and the chart gets the
    locale of its language (month names, decimal marks)."""

    def decorate(f):
        signature = inspect.signature(f)

        @functools.wraps(f)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            lang = check_lang(bound.arguments.get("lang", "nl"))
            for name, value in bound.arguments.items():
                if _is_frame(value):
                    bound.arguments[name] = _plain(_to_pandas(value))
            first = next(iter(bound.arguments.values()))
            if len(first) == 0:
                chart = _note(text(title_key, lang), lang)
            else:
                chart = f(*bound.args, **bound.kwargs)
            return localised(chart, lang)

        return wrapper

    return decorate


def _is_frame(value) -> bool:
    return isinstance(value, pd.DataFrame) or type(value).__module__.startswith("polars")


def _to_pandas(frame) -> pd.DataFrame:
    if isinstance(frame, pd.DataFrame):
        return frame
    if hasattr(frame, "to_pandas"):
        return frame.to_pandas()
    raise TypeError(f"a chart takes a pandas or polars DataFrame, not {type(frame).__name__}")


_LOCALISED: dict[tuple[type, str], type] = {}


def localised(chart, lang: Lang):
    """``chart`` drawn with the number and time locale of ``lang`` (decimal marks, month names).

    The locale is added only when the chart is drawn on its own (Vega-Lite allows ``config`` at
    the top level only), so a chart of this module can still be composed (``a | b``, ``a & b``,
    ``alt.layer``); localise the composition itself to keep the language's months and numbers.

    Examples:
        >>> c = localised(alt.Chart(pd.DataFrame({"x": [1]})).mark_bar(), "nl")
        >>> c.to_dict()["config"]["locale"]["number"]["decimal"]
        ','
        >>> "config" in (c | c).to_dict()["hconcat"][0]
        False
    """
    base = getattr(type(chart), "_la_base", type(chart))
    cls = _LOCALISED.get((base, lang))
    if cls is None:
        locale = {"config": {"locale": LOCALES[lang]}}

        def to_dict(self, validate=True, *, format="vega-lite", ignore=None, context=None):
            top = (context or {}).get("top_level", True)
            spec = base.to_dict(self, validate=validate, format="vega-lite", ignore=ignore,
                                context=context)
            if not top:
                return spec
            spec = _page_wide(alt.utils.update_nested(json_copy(locale), spec, copy=True))
            return alt.vegalite_compilers.get()(spec) if format == "vega" else spec

        cls = type(base.__name__, (base,), {"to_dict": to_dict, "_la_base": base})
        _LOCALISED[(base, lang)] = cls
    out = chart.copy(deep=False)
    object.__setattr__(out, "__class__", cls)   # SchemaBase keeps other attributes in the spec
    return out


_COMPOSED = ("hconcat", "vconcat", "concat", "facet", "repeat")


def _page_wide(spec: dict) -> dict:
    """A single view or layer drawn on its own takes the page's width (:data:`PAGE_WIDTH`,
    axes and legend included: autosize ``fit-x``); compositions set their views' widths.

    A view with a discrete y (one band per phase or reason) gets a height of
    :data:`BAND_HEIGHT` per band instead of Vega-Lite's step height, with which "fit-x" is
    dropped with a warning in the browser's console."""
    if any(k in spec for k in _COMPOSED) or "width" in spec:
        return spec
    out = {**spec, "width": PAGE_WIDTH,
           "autosize": spec.get("autosize", {"type": "fit-x", "contains": "padding"})}
    if "height" not in spec and _discrete_y(spec):
        bands = _band_count(spec)
        if bands is None:
            out.pop("autosize")
            out["width"] = PAGE_WIDTH * 3 // 4      # room left for the axis and the legend
        else:
            out["height"] = max(2, bands) * BAND_HEIGHT
    return out


BAND_HEIGHT = 22  # px per band of a chart with a discrete y, drawn page-wide


def _discrete_y(spec: dict) -> bool:
    views = [spec, *spec.get("layer", [])]
    return any(v.get("encoding", {}).get("y", {}).get("type") in ("nominal", "ordinal")
               for v in views)


def _band_count(spec: dict) -> int | None:
    """The number of distinct y values in a view's inline data (None when not knowable)."""
    views = [spec, *spec.get("layer", [])]
    for view in views:
        y = view.get("encoding", {}).get("y", {})
        if y.get("type") not in ("nominal", "ordinal") or "field" not in y:
            continue
        if view.get("transform") or spec.get("transform"):
            return None                                 # values may be filtered or derived
        data = view.get("data") or spec.get("data") or {}
        rows = data.get("values")
        if rows is None and "name" in data:
            rows = spec.get("datasets", {}).get(data["name"])
        if rows is None:
            return None
        field = y["field"].replace("\\.", ".")
        return len({str(r.get(field)) for r in rows})
    return None


def json_copy(value: dict) -> dict:
    return {k: json_copy(v) if isinstance(v, dict) else v for k, v in value.items()}


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Exact numbers made computable: decimals (Arrow or ``Decimal`` objects) and Arrow numbers as
    float. Only those columns are touched, so a large frame is not copied column by column."""
    out = {}
    for col in frame.columns:
        dtype = frame[col].dtype
        if isinstance(dtype, pd.ArrowDtype):
            arrow = dtype.pyarrow_dtype
            if pa.types.is_decimal(arrow) or pa.types.is_integer(arrow) or pa.types.is_floating(arrow):
                out[col] = frame[col].astype(float)
        elif pd.api.types.is_object_dtype(dtype):
            first = frame[col].iloc[:1000].dropna()
            if len(first) and isinstance(first.iloc[0], decimal.Decimal):
                out[col] = frame[col].astype(float)
    return frame.assign(**out) if out else frame


def _drawable(data: pd.DataFrame) -> pd.DataFrame:
    """A chart's own (aggregated, small) data as Altair serialises it: Arrow-backed text as
    objects with None for missing, ``datetime.date`` as datetime."""
    out = data.copy()
    for col in out.columns:
        dtype = out[col].dtype
        if isinstance(dtype, (pd.ArrowDtype, pd.StringDtype)):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
        elif pd.api.types.is_object_dtype(dtype):
            first = out[col].dropna()
            if len(first) and isinstance(first.iloc[0], dt.date):
                out[col] = pd.to_datetime(out[col])
    return out


def _note(title: str, lang: Lang) -> alt.Chart:
    note = pd.DataFrame({"note": [text("no_rows", lang)]})
    return alt.Chart(note, title=title).mark_text(size=14).encode(
        text=alt.Text("note:N"), tooltip=[alt.Tooltip("note:N", title=text("note", lang))])


# ----------------------------------------------------------------------------- labels, aggregates


def _phase_labels(frame: pd.DataFrame, lang: Lang) -> pd.Series:
    """The phase's label in ``lang``: the frame's ``label``/``label_nl`` pair, else its
    ``phase_label``, else the code."""
    if lang == "nl" and "label_nl" in frame:
        labels = frame["label_nl"]
    elif lang == "en" and "label" in frame:
        labels = frame["label"]
    elif "phase_label" in frame:
        labels = frame["phase_label"]
    else:
        labels = frame["phase"]
    return labels.fillna(frame["phase"]) if "phase" in frame else labels


def _code_labels(frame: pd.DataFrame, code: str, lang: Lang, names: tuple[str, ...] = ()) -> pd.Series:
    """Labels of a code or id column: ``code_label`` / ``code_name`` (or a column of ``names``)
    when the frame has one, else the code itself; missing as "(geen)"/"(none)"."""
    for col in (f"{code}_label", code.removesuffix("_id") + "_name", *names):
        if col in frame:
            labels = frame[col].where(frame[col].notna(), frame[code])
            break
    else:
        labels = frame[code]
    labels = labels.astype(object)
    return labels.where(labels.notna() & (labels != ""), text("none", lang))


def _top_n(data: pd.DataFrame, key: str, value: str, others: list[str], lang: Lang,
           n: int = TOP_N) -> pd.DataFrame:
    """Rows summed per ``key`` (and ``others``): the ``n`` largest keys by total ``value``, the
    rest as one "Overig"/"Other" key (listed last)."""
    totals = data.groupby(key, sort=False)[value].sum()
    keep = totals.nlargest(n).index
    data = data.assign(**{key: data[key].where(data[key].isin(keep), text("other", lang))})
    return data.groupby([key, *others], as_index=False, sort=False, dropna=False)[value].sum()


def _order_with_other(data: pd.DataFrame, key: str, value: str, lang: Lang) -> list[str]:
    totals = data.groupby(key)[value].sum().sort_values(ascending=False)
    order = [k for k in totals.index if k != text("other", lang)]
    return order + ([text("other", lang)] if text("other", lang) in totals.index else [])


def _person_labels(keys: pd.Series, names: pd.Series, lang: Lang) -> pd.Series:
    """The name of each person id in ``keys`` ("other" stays); a name two people shown share
    gets the id after it, so that neither is mistaken for the other."""
    other = text("other", lang)
    shown = pd.Series(keys.unique())
    label = shown.map(lambda k: k if k == other else names.get(k, k))
    twice = label.duplicated(keep=False) & (shown != other)
    label = label.where(~twice, label + " (" + shown + ")")
    return keys.map(dict(zip(shown, label, strict=True)))


def _other_aside(data: pd.DataFrame, key: str, value: str, lang: Lang) -> tuple[pd.DataFrame, float | None]:
    """``data`` without its "other" key when that bar would be more than ``OTHER_ASIDE`` times
    the longest bar shown (a million leads over 70,000 submitters: the top 10 would be slivers
    beside it), and the total set aside (to be said in words); else ``data`` and None."""
    other = text("other", lang)
    totals = data.groupby(key, sort=False)[value].sum()
    if (other not in totals.index or len(totals) < 2
            or totals[other] <= OTHER_ASIDE * totals.drop(other).max()):
        return data, None
    return data[data[key] != other], float(totals[other])


def _thin(data: pd.DataFrame, x: str, n: int = MAX_POINTS) -> pd.DataFrame:
    """At most about ``n`` points of a step curve: the last row of each of ``n`` equal spans of
    ``x`` (a curve's shape at screen resolution)."""
    if len(data) <= n:
        return data
    span = (data[x].max() - data[x].min()) / n or 1
    key = ((data[x] - data[x].min()) // span).astype(np.int64)
    return data.groupby(key, sort=True).last().reset_index(drop=True)


def _group_column(frame: pd.DataFrame) -> str | None:
    """The ``by=`` column of a grouped metric frame, if it has one."""
    from leadanalytics.reporting.metrics import GROUPABLE

    return next((c for c in GROUPABLE if c in frame), None)


def _largest_groups(frame: pd.DataFrame, by: str, weight: str, lang: Lang,
                    n: int = TOP_N) -> tuple[pd.DataFrame, str]:
    """The rows of the ``n`` groups of ``by`` with the largest ``weight`` (small multiples with a
    cap), with their label in column ``group``, and a title suffix naming what is shown."""
    codes = frame[by].astype(object).where(frame[by].notna(), "")
    totals = frame.assign(_code=codes).groupby("_code")[weight].max().nlargest(n)
    keep = codes.isin(totals.index).to_numpy()
    names = pd.Series(_code_labels(frame, by, lang).to_numpy()[keep], index=codes.to_numpy()[keep])
    # picked per code (two people or clients may share a name), shown by label
    data = frame[keep].assign(group=_person_labels(codes[keep], names[~names.index.duplicated()],
                                                   lang).to_numpy())
    shown = len(totals)
    total = frame[by].nunique(dropna=False)
    suffix = "" if shown >= total else (
        f" ({shown} grootste van {total})" if lang == "nl" else f" ({shown} largest of {total})")
    return data, suffix


def by_title(by: str, lang: Lang) -> str:
    """The title of a ``by=`` column in ``lang`` (the column name when it has none).

    Examples:
        >>> by_title("submitter_id", "nl")
        'Indiener'
    """
    return text(BY_TEXTS[by], lang) if by in BY_TEXTS else by


def _scale(data: pd.DataFrame, label: str) -> alt.Scale:
    seen = data.drop_duplicates(label)
    if "color" not in seen:
        return alt.Scale()
    return alt.Scale(domain=seen[label].tolist(), range=seen["color"].tolist())


def _pct(rates: pd.Series, lang: Lang) -> pd.Series:
    """Rates as percentage text with one decimal, in the language's decimal mark."""
    out = (rates.astype(float) * 100).round(1).map("{:.1f}%".format)
    return out.str.replace(".", ",", regex=False) if lang == "nl" else out


def _count(counts: pd.Series, lang: Lang) -> pd.Series:
    """Counts as text with the language's thousands separator."""
    out = counts.astype(np.int64).map("{:,}".format)
    return out.str.replace(",", ".", regex=False) if lang == "nl" else out


def _number(value: float, lang: Lang) -> str:
    out = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return out.translate(str.maketrans(",.", ".,")) if lang == "nl" else out


# ----------------------------------------------------------------------------- phases


def phase_colours(style, lang: Lang = "nl") -> alt.Scale:
    """A colour scale from phase label to the configured colour, in phase order.

    Examples:
        >>> phase_colours(la.metrics.phase_style(w), "nl")  # doctest: +SKIP
    """
    style = _to_pandas(style)
    labels = style["label_nl" if check_lang(lang) == "nl" else "label_en"].tolist()
    return alt.Scale(domain=labels, range=style["color"].tolist())


def _phase_rows(frame: pd.DataFrame, lang: Lang, keys: list[str]) -> pd.DataFrame:
    """Leads summed per phase (and ``keys``), in the frame's phase order, with label and colour."""
    data = frame.assign(phase_label=_phase_labels(frame, lang))
    data["color"] = data["color"] if "color" in data else None
    return data.groupby(["phase", "phase_label", "color", *keys], as_index=False, sort=False,
                        dropna=False)["leads"].sum()


@_chart("phase_overview.title")
def phase_overview_chart(frame, lang: Lang = "nl") -> alt.Chart:
    """Leads per phase on the as-of date, bars in the phase colours (``phase_overview``)."""
    data = _phase_rows(frame, lang, [])
    order = data["phase_label"].drop_duplicates().tolist()
    return (
        alt.Chart(_drawable(data), title=text("phase_overview.title", lang))
        .mark_bar()
        .encode(
            x=alt.X("sum(leads):Q", title=text("leads_count", lang)),
            y=alt.Y("phase_label:N", title=text("phase", lang), sort=order),
            color=alt.Color("phase_label:N", title=text("phase", lang),
                            scale=_scale(data, "phase_label")),
            tooltip=[alt.Tooltip("phase_label:N", title=text("phase", lang)),
                     alt.Tooltip("sum(leads):Q", title=text("leads", lang), format=",")],
        )
    )


def _group_labels(frame: pd.DataFrame, lang: Lang) -> pd.Series:
    col = "group_label_nl" if lang == "nl" else "group_label_en"
    if col in frame:
        return frame[col].fillna(frame["phase_group"])
    return _code_labels(frame, "phase_group", lang)


def _phase_group_view(frame: pd.DataFrame, lang: Lang, keys: list[str]) -> alt.Chart:
    data = frame.assign(group_label=_group_labels(frame, lang))
    data = _phase_rows(data, lang, ["phase_group", "group_label", *keys])
    return (
        alt.Chart(_drawable(data), title=text("phase_group.title", lang))
        .mark_bar()
        .encode(
            x=alt.X("group_label:N", title=text("phase_group", lang),
                    sort=data["group_label"].drop_duplicates().tolist()),
            y=alt.Y("sum(leads):Q", title=text("leads_count", lang)),
            color=alt.Color("phase_label:N", title=text("phase", lang),
                            scale=_scale(data, "phase_label"),
                            sort=data["phase_label"].drop_duplicates().tolist()),
            tooltip=[alt.Tooltip("group_label:N", title=text("phase_group", lang)),
                     alt.Tooltip("phase_label:N", title=text("phase", lang)),
                     alt.Tooltip("sum(leads):Q", title=text("leads", lang), format=",")],
        )
    )


@_chart("phase_group.title")
def phase_group_chart(frame, lang: Lang = "nl") -> alt.Chart:
    """Leads per phase group, stacked by phase in the phase colours (``phase_overview``)."""
    return _phase_group_view(frame, lang, [])


# ----------------------------------------------------------------------------- inflow


def _inflow_rows(frame: pd.DataFrame, lang: Lang) -> tuple[pd.DataFrame, str]:
    """Created and started leads per week (per month beyond ``MAX_POINTS`` weeks), long."""
    weeks = frame.assign(week=pd.to_datetime(frame["week"]))
    if getattr(weeks["week"].dt, "tz", None) is not None:
        weeks["week"] = weeks["week"].dt.tz_localize(None)
    per = "week"
    if weeks["week"].nunique() > MAX_POINTS:
        weeks["week"] = weeks["week"].dt.to_period("M").dt.to_timestamp()
        per = "month"
    weeks = weeks.groupby("week", as_index=False)[["leads_created", "leads_started"]].sum()
    data = weeks.melt(id_vars="week", value_vars=["leads_created", "leads_started"],
                      var_name="what", value_name="leads")
    data["what"] = data["what"].map({"leads_created": text("created", lang),
                                     "leads_started": text("started", lang)})
    return data, per


def _inflow_view(data: pd.DataFrame, per: str, lang: Lang) -> alt.Chart:
    title = text("inflow.title" if per == "week" else "inflow.title_month", lang)
    return (
        alt.Chart(_drawable(data), title=title)
        .mark_line(point=len(data) <= 2 * 160)
        .encode(
            x=alt.X("week:T", title=text(per, lang), axis=alt.Axis(format="%e %b %Y")),
            y=alt.Y("leads:Q", title=text("leads_count", lang)),
            color=alt.Color("what:N", title=text("series", lang)),
            tooltip=[alt.Tooltip("week:T", title=text(per, lang), format="%e %B %Y"),
                     alt.Tooltip("what:N", title=text("series", lang)),
                     alt.Tooltip("leads:Q", title=text("leads", lang), format=",")],
        )
    )


@_chart("inflow.title")
def inflow_chart(frame, lang: Lang = "nl") -> alt.Chart:
    """Leads created and started per week (``inflow``); per month beyond 1,000 weeks."""
    data, per = _inflow_rows(frame, lang)
    return _inflow_view(data, per, lang)


# ----------------------------------------------------------------------------- funnel


def _funnel_rows(frame: pd.DataFrame, style: pd.DataFrame | None, lang: Lang) -> pd.DataFrame:
    data = frame.copy()
    if style is not None and len(style):
        labels = style.set_index("phase")["label_nl" if lang == "nl" else "label_en"]
        data["step_label"] = data["step"].map(labels)
    else:
        data["step_label"] = None
    if lang == "en" and "label" in data:
        data["step_label"] = data["step_label"].fillna(data["label"])
    if lang == "nl" and "phase_label" in data:      # the metric's own label (nl by default)
        data["step_label"] = data["step_label"].fillna(data["phase_label"])
    if "step_label" in frame:
        data["step_label"] = data["step_label"].fillna(frame["step_label"])
    data["step_label"] = data["step_label"].fillna(data["step"])
    counts = _count(data["leads"], lang)
    data["value_text"] = counts.where(data["rate"].isna(), _pct(data["rate"].fillna(0), lang)
                                      + " (" + counts + ")")
    for col in ("rate", "rate_low", "rate_high"):    # the tooltip's texts: "—" for no rate
        rates = data[col] if col in data else pd.Series(np.nan, index=data.index)
        data[f"{col}_text"] = _pct(rates.fillna(0), lang).where(rates.notna(), MISSING)
    return data


def _funnel_view(data: pd.DataFrame, style: pd.DataFrame | None, lang: Lang,
                 titled: bool = True) -> alt.LayerChart:
    order = data["step_label"].drop_duplicates().tolist()
    colours = (phase_colours(style, lang) if style is not None and len(style)
               else alt.Scale())
    title = text("funnel.title", lang) if titled else alt.Undefined
    base = alt.Chart(_drawable(data), title=title).encode(
        y=alt.Y("step_label:N", title=text("step", lang), sort=order),
        tooltip=[alt.Tooltip("step_label:N", title=text("step", lang)),
                 alt.Tooltip("leads:Q", title=text("leads", lang), format=","),
                 alt.Tooltip("rate_text:N", title=text("conversion", lang)),
                 alt.Tooltip("rate_low_text:N", title=text("ci_low", lang)),
                 alt.Tooltip("rate_high_text:N", title=text("ci_high", lang))],
    )
    bars = base.mark_bar().encode(
        x=alt.X("leads:Q", title=text("funnel.x", lang)),
        color=alt.Color("step_label:N", title=text("step", lang), scale=colours, legend=None),
    )
    values = base.mark_text(align="left", dx=4, color="#222").encode(
        x=alt.X("leads:Q"), text=alt.Text("value_text:N"))
    return alt.layer(bars, values)


@_chart("funnel.title")
def funnel_chart(frame, style=None, lang: Lang = "nl") -> alt.LayerChart:
    """Leads per step, each bar labelled with its step conversion and count (``61,9% (1.234)``);
    the 95% Wilson interval in the tooltip (``funnel``). A grouped funnel (``by=``) becomes one
    funnel per group, the 10 largest groups."""
    by = _group_column(frame)
    if by is None:
        return _funnel_view(_funnel_rows(frame, style, lang), style, lang)
    data, suffix = _largest_groups(frame, by, "leads", lang)
    view = _funnel_view(_funnel_rows(data.reset_index(drop=True), style, lang), style, lang,
                        titled=False)
    return view.properties(width=COLUMN_WIDTH).facet(
        facet=alt.Facet("group:N", title=by_title(by, lang)),
        columns=2, title=text("funnel.title", lang) + suffix)


# ----------------------------------------------------------------------------- durations


@_chart("tip.title")
def time_in_phase_chart(frame, lang: Lang = "nl") -> alt.LayerChart:
    """Median days per phase (bars) with the 90th percentile (ticks) (``time_in_phase``)."""
    data = frame.assign(phase_label=_phase_labels(frame, lang))
    by = _group_column(data)
    suffix = ""
    if by is None:
        data = data.drop_duplicates("phase_label")             # one row per phase
    else:
        data, suffix = _largest_groups(data, by, "completed_stays", lang)
    base = alt.Chart(_drawable(data), title=text("tip.title", lang) if by is None else alt.Undefined).encode(
        y=alt.Y("phase_label:N", title=text("phase", lang), sort=data["phase_label"].tolist()),
        tooltip=[alt.Tooltip("phase_label:N", title=text("phase", lang)),
                 alt.Tooltip("completed_stays:Q", title=text("completed_stays", lang), format=","),
                 alt.Tooltip("median_days:Q", title=text("median_days", lang), format=",.1f"),
                 alt.Tooltip("p90_days:Q", title=text("p90_days", lang), format=",.1f")],
    )
    bars = base.mark_bar().encode(
        x=alt.X("median_days:Q", title=text("tip.x", lang)),
        color=alt.Color("phase_label:N", title=text("phase", lang),
                        scale=_scale(data, "phase_label")),
    )
    ticks = base.mark_tick(color="black", thickness=2).encode(x="p90_days:Q")
    if by is None:
        return bars + ticks
    return alt.layer(bars, ticks, data=data).properties(width=COLUMN_WIDTH).facet(
        facet=alt.Facet("group:N", title=by_title(by, lang)), columns=2,
        title=text("tip.title", lang) + suffix)


def _month_start(values: pd.Series) -> pd.Series:
    """'YYYY-MM' text (or dates) as the first day of the month."""
    return pd.to_datetime(values.astype(str).str.slice(0, 7) + "-01", errors="coerce")


@_chart("cohort.title")
def cohort_chart(frame, lang: Lang = "nl") -> alt.Chart:
    """Share won within 30/60/90 days per cohort month (``cohorts``)."""
    data = frame.assign(month=_month_start(frame["cohort"]))
    counts = [f"{k}_{n}d" for n in (30, 60, 90) for k in ("won", "mature")]
    if all(c in data for c in counts):      # groups pooled: won / observed per window
        data = data.groupby("month", as_index=False)[counts].sum()
        for n in (30, 60, 90):
            mature = data[f"mature_{n}d"].astype(float)
            data[f"share_{n}d"] = (data[f"won_{n}d"] / mature).where(mature > 0)
    else:
        data = data.groupby("month", as_index=False)[["share_30d", "share_60d", "share_90d"]].mean()
    data = data.melt(id_vars="month", value_vars=["share_30d", "share_60d", "share_90d"],
                     var_name="window", value_name="share").dropna(subset=["share"])
    if data.empty:
        return _note(text("cohort.title", lang) + text("no_window", lang), lang)
    data["window"] = data["window"].str.extract(r"(\d+)")[0].map(
        lambda n: text("within_days", lang, n=n))
    return (
        alt.Chart(_drawable(data), title=text("cohort.title", lang))
        .mark_line(point=True)
        .encode(
            x=alt.X("month:T", timeUnit="yearmonth", title=text("cohort.x", lang),
                    axis=alt.Axis(format="%b %Y")),
            y=alt.Y("share:Q", title=text("share_won", lang), axis=alt.Axis(format="%")),
            color=alt.Color("window:N", title=text("window", lang)),
            tooltip=[alt.Tooltip("month:T", timeUnit="yearmonth", title=text("cohort", lang),
                                 format="%B %Y"),
                     alt.Tooltip("window:N", title=text("window", lang)),
                     alt.Tooltip("share:Q", title=text("share_won", lang), format=".1%")],
        )
    )


@_chart("survival.title")
def survival_chart(frame, lang: Lang = "nl") -> alt.Chart:
    """Kaplan-Meier share of leads still undecided by days since start (``time_to_decision``)."""
    data = pd.concat([pd.DataFrame({"days": [0.0], "still_open": [1.0], "at_risk": [np.nan]}),
                      frame[["days", "still_open", "at_risk"]].astype(float)], ignore_index=True)
    data = _thin(data.sort_values("days", kind="stable"), "days")
    return (
        alt.Chart(_drawable(data), title=text("survival.title", lang))
        .mark_line(interpolate="step-after", point=len(data) <= 200)
        .encode(
            x=alt.X("days:Q", title=text("days_since_start", lang)),
            y=alt.Y("still_open:Q", title=text("still_open", lang), axis=alt.Axis(format="%")),
            tooltip=[alt.Tooltip("days:Q", title=text("days", lang), format=","),
                     alt.Tooltip("still_open:Q", title=text("still_open", lang), format=".1%"),
                     alt.Tooltip("at_risk:Q", title=text("at_risk", lang), format=",")],
        )
    )


@_chart("incidence.title")
def cumulative_incidence_chart(frame, lang: Lang = "nl") -> alt.Chart:
    """Cumulative incidence of the won phase, lost ends competing (``time_to_assignment``)."""
    data = pd.concat([pd.DataFrame({"days": [0.0], "cumulative_incidence": [0.0]}),
                      frame[["days", "cumulative_incidence"]].astype(float)], ignore_index=True)
    data = _thin(data.sort_values("days", kind="stable"), "days")
    return (
        alt.Chart(_drawable(data), title=text("incidence.title", lang))
        .mark_line(interpolate="step-after", point=len(data) <= 200)
        .encode(
            x=alt.X("days:Q", title=text("days_since_start", lang)),
            y=alt.Y("cumulative_incidence:Q", title=text("share_won", lang),
                    axis=alt.Axis(format="%")),
            tooltip=[alt.Tooltip("days:Q", title=text("days", lang), format=","),
                     alt.Tooltip("cumulative_incidence:Q", title=text("share_won", lang),
                                 format=".1%")],
        )
    )


# ----------------------------------------------------------------------------- follow-up

AGE_ORDER = ["0-7", "8-14", "15-30", "31-60", "61-90", ">90"]


def _ageing_view(data: pd.DataFrame, lang: Lang) -> alt.Chart:
    return (
        alt.Chart(_drawable(data), title=text("ageing.title", lang))
        .mark_bar()
        .encode(
            x=alt.X("age_days:N", title=text("age_days", lang), sort=AGE_ORDER,
                    axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(leads):Q", title=text("open_leads", lang)),
            color=alt.Color("phase_label:N", title=text("phase", lang),
                            scale=_scale(data, "phase_label")),
            tooltip=[alt.Tooltip("phase_label:N", title=text("phase", lang)),
                     alt.Tooltip("age_days:N", title=text("age_days", lang)),
                     alt.Tooltip("sum(leads):Q", title=text("leads", lang), format=",")],
        )
    )


@_chart("ageing.title")
def ageing_chart(frame, lang: Lang = "nl") -> alt.Chart:
    """Open leads by days since their last change, stacked by phase (``ageing``)."""
    return _ageing_view(_phase_rows(frame, lang, ["age_days"]), lang)


@_chart("reasons.title")
def reasons_chart(frame, lang: Lang = "nl") -> alt.Chart:
    """Rejected and cancelled leads by reason (top 10 and "other"), coloured by phase
    (``reasons``)."""
    data = frame.assign(phase_label=_phase_labels(frame, lang),
                        reason_label=_code_labels(frame, "reason", lang))
    data["color"] = data["color"] if "color" in data else None
    data = _top_n(data, "reason_label", "leads", ["phase_label", "color"], lang)
    return (
        alt.Chart(_drawable(data), title=text("reasons.title", lang))
        .mark_bar()
        .encode(
            x=alt.X("sum(leads):Q", title=text("leads_count", lang)),
            y=alt.Y("reason_label:N", title=text("reason", lang),
                    sort=_order_with_other(data, "reason_label", "leads", lang)),
            color=alt.Color("phase_label:N", title=text("phase", lang),
                            scale=_scale(data, "phase_label")),
            tooltip=[alt.Tooltip("phase_label:N", title=text("phase", lang)),
                     alt.Tooltip("reason_label:N", title=text("reason", lang)),
                     alt.Tooltip("sum(leads):Q", title=text("leads", lang), format=",")],
        )
    )


# ----------------------------------------------------------------------------- hours, bonuses


def _thresholds(frame: pd.DataFrame, threshold_hours) -> list[float]:
    """The hours thresholds to draw: the argument, else the frame's ``threshold_hours`` (rows of
    an hours trigger), largest first, at most ``MAX_THRESHOLDS``."""
    if threshold_hours is not None:
        values = np.atleast_1d(np.asarray(threshold_hours, dtype=float))
    elif "threshold_hours" in frame:
        rows = frame if "trigger" not in frame else frame[frame["trigger"] == "hours"]
        values = rows["threshold_hours"].dropna().astype(float).unique()
    else:
        return []
    values = np.sort(values[values > 0])[::-1]
    return [float(v) for v in values[:MAX_THRESHOLDS]]


def _hours_histogram(frame: pd.DataFrame, thresholds: list[float], lang: Lang,
                     title_key: str) -> alt.LayerChart:
    """Assignments per bin of invoiced hours (10 h), the last bin holding everything from twice
    the threshold (or the 99th percentile) up; each threshold a labelled rule."""
    hours = frame["invoiced_hours"].astype(float).fillna(0.0).clip(lower=0).to_numpy()
    top = 2 * max(thresholds) if thresholds else float(np.quantile(hours, 0.99)) if len(hours) else 0
    width = HOURS_BIN * max(1, math.ceil(top / (HOURS_BIN * MAX_BINS)))
    cap = max(width, math.ceil(top / width) * width)
    start = np.minimum(np.floor(hours / width) * width, cap)
    counts = pd.Series(start).value_counts().sort_index()
    data = pd.DataFrame({"bin_start": counts.index.astype(float), "assignments": counts.to_numpy()})
    data["bin_end"] = data["bin_start"] + width
    unit = "u" if lang == "nl" else "h"
    low = [_number(v, lang) for v in data["bin_start"]]       # one per bin (at most ~100)
    high = [_number(v, lang) for v in data["bin_end"]]
    data["bin_text"] = [f"{a}–{b} {unit}" for a, b in zip(low, high, strict=True)]
    data.loc[data["bin_start"] >= cap, "bin_text"] = f"≥ {_number(cap, lang)} {unit}"
    bars = alt.Chart(_drawable(data)).mark_bar(color="#4c78a8").encode(
        x=alt.X("bin_start:Q", bin="binned", title=text("hours.x", lang, w=width)),
        x2="bin_end:Q",
        y=alt.Y("assignments:Q", title=text("assignments", lang)),
        tooltip=[alt.Tooltip("bin_text:N", title=text("hours_bin", lang)),
                 alt.Tooltip("assignments:Q", title=text("assignments", lang), format=",")],
    )
    layers = [bars]
    if thresholds:
        rules = pd.DataFrame({"threshold": thresholds})
        rules["label"] = [text("threshold", lang, h=_number(t, lang)) for t in thresholds]
        rule = alt.Chart(_drawable(rules)).mark_rule(color="#d62728", strokeWidth=2).encode(
            x="threshold:Q", tooltip=[alt.Tooltip("label:N", title=text("threshold", lang, h="")
                                                  .strip())])
        label = alt.Chart(_drawable(rules)).mark_text(align="left", dx=4, dy=-4, baseline="top",
                                           color="#d62728", fontWeight="bold").encode(
            x="threshold:Q", y=alt.value(0), text="label:N")
        layers += [rule, label]
    capped = data[data["bin_start"] >= cap]
    if len(capped):   # the last bar holds everything from the cap up: say so on the bar
        layers.append(alt.Chart(_drawable(capped.assign(mid=capped["bin_start"] + width / 2)))
                      .mark_text(baseline="bottom", dy=-3, fontWeight="bold", color="#333")
                      .encode(x="mid:Q", y="assignments:Q", text="bin_text:N"))
    return alt.layer(*layers, title=text(title_key, lang))


@_chart("hours.title")
def assignment_hours_chart(frame, lang: Lang = "nl", threshold_hours=None) -> alt.LayerChart:
    """Won leads' assignments per 10 hours invoiced as of the date (``assignment_hours`` or
    ``bonus_pipeline``), the bonus threshold as a labelled rule (from ``threshold_hours`` or
    the frame's column of that name).

    Examples:
        >>> assignment_hours_chart(la.metrics.assignment_hours(w, "2026-03-31"), "nl", 100)  # doctest: +SKIP
    """
    return _hours_histogram(frame, _thresholds(frame, threshold_hours), lang, "hours.title")


def _submitter_view(frame: pd.DataFrame, thresholds: list[float], lang: Lang) -> alt.Chart:
    if "share_of_threshold" in frame:
        reached = frame["share_of_threshold"].astype(float).to_numpy() >= 1
    elif thresholds:
        reached = frame["invoiced_hours"].astype(float).to_numpy() >= min(thresholds)
    else:
        reached = np.zeros(len(frame), dtype=bool)
    # counted per person (two people may share a name), shown by name
    ids = frame["submitter_id"].astype(object).where(frame["submitter_id"].notna(), "")
    counts = pd.DataFrame({"submitter": ids.to_numpy(),
                           "reached": reached}).value_counts().rename("leads").reset_index()
    counts["state"] = np.where(counts["reached"], text("reached", lang), text("not_reached", lang))
    data = _top_n(counts, "submitter", "leads", ["state"], lang)
    names = pd.Series(_code_labels(frame, "submitter_id", lang).to_numpy(),
                      index=ids.to_numpy())
    data["submitter"] = _person_labels(data["submitter"], names[~names.index.duplicated()], lang)
    title: str | alt.TitleParams = text("by_submitter.title", lang, n=TOP_N)
    data, rest = _other_aside(data, "submitter", "leads", lang)
    if rest is not None:
        title = alt.TitleParams(title, subtitle=text(
            "by_submitter.rest", lang, submitters=_number(counts["submitter"].nunique() - TOP_N, lang),
            leads=_number(rest, lang)))
    return (
        alt.Chart(_drawable(data), title=title)
        .mark_bar()
        .encode(
            x=alt.X("leads:Q", title=text("won_leads", lang)),
            y=alt.Y("submitter:N", title=text("submitter", lang),
                    sort=_order_with_other(data, "submitter", "leads", lang)),
            color=alt.Color("state:N", title=text("state", lang),
                            scale=alt.Scale(domain=[text("reached", lang),
                                                    text("not_reached", lang)],
                                            range=["#54a24b", "#bab0ac"])),
            tooltip=[alt.Tooltip("submitter:N", title=text("submitter", lang)),
                     alt.Tooltip("state:N", title=text("state", lang)),
                     alt.Tooltip("leads:Q", title=text("leads", lang), format=",")],
        )
    )


@_chart("pipeline.title")
def bonus_pipeline_chart(frame, lang: Lang = "nl", threshold_hours=None) -> alt.VConcatChart:
    """The bonus pipeline (``bonus_pipeline``): won leads per 10 invoiced hours with the bonus
    threshold drawn and labelled (read from the frame), and won leads per submitter (top 10 and
    "other"), threshold reached or not.

    Examples:
        >>> bonus_pipeline_chart(la.metrics.bonus_pipeline(w, "2026-03-31"), "nl")  # doctest: +SKIP
    """
    thresholds = _thresholds(frame, threshold_hours)
    return alt.vconcat(
        _hours_histogram(frame, thresholds, lang, "pipeline.title").properties(width=STACKED_WIDTH),
        _submitter_view(frame, thresholds, lang).properties(width=STACKED_WIDTH),
    ).resolve_scale(color="independent")


@_chart("payouts.title")
def bonus_payouts_chart(frame, lang: Lang = "nl") -> alt.Chart:
    """Bonus amounts per payout month, earned (not yet paid) and paid (``bonus_payouts``)."""
    data = frame.assign(month=_month_start(frame["payout_month"]),
                        earned=frame["earned_eur"].astype(float),
                        paid=frame["paid_eur"].astype(float))
    data = data.groupby("month", as_index=False)[["earned", "paid"]].sum().melt(
        id_vars="month", var_name="state", value_name="eur")
    data["state"] = data["state"].map({"earned": text("earned", lang), "paid": text("paid", lang)})
    return (
        alt.Chart(_drawable(data), title=text("payouts.title", lang))
        .mark_bar()
        .encode(
            x=alt.X("month:O", timeUnit="yearmonth", title=text("payout_month", lang),
                    axis=alt.Axis(format="%b %Y")),
            y=alt.Y("eur:Q", title=text("amount", lang), axis=alt.Axis(format="$,.0f")),
            color=alt.Color("state:N", title=text("state", lang)),
            tooltip=[alt.Tooltip("month:O", timeUnit="yearmonth", title=text("payout_month", lang),
                                 format="%B %Y"),
                     alt.Tooltip("state:N", title=text("state", lang)),
                     alt.Tooltip("eur:Q", title=text("amount", lang), format="$,.2f")],
        )
    )


@_chart("quarantine.title")
def quarantine_chart(frame, lang: Lang = "nl") -> alt.Chart:
    """Quarantined rows per rule (top 10 and "other") (``quarantine``)."""
    from leadanalytics.reporting.present import words_of  # one place for the rules' words

    rules = words_of("rule", _code_labels(frame, "rule", lang), lang)
    kinds = words_of("kind", _code_labels(frame, "kind", lang), lang)
    data = _top_n(frame.assign(rule=rules, kind=kinds), "rule", "rows_quarantined", ["kind"], lang)
    most = max(1, data.groupby("rule")["rows_quarantined"].sum().max())
    return (
        alt.Chart(_drawable(data), title=text("quarantine.title", lang))
        .mark_bar()
        .encode(
            x=alt.X("rows_quarantined:Q", title=text("rows", lang),   # whole rows: no 0.5 ticks
                    axis=alt.Axis(format=",d", tickCount=int(min(10, most)))),
            y=alt.Y("rule:N", title=text("rule", lang),
                    sort=_order_with_other(data, "rule", "rows_quarantined", lang)),
            color=alt.Color("kind:N", title=text("kind", lang)),
            tooltip=[alt.Tooltip("kind:N", title=text("kind", lang)),
                     alt.Tooltip("rule:N", title=text("rule", lang)),
                     alt.Tooltip("rows_quarantined:Q", title=text("rows", lang), format=",")],
        )
    )


# ----------------------------------------------------------------------------- dashboard

ALL = "*"   # the value of a dashboard filter that keeps everything


def scope_in_words(w, scope, lang: Lang = "nl") -> str:
    """The scope as a reader names it: "Hele organisatie", a branch's or a person's name
    (:func:`leadanalytics.access.scopes.scope_in_words`).

    Examples:
        >>> scope_in_words(w, "all", "en")  # doctest: +SKIP
        'Whole organisation'
    """
    from leadanalytics.access import scopes

    return scopes.scope_in_words(w, scope, check_lang(lang))


def _date_in_words(as_of, lang: Lang) -> str:
    from leadanalytics.clock import as_of_day

    day = as_of_day(as_of)
    return f"{day.day} {month_name(day.month, lang)} {day.year}"


def _by_unit(metric, w, kw: dict):
    """The metric per business unit if it takes ``by``, else as it is (no unit to filter on)."""
    if "by" in inspect.signature(metric).parameters:
        return _to_pandas(metric(w, **kw, by="business_unit")), True
    return _to_pandas(metric(w, **kw)), False


def _unit_keys(frame: pd.DataFrame, lang: Lang) -> tuple[pd.Series, pd.Series]:
    codes = frame["business_unit"].astype(object).where(frame["business_unit"].notna(), "")
    return codes, _code_labels(frame.assign(business_unit=codes), "business_unit", lang)


def phase_group_dashboard(w, as_of, scope="all", lang: Lang = "nl", as_person=None) -> alt.VConcatChart:
    """The phase-group overview for a scope: groups, funnel, inflow and ageing in one chart, with
    filters in the page (phase group, business unit, weeks of inflow) bound to inputs; the title
    names the scope in words and the date.

    Examples:
        >>> phase_group_dashboard(w, "2026-03-31", scope="branch:NORTH", lang="nl")  # doctest: +SKIP
    """
    from leadanalytics.reporting import metrics

    lang = check_lang(lang)
    style = _plain(_to_pandas(metrics.phase_style(w)))
    kw = {"as_of": as_of, "scope": scope, "as_person": as_person}
    overview, _ = _by_unit(metrics.phase_overview, w, kw)
    funnel, funnel_by_unit = _by_unit(metrics.funnel, w, kw)
    ageing, ageing_by_unit = _by_unit(metrics.ageing, w, kw)
    inflow = _plain(_to_pandas(metrics.inflow(w, **kw)))
    overview, funnel, ageing = _plain(overview), _plain(funnel), _plain(ageing)

    # the filters: options from the data, labels in the language
    groups = style.drop_duplicates("phase_group")
    group_labels = _group_labels(groups, lang).tolist()
    unit_codes, unit_labels = _unit_keys(overview, lang) if len(overview) else (pd.Series(), pd.Series())
    units = (pd.DataFrame({"code": unit_codes, "label": unit_labels}).drop_duplicates("code")
             .sort_values("label"))
    group = alt.param(name="phase_group_filter", value=ALL, bind=alt.binding_select(
        options=[ALL, *groups["phase_group"]], labels=[text("all_groups", lang), *group_labels],
        name=text("filter_group", lang)))
    unit = alt.param(name="business_unit_filter", value=ALL, bind=alt.binding_select(
        options=[ALL, *units["code"]], labels=[text("all_units", lang), *units["label"]],
        name=text("filter_unit", lang)))
    in_group = f"{group.name} == '{ALL}' || datum.phase_group == {group.name}"
    in_unit = f"{unit.name} == '{ALL}' || datum.business_unit == {unit.name}"

    views = []
    if len(overview):
        data = overview.assign(business_unit=unit_codes)
        views.append(_phase_group_view(data, lang, ["business_unit"])
                     .transform_filter(in_group).transform_filter(in_unit))
    else:
        views.append(_note(text("phase_group.title", lang), lang))
    if len(funnel):
        if funnel_by_unit:
            # the whole scope's funnel (its own rates) under ALL, each unit's under its code
            total = _to_pandas(metrics.funnel(w, **kw))
            total = _plain(total).assign(business_unit=ALL)
            funnel = pd.concat([total, funnel.assign(business_unit=_unit_keys(funnel, lang)[0])],
                               ignore_index=True)
        rows = _funnel_rows(funnel, style, lang)
        view = _funnel_view(rows, style, lang)
        if funnel_by_unit:
            view = view.transform_filter(
                f"datum.business_unit == ({unit.name} == '{ALL}' ? '{ALL}' : {unit.name})")
        views.append(view)
    else:
        views.append(_note(text("funnel.title", lang), lang))
    if len(inflow):
        data, per = _inflow_rows(inflow, lang)
        last = data["week"].max()
        data["weeks_back"] = ((last - data["week"]).dt.days // 7).astype(np.int64)
        span = int(data["weeks_back"].max()) + 1
        period = alt.param(name="period_weeks", value=span, bind=alt.binding_range(
            min=1, max=span, step=1, name=text("filter_period", lang)))
        views.append(_inflow_view(data, per, lang).add_params(period)
                     .transform_filter(f"datum.weeks_back < {period.name}"))
    else:
        views.append(_note(text("inflow.title", lang), lang))
    if len(ageing):
        data = ageing.merge(style[["phase", "phase_group"]], on="phase", how="left")
        keys = ["age_days", "phase_group"]
        if ageing_by_unit:
            data = data.assign(business_unit=_unit_keys(data, lang)[0])
            keys.append("business_unit")
        view = _ageing_view(_phase_rows(data, lang, keys), lang).transform_filter(in_group)
        views.append(view.transform_filter(in_unit) if ageing_by_unit else view)
    else:
        views.append(_note(text("ageing.title", lang), lang))

    title = text("dashboard.title", lang, d=_date_in_words(as_of, lang),
                 scope=scope_in_words(w, scope, lang))
    views = [v.properties(width=COLUMN_WIDTH, height=COLUMN_HEIGHT) for v in views]
    top = alt.hconcat(views[0], views[1]).resolve_scale(color="independent")
    bottom = alt.hconcat(views[2], views[3]).resolve_scale(color="independent")
    chart = alt.vconcat(top, bottom, title=title).add_params(group, unit).resolve_scale(
        color="independent")
    return localised(chart, lang)
