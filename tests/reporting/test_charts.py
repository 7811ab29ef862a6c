"""Charts are values: titles, axis titles, tooltips and the configured phase colours/labels, in one
language; they take pandas or polars, render offline, aggregate at any size (1 M rows), print the
funnel's rates, draw the bonus threshold, and the dashboard filters in the page."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import leadanalytics as la
from leadanalytics.exceptions import UsageError
from leadanalytics.reporting import charts, present

AS_OF = "2026-03-31"
MAX_DATA_ROWS = 5_000     # "a few thousand": never one row per lead


@pytest.fixture(autouse=True)
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # the fixture's as-of lies after its data
        yield


def _enc(spec):
    return spec["encoding"]


def _data_rows(spec) -> int:
    """Rows of data a spec carries (named datasets and inline values)."""
    inline = 0

    def walk(node):
        nonlocal inline
        if isinstance(node, dict):
            if isinstance(node.get("data"), dict) and "values" in node["data"]:
                inline += len(node["data"]["values"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return inline + sum(len(rows) for rows in spec.get("datasets", {}).values())


def _strings(spec, key: str) -> list[str]:
    """Every value of ``key`` anywhere in the spec (titles, axis titles)."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == key and isinstance(v, str):
                    found.append(v)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return found


def _rows(spec) -> list[dict]:
    return [r for rows in spec["datasets"].values() for r in rows]


# ----------------------------------------------------------------------------- labels, colours


@pytest.mark.parametrize("lang, label, title, x, y", [
    ("en", "Active lead", "Leads per phase", "Leads (count)", "Phase"),
    ("nl", "Actief als lead", "Leads per fase", "Leads (aantal)", "Fase"),
])
def test_phase_overview_uses_configured_colours_and_labels(funnel_warehouse, lang, label, title,
                                                           x, y):
    spec = charts.phase_overview_chart(la.metrics.phase_overview(funnel_warehouse, AS_OF),
                                       lang).to_dict()
    assert spec["title"] == title and spec["mark"]["type"] == "bar"
    scale = _enc(spec)["color"]["scale"]
    style = la.metrics.phase_style(funnel_warehouse)
    i = scale["domain"].index(label)
    assert scale["range"][i] == style.set_index("phase").loc["actief_als_lead", "color"]
    assert _enc(spec)["x"]["title"] == x and _enc(spec)["y"]["title"] == y
    assert _enc(spec)["tooltip"]


# ----------------------------------------------------------------------------- funnel


@pytest.mark.parametrize("lang, texts, tip", [
    ("nl", ["4", "50,0% (2)", "50,0% (1)"], "Conversie vanaf vorige stap"),
    ("en", ["4", "50.0% (2)", "50.0% (1)"], "Conversion from previous step"),
])
def test_funnel_prints_its_rates_on_the_chart(funnel_warehouse, lang, texts, tip):
    w = funnel_warehouse
    spec = charts.funnel_chart(la.metrics.funnel(w, AS_OF), la.metrics.phase_style(w),
                               lang=lang).to_dict()
    bars, values = spec["layer"]
    assert bars["mark"]["type"] == "bar" and values["mark"]["type"] == "text"
    assert values["encoding"]["text"]["field"] == "value_text"
    rows = _rows(spec)
    assert [r["leads"] for r in rows] == [4, 2, 1]
    assert [r["value_text"] for r in rows] == texts          # submitted 4; 2 of 4; 1 of 2
    assert tip in [t["title"] for t in bars["encoding"]["tooltip"]]
    # the first step has no rate: its tooltip shows the missing mark, not "null"
    rate = next(t for t in bars["encoding"]["tooltip"] if t["title"] == tip)
    assert rate["field"] == "rate_text"
    assert [r["rate_text"] for r in rows] == ["—", texts[1].split(" ")[0], texts[2].split(" ")[0]]
    assert rows[0]["rate_low_text"] == rows[0]["rate_high_text"] == "—"


# ----------------------------------------------------------------------------- every chart


