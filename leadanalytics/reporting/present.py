"""What a reader of a report sees of a frame or a figure: every table and the header of every
report go through here (reports.md, "What a person sees"). Holds words (Dutch and English),
formats and HTML; never figures: those come from ``metrics`` (and ``headlines``).

* :func:`table` shows a frame without its index, labels in place of codes and names in place of
  ids, headers, money, percentages (with their interval), dates and counts in the report's
  language, one mark (``—``) for a missing value, at most 8 columns; every row and every column
  goes to ``NAME.csv`` beside the report, linked by its file name.
* Summary tables (up to :data:`STATIC_ROWS` rows) are a plain HTML table formatted here rather
  than great-tables: the same formatting functions serve both kinds of table, nothing to pin or
  load, no JavaScript (it prints and converts to PDF as it is), and every cell is escaped in one
  place. Longer tables are paged, sorted and searchable by itables in its offline mode (its
  DataTables bundle inlined once per notebook, no network); past ``page_rows`` rows the page
  shows the first ones and says "n of m rows: all in NAME.csv".
* :func:`header` opens a report: title, scope in words, as-of date, freshness of the data and
  three to five :class:`Headline` figures, each with the value a month earlier.

Examples:
    >>> money(1234.56, "nl"), money(1234.56, "en")    # a non-breaking space after € in nl
    ('€\\xa01.234,56', '€1,234.56')
    >>> percent(0.6194, "nl", 0.5821, 0.6554)
    '61,9% (58,2–65,5%)'
    >>> date_text("2026-03-31", "nl"), date_text("2026-03-31", "en")
    ('31 mrt 2026', '31 Mar 2026')
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from leadanalytics.config.languages import LANGS, Lang, check_lang  # noqa: F401 (re-exported)
from leadanalytics.exceptions import UsageError
from leadanalytics.reporting.html import PRINT_ROWS  # rows of a ``la-long`` table in print
from leadanalytics.reporting.words import (  # the words live there; TEXTS, HEADERS, VALUES are public here too
    DATATABLES_LANGUAGE,
    EXPECTATIONS,
    HEADERS,
    INPUT_COLUMNS,
    TEXTS,
    VALUES,
)

MISSING = "—"
MAX_COLUMNS = 8
STATIC_ROWS = 25          # up to this many rows: a plain table; more: paged (itables)
PAGE_ROWS = 5000          # rows an HTML table holds at most; the CSV holds them all
_LOCALE = {"nl": "nl_NL", "en": "en_GB"}
_TIMEZONE = "Europe/Amsterdam"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

#: Columns never shown by default: colours, sort helpers, the texts that stand in for a code
#: (shown in the code's place), and the two ends of an interval (shown with the rate).
_HIDDEN = re.compile(r"^(colou?r|bucket_no|position|group_position|label|label_nl|label_en|"
                     r"group_label_(nl|en)|.*_key)$")
_MONEY = re.compile(r"(^|_)(eur|amount)(_|$)")
_RATE = re.compile(r"^(rate|share(_.*)?|.*_share|.*_rate|still_open|cumulative_incidence)$")
_MONTH = re.compile(r"^(cohort|.*_month|month)$")
_MONTH_TEXT = re.compile(r"^\d{4}-\d{2}$")


def text(key: str, lang: str, **values: Any) -> str:
    """The text ``key`` of :data:`TEXTS` in ``lang``, with ``values`` filled in.

    Examples:
        >>> text("rows_of", "nl", n="5.000", m="7.500", file="leads.csv")
        '5.000 van 7.500 rijen: alle in leads.csv'
    """
    words = TEXTS[key][check_lang(lang)]
    return words.format(**values) if values else words


def add_texts(texts: Mapping[str, Mapping[str, str]]) -> None:
    """Add texts (key → {"nl": ..., "en": ...}) for :func:`text`; both languages required.

    Examples:
        >>> add_texts({"demo.hello": {"nl": "Hallo", "en": "Hello"}})
        >>> text("demo.hello", "en")
        'Hello'
    """
    for key, words in texts.items():
        missing = [lang for lang in LANGS if lang not in words]
        if missing:
            raise UsageError(f"texts[{key!r}]", dict(words), LANGS)
        TEXTS[key] = dict(words)


# --------------------------------------------------------------------------- values


def is_missing(value: Any) -> bool:
    """None, NaN, pandas' NA and NaT are missing.

    Examples:
        >>> [is_missing(v) for v in (None, float("nan"), 0, "")]
        [True, True, False, False]
    """
    if value is None:
        return True
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):   # a list or an array is a value, not a missing one
        return False


def _babel():
    from babel import dates, numbers

    return numbers, dates


_NL_SEPARATORS = str.maketrans({",": ".", ".": ","})


def _digits(value: Any, decimals: int, lang: str, keep_zeros: bool = True) -> str:
    """``value`` with thousands grouped and ``decimals`` places, as nl_NL and en_GB write it
    (what babel gives for these two locales, a hundred times faster for a 5,000-row table)."""
    shown = f"{float(value):,.{decimals}f}"
    if decimals and not keep_zeros:
        shown = shown.rstrip("0").rstrip(".")
    if shown in ("-0", "-0.0", "-0.00"):
        shown = shown[1:]
    return shown.translate(_NL_SEPARATORS) if lang == "nl" else shown


def money(value: Any, lang: str) -> str:
    """An amount in euros, to the cent, as the language writes it (nl: a non-breaking space after
    the €, so an amount never wraps); ``—`` when missing.

    Examples:
        >>> money(Decimal("-250.5"), "nl"), money(-250.5, "en"), money(None, "en")
        ('€\\xa0-250,50', '-€250.50', '—')
    """
    lang = check_lang(lang)
    if is_missing(value):
        return MISSING
    digits = _digits(value, 2, lang)
    if lang == "nl":
        return f"€\u00a0{digits}"
    return f"-€{digits[1:]}" if digits.startswith("-") else f"€{digits}"


def number(value: Any, lang: str, decimals: int = 1) -> str:
    """A count or a measure: whole numbers as they are, others to ``decimals`` places at most.

    Examples:
        >>> number(12345, "nl"), number(12345, "en"), number(26.64, "nl"), number(2.0, "en")
        ('12.345', '12,345', '26,6', '2')
    """
    lang = check_lang(lang)
    if is_missing(value):
        return MISSING
    if isinstance(value, bool):
        return text("yes" if value else "no", lang)
    return _digits(value, decimals, lang, keep_zeros=False)


def _pct(value: Any, lang: str) -> str:
    return _digits(float(value) * 100, 1, lang)


def percent(value: Any, lang: str, low: Any = None, high: Any = None) -> str:
    """A share (0.6194) as a percentage to one decimal, with its interval when given.

    Examples:
        >>> percent(0.6194, "en", 0.5821, 0.6554), percent(0.5, "nl"), percent(None, "nl")
        ('61.9% (58.2–65.5%)', '50,0%', '—')
    """
    lang = check_lang(lang)
    if is_missing(value):
        return MISSING
    shown = _pct(value, lang) + "%"
    if not is_missing(low) and not is_missing(high):
        shown += f" ({_pct(low, lang)}–{_pct(high, lang)}%)"
    return shown


def _as_date(value: Any) -> dt.date | dt.datetime:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    return value


@functools.lru_cache(maxsize=4096)
def _day_text(day: dt.date, lang: str) -> str:
    _, dates = _babel()
    return dates.format_date(day, "medium", locale=_LOCALE[lang])


def date_text(value: Any, lang: str) -> str:
    """A date as the language writes it (``31 mrt 2026``, ``31 Mar 2026``); a time of day is
    dropped.

    Examples:
        >>> date_text(dt.date(2026, 5, 1), "nl"), date_text(None, "en")
        ('1 mei 2026', '—')
    """
    lang = check_lang(lang)
    if is_missing(value):
        return MISSING
    day = _as_date(value)
    if isinstance(day, dt.datetime):
        if day.tzinfo is not None:
            from zoneinfo import ZoneInfo

            day = day.astimezone(ZoneInfo(_TIMEZONE))
        day = day.date()
    return _day_text(day, lang)


def datetime_text(value: Any, lang: str) -> str:
    """A moment in Amsterdam time: the date as :func:`date_text` and the time ``HH:mm``.

    Examples:
        >>> datetime_text(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC), "nl")
        '1 mrt 2026 10:00'
    """
    lang = check_lang(lang)
    if is_missing(value):
        return MISSING
    from zoneinfo import ZoneInfo

    moment = _as_date(value)
    if not isinstance(moment, dt.datetime):
        return date_text(moment, lang)
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo(_TIMEZONE))
    return f"{date_text(moment.date(), lang)} {moment:%H:%M}"


def month_text(value: Any, lang: str) -> str:
    """A month (``2026-03`` or a date in it) as ``mrt 2026`` / ``Mar 2026``.

    Examples:
        >>> month_text("2026-03", "nl"), month_text("2026-03", "en")
        ('mrt 2026', 'Mar 2026')
    """
    lang = check_lang(lang)
    if is_missing(value):
        return MISSING
    _, dates = _babel()
    if isinstance(value, str) and _MONTH_TEXT.match(value):
        value = f"{value}-01"
    day = _as_date(value)
    if isinstance(day, dt.datetime):
        day = day.date()
    return dates.format_date(day, "LLL y", locale=_LOCALE[lang])


# --------------------------------------------------------------------------- tables


def _pandas(frame: Any):
    import pandas as pd

    if type(frame).__module__.split(".")[0] == "polars":
        frame = frame.to_pandas()
    if not isinstance(frame, pd.DataFrame):
        raise UsageError("frame", type(frame).__name__, ("a pandas or polars DataFrame",))
    named = [n for n in frame.index.names if n is not None]
    # a named index (a groupby's keys) is a column like any other; an unnamed one is dropped
    frame = frame.reset_index(drop=not named)
    return frame


def _shown_for(code: str, columns: Sequence[str], lang: str) -> str:
    """The column shown in place of ``code``: its label or name when the frame has one."""
    candidates = [f"{code}_label"]
    if code.endswith("_id"):
        candidates.append(code[:-3] + "_name")
    if code in ("phase", "step"):
        candidates += ["phase_label", "label_nl" if lang == "nl" else "label"]
    if code == "phase_group":
        candidates.append(f"group_label_{lang}")
    for candidate in candidates:
        if candidate in columns:
            return candidate
    return code


def _kind_of(code: str, series, money_cols, percent_cols, intervals) -> str:
    import pandas as pd

    if code in money_cols:
        return "money"
    if code in percent_cols or code in intervals:
        return "percent"
    dtype = series.dtype
    if _MONEY.search(code) and (pd.api.types.is_numeric_dtype(dtype) or _is_decimal(series)):
        return "money"
    if _RATE.match(code) and pd.api.types.is_float_dtype(dtype):
        return "percent"
    if isinstance(dtype, pd.DatetimeTZDtype):
        return "datetime"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "date"
    if _MONTH.match(code):
        return "month"
    if pd.api.types.is_bool_dtype(dtype):
        return "bool"
    if pd.api.types.is_numeric_dtype(dtype) or _is_decimal(series):
        return "number"
    first = next((v for v in series if not is_missing(v)), None)
    if isinstance(first, dt.datetime):
        return "datetime"
    if isinstance(first, dt.date):
        return "date"
    return "text"


def _is_decimal(series) -> bool:
    first = next((v for v in series if not is_missing(v)), None)
    return isinstance(first, Decimal) or "decimal" in str(series.dtype)


def _format_cell(kind: str, value: Any, lang: str, low: Any = None, high: Any = None) -> str:
    if is_missing(value):
        return MISSING
    if kind == "money":
        return money(value, lang)
    if kind == "percent":
        return percent(value, lang, low, high)
    if kind == "date":
        return date_text(value, lang)
    if kind == "datetime":
        return datetime_text(value, lang)
    if kind == "month":
        return month_text(value, lang)
    if kind in ("number", "bool"):
        return number(value, lang)
    return str(value)



def _words_for(code: str, value: Any, lang: str) -> Any:
    """The word for a listed code of column ``code`` (:data:`VALUES`), else the value; a
    quarantine rule not listed reads as its expectation and column, or its words.

    Examples:
        >>> _words_for("rule", "expect_column_values_to_not_be_null:hours", "nl")
        'uren ontbreekt'
    """
    if not isinstance(value, str):
        return value
    words = VALUES.get(code, {}).get(value)
    if words:
        return words[lang]
    if code == "rule":
        expectation, _, column = value.partition(":")
        if expectation in EXPECTATIONS and column:
            words = INPUT_COLUMNS.get(column, {}).get(lang, column.replace("_", " "))
            return EXPECTATIONS[expectation][lang].format(c=words)
        return value.replace("_", " ").replace(":", ": ")
    return value


def words_of(code: str, values: Iterable[Any], lang: str) -> list[Any]:
    """The words a reader sees for the codes of column ``code`` (a rule, a load kind, a status),
    as the report's tables show them; charts use the same words.

    Examples:
        >>> words_of("rule", ["conflict_with_loaded", "expect_column_values_to_be_between:hours"],
        ...          "en")
        ['conflicts with a loaded row', 'hours out of range']
    """
    lang = check_lang(lang)
    return [_words_for(code, v, lang) for v in values]


def _sort_key(kind: str, value: Any):
    """A key that sorts a column's values as their kind does (text ignoring case)."""
    if kind in ("money", "percent", "number", "bool"):
        return float(value)
    if kind in ("date", "datetime", "month"):
        return str(value)
    return str(value).casefold()


