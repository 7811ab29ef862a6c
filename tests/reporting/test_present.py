"""What a reader sees: tables and headers of the reports (reports.md, "What a person sees").
Expected strings are written by hand."""

from __future__ import annotations

import datetime as dt
import doctest
import html
import re
from decimal import Decimal

import nbformat
import pandas as pd
import polars as pl
import pytest

from leadanalytics.exceptions import UsageError
from leadanalytics.reporting import REPORTS, headlines, present
from leadanalytics.reporting.build import notebook_path
from tests.helpers import add_lead

EVIL = "</script><script>document.body.setAttribute('data-pwned','1')</script>"


def visible(markup: str) -> str:
    """The text a reader sees of an HTML fragment (scripts left out)."""
    markup = re.sub(r"<script.*?</script>", " ", markup, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def test_the_doctests_hold():
    for module in (present, headlines):
        assert doctest.testmod(module).failed == 0


# ----------------------------------------------------------------------------- formats


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (1234.56, "nl", "€\u00a01.234,56"),          # a non-breaking space: never wraps
    (1234.56, "en", "€1,234.56"),
    (Decimal("-250.5"), "nl", "€\u00a0-250,50"),
    (Decimal("1000000"), "en", "€1,000,000.00"),
    (0, "nl", "€\u00a00,00"),
])
def test_money_per_language(value, lang, expected):
    assert present.money(value, lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "61,9% (58,2–65,5%)"),
    ("en", "61.9% (58.2–65.5%)"),
])
def test_rates_are_percentages_with_their_interval(lang, expected):
    assert present.percent(0.6194, lang, 0.5821, 0.6554) == expected
    frame = pd.DataFrame({"step": ["a", "b"], "leads": [10, 6],
                          "rate": [None, 0.6194], "rate_low": [None, 0.5821],
                          "rate_high": [None, 0.6554]})
    shown = present.table(frame, lang).shown
    assert shown.iloc[:, 2].tolist() == [present.MISSING, expected]
    assert len(shown.columns) == 3                      # the interval is shown with the rate


@pytest.mark.parametrize(("lang", "day", "moment", "month"), [
    ("nl", "31 mrt 2026", "1 mrt 2026 10:00", "mrt 2026"),
    ("en", "31 Mar 2026", "1 Mar 2026 10:00", "Mar 2026"),
])
def test_dates_per_language(lang, day, moment, month):
    assert present.date_text(dt.date(2026, 3, 31), lang) == day
    assert present.date_text("2026-03-31", lang) == day
    assert present.datetime_text(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC), lang) == moment
    assert present.month_text("2026-03", lang) == month
    frame = pd.DataFrame({
        "week": pd.to_datetime(["2026-03-31"]),
        "loaded_at": pd.to_datetime(["2026-03-01 09:00"]).tz_localize("UTC")
                       .tz_convert("Europe/Amsterdam"),
        "payout_month": ["2026-03"]})
    assert present.table(frame, lang).shown.iloc[0].tolist() == [day, moment, month]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_numbers_are_written_as_babel_writes_them(lang):
    from babel.numbers import format_currency, format_decimal

    locale = {"nl": "nl_NL", "en": "en_GB"}[lang]
    for value in (0, 1, -1, 7.5, 12.345, 999.995, 1234.56, -1234.56, 1234567.891, 0.004):
        assert present.money(value, lang) == \
            format_currency(Decimal(str(round(value, 2))), "EUR", locale=locale)
        assert present.number(value, lang) == format_decimal(round(value, 1), format="#,##0.#",
                                                             locale=locale)


def test_counts_and_measures_per_language():
    assert present.money(-0.004, "nl") == "€\u00a00,00"      # no minus on a zero
    assert present.number(1234567, "nl") == "1.234.567"
    assert present.number(1234567, "en") == "1,234,567"
    assert present.number(26.64, "nl") == "26,6"