def _made(w, lang):
    m = la.metrics
    return [
        charts.phase_overview_chart(m.phase_overview(w, AS_OF), lang=lang),
        charts.phase_group_chart(m.phase_overview(w, AS_OF), lang=lang),
        charts.inflow_chart(m.inflow(w, AS_OF), lang=lang),
        charts.funnel_chart(m.funnel(w, AS_OF), m.phase_style(w), lang=lang),
        charts.time_in_phase_chart(m.time_in_phase(w, AS_OF), lang=lang),
        charts.survival_chart(m.time_to_decision(w, AS_OF), lang=lang),
        charts.cumulative_incidence_chart(m.time_to_assignment(w, AS_OF), lang=lang),
        charts.ageing_chart(m.ageing(w, AS_OF), lang=lang),
        charts.reasons_chart(m.reasons(w, AS_OF), lang=lang),
        charts.assignment_hours_chart(m.assignment_hours(w, AS_OF), lang=lang),
    ]


def test_every_chart_has_title_axes_and_tooltips(funnel_warehouse):
    for chart in _made(funnel_warehouse, "nl"):
        spec = chart.to_dict()
        layer = spec["layer"][0] if "layer" in spec else spec
        assert spec.get("title") or layer.get("title")
        assert layer["encoding"]["x"]["title"] and layer["encoding"]["y"]["title"]
        assert layer["encoding"]["tooltip"]


@pytest.mark.parametrize("lang, expected, foreign", [
    ("nl", {"Leads per fase", "Leads per fasegroep", "Instroom per week", "Trechter: leads per stap",
            "Tijd in fase (afgeronde verblijven)", "Tijd tot besluit (Kaplan-Meier)",
            "Tijd tot opdracht (cumulatieve incidentie)", "Veroudering van open leads",
            "Redenen van afwijzing en annulering", "Gefactureerde uren per opdracht",
            "Fasegroep", "Week (maandag)", "Stap", "Dagen sinds start", "Aandeel gewonnen",
            "Dagen sinds laatste wijziging", "Reden", "Gefactureerde uren (klassen van 10 u)"},
     {"Leads per phase", "Phase", "Step", "Reason", "Days since start", "Inflow per week"}),
    ("en", {"Leads per phase", "Leads per phase group", "Inflow per week", "Funnel: leads per step",
            "Time in phase (completed stays)", "Time to decision (Kaplan-Meier)",
            "Time to assignment (cumulative incidence)", "Ageing of open leads",
            "Reasons for rejection and cancellation", "Invoiced hours per assignment",
            "Phase group", "Week (Monday)", "Step", "Days since start", "Share won",
            "Days since last change", "Reason", "Invoiced hours (bins of 10 h)"},
     {"Leads per fase", "Fase", "Stap", "Reden", "Dagen sinds start", "Instroom per week"}),
])
def test_visible_words_are_in_one_language(funnel_warehouse, lang, expected, foreign):
    titles = set()
    for chart in _made(funnel_warehouse, lang):
        spec = chart.to_dict()
        titles |= set(_strings(spec, "title"))
        assert spec["config"]["locale"]["time"]["months"][2] == ("maart" if lang == "nl"
                                                                 else "March")
    assert expected <= titles, expected - titles
    assert not (foreign & titles)


def test_month_names_follow_the_language():
    frame = pd.DataFrame({"cohort": ["2026-01", "2026-02"], "share_30d": [0.5, 0.25],
                          "share_60d": [None, None], "share_90d": [None, None]})
    nl = charts.cohort_chart(frame).to_dict()
    en = charts.cohort_chart(frame, lang="en").to_dict()
    assert nl["config"]["locale"]["time"]["shortMonths"][2] == "mrt"
    assert en["config"]["locale"]["time"]["shortMonths"][2] == "Mar"
    assert nl["encoding"]["x"]["type"] == "temporal" and nl["encoding"]["x"]["title"] == "Maand van start"
    assert {r["window"] for r in _rows(nl)} == {"binnen 30 dagen"}
    assert {r["window"] for r in _rows(en)} == {"within 30 days"}


def test_another_language_is_a_usage_error(funnel_warehouse):
    w = funnel_warehouse
    m = la.metrics
    calls = [
        lambda: charts.phase_overview_chart(m.phase_overview(w, AS_OF), "de"),
        lambda: charts.inflow_chart(m.inflow(w, AS_OF), lang="de"),
        lambda: charts.funnel_chart(m.funnel(w, AS_OF), m.phase_style(w), "de"),
        lambda: charts.survival_chart(m.time_to_decision(w, AS_OF), lang="de"),
        lambda: charts.quarantine_chart(m.quarantine(w, AS_OF), lang="de"),  # no rows: still checked
        lambda: charts.phase_group_dashboard(w, AS_OF, lang="de"),
    ]
    for call in calls:
        with pytest.raises(UsageError) as err:
            call()
        assert err.value.parameter == "lang" and err.value.allowed == ("nl", "en")
        assert "nl, en" in str(err.value)


