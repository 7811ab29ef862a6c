"""`report build --pdf`: NAME.pdf printed from the built page by headless Chromium: A4, the header
(title, scope) on the first page, "pagina X van Y" / "page X of Y" on every page, charts as
vectors (no raster images), listed in the manifest and in the folder's index.html."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import leadanalytics as la
from leadanalytics.cli import cli
from leadanalytics.reporting import build_report
from leadanalytics.reporting.build import title_of
from tests.helpers import add_lead, add_org

AS_OF = "2026-03-31"
A4_POINTS = (595.3, 841.9)     # 210 x 297 mm (Letter would be 612 x 792)


@pytest.fixture(scope="module")
def small_warehouse(tmp_path_factory):
    w = la.connect(tmp_path_factory.mktemp("pdf") / "pdf.duckdb", create=True)
    add_org(w)
    add_lead(w, "L-1", [("2026-02-02", "concept"), ("2026-02-03", "ingediend"),
                        ("2026-02-10", "actief_als_lead"),
                        ("2026-03-02", "actief_als_opdracht", None, "A-1")],
             business_unit="interim_juristen")
    add_lead(w, "L-2", [("2026-03-01", "concept"), ("2026-03-02", "ingediend"),
                        ("2026-03-09", "afgewezen", "te_duur")], business_unit="interim_juristen")
    return w


@pytest.fixture(scope="module")
def built(small_warehouse, tmp_path_factory):
    """lead_conversion in Dutch through the API, phase_group_dashboard in English through the
    command line, both with --pdf, into one folder."""
    out = tmp_path_factory.mktemp("pdf-out")
    manifest = build_report(small_warehouse, "lead_conversion", AS_OF, "all", out, lang="nl",
                            pdf=True)
    r = CliRunner().invoke(cli, ["--db", str(small_warehouse.path), "report", "build",
                                 "phase_group_dashboard", "--as-of", AS_OF, "--lang", "en",
                                 "--pdf", "--out", str(out)])
    assert r.exit_code == 0, r.output
    return out, manifest


def _pages(path):
    reader = PdfReader(str(path))
    return reader, [page.extract_text() or "" for page in reader.pages]


def test_the_pdf_has_the_title_and_scope_on_its_first_page(built):
    out, manifest = built
    assert manifest["files"][:2] == ["lead_conversion.html", "lead_conversion.pdf"]
    _, texts = _pages(out / "lead_conversion.pdf")
    first = " ".join(texts[0].split())
    assert title_of("lead_conversion", "nl") == "Leadconversie"
    assert "Leadconversie" in first
    assert "Hele organisatie" in first or "hele organisatie" in first
    _, texts = _pages(out / "phase_group_dashboard.pdf")
    assert "Phase groups" in " ".join(texts[0].split())


def test_a4_with_page_numbers_in_the_report_language(built):
    out, _ = built
    for name, words in (("lead_conversion", "pagina {i} van {n}"),
                        ("phase_group_dashboard", "page {i} of {n}")):
        reader, texts = _pages(out / f"{name}.pdf")
        n = len(texts)
        for i, text in enumerate(texts, start=1):
            box = reader.pages[i - 1].mediabox
            size = (float(box.width), float(box.height))
            assert all(abs(a - b) < 1 for a, b in zip(size, A4_POINTS, strict=True)), size
            assert words.format(i=i, n=n) in " ".join(text.split()), (name, i, text[-200:])


def test_charts_are_vectors_not_pictures(built):
    out, manifest = built
    assert manifest["row_counts"]["charts"] >= 1
    reader, _ = _pages(out / "lead_conversion.pdf")
    assert [img.name for page in reader.pages for img in page.images] == []


def test_the_folder_index_links_the_pdf(built):
    out, _ = built
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index            # the language of the latest build
    assert '<a href="lead_conversion.pdf">PDF</a>' in index
    assert '<a href="phase_group_dashboard.pdf">PDF</a>' in index
    written = json.loads((out / "phase_group_dashboard.manifest.json").read_text())
    assert written["lang"] == "en" and "phase_group_dashboard.pdf" in written["files"]


def test_another_language_is_a_usage_error(small_warehouse, tmp_path):
    r = CliRunner().invoke(cli, ["--db", str(small_warehouse.path), "report", "build",
                                 "data_quality", "--lang", "de", "--out", str(tmp_path)])
    assert r.exit_code == 2 and "'nl'" in r.stderr and "'en'" in r.stderr
    from leadanalytics.exceptions import UsageError

    with pytest.raises(UsageError, match="nl, en"):
        build_report(small_warehouse, "data_quality", AS_OF, "all", tmp_path, lang="de")
    assert not list(tmp_path.iterdir())               # refused before anything was written