@dataclass
class Table:
    """A table as a report shows it; Jupyter displays it (``_repr_html_``).

    Attributes:
        html: the table's HTML (escaped; inline styles; no wider than the page).
        shown: the shown cells as text, headers as columns (what a reader sees).
        rows: rows in the frame; ``csv``: the file written beside the report, if any.
    """

    html: str
    shown: Any
    rows: int
    csv: Path | None = None

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:   # the notebook's text/plain: what a reader sees, no paths
        return self.shown.to_string(index=False) if len(self.shown) else ""


_TABLE_STYLE = ("border-collapse:collapse;max-width:100%;table-layout:auto;"
                "overflow-wrap:anywhere;font-size:0.85rem;margin:0.5rem 0")
_CELL_STYLE = "border:1px solid #ddd;padding:0.2rem 0.5rem;vertical-align:top;"
_unnamed = itertools.count(1)   # ids of unnamed paged tables: the same in every run
_itables_sent = False     # the DataTables bundle is inlined with the first paged table


def _static_html(shown, numeric: Sequence[bool], nowrap: Sequence[bool] | None = None,
                 classes: str = "la-table") -> str:
    """A plain table: numbers right-aligned, text left; ids and money never wrap."""
    nowrap = nowrap or [False] * len(numeric)
    aligns = [f'text-align:{"right" if n else "left"}' for n in numeric]
    cell = [f'{_CELL_STYLE}{a}{";white-space:nowrap" if w else ""}'
            for a, w in zip(aligns, nowrap, strict=True)]
    head = "".join(f'<th style="{_CELL_STYLE}{a}">{html.escape(str(c))}</th>'
                   for c, a in zip(shown.columns, aligns, strict=True))
    body = []
    for row in shown.itertuples(index=False):
        cells = "".join(f'<td style="{style}">{html.escape(v)}</td>'
                        for v, style in zip(row, cell, strict=True))
        body.append(f"<tr>{cells}</tr>")
    return (f'<table class="{classes}" style="{_TABLE_STYLE}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


# DataTables aligns every column it takes for numbers (the cells hold sort ranks) to the right:
# the classes set per column put text left and keep ids and money on one line.
_PAGED_STYLE = ("<style>table.dataTable th.la-left, table.dataTable td.la-left "
                "{ text-align: left !important; } "
                "table.dataTable th.la-right, table.dataTable td.la-right "
                "{ text-align: right !important; } "
                "table.dataTable td.la-nowrap { white-space: nowrap !important; }</style>")


def _itables_bundle() -> str:
    """The offline DataTables bundle of itables as one ``<script>`` (no ``<noscript>`` logo)."""
    from itables import options
    from itables.javascript import generate_init_offline_itables_html

    init = generate_init_offline_itables_html(options.dt_bundle)
    return init[: init.index("</script>") + len("</script>")]


def _paged_html(shown, keys, table_id: str, lang: str, numeric: Sequence[bool],
                nowrap: Sequence[bool]) -> str:
    """``shown`` as an itables DataTable: each cell is sent as the rank of its value's sort key
    in its column, and a render function shows the formatted text of that rank, so the table
    sorts numbers and dates as such while it shows them as the language writes them. Each
    column gets classes: ``la-right`` (numbers) or ``la-left`` (text), ``la-nowrap`` (ids, money);
    the table is ``la-long`` (print shows its first rows)."""
    import json

    import pandas as pd
    from itables import JavascriptFunction, to_html_datatable

    global _itables_sent
    data, column_defs = {}, []
    for i, col in enumerate(shown.columns):
        pairs = sorted(set(zip(keys[col], shown[col], strict=True)),
                       key=lambda p: (0, 0) if p[0] is None else (1, p[0]))
        order = list(dict.fromkeys(text_ for _, text_ in pairs))
        rank = {text_: n for n, text_ in enumerate(order, start=1)}
        data[col] = [rank[v] for v in shown[col]]
        # the page shows the (escaped) text and sorts by the rank; search reads the text
        words = json.dumps([html.escape(v) for v in order]).replace("<", "\\u003c")
        names = ["la-right" if numeric[i] else "la-left", *(["la-nowrap"] if nowrap[i] else [])]
        column_defs.append({"targets": i, "className": " ".join(names), "render": JavascriptFunction(
            f"function (data, type, row, meta) {{ var words = {words}; "
            "return type === 'sort' || type === 'type' ? data : words[data - 1]; }")})
    frame = pd.DataFrame(data, columns=list(shown.columns))
    out = to_html_datatable(
        frame, connected=False, table_id=table_id, display_logo_when_loading=False,
        classes="display compact la-long", style="width:100%;max-width:100%;margin:0;caption-side:bottom",
        pageLength=25, lengthMenu=[10, 25, 100, 500], showIndex=False, show_dtypes=False,
        maxBytes=0, language=DATATABLES_LANGUAGE[lang], warn_on_unexpected_option_type=False,
        warn_on_undocumented_option=False, allow_html=False, columnDefs=column_defs,
        # a click anywhere on a header sorts (itables' default sorts on the arrow icon only)
        text_in_header_can_be_selected=False,
    )
    # itables' loading text and its static preview link to its website: replace both with
    # our own plain first page (shown until the script runs, and where scripts never run)
    opening = f'<table id="{table_id}" hidden="hidden">'
    start = out.index(opening) + len(opening)
    out = out[:start] + out[out.index("</table>", start):]
    fallback = f'<div id="{table_id}_fallback">'
    swap = f'<script>document.getElementById("{table_id}")'
    f_start = out.index(fallback) + len(fallback)
    f_end = out.rindex("</div>", f_start, out.index(swap))
    out = out[:f_start] + _static_html(shown.head(STATIC_ROWS), numeric, nowrap) + out[f_end:]
    out = _PAGED_STYLE + out
    if not _itables_sent:
        out = _itables_bundle() + out
        _itables_sent = True
    return out


def _output_folder() -> Path:
    """Where a report's CSV files go: beside the report (the notebook runs in its folder)."""
    return Path.cwd()


def _for_csv(frame):
    """The frame to write as the CSV beside a report: as polars, whose CSV writer is several
    times faster than pandas' (a million-lead tab set took seconds more), with pandas as the
    fallback for a column polars cannot take."""
    import polars as pl

    if isinstance(frame, pl.DataFrame):
        return frame
    try:
        return pl.from_pandas(frame)
    except (TypeError, ValueError, pl.exceptions.PolarsError):
        return frame


def table(
    frame: Any,
    lang: str,
    columns: Sequence[str] | None = None,
    headers: Mapping[str, str | Mapping[str, str]] | None = None,
    money: Iterable[str] = (),
    percent: Iterable[str] = (),
    intervals: Mapping[str, tuple[str, str]] | None = None,
    name: str | None = None,
    page_rows: int = PAGE_ROWS,
) -> Table:
    """Show a pandas or polars frame as a report shows a table.

    ``columns`` are the code columns to show (at most 8; default: the first 8 that are not
    colours, helpers or the labels and names that stand in for codes); ``X_label`` is shown in
    place of a code ``X`` and ``P_name`` in place of an id ``P_id`` when the frame has them (else
    the code). ``money`` and ``percent`` name columns to format as such (besides ``*_eur``,
    ``rate``, ``share_*``); ``intervals`` maps a rate to its interval's columns (default
    ``rate`` → ``rate_low``, ``rate_high``). With ``name``, every row and column is written to
    ``NAME.csv`` in the report's folder (the working directory) and linked by its file name.
    Up to 25 rows make a plain table; longer ones are paged, sorted and searchable (itables,
    offline); past ``page_rows`` the first ones are shown with "n of m rows: all in NAME.csv".

    Examples:
        >>> import pandas as pd
        >>> t = table(pd.DataFrame({"phase": ["ingediend"], "phase_label": ["Submitted"],
        ...                         "amount_eur": [1234.5]}), "en")
        >>> t.shown.to_dict("records")
        [{'Phase': 'Submitted', 'Amount': '€1,234.50'}]
        >>> "<th" in t._repr_html_() and ">0<" not in t._repr_html_()   # no index
        True
    """
    import pandas as pd

    lang = check_lang(lang)
    frame = _pandas(frame)
    intervals = dict(intervals or {})
    if "rate" in frame.columns and "rate" not in intervals \
            and {"rate_low", "rate_high"} <= set(frame.columns):
        intervals["rate"] = ("rate_low", "rate_high")
    all_columns = [str(c) for c in frame.columns]
    if columns is None:
        stand_ins = {s for c in all_columns if (s := _shown_for(c, all_columns, lang)) != c}
        ends = {part for low_high in intervals.values() for part in low_high}
        chosen = [c for c in all_columns if c not in stand_ins and c not in ends
                  and not _HIDDEN.match(c)][:MAX_COLUMNS]
    else:
        chosen = list(columns)
        unknown = [c for c in chosen if c not in all_columns]
        if unknown:
            raise UsageError("columns", unknown, all_columns)
        if len(chosen) > MAX_COLUMNS:
            raise UsageError("columns", chosen, f"choose at most {MAX_COLUMNS} columns")
    if name is not None and not _NAME.match(name):
        raise UsageError("name", name, "a file name of letters, digits, '_', '-' and '.'")
    words = {k: v[lang] for k, v in HEADERS.items()}
    for key, value in (headers or {}).items():
        words[key] = value if isinstance(value, str) else value[lang]

    total = len(frame)
    visible = frame.head(page_rows)
    shown_cols: dict[str, list[str]] = {}
    keys: dict[str, list[Any]] = {}
    numeric: list[bool] = []
    nowrap: list[bool] = []        # ids and money stay on one line
    money_cols, percent_cols = set(money), set(percent)
    for code in chosen:
        source = _shown_for(code, all_columns, lang)
        series = visible[source]
        if source != code:   # a label or a name: the code where it is missing
            series = series.where(series.notna(), visible[code])
        kind = _kind_of(source, series, money_cols, percent_cols, intervals) \
            if source == code else "text"
        low_high = intervals.get(code)
        values = list(series)
        if source == code and code in VALUES:
            values = [_words_for(code, v, lang) for v in values]
        lows = list(visible[low_high[0]]) if low_high else [None] * len(values)
        highs = list(visible[low_high[1]]) if low_high else [None] * len(values)
        header = words.get(code) or words.get(source) or code.replace("_", " ").capitalize()
        if header in shown_cols:            # two columns with one header: tell them apart
            header = f"{header} ({code})"
        shown_cols[header] = [_format_cell(kind, v, lang, lo, hi)
                              for v, lo, hi in zip(values, lows, highs, strict=True)]
        keys[header] = [None if is_missing(v) else _sort_key(kind, v) for v in values]
        numeric.append(kind in ("money", "percent", "number"))
        nowrap.append(kind == "money" or (source == code and code.endswith("_id")))
    shown = pd.DataFrame(shown_cols, columns=list(shown_cols))

    parts: list[str] = []
    csv_path = None
    if name is not None:
        from leadanalytics.outputs import write

        csv_path = write(_for_csv(frame), _output_folder() / f"{name}.csv")
    if total == 0:
        parts.append(f"<p>{html.escape(text('no_rows', lang))}</p>")
    elif len(visible) <= STATIC_ROWS:
        parts.append(_static_html(shown, numeric, nowrap))
    else:
        table_id = "la_" + re.sub(r"[^A-Za-z0-9_]", "_", name or f"t{next(_unnamed)}")
        parts.append(_paged_html(shown, keys, table_id, lang, numeric, nowrap))
        # print shows the first PRINT_ROWS rows of a long table (``la-long``): say what is left
        more = number(total - PRINT_ROWS, lang)
        words = (text("more_rows_in", lang, n=more, file=f"{name}.csv") if name is not None
                 else text("more_rows", lang, n=more))
        parts.append(f'<p class="la-print-only" style="font-size:0.8rem;color:#555">'
                     f"{html.escape(words)}</p>")
    if name is not None:
        file = f"{name}.csv"
        link = f'<a href="{html.escape(file)}">{html.escape(file)}</a>'
        if total > len(visible):
            note_ = html.escape(text("rows_of", lang, n=number(len(visible), lang),
                                     m=number(total, lang), file="\x00")).replace("\x00", link)
        else:
            note_ = html.escape(text("all_rows_in", lang, file="\x00")).replace("\x00", link)
        parts.append(f'<p class="la-csv" style="font-size:0.8rem;color:#555">{note_}</p>')
    page = (f'<div class="la-table-wrap" style="max-width:100%;overflow-x:auto">'
            f"{''.join(parts)}</div>")
    return Table(html=page, shown=shown, rows=total, csv=csv_path)


# --------------------------------------------------------------------------- words as output


@dataclass
class Html:
    """A piece of a report's text: HTML for Jupyter and the page, plain text for ``repr``."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def heading(key: str, lang: str, level: int = 2, **values: Any) -> Html:
    """A section heading in the report's language (a :data:`TEXTS` key).

    Examples:
        >>> heading("conversion.funnel", "en").html
        '<h2>Funnel</h2>'
    """
    words = text(key, lang, **values)
    return Html(f"<h{level}>{html.escape(words)}</h{level}>", words)


def paragraph(key: str, lang: str, **values: Any) -> Html:
    """A paragraph of text in the report's language (a :data:`TEXTS` key).

    Examples:
        >>> paragraph("no_rows", "nl").text
        'Geen rijen.'
    """
    words = text(key, lang, **values)
    return Html(f"<p>{html.escape(words)}</p>", words)


def summary(values: Any, lang: str, name: str | None = None, header: str | None = None) -> Table:
    """Count, median, 90th percentile and maximum of a column of numbers, as a small table (in
    place of ``describe()``).

    Examples:
        >>> import pandas as pd
        >>> summary(pd.Series([1, 2, 3, 10]), "nl").shown.to_dict("records")
        [{'Aantal': '4', 'Mediaan': '2,5', 'P90': '7,9', 'Hoogste': '10'}]
    """
    import pandas as pd

    numbers_ = pd.to_numeric(pd.Series(values), errors="coerce").dropna().astype(float)
    row = {"count": len(numbers_),
           "median": numbers_.median() if len(numbers_) else None,
           "p90": numbers_.quantile(0.9) if len(numbers_) else None,
           "max": numbers_.max() if len(numbers_) else None}
    headers = {k: text(f"summary.{k}", lang) for k in row}
    return table(pd.DataFrame([row]), lang, headers=headers, name=name)


def hide_warnings() -> None:
    """Keep Python warnings out of a report's page (a reader cannot act on them; the header
    says when the as-of date is after the latest data). For a notebook's setup cell.

    Examples:
        >>> hide_warnings()  # doctest: +SKIP
    """
    import warnings

    warnings.simplefilter("ignore")