def test_a_chart_of_no_rows_is_a_titled_note(funnel_warehouse):
    w = funnel_warehouse
    for chart, title in ((charts.quarantine_chart(la.metrics.quarantine(w, AS_OF)),
                          "Rijen in quarantaine per regel"),
                         (charts.cohort_chart(la.metrics.cohorts(w, AS_OF)),   # no 30-day window
                          "Cohorten: aandeel gewonnen binnen 30/60/90 dagen na start"
                          " (nog geen venster verstreken)")):
        spec = chart.to_dict()
        assert spec["mark"]["type"] == "text" and spec["title"] == title
        assert _rows(spec)[0]["note"] == "Geen rijen voor deze scope en datum"


# ----------------------------------------------------------------------------- polars


POLARS_CASES = [
    ("phase_overview", charts.phase_overview_chart),
    ("phase_overview", charts.phase_group_chart),
    ("inflow", charts.inflow_chart),
    ("time_in_phase", charts.time_in_phase_chart),
    ("time_to_decision", charts.survival_chart),
    ("time_to_assignment", charts.cumulative_incidence_chart),
    ("ageing", charts.ageing_chart),
    ("reasons", charts.reasons_chart),
    ("assignment_hours", charts.assignment_hours_chart),
    ("bonus_pipeline", charts.bonus_pipeline_chart),
    ("bonus_payouts", charts.bonus_payouts_chart),
    ("cohorts", charts.cohort_chart),
]


@pytest.mark.parametrize("metric, chart", POLARS_CASES, ids=[c.__name__ for _, c in POLARS_CASES])
def test_charts_take_polars_frames(funnel_warehouse, metric, chart):
    f = getattr(la.metrics, metric)
    from_polars = chart(f(funnel_warehouse, AS_OF, output="polars")).to_dict()
    from_pandas = chart(f(funnel_warehouse, AS_OF)).to_dict()
    assert _strings(from_polars, "title") == _strings(from_pandas, "title")
    assert _data_rows(from_polars) == _data_rows(from_pandas)


def test_funnel_takes_polars_frame_and_style(funnel_warehouse):
    w = funnel_warehouse
    spec = charts.funnel_chart(la.metrics.funnel(w, AS_OF, output="polars"),
                               la.metrics.phase_style(w).pipe(_polars)).to_dict()
    assert [r["value_text"] for r in _rows(spec)] == ["4", "50,0% (2)", "50,0% (1)"]


def _polars(frame):
    import polars as pl

    return pl.from_pandas(frame)


# ----------------------------------------------------------------------------- offline rendering


SCRIPT_URL = re.compile(r"""https?://[^"'\s]*\.m?js(?![a-z])|<script[^>]+src=""", re.I)


