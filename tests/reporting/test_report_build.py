"""`report build`: the four notebooks run top to bottom; the HTML is self-contained, escapes
text from the data, shows nothing outside its scope, and is the same when built twice; it
renders in headless Chromium with no network and no console error."""

from __future__ import annotations

import datetime as dt
import json
import re

import nbformat
import pytest
from click.testing import CliRunner

import leadanalytics as la
from leadanalytics.cli import cli
from leadanalytics.reporting import REPORTS, build_report
from leadanalytics.reporting.build import notebook_path
from leadanalytics.reporting.html import notebook_to_html, vega_bundle
from tests.helpers import add_lead, add_org
from tests.reporting.browser import render

AS_OF = "2026-03-31"
EVIL = "</script><script>document.body.setAttribute('data-pwned','1')</script>"


@pytest.fixture(scope="module")
def report_warehouse(tmp_path_factory):
    w = la.connect(tmp_path_factory.mktemp("rep") / "rep.duckdb", create=True)
    add_org(w)
    with w.transaction() as tx:
        add_lead(w, "L-ANNA-1", [("2026-02-02", "concept"), ("2026-02-03", "ingediend"),
                                 ("2026-02-10", "actief_als_lead"),
                                 ("2026-03-02", "actief_als_opdracht", None, "A-ANNA")],
                 title="Anna's interim controller", business_unit="Finance")
        add_lead(w, "L-ANNA-2", [("2026-03-01", "concept"), ("2026-03-02", "ingediend")],
                 title=EVIL, business_unit="Finance")
        add_lead(w, "L-BRAM-1", [("2026-02-01", "ingediend"),
                                 ("2026-02-20", "afgewezen", "Bram reason secret")],
                 submitter_id="E2", branch_id="B2A", title="Bram's secret project",
                 client_name="Bram Client BV", business_unit="ICT")
        add_lead(w, "L-COR-1", [("2026-01-15", "ingediend"), ("2026-02-15", "actief_als_lead")],
                 submitter_id="E3", branch_id="B3", title="Cor's hidden lead",
                 client_name="Cor Client BV", business_unit="ICT")
        tx.con.execute(
            "INSERT INTO store.loads VALUES (1, 'lead-events', 'events.csv', 'h', 3, 2, 0, 1, "
            "TIMESTAMPTZ '2026-03-01 10:00:00+01', TIMESTAMPTZ '2026-03-01 10:00:01+01', "
            "'partial', NULL)")
        tx.con.execute(
            "INSERT INTO store.quarantine VALUES (1, 'lead-events', 'events.csv', 3, 'L-X', "
            "'illegal_move', 'from concept to actief_als_opdracht', NULL)")
    return w


