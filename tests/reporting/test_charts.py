"""Charts are values: titles, axis titles, tooltips and the configured phase colours/labels."""

from __future__ import annotations

import pytest

import leadanalytics as la
from leadanalytics.reporting import charts

AS_OF = "2026-03-31"


def _enc(spec):
    return spec["encoding"]


@pytest.mark.parametrize("lang, label", [("en", "Active lead"), ("nl", "Actief als lead")])
def test_phase_overview_uses_configured_colours_and_labels(funnel_warehouse, lang, label):
    spec = charts.phase_overview_chart(la.metrics.phase_overview(funnel_warehouse, AS_OF),
                                       lang).to_dict()
    assert spec["title"] == "Leads per phase" and spec["mark"]["type"] == "bar"
    scale = _enc(spec)["color"]["scale"]
    style = la.metrics.phase_style(funnel_warehouse)
    i = scale["domain"].index(label)
    assert scale["range"][i] == style.set_index("phase").loc["actief_als_lead", "color"]
    assert _enc(spec)["x"]["title"] == "Leads (count)" and _enc(spec)["y"]["title"] == "Phase"
    assert _enc(spec)["tooltip"]


def test_funnel_chart_has_rates_in_tooltip(funnel_warehouse):
    w = funnel_warehouse
    spec = charts.funnel_chart(la.metrics.funnel(w, AS_OF), la.metrics.phase_style(w)).to_dict()
    titles = [t["title"] for t in _enc(spec)["tooltip"]]
    assert "Conversion from previous step" in titles and "95% interval, low" in titles
    data = next(iter(spec["datasets"].values()))
    assert [r["leads"] for r in data] == [4, 2, 1]


def test_every_chart_has_title_axes_and_tooltips(funnel_warehouse):
    w = funnel_warehouse
    m = la.metrics
    made = [
        charts.phase_group_chart(m.phase_overview(w, AS_OF)),
        charts.inflow_chart(m.inflow(w, AS_OF)),
        charts.time_in_phase_chart(m.time_in_phase(w, AS_OF)),
        charts.survival_chart(m.time_to_decision(w, AS_OF)),
        charts.cumulative_incidence_chart(m.time_to_assignment(w, AS_OF)),
        charts.ageing_chart(m.ageing(w, AS_OF)),
        charts.reasons_chart(m.reasons(w, AS_OF)),
        charts.assignment_hours_chart(m.assignment_hours(w, AS_OF)),
    ]
    for chart in made:
        spec = chart.to_dict()
        layer = spec["layer"][0] if "layer" in spec else spec
        assert spec.get("title") or layer.get("title")
        assert layer["encoding"]["x"]["title"] and layer["encoding"]["y"]["title"]
        assert layer["encoding"]["tooltip"]


def test_dashboard_composes_four_views(funnel_warehouse):
    spec = charts.phase_group_dashboard(funnel_warehouse, AS_OF, "branch:NORTH", "nl").to_dict()
    assert len(spec["vconcat"]) == 2 and all(len(r["hconcat"]) == 2 for r in spec["vconcat"])
    assert "branch:NORTH" in spec["title"]


def test_a_chart_of_no_rows_is_a_titled_note(funnel_warehouse):
    w = funnel_warehouse
    for chart in (charts.quarantine_chart(la.metrics.quarantine(w, AS_OF)),
                  charts.cohort_chart(la.metrics.cohorts(w, AS_OF))):   # no 30-day window yet
        spec = chart.to_dict()
        assert spec["mark"]["type"] == "text" and spec["title"]