def test_one_mark_for_every_missing_value():
    frame = pd.DataFrame({
        "title": ["a", None, "c", "d"],
        "leads": pd.array([1, pd.NA, 3, 4], dtype="Int64"),
        "median_days": [1.5, float("nan"), 2.0, 3.0],
        "earned_on": pd.to_datetime(["2026-03-01", None, "2026-03-02", "2026-03-03"]),
    })
    t = present.table(frame, "nl")
    assert t.shown.iloc[1].tolist() == ["—"] * 4
    text = visible(t.html)
    for mark in ("NaN", "nan", "<NA>", "None", "NaT"):
        assert mark not in text


# ----------------------------------------------------------------------------- labels, names


def test_labels_replace_codes_and_headers_are_translated():
    frame = pd.DataFrame({"phase": ["ingediend", "te_duur"], "reason": ["te_duur", "x"],
                          "leads": [3, 1], "phase_label": ["Ingediend", None],
                          "reason_label": ["Te duur", "Anders"], "color": ["#f2b701", "#000000"]})
    t = present.table(frame, "nl")
    assert list(t.shown.columns) == ["Fase", "Reden", "Leads"]
    assert t.shown["Fase"].tolist() == ["Ingediend", "te_duur"]   # a missing label: the code
    assert t.shown["Reden"].tolist() == ["Te duur", "Anders"]
    assert "#f2b701" not in t.html                                 # no colour column


def test_names_replace_ids():
    frame = pd.DataFrame({"lead_id": ["L1"], "submitter_id": ["P-000017"], "branch_id": ["B-012"],
                          "submitter_name": ["Anna Jansen"], "branch_name": ["Groningen"]})
    t = present.table(frame, "en")
    assert t.shown.to_dict("records") == [
        {"Lead": "L1", "Submitter": "Anna Jansen", "Branch": "Groningen"}]
    assert "P-000017" not in t.html and "B-012" not in t.html


def test_a_frame_without_labels_falls_back_to_the_codes():
    frame = pd.DataFrame({"business_unit": ["ICT"], "leads": [2]})
    assert present.table(frame, "nl").shown.to_dict("records") == [
        {"Business unit": "ICT", "Leads": "2"}]


def test_polars_frames_are_shown_too():
    frame = pl.DataFrame({"phase": ["ingediend"], "phase_label": ["Submitted"],
                          "amount_eur": [1234.5]})
    assert present.table(frame, "en").shown.to_dict("records") == [
        {"Phase": "Submitted", "Amount": "€1,234.50"}]


def test_the_html_has_no_index_and_fits_the_page():
    frame = pd.DataFrame({"title": ["x", "y"], "leads": [5, 6]}, index=[7, 8])
    markup = present.table(frame, "en")._repr_html_()
    assert re.findall(r"<th[ >][^>]*>(.*?)</th>", markup) == ["Title", "Leads"]
    assert [re.findall(r"<td[^>]*>(.*?)</td>", row)
            for row in re.findall(r"<tr>(.*?)</tr>", markup)[1:]] == [["x", "5"], ["y", "6"]]
    assert "max-width:100%" in markup
    grouped = pd.DataFrame({"unit": ["A", "A", "B"], "leads": [1, 2, 3]}).groupby("unit").sum()
    assert present.table(grouped, "en").shown.to_dict("records") == [
        {"Unit": "A", "Leads": "3"}, {"Unit": "B", "Leads": "3"}]     # a named index is shown


def test_at_most_eight_columns_are_shown_and_more_are_refused():
    frame = pd.DataFrame({f"c{i}": [i] for i in range(12)})
    assert len(present.table(frame, "nl").shown.columns) == 8
    with pytest.raises(UsageError, match="at most 8"):
        present.table(frame, "nl", columns=[f"c{i}" for i in range(9)])


def test_text_from_the_data_is_escaped():
    frame = pd.DataFrame({"title": [EVIL] * 30})
    for rows in (1, 30):
        markup = present.table(frame.head(rows), "nl").html
        assert EVIL not in markup and "</script><script>document" not in markup