@pytest.fixture(scope="module")
def built_all(report_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("all")
    return out, {name: build_report(report_warehouse, name, AS_OF, "all", out) for name in REPORTS}


def test_notebooks_are_stored_clean_with_a_parameters_cell():
    for name in REPORTS:
        nb = nbformat.read(str(notebook_path(name)), as_version=4)
        params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1
        for var in ("db", "as_of", "scope"):
            assert re.search(rf"^{var} = ", params[0].source, re.M)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None
                assert "select" not in cell.source.lower()   # no SQL, no rules: metrics only


def test_every_notebook_runs_top_to_bottom(built_all):
    out, manifests = built_all
    for name, manifest in manifests.items():
        assert (out / f"{name}.html").exists() and (out / f"{name}.ipynb").exists()
        written = json.loads((out / f"{name}.manifest.json").read_text())
        assert written == manifest
        assert set(manifest) >= {"report", "parameters", "data_as_of", "row_counts",
                                 "input_hash", "built_at", "duration_s"}
        assert manifest["parameters"] == {"as_of": AS_OF, "scope": "all", "lang": "nl"}
        assert manifest["row_counts"]["leads_in_scope"] == 4
        nb = nbformat.read(str(out / f"{name}.ipynb"), as_version=4)
        assert not [o for c in nb.cells for o in c.get("outputs", [])
                    if o.get("output_type") == "error"]
    assert manifests["lead_conversion"]["row_counts"]["charts"] == 6


def test_html_is_self_contained_and_hides_code(built_all):
    out, _ = built_all
    page = (out / "phase_group_dashboard.html").read_text()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "charts.phase_group_dashboard(" not in page          # code cells hidden
    assert "vegaEmbed" in page


def test_text_from_the_data_is_escaped(built_all):
    out, _ = built_all
    page = (out / "phase_group_dashboard.html").read_text()
    assert EVIL not in page
    assert "&lt;/script&gt;&lt;script&gt;" in page                # shown as text in the tab table


def test_chart_json_cannot_close_its_script_element():
    import altair as alt
    import pandas as pd

    from leadanalytics.reporting import charts

    charts.enable_notebook_renderer()
    chart = alt.Chart(pd.DataFrame({"title": [EVIL], "n": [1]}), title=EVIL).mark_bar().encode(
        x="n:Q", y="title:N", tooltip=["title:N"])
    bundle = alt.renderers.get()(chart.to_dict())
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("chart")
    cell.outputs = [nbformat.v4.new_output("display_data", data=bundle)]
    nb.cells = [cell]
    page, counts = notebook_to_html(nb, "evil")
    assert counts["charts"] == 1
    assert "</script><script>document" not in page
    assert page.count("</script>") == page.count("<script")


@pytest.fixture(scope="module")
def built_for_anna(report_warehouse, tmp_path_factory):
    """The dashboard for employee E1 built twice, and her lead_conversion report."""
    out = tmp_path_factory.mktemp("anna")
    a = build_report(report_warehouse, "phase_group_dashboard", AS_OF, "person:E1", out / "a")
    b = build_report(report_warehouse, "phase_group_dashboard", AS_OF, "person:E1", out / "b")
    build_report(report_warehouse, "lead_conversion", AS_OF, "person:E1", out / "a")
    return out, a, b


def test_same_data_same_report(built_for_anna):
    out, a, b = built_for_anna
    for suffix in ("html", "ipynb"):
        assert (out / "a" / f"phase_group_dashboard.{suffix}").read_bytes() == (
            out / "b" / f"phase_group_dashboard.{suffix}").read_bytes()
    a, b = dict(a), dict(b)
    for key in ("built_at", "duration_s"):
        a.pop(key), b.pop(key)
    assert a == b


def test_report_for_one_employee_holds_nothing_of_another(built_for_anna):
    out, manifest, _ = built_for_anna
    assert manifest["row_counts"]["leads_in_scope"] == 2
    for name in ("phase_group_dashboard", "lead_conversion"):
        for suffix in ("html", "ipynb"):
            # the inlined Vega library is code, not data: search the rest of the page
            text = (out / "a" / f"{name}.{suffix}").read_text().replace(vega_bundle(), "")
            for trace in ("L-BRAM", "L-COR", "Bram", "Cor ", "Cor's", "E2", "E3", "B2A", "B3",
                          "ICT", "secret", "hidden lead"):
                assert trace not in text, (name, suffix, trace)
    page = (out / "a" / "phase_group_dashboard.html").read_text()
    specs = [json.loads(s) for s in re.findall(
        r'<script type="application/json" id="spec-\d+">(.*?)</script>', page, re.S)]
    overview_totals = [
        sum(row["leads"] for row in rows)
        for spec in specs for rows in spec.get("datasets", {}).values()
        if rows and "group_label" in rows[0]                 # leads per phase group
    ]
    assert overview_totals and set(overview_totals) == {2}   # chart marks count her 2 leads only


def test_scope_usage_errors_and_unknown_report(report_warehouse, tmp_path):
    runner = CliRunner()
    base = ["--db", str(report_warehouse.path), "report", "build"]
    r = runner.invoke(cli, [*base, "lead_conversion", "--scope", "team:x", "--out", str(tmp_path)])
    assert r.exit_code == 2
    r = runner.invoke(cli, [*base, "lead_conversion", "--lang", "fr", "--out", str(tmp_path)])
    assert r.exit_code == 2 and "fr" in r.stderr and "nl" in r.stderr
    r = runner.invoke(cli, [*base, "no_such_report", "--out", str(tmp_path)])
    assert r.exit_code == 1 and "no_such_report" in r.stderr


def test_reports_render_in_headless_chromium_offline(built_all):
    out, manifests = built_all
    for name, manifest in manifests.items():
        dom, console = render(out / f"{name}.html")
        assert console == [], (name, console)
        expected = manifest["row_counts"]["charts"]
        assert f'data-charts-rendered="{expected}"' in dom, name
        assert dom.count('class="marks"') == expected, name
        assert 'data-chart-errors=""' in dom
        assert not re.search(r"<body[^>]*data-pwned", dom)   # the title stayed text


def test_csvs_of_the_notebook_are_written_beside_the_page_and_listed(built_all):
    out, manifests = built_all
    for name, manifest in manifests.items():
        csvs = [f for f in manifest["files"] if f.endswith(".csv")]
        assert csvs, name                                  # every report links its full rows
        for f in csvs:
            assert (out / f).is_file() and f.startswith(f"{name}-")
            assert f'href="{f}"' in (out / f"{name}.html").read_text()
        page = (out / f"{name}.html").read_text()
        assert str(out) not in page and "/tmp/" not in page, name


def test_warnings_reprs_and_paths_never_reach_the_page():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stderr",
                               text="/work/.venv/lib/jupyter_client/session.py: DeprecationWarning\n"),
        nbformat.v4.new_output("stream", name="stdout", text="wrote /tmp/work-1/leads.csv\n"),
        nbformat.v4.new_output("execute_result", data={"text/plain": "<Figure size 640x480 with 1 Axes>"}),
        nbformat.v4.new_output("display_data", data={"text/html": "<p>see /tmp/work-1/x.csv</p>"}),
    ]
    nb.cells = [cell]
    page, _ = notebook_to_html(nb, "t", hide=["/tmp/work-1"])
    body = page[page.index("<body>"):].replace(vega_bundle(), "")
    assert "Warning" not in body and ".venv" not in body and "<Figure" not in body
    assert "wrote leads.csv" in body and "see x.csv" in body and "/tmp/" not in body


