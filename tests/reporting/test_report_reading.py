"""The four reports as a manager or controller reads them (issue 23, reports.md "What a person
sees"): each is built once, in Dutch, from a small demo agency, and its visible text (the page
without scripts and styles) is read for what a reader must never see: a DataFrame index, cut
rows, NaN-like marks, codes where the pipeline or the lookups have a label, ids where the demo
has names, internal text, and a page without its header (title, scope, as-of). In headless
Chromium at a 1280 px window the page is no wider than the window, and the charts' texts show
labels, not codes."""

from __future__ import annotations

import re

import pytest
from babel.dates import format_date

from leadanalytics.config.lookups import load_lookups
from leadanalytics.config.phase_pipeline import load_phase_pipeline
from leadanalytics.db.warehouse import Warehouse
from leadanalytics.demo import flow
from leadanalytics.reporting import REPORTS, build_report
from leadanalytics.reporting.build import title_of
from tests.reporting.browser import measure, soup_of, visible_text

WINDOW = 1280
# What the demo's ids look like: people P-000017, branches B-012 / B-012-1, regions R-WST.
ID_PATTERNS = (r"\bP-\d{6}\b", r"\bB-\d{3}(?:-\d+)?\b", r"\bR-[A-Z]{3}\b", r"\b(?:branch|person):")
NAN_LIKE = r"(?<![\w<])(?:NaN|None|NaT|nan)(?![\w>])|<NA>"
INTERNAL = (".venv", "site-packages", "Warning", "Traceback", ".md)", "/tmp/", "/work/",
            "/home/", '{"', "object at 0x", "<Figure", "dtype:", "Name: ")
CUT_ROWS = (r"…", r"\d+\s+rows\s*×\s*\d+\s+columns")
# Status codes written in English by the package whose Dutch words a report must show instead.
# A code of any kind (a rule, a column, a status): lower-case words joined by "_" (file names aside).
SNAKE = re.compile(r"(?<![\w.-])[a-z]+(?:_[a-z0-9]+)+(?![\w.-])")
FILE_NAME = re.compile(r"\S+\.(?:csv|html|pdf|ipynb)\b")
STATUS_CODES = ("pending", "earned", "withdrawn", "in_batch", "approved", "paid", "review",
                "clawed_back", "loaded", "partial", "refused", "overdue", "fulfilled",
                "cancelled", "illegal_move")


def labelled_codes() -> set[str]:
    """Every code of the demo's phase pipeline and lookups whose Dutch label differs from it."""
    codes = set()
    pipeline = load_phase_pipeline("public_support")
    for entity in pipeline.entities.values():
        for item in (*entity.groups, *entity.phases):
            if item.labels.get("nl", item.code) != item.code:
                codes.add(item.code)
    for value in load_lookups():
        if value.label_nl != value.code:
            codes.add(value.code)
    return codes


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A small demo agency (scale 0.1; no accrual, reports or schedule stages) and the four
    reports built from it in Dutch for the whole organisation as of the demo's today."""
    out = tmp_path_factory.mktemp("reading")
    skip = ("bonus accrual", "reports", "scheduled reports")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(flow, "STAGES", tuple(s for s in flow.STAGES if s[0] not in skip))
        run = flow.run_demo(out / "demo", scale=0.1, validate=False)
    w = Warehouse(run.db_path)
    folder = out / "reports"
    manifests = {name: build_report(w, name, run.as_of, "all", folder, lang="nl")
                 for name in REPORTS}
    return folder, manifests, run


@pytest.fixture(scope="module")
def pages(demo):
    folder, _, _ = demo
    return {name: (folder / f"{name}.html").read_text(encoding="utf-8") for name in REPORTS}


@pytest.fixture(scope="module")
def texts(pages):
    return {name: visible_text(page) for name, page in pages.items()}


@pytest.mark.parametrize("name", REPORTS)
def test_the_page_opens_with_title_scope_and_as_of(demo, texts, name):
    _, manifests, run = demo
    head = texts[name][:600]
    assert title_of(name, "nl") in head, (name, head)
    assert "hele organisatie" in head.lower(), (name, head)
    days = {format_date(run.as_of, f, locale="nl_NL") for f in ("d MMMM y", "d MMM y")}
    assert any(day in head for day in days), (name, days, head)