# ----------------------------------------------------------------------------- long tables


def test_a_long_table_is_paged_offline_with_its_csv_beside_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(present, "_itables_sent", False)
    frame = pd.DataFrame({"lead_id": [f"L{i:02d}" for i in range(40)],
                          "amount_eur": [i * 10.0 for i in range(40)],
                          "color": ["#123456"] * 40})
    t = present.table(frame, "nl", name="leads_list")
    markup = t.html
    assert "new ITable" in markup and "_itables_2_9_1 = injectModule" in markup  # bundle inlined
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", markup)            # no network
    assert "http" not in markup and str(tmp_path) not in markup
    assert '<a href="leads_list.csv">leads_list.csv</a>' in markup
    assert "Zoeken:" in markup                                                   # in Dutch
    csv = (tmp_path / "leads_list.csv").read_text().splitlines()
    assert csv[0] == "lead_id,amount_eur,color" and len(csv) == 41               # every row
    assert csv[40] == "L39,390.0,#123456"
    # the bundle goes with the first paged table only
    assert "injectModule" not in present.table(frame, "nl", name="again").html


def _print_notes(markup: str) -> list[str]:
    return [visible(p) for p in re.findall(r'<p class="la-print-only"[^>]*>.*?</p>', markup, re.S)]


@pytest.mark.parametrize("lang, rows, note", [
    ("nl", 26, "nog 1 rijen in lijst.csv"),
    ("en", 40, "15 more rows in lijst.csv"),
    ("nl", 1025, "nog 1.000 rijen in lijst.csv"),
])
def test_the_pdf_says_how_many_rows_of_a_long_table_are_only_in_the_csv(tmp_path, monkeypatch,
                                                                      lang, rows, note):
    monkeypatch.chdir(tmp_path)
    frame = pd.DataFrame({"lead_id": [f"L{i}" for i in range(rows)], "leads": range(rows)})
    markup = present.table(frame, lang, name="lijst").html
    assert _print_notes(markup) == [note]
    # the DataTable gets its classes when it starts: la-long, so print shows its first 25 rows
    assert '"classes": ["display", "compact", "la-long"]' in markup