def test_index_html_of_the_folder(built_all):
    out, manifests = built_all
    index = (out / "index.html").read_text()
    assert '<html lang="nl">' in index
    for name in manifests:
        assert f'<a href="{name}.html">HTML</a>' in index
        assert f"{name}.ipynb" not in index and "manifest" not in index
    assert index.count("hele organisatie") == len(manifests)
    assert "31 maart 2026" in index


def test_a_build_prints_no_kernel_warning(report_warehouse, tmp_path, capfd):
    """The report kernel's start-up warning ("running over TCP without encryption") went to the
    terminal of everyone who built a report; the kernel now logs errors only."""
    build_report(report_warehouse, "data_quality", AS_OF, "all", tmp_path)
    err = capfd.readouterr().err
    assert "without encryption" not in err, err


def test_the_bonus_header_reads_the_reports_own_pipeline_frame(report_warehouse, monkeypatch):
    """The bonus report reads its pipeline once (a second at a million leads) and hands it to
    the header: the same four figures, and the metric runs only for the month before."""
    from leadanalytics.reporting import headlines, metrics

    alone = headlines.bonus(report_warehouse, AS_OF, "all")
    frame = metrics.bonus_pipeline(report_warehouse, AS_OF, "all", lang="nl")
    days = []
    real = metrics.bonus_pipeline
    monkeypatch.setattr(metrics, "bonus_pipeline",
                        lambda w, day, scope, **kw: days.append(day) or real(w, day, scope, **kw))
    given = headlines.bonus(report_warehouse, AS_OF, "all", pipeline=frame)
    assert given == alone
    assert days == [headlines.month_earlier(dt.date.fromisoformat(AS_OF))]
    assert [h.value for h in alone] != [None] * 4