@pytest.mark.parametrize("name", REPORTS)
def test_no_dataframe_index(pages, name):
    soup = soup_of(pages[name])
    for table in soup.find_all("table"):
        header = table.find("tr")
        first = header.find(["th", "td"]) if header else None
        assert first is None or first.get_text(strip=True), (name, "empty corner cell", table)
        body_rows = table.select("tbody tr")
        assert not [r for r in body_rows if r.find(True) and r.find(True).name == "th"], (
            name, "row headers (an index)", str(table)[:300])
        firsts = [r.find("td").get_text(strip=True) for r in body_rows if r.find("td")]
        if len(firsts) >= 3:
            assert firsts != [str(i) for i in range(len(firsts))], (name, "0, 1, 2, ... column")


@pytest.mark.parametrize("name", REPORTS)
def test_no_cut_rows(pages, texts, name):
    for pattern in CUT_ROWS:
        assert not re.search(pattern, texts[name]), (name, pattern)
    cells = [td.get_text(strip=True) for td in soup_of(pages[name]).find_all(["td", "th"])]
    assert "..." not in cells and "…" not in cells, name


@pytest.mark.parametrize("name", REPORTS)
def test_no_nan_like_marks(texts, name):
    found = re.findall(NAN_LIKE, texts[name])
    assert not found, (name, sorted(set(found)))


@pytest.mark.parametrize("name", REPORTS)
def test_labels_not_codes(pages, texts, name):
    codes = labelled_codes()
    assert {"interim_juristen", "te_duur", "ingediend", "actief_als_lead"} <= codes
    words = set(re.findall(r"[\w]+", texts[name]))
    snake = sorted(c for c in codes if "_" in c and c in words)
    assert not snake, (name, snake)
    cells = {td.get_text(strip=True) for td in soup_of(pages[name]).find_all(["td", "th"])}
    shown = sorted(cells & (codes | set(STATUS_CODES)))
    assert not shown, (name, shown)
    any_code = sorted(set(SNAKE.findall(FILE_NAME.sub(" ", texts[name]))))
    assert not any_code, (name, any_code[:10])


@pytest.mark.parametrize("name", REPORTS)
def test_names_not_ids(texts, name):
    for pattern in ID_PATTERNS:
        found = re.findall(pattern, texts[name])
        assert not found, (name, pattern, sorted(set(found))[:5])


@pytest.mark.parametrize("name", REPORTS)
def test_nothing_internal(texts, name):
    found = [marker for marker in INTERNAL if marker in texts[name]]
    assert not found, (name, found)


@pytest.fixture(scope="module")
def rendered(demo):
    folder, _, _ = demo
    return {name: measure(folder / f"{name}.html", WINDOW) for name in REPORTS}


@pytest.mark.parametrize("name", REPORTS)
def test_no_wider_than_the_window_at_1280px(rendered, name):
    m = rendered[name]
    assert m["client_width"] == WINDOW, m["client_width"]
    assert m["scroll_width"] <= WINDOW, (name, m["scroll_width"])


@pytest.mark.parametrize("name", REPORTS)
def test_charts_show_labels_not_codes_or_ids(rendered, name):
    from bs4 import BeautifulSoup

    svg_texts = " ".join(t.get_text(" ") for t in
                         BeautifulSoup(rendered[name]["dom"], "html.parser").select("svg text"))
    any_code = sorted(set(SNAKE.findall(svg_texts.replace("…", " "))))
    assert not any_code, (name, any_code[:10])
    for pattern in ID_PATTERNS:
        assert not re.findall(pattern, svg_texts), (name, pattern)
    found = re.findall(NAN_LIKE, svg_texts)
    assert not found, (name, sorted(set(found)))


def test_index_lists_the_four_reports_in_dutch(demo):
    folder, manifests, run = demo
    index = (folder / "index.html").read_text(encoding="utf-8")
    text = visible_text(index)
    assert '<html lang="nl">' in index and "Rapporten" in text and "Peildatum" in text
    for name in REPORTS:
        assert title_of(name, "nl") in text
        assert f'href="{name}.html"' in index
    assert text.count("hele organisatie") == len(REPORTS)
    assert format_date(run.as_of, "d MMMM y", locale="nl_NL") in text
    for marker in ("/tmp/", str(folder)):
        assert marker not in index