def test_charts_render_offline_by_default():
    code = ("import leadanalytics as la, altair as alt, pandas as pd; la.charts; "
            "c = alt.Chart(pd.DataFrame({'x': [1]})).mark_bar().encode(x='x:Q'); "
            "print(alt.renderers.active); print(sorted(c._repr_mimebundle_()[0] "
            "if isinstance(c._repr_mimebundle_(), tuple) else c._repr_mimebundle_()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    active, mimes = out.stdout.strip().splitlines()
    assert active == "leadanalytics"
    assert charts.VEGALITE_MIME in mimes and "image/svg+xml" in mimes and "text/html" not in mimes


def test_a_chart_bundle_loads_nothing_from_the_network(funnel_warehouse):
    chart = charts.phase_overview_chart(la.metrics.phase_overview(funnel_warehouse, AS_OF))
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert bundle[charts.VEGALITE_MIME]["title"] == "Leads per fase"
    assert "<svg" in bundle["image/svg+xml"] and "Leads per fase" in bundle["image/svg+xml"]
    assert not SCRIPT_URL.search(json.dumps(bundle))
    assert "cdn" not in json.dumps(bundle).lower()


# ----------------------------------------------------------------------------- bonus pipeline


def test_bonus_pipeline_is_a_histogram_with_the_threshold_drawn():
    # hand-made: threshold 120 h read from the frame; the last bin holds everything from 240 h up
    frame = pd.DataFrame({
        "lead_id": ["L1", "L2", "L3", "L4", "L5", "L6"],
        "submitter_id": ["P1", "P1", "P2", "P3", "P3", "P3"],
        "submitter_name": ["Anna", "Anna", "Bram", "Cor", "Cor", "Cor"],
        "trigger": "hours", "threshold_hours": 120.0,
        "invoiced_hours": [0.0, 5.0, 15.0, 125.0, 130.0, 600.0],
        "share_of_threshold": [0.0, 5 / 120, 15 / 120, 1.0, 1.0, 1.0],
    })
    spec = charts.bonus_pipeline_chart(frame).to_dict()
    histogram, submitters = spec["vconcat"]
    bars, rule, label, last = histogram["layer"]
    assert histogram["title"] == "Bonuspijplijn: gefactureerde uren tot de drempel"
    # the last bar holds everything from 240 h up, and says so on the bar
    assert [r["bin_text"] for r in spec["datasets"][last["data"]["name"]]] == ["≥ 240 u"]
    assert last["mark"]["type"] == "text" and last["encoding"]["text"]["field"] == "bin_text"
    assert rule["mark"]["type"] == "rule" and label["mark"]["type"] == "text"
    rows = spec["datasets"][bars["data"]["name"]]
    assert [(r["bin_start"], r["bin_end"], r["assignments"]) for r in rows] == [
        (0.0, 10.0, 2), (10.0, 20.0, 1), (120.0, 130.0, 1), (130.0, 140.0, 1), (240.0, 250.0, 1)]
    assert rows[-1]["bin_text"] == "≥ 240 u"
    assert [r["label"] for r in spec["datasets"][rule["data"]["name"]]] == ["Bonusdrempel 120 u"]
    assert bars["encoding"]["x"]["title"] == "Gefactureerde uren (klassen van 10 u)"
    per = {(r["submitter"], r["state"]): r["leads"]
           for r in spec["datasets"][submitters["data"]["name"]]}
    assert per == {("Anna", "Drempel nog niet bereikt"): 2, ("Bram", "Drempel nog niet bereikt"): 1,
                   ("Cor", "Drempel bereikt"): 3}
    en = charts.bonus_pipeline_chart(frame, lang="en").to_dict()
    assert "Bonus threshold 120 h" in json.dumps(en)


def test_submitters_beyond_the_top_ten_are_other():
    n = 25      # submitter k has k leads: the 10 largest are 16..25, the rest (1..15) is "other"
    ids = np.repeat([f"P{k}" for k in range(1, n + 1)], np.arange(1, n + 1))
    frame = pd.DataFrame({"submitter_id": ids, "invoiced_hours": 1.0, "threshold_hours": 100.0})
    spec = charts.bonus_pipeline_chart(frame, lang="en").to_dict()
    rows = spec["datasets"][spec["vconcat"][1]["data"]["name"]]
    got = {r["submitter"]: r["leads"] for r in rows}
    assert got == {**{f"P{k}": k for k in range(16, 26)}, "Other": sum(range(1, 16))}
    assert spec["vconcat"][1]["encoding"]["y"]["sort"][-1] == "Other"


# ----------------------------------------------------------------------------- 1 M rows


N = 1_000_000


@pytest.fixture(scope="module")
def big():
    """Synthetic metric frames of 1 M rows each (numpy, no loops)."""
    rng = np.random.default_rng(7)
    phases = np.array(["concept", "ingediend", "actief_als_lead", "afgewezen"])
    pick = rng.integers(0, len(phases), N)
    phase_cols = {"phase": phases[pick], "label": np.array(["Draft", "Submitted", "Active", "Rejected"])[pick],
                  "label_nl": np.array(["Concept", "Ingediend", "Actief", "Afgewezen"])[pick],
                  "color": np.array(["#111111", "#222222", "#333333", "#444444"])[pick]}
    leads = rng.integers(0, 50, N)
    groups = np.array(["actueel", "actief"])[pick % 2]
    weeks = pd.Timestamp("2016-01-04") + pd.to_timedelta(rng.integers(0, 520, N) * 7, "D")
    months = pd.period_range("2010-01", periods=240, freq="M").strftime("%Y-%m").to_numpy()
    units = np.array([f"U{k}" for k in range(5000)])[rng.integers(0, 5000, N)]
    days = np.sort(rng.integers(1, 4000, N)).astype(float)
    return {
        "overview": pd.DataFrame({**phase_cols, "phase_group": groups, "group_label_en": groups,
                                  "group_label_nl": groups, "leads": leads}),
        "inflow": pd.DataFrame({"week": weeks, "leads_created": leads, "leads_started": leads}),
        "funnel": pd.DataFrame({"business_unit": units, "step": phases[pick], "label": "x",
                                "leads": leads, "rate": rng.random(N), "rate_low": 0.1,
                                "rate_high": 0.9}),
        "tip": pd.DataFrame({**phase_cols, "business_unit": units, "completed_stays": leads,
                             "median_days": rng.random(N) * 30, "p90_days": rng.random(N) * 60}),
        "cohorts": pd.DataFrame({"cohort": months[rng.integers(0, 240, N)], "leads": leads,
                                 "mature_30d": leads, "won_30d": leads // 2, "share_30d": 0.5,
                                 "mature_60d": leads, "won_60d": leads // 3, "share_60d": 0.3,
                                 "mature_90d": leads, "won_90d": leads // 4, "share_90d": 0.25}),
        "km": pd.DataFrame({"days": days, "at_risk": np.arange(N, 0, -1), "decided": 1,
                            "censored": 0, "still_open": np.linspace(1, 0, N)}),
        "ci": pd.DataFrame({"days": days, "cumulative_incidence": np.linspace(0, 0.7, N)}),
        "ageing": pd.DataFrame({**phase_cols, "age_days": np.array(charts.AGE_ORDER)[
            rng.integers(0, 6, N)], "leads": leads}),
        "reasons": pd.DataFrame({**phase_cols, "reason": units, "leads": leads}),
        "hours": pd.DataFrame({"lead_id": np.arange(N).astype(str), "submitter_id": units,
                               "trigger": "hours", "threshold_hours": 100.0,
                               "invoiced_hours": rng.gamma(2, 60, N),
                               "share_of_threshold": rng.random(N)}),
        "payouts": pd.DataFrame({"payout_month": months[rng.integers(0, 240, N)],
                                 "earned_eur": rng.random(N) * 250, "paid_eur": rng.random(N)}),
        "quarantine": pd.DataFrame({"kind": "leads", "rule": units, "rows_quarantined": leads}),
    }


def test_no_chart_holds_a_row_per_lead_at_1m_rows(big):
    made = {
        "phase_overview": charts.phase_overview_chart(big["overview"]),
        "phase_group": charts.phase_group_chart(big["overview"]),
        "inflow": charts.inflow_chart(big["inflow"]),
        "funnel": charts.funnel_chart(big["funnel"]),
        "time_in_phase": charts.time_in_phase_chart(big["tip"]),
        "cohorts": charts.cohort_chart(big["cohorts"]),
        "survival": charts.survival_chart(big["km"]),
        "incidence": charts.cumulative_incidence_chart(big["ci"]),
        "ageing": charts.ageing_chart(big["ageing"]),
        "reasons": charts.reasons_chart(big["reasons"]),
        "assignment_hours": charts.assignment_hours_chart(big["hours"]),
        "bonus_pipeline": charts.bonus_pipeline_chart(big["hours"]),
        "bonus_payouts": charts.bonus_payouts_chart(big["payouts"]),
        "quarantine": charts.quarantine_chart(big["quarantine"]),
    }
    for name, chart in made.items():
        spec = chart.to_dict()                       # raises MaxRowsError beyond 5,000 rows
        assert 0 < _data_rows(spec) <= MAX_DATA_ROWS, (name, _data_rows(spec))


def test_large_groups_become_capped_small_multiples(big):
    spec = charts.funnel_chart(big["funnel"], lang="en").to_dict()
    assert spec["facet"]["field"] == "group" and spec["title"] == (
        "Funnel: leads per step (10 largest of 5000)")
    assert len({r["group"] for r in _rows(spec)}) == 10


def test_reasons_keep_the_top_ten_and_other(big):
    spec = charts.reasons_chart(big["reasons"], lang="en").to_dict()
    reasons = {r["reason_label"] for r in _rows(spec)}
    assert len(reasons) == 11 and "Other" in reasons
    assert sum(r["leads"] for r in _rows(spec)) == int(big["reasons"]["leads"].sum())


def test_hours_histogram_counts_every_lead_in_10_hour_bins(big):
    spec = charts.assignment_hours_chart(big["hours"]).to_dict()
    rows = spec["datasets"][spec["layer"][0]["data"]["name"]]
    assert sum(r["assignments"] for r in rows) == N
    assert {r["bin_end"] - r["bin_start"] for r in rows} == {10.0}
    assert max(r["bin_start"] for r in rows) == 200.0                  # twice the threshold


# ----------------------------------------------------------------------------- dashboard


def test_dashboard_composes_four_views_and_filters_in_the_page(funnel_warehouse):
    spec = charts.phase_group_dashboard(funnel_warehouse, AS_OF, "branch:NORTH", "nl").to_dict()
    assert len(spec["vconcat"]) == 2 and all(len(r["hconcat"]) == 2 for r in spec["vconcat"])
    assert spec["title"] == "Fasegroepen op 31 maart 2026: Noord"      # the branch by its name
    params = {p["name"]: p for p in spec["params"]}
    assert params["phase_group_filter"]["bind"]["input"] == "select"
    assert params["phase_group_filter"]["bind"]["labels"][:2] == ["Alle fasegroepen", "Actueel"]
    assert params["business_unit_filter"]["bind"]["options"] == ["*", "", "A", "B"]   # L6 has none
    assert params["business_unit_filter"]["bind"]["labels"] == [
        "Alle business units", "(geen)", "A", "B"]
    assert params["period_weeks"]["bind"]["input"] == "range"
    text = json.dumps(spec)
    for name in ("phase_group_filter", "business_unit_filter", "period_weeks"):
        assert "datum" in text and re.search(rf'"filter": "[^"]*{name}', text), name
    overview = spec["vconcat"][0]["hconcat"][0]
    filters = [t["filter"] for t in overview["transform"]]
    assert any("datum.phase_group" in f for f in filters)
    assert any("datum.business_unit" in f for f in filters)


@pytest.mark.parametrize("scope, lang, title", [
    ("all", "nl", "Fasegroepen op 31 maart 2026: Hele organisatie"),
    ("all", "en", "Phase groups as of 31 March 2026: Whole organisation"),
    ("person:E1", "en", "Phase groups as of 31 March 2026: Anna Jansen"),
])
def test_dashboard_title_names_the_scope_in_words(funnel_warehouse, scope, lang, title):
    spec = charts.phase_group_dashboard(funnel_warehouse, AS_OF, scope, lang).to_dict()
    assert spec["title"] == title


def test_charts_compose_and_keep_their_locale_on_their_own(funnel_warehouse):
    w = funnel_warehouse
    a = charts.phase_overview_chart(la.metrics.phase_overview(w, AS_OF))
    b = charts.inflow_chart(la.metrics.inflow(w, AS_OF), lang="en")
    assert a.to_dict()["config"]["locale"]["number"]["decimal"] == ","
    assert b.to_dict()["config"]["locale"]["time"]["months"][0] == "January"
    both = (a | b).to_dict()
    assert "config" not in both["hconcat"][0] and "config" not in both["hconcat"][1]
    assert charts.localised(a | b, "nl").to_dict()["config"]["locale"]["time"]["months"][0] == (
        "januari")


def test_the_svg_can_be_left_out():
    chart = charts.quarantine_chart(pd.DataFrame({"kind": ["leads"], "rule": ["r"],
                                                  "rows_quarantined": [1]}))
    try:
        charts.enable_notebook_renderer(svg=False)
        bundle = chart._repr_mimebundle_()
        bundle = bundle[0] if isinstance(bundle, tuple) else bundle
        assert set(bundle) == {charts.VEGALITE_MIME, "text/plain"}
    finally:
        charts.enable_notebook_renderer()
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "image/svg+xml" in bundle


# ----------------------------------------------------------------------------- words, widths


@pytest.mark.parametrize("lang, rules, kinds", [
    ("nl", ["uren buiten bereik", "strijdig met eerder geladen rij"], ["urenstaten", "leads"]),
    ("en", ["hours out of range", "conflicts with a loaded row"], ["timesheets", "leads"]),
])
def test_the_quarantine_chart_shows_the_tables_words_for_rules_and_kinds(lang, rules, kinds):
    frame = pd.DataFrame({"kind": ["timesheets", "leads"],
                          "rule": ["expect_column_values_to_be_between:hours",
                                   "conflict_with_loaded"],
                          "rows_quarantined": [2, 1]})
    rows = _rows(charts.quarantine_chart(frame, lang=lang).to_dict())
    assert [r["rule"] for r in rows] == rules and [r["kind"] for r in rows] == kinds
    assert present.words_of("rule", frame["rule"], lang) == rules    # the table's words


def test_charts_take_the_page_width(funnel_warehouse):
    w = funnel_warehouse
    for chart in (charts.funnel_chart(la.metrics.funnel(w, AS_OF), lang="nl"),
                  charts.phase_overview_chart(la.metrics.phase_overview(w, AS_OF))):
        spec = chart.to_dict()
        assert spec["width"] == 1000
        assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert "width" not in charts.funnel_chart(la.metrics.funnel(w, AS_OF)).to_dict()["layer"][0]
    dashboard = charts.phase_group_dashboard(w, AS_OF, "all", "nl").to_dict()
    assert "autosize" not in dashboard
    views = [v for row in dashboard["vconcat"] for v in row["hconcat"]]
    assert [(v["width"], v["height"]) for v in views] == [(360, 190)] * 4
    pipeline = charts.bonus_pipeline_chart(pd.DataFrame({
        "invoiced_hours": [10.0, 130.0], "threshold_hours": [120.0, 120.0],
        "submitter_id": ["E1", "E2"], "submitter_name": ["Anna", "Bram"]})).to_dict()
    assert [v["width"] for v in pipeline["vconcat"]] == [760, 760]


def test_an_other_bar_longer_than_every_bar_shown_is_said_in_words():
    """A million leads over 70,000 submitters: "other" would dwarf the top 10 into slivers.
    It is left out of the bars and said in the subtitle, so the top 10 keep a readable scale."""
    # submitters P1..P10 have 20 leads each, the 1,000 others 2 each: 2,000 > 10 x 20
    ids = np.concatenate([np.repeat([f"P{k}" for k in range(1, 11)], 20),
                          np.repeat([f"Q{k}" for k in range(1, 1_001)], 2)])
    frame = pd.DataFrame({"submitter_id": ids, "invoiced_hours": 1.0, "threshold_hours": 100.0})
    spec = charts.bonus_pipeline_chart(frame, lang="nl").to_dict()
    view = spec["vconcat"][1]
    rows = spec["datasets"][view["data"]["name"]]
    assert {r["submitter"] for r in rows} == {f"P{k}" for k in range(1, 11)}
    assert view["title"]["subtitle"] == (
        "De overige 1.000 indieners samen: 2.000 gewonnen leads (niet als balk getekend)")


def test_submitters_are_counted_per_person_and_shown_by_name():
    """Two people named Femke de Wit are two bars (each with its id, so neither is mistaken for
    the other), not one bar adding up their leads."""
    frame = pd.DataFrame({
        "submitter_id": ["P1", "P1", "P1", "P2", "P2", "P3"],
        "submitter_name": ["Femke de Wit", "Femke de Wit", "Femke de Wit", "Femke de Wit",
                           "Femke de Wit", "Erik Bos"],
        "invoiced_hours": 1.0, "threshold_hours": 100.0})
    spec = charts.bonus_pipeline_chart(frame, lang="nl").to_dict()
    rows = spec["datasets"][spec["vconcat"][1]["data"]["name"]]
    assert {r["submitter"]: r["leads"] for r in rows} == {
        "Femke de Wit (P1)": 3, "Femke de Wit (P2)": 2, "Erik Bos": 1}


def test_small_multiples_are_picked_per_code_and_shown_by_name(funnel_warehouse):
    """Grouped by submitter, two people who share a name stay two panels, each with its id."""
    frame = la.metrics.funnel(funnel_warehouse, "2026-03-31", by="submitter_id")
    people = sorted(frame["submitter_id"].unique())
    assert len(people) >= 2
    frame["submitter_name"] = "Anna de Vries"
    groups = {r["group"] for r in _rows(charts.funnel_chart(frame, lang="nl").to_dict())}
    assert groups == {f"Anna de Vries ({p})" for p in people}