def test_a_table_of_25_rows_has_no_print_note(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    frame = pd.DataFrame({"lead_id": [f"L{i}" for i in range(25)], "leads": range(25)})
    markup = present.table(frame, "nl", name="kort").html
    assert _print_notes(markup) == [] and "la-long" not in markup


def test_a_long_table_without_a_csv_says_how_many_rows_print_leaves_out():
    frame = pd.DataFrame({"leads": range(30)})
    assert _print_notes(present.table(frame, "en").html) == ["5 more rows"]


def _column_defs(markup: str) -> list[str]:
    return re.findall(r'"className": "([^"]*)"', markup)


def test_paged_columns_align_text_left_numbers_right_and_ids_and_money_do_not_wrap():
    frame = pd.DataFrame({"lead_id": [f"L-{i:07d}" for i in range(30)],
                          "title": ["Jurist omgevingsrecht"] * 30,
                          "amount_eur": [400.0] * 30, "leads": range(30),
                          "submitter_id": ["P1"] * 30, "submitter_name": ["Anna Jansen"] * 30})
    markup = present.table(frame, "nl", columns=["lead_id", "title", "amount_eur", "leads",
                                                 "submitter_id"]).html
    assert _column_defs(markup) == ["la-left la-nowrap", "la-left", "la-right la-nowrap",
                                    "la-right", "la-left"]       # a name may wrap; its id is gone
    assert "td.la-left { text-align: left !important; }" in markup
    assert "td.la-nowrap { white-space: nowrap !important; }" in markup
    assert ">€\u00a0400,00</td>" in markup     # the first page before the script runs


def test_static_columns_align_text_left_numbers_right_and_ids_and_money_do_not_wrap():
    frame = pd.DataFrame({"lead_id": ["L-0000070"], "title": ["Jurist"], "amount_eur": [400.0]})
    markup = present.table(frame, "nl").html
    cells = re.findall(r'<td style="([^"]*)">([^<]*)</td>', markup)
    assert [(v, "text-align:right" in st, "white-space:nowrap" in st) for st, v in cells] == [
        ("L-0000070", False, True), ("Jurist", False, False), ("€\u00a0400,00", True, True)]


def test_past_5000_rows_the_page_says_where_all_rows_are(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    frame = pd.DataFrame({"lead_id": [f"L{i}" for i in range(5003)], "leads": range(5003)})
    t = present.table(frame, "nl", name="all_leads")
    assert len(t.shown) == 5000 and t.rows == 5003
    assert "5.000 van 5.003 rijen: alle in all_leads.csv" in visible(t.html)
    assert len((tmp_path / "all_leads.csv").read_text().splitlines()) == 5004
    small = present.table(frame, "en", name="some", page_rows=10)
    assert "10 of 5,003 rows: all in some.csv" in visible(small.html)


def test_a_short_table_links_its_csv_by_file_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    t = present.table(pd.DataFrame({"leads": [1]}), "en", name="short")
    assert "All rows and columns: short.csv" in visible(t.html)
    assert (tmp_path / "short.csv").read_text() == "leads\n1\n"


def test_summary_in_place_of_describe():
    t = present.summary(pd.Series([1, 2, 3, 10]), "en")
    assert t.shown.to_dict("records") == [
        {"Count": "4", "Median": "2.5", "P90": "7.9", "Longest": "10"}]


# ----------------------------------------------------------------------------- language


def test_another_language_is_a_usage_error_naming_the_allowed_ones(funnel_warehouse):
    with pytest.raises(UsageError) as caught:
        present.table(pd.DataFrame({"a": [1]}), "de")
    assert (caught.value.parameter, caught.value.value, caught.value.allowed) == \
        ("lang", "de", ("nl", "en"))
    for call in (lambda: present.money(1, "fr"), lambda: present.text("scope", "fr"),
                 lambda: headlines.header(funnel_warehouse, "x", "2026-03-31", "all", "fr",
                                          [])):
        with pytest.raises(UsageError, match="nl, en"):
            call()


def test_every_text_has_both_languages():
    for key, words in present.TEXTS.items():
        assert set(words) == {"nl", "en"}, key
    for key, words in present.HEADERS.items():
        assert set(words) == {"nl", "en"}, key
    for column, codes in present.VALUES.items():
        for code, words in codes.items():
            assert set(words) == {"nl", "en"}, (column, code)
    assert set(present.DATATABLES_LANGUAGE) == {"nl", "en"}


# ----------------------------------------------------------------------------- the header


def test_a_headline_shows_one_comparison():
    before = dt.date(2026, 2, 28)
    assert headlines.Headline("headline.open_leads", 12, 9, "count", before).comparison("nl") \
        == "28 feb 2026: 9 (+3)"
    assert headlines.Headline("headline.conversion", 0.25, 0.2, "percent", before) \
        .comparison("en") == "28 Feb 2026: 20.0% (+5 pp)"
    assert headlines.Headline("headline.paid", 1000, 1500.5, "money", before) \
        .comparison("nl") == "28 feb 2026: €\u00a01.500,50 (−€\u00a0500,50)"
    assert headlines.month_earlier(dt.date(2026, 3, 31)) == before



def test_a_headlines_change_stays_on_one_line():
    """A narrow card wrapped "(−" and "€ 298.750,00" onto two lines; the change is one piece."""
    paid = headlines.Headline("headline.paid", 6_262_500, 6_561_250, "money", dt.date(2026, 10, 23))
    h = headlines.Header(title="Bonusuitbetalingen", scope="Hele organisatie", as_of="23 nov 2026",
                         freshness="—", headlines=[(paid.label_text("nl"), paid.value_text("nl"),
                                                    paid.comparison("nl"))] * 3, lang="nl")
    assert ('23 okt 2026: €\u00a06.561.250,00 <span style="white-space:nowrap">'
            '(−€\u00a0298.750,00)</span>') in h._repr_html_()

def test_the_header_names_title_scope_date_and_headlines(funnel_warehouse):
    w = funnel_warehouse
    figures = headlines.conversion(w, "2026-03-31")
    h = headlines.header(w, "conversion.title", "2026-03-31", "all", "nl", figures)
    assert (h.title, h.scope, h.as_of) == ("Leadconversie", "Hele organisatie", "31 mrt 2026")
    # funnel as of 31 March, counted by hand: L1, L2, L3, L5 submitted; L1 an assignment;
    # decisions after 2 (L3), 7 (L5) and 18 days (L1), L2 open: the estimate is 1/2 at day 7.
    # On 28 February nothing had been submitted.
    assert h.headlines == [
        ("Ingediende leads", "4", "28 feb 2026: 0 (+4)"),
        ("Conversie ingediend → opdracht", "25,0%", "28 feb 2026: —"),
        ("Mediane tijd tot besluit", "7 dagen", "28 feb 2026: —"),
    ]
    assert h.freshness == "nog geen lading vastgelegd"
    text = visible(h._repr_html_())
    for part in ("Leadconversie", "Bereik: Hele organisatie", "Peildatum: 31 mrt 2026",
                 "Ingediende leads 4 28 feb 2026: 0 (+4)"):
        assert part in text
    en = headlines.header(w, "conversion.title", "2026-03-31", "branch:B2A", "en", figures)
    assert (en.title, en.scope, en.as_of) == ("Lead conversion", "Kampen", "31 Mar 2026")
    assert en.headlines[0] == ("Leads submitted", "4", "28 Feb 2026: 0 (+4)")
    person = headlines.header(w, "Bonus", "2026-03-31", "person:E2", "en", figures)
    assert person.scope == "Bram de Vries"


def test_the_header_says_how_fresh_the_data_is(org_warehouse):
    w = org_warehouse
    add_lead(w, "L1", [("2026-03-01", "concept"), ("2026-03-02", "ingediend")])
    with w.transaction() as tx:
        tx.con.execute(
            "INSERT INTO store.loads VALUES (1, 'lead-events', '/srv/in/old.csv', 'h', 3, 3, 0, 0, "
            "TIMESTAMPTZ '2026-02-01 10:00:00+01', TIMESTAMPTZ '2026-02-01 10:00:05+01', "
            "'loaded', NULL), (2, 'timesheets', '/srv/in/uren-maart.csv', 'h2', 5, 4, 0, 1, "
            "TIMESTAMPTZ '2026-03-09 06:30:00+01', TIMESTAMPTZ '2026-03-09 06:31:00+01', "
            "'partial', NULL)")
    figures = headlines.data_quality(w, "2026-03-31")
    h = headlines.header(w, "quality.title", "2026-03-31", "all", "nl", figures)
    assert h.freshness == "laatste lading 9 mrt 2026 06:31 (uren-maart.csv)"
    assert "/srv/in" not in h._repr_html_()
    assert h.headlines == [
        ("Rijen geladen", "7", "28 feb 2026: 3 (+4)"),
        ("Rijen in quarantaine", "0", "28 feb 2026: 0 (+0)"),
        ("Ontbrekende urenweken", "0", "28 feb 2026: 0 (+0)"),
    ]
    assert h.notice == "De peildatum ligt na de laatste gegevens (9 mrt 2026)."
    with pytest.raises(UsageError, match="3 to 5"):
        headlines.header(w, "quality.title", "2026-03-31", "all", "nl", figures[:2])


# ----------------------------------------------------------------------------- notebooks


def test_notebooks_show_words_from_present_only():
    for name in REPORTS:
        nb = nbformat.read(str(notebook_path(name)), as_version=4)
        assert [c.cell_type for c in nb.cells] == ["code"] * len(nb.cells), name  # no markdown
        params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        assert re.search(r'^lang = "nl"$', params.source, re.M)
        code = "\n".join(c.source for c in nb.cells)
        assert "headlines.header(" in code and "present.table(" in code
        for leak in ("print(", ".describe(", ".md)", "color"):
            assert leak not in code, (name, leak)
        # every displayed frame goes through present: no bare frame as a cell's last line
        for cell in nb.cells:
            last = cell.source.strip().splitlines()[-1] if cell.source.strip() else ""
            assert not re.fullmatch(r"[a-z_]+(\[.*\])?", last), (name, last)


# Clicks the header of a column of the first DataTable once its script ran, then again, and
# writes that column's cells as shown on the first page after each click into the body.
_SORT_PROBE = """<script>
function laCells(col) {
  return Array.from(document.querySelectorAll("table.dataTable tbody tr"))
    .map(function (tr) { return tr.children[col].textContent; }).join("|");
}
function laClick(col) {
  document.querySelectorAll("table.dataTable thead th")[col].querySelector(".dt-column-title").click();
}
function laProbe(col) {
  if (!document.querySelector("table.dataTable tbody tr td")) { setTimeout(function () { laProbe(col); }, 200); return; }
  laClick(col);
  setTimeout(function () {
    document.body.setAttribute("data-sort-up", laCells(col));
    laClick(col);
    setTimeout(function () { document.body.setAttribute("data-sort-down", laCells(col)); }, 500);
  }, 500);
}
setTimeout(function () { laProbe(COLUMN); }, 300);
</script>"""


def _euros(text: str) -> Decimal:
    """A Dutch money text read back: '€ -1.234,56' → Decimal('-1234.56')."""
    digits = text.replace("€", "").replace("\u00a0", "").replace(" ", "")
    return Decimal(digits.replace(".", "").replace(",", "."))


_MONTHS_NL = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def _day_nl(text: str) -> dt.date:
    day, month, year = text.split()
    return dt.date(int(year), _MONTHS_NL.index(month) + 1, int(day))


@pytest.mark.parametrize("column, read_back", [(1, _euros), (2, _day_nl)])
def test_a_click_on_a_paged_tables_header_sorts_by_value_not_by_text(tmp_path, monkeypatch,
                                                                    column, read_back):
    """Money and days are shown as Dutch text ('€ 9,00', '3 mrt 2026'), whose text order is
    not their order; a click on the header's title in headless Chromium sorts them as numbers and days,
    a second click the other way round."""
    from tests.reporting.browser import render

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(present, "_itables_sent", False)
    amounts = [Decimal(v) for v in ("9", "10", "1234.56", "-250.50", "99.99", "100", "0.5",
                                    "20000", "-3", "75")] * 4
    days = [dt.date(2026, m, d) for m, d in ((3, 3), (1, 12), (11, 2), (2, 28), (12, 31),
                                             (5, 9), (10, 10), (1, 1), (8, 15), (4, 30))] * 4
    frame = pd.DataFrame({"lead_id": [f"L{i:02d}" for i in range(40)],
                          "amount_eur": amounts, "day": days})
    markup = present.table(frame, "nl", name="lijst").html
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><html lang='nl'><head><meta charset='utf-8'></head><body>"
                    + markup + _SORT_PROBE.replace("COLUMN", str(column)) + "</body></html>",
                    encoding="utf-8")
    dom, console = render(page)
    found = dict(re.findall(r'data-sort-(up|down)="([^"]*)"', dom))
    assert set(found) == {"up", "down"}, "the probe did not click the header"
    up = [read_back(html.unescape(t)) for t in found["up"].split("|")]
    down = [read_back(html.unescape(t)) for t in found["down"].split("|")]
    values = sorted(amounts if column == 1 else days)
    assert up == values[:25]                       # the first page, smallest first
    assert down == sorted(values, reverse=True)[:25]
    assert console == []
