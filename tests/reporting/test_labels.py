"""Labels beside codes and names beside ids in metric frames (reports.md "Frames an analyst can
use"; conventions: ``X_label`` in the chosen language, ``P_name``, ``branch_name``, at the end).
Expected labels are copied from the shipped TOML files (lookups.toml, public_support.toml) and
names from tests.helpers.add_org."""

from __future__ import annotations

import warnings

import pytest

import leadanalytics as la
from tests.helpers import add_lead, add_org

AS_OF = "2026-03-31"


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    """L1 rejected for te_duur (interim_juristen, netwerk, hoog, nieuwe_klant, E2 in B2A);
    L2 a concept of a business unit the lookups do not know; L3 submitted, idle since 5 March."""
    w = la.connect(tmp_path_factory.mktemp("labels") / "l.duckdb", create=True)
    add_org(w)
    add_lead(w, "L1", [("2026-03-01", "concept"), ("2026-03-02", "ingediend"),
                       ("2026-03-06", "afgewezen", "te_duur")],
             submitter_id="E2", branch_id="B2A", business_unit="interim_juristen",
             source="netwerk", priority="hoog", category="nieuwe_klant")
    add_lead(w, "L2", [("2026-03-03", "concept")], business_unit="onbekend")
    add_lead(w, "L3", [("2026-03-05", "ingediend")], submitter_id="E3", branch_id="B3",
             business_unit="interim_juristen", source="vms")
    # the latest data is 31 March (a load that day): no as-of warning in these tests
    with w.transaction() as tx:
        tx.sql("INSERT INTO store.loads (load_id, kind, source_file, started_at, status) "
               "VALUES (1, 'leads', 'leads.csv', TIMESTAMPTZ '2026-03-31 08:00+02', 'loaded')")
    return w


def _row(frame, lead_id):
    return frame.set_index("lead_id").loc[lead_id]


def test_lead_frame_labels_in_nl_and_en(labelled):
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # as-of on the latest data: no warning
        nl = la.metrics.leads(labelled, AS_OF)
    en = la.metrics.leads(labelled, AS_OF, lang="en")
    assert list(nl.columns[-4:]) == [
        "business_unit_label", "branch_name", "phase_group_label", "phase_label"]
    assert list(en.columns) == list(nl.columns)
    l1_nl, l1_en = _row(nl, "L1"), _row(en, "L1")
    assert (l1_nl["business_unit_label"], l1_en["business_unit_label"]) == (
        "Interim juristen", "Interim lawyers")
    assert (l1_nl["phase_label"], l1_en["phase_label"]) == ("Afgewezen", "Rejected")
    assert (l1_nl["phase_group_label"], l1_en["phase_group_label"]) == (
        "Geannuleerd/afgewezen", "Cancelled/rejected")
    assert (l1_nl["branch_name"], l1_nl["submitter_name"]) == ("Kampen", "Bram de Vries")
    assert _row(en, "L2")["phase_label"] == "Draft"


def test_a_code_without_a_label_keeps_its_code(labelled):
    assert _row(la.metrics.leads(labelled, AS_OF), "L2")["business_unit_label"] == "onbekend"


def test_reasons_sources_priorities_categories_get_labels(labelled):
    reasons = la.metrics.reasons(labelled, AS_OF, lang="en")
    assert list(reasons[["reason", "reason_label", "phase_label"]].itertuples(index=False)) == [
        ("te_duur", "Rate too high", "Rejected")]
    assert list(la.metrics.reasons(labelled, AS_OF)["reason_label"]) == ["Tarief te hoog"]
    for by, expected_nl, expected_en in (
        ("source", {"netwerk": "Eigen netwerk", "vms": "Inkoopplatform"},
         {"netwerk": "Own network", "vms": "Vendor-management platform"}),
        ("priority", {"hoog": "Hoog"}, {"hoog": "High"}),
        ("category", {"nieuwe_klant": "Nieuwe klant"}, {"nieuwe_klant": "New client"}),
    ):
        for lang, expected in (("nl", expected_nl), ("en", expected_en)):
            f = la.metrics.funnel(labelled, AS_OF, by=by, lang=lang)
            assert list(f.columns)[-2:] == [f"{by}_label", "phase_label"], by
            got = dict(f.dropna(subset=[by])[[by, f"{by}_label"]].itertuples(index=False))
            assert got == expected, (by, lang)


def test_names_beside_person_and_branch_ids(labelled):
    stale = la.metrics.stale_leads(labelled, AS_OF, days=20, lang="en")
    # open and idle >= 20 days on 31 March: L2 (3 March, 28 days), L3 (5 March, 26 days)
    assert list(stale["lead_id"]) == ["L2", "L3"]
    assert list(stale.columns[-3:]) == ["submitter_name", "branch_name", "phase_label"]
    assert list(stale["submitter_name"]) == ["Anna Jansen", "Cor Smit"]
    assert list(stale["branch_name"]) == ["Groningen", "Breda"]
    assert list(stale["phase_label"]) == ["Draft", "Submitted"]   # lang reaches every metric
    by_branch = la.metrics.funnel(labelled, AS_OF, by="branch_id")
    assert dict(by_branch[["branch_id", "branch_name"]].drop_duplicates()
                .itertuples(index=False)) == {"B1": "Groningen", "B2A": "Kampen", "B3": "Breda"}
    by_person = la.metrics.cohorts(labelled, AS_OF, by="submitter_id")
    assert dict(by_person[["submitter_id", "submitter_name"]].itertuples(index=False)) == {
        "E2": "Bram de Vries", "E3": "Cor Smit"}


def test_labels_in_polars_frames_too(labelled):
    f = la.metrics.phase_overview(labelled, AS_OF, output="polars", lang="en")
    assert f.columns[-2:] == ["phase_group_label", "phase_label"]
    first = f.row(0, named=True)
    assert (first["phase"], first["phase_label"], first["phase_group_label"]) == (
        "concept", "Draft", "Current")


def test_survival_metrics_have_no_phase_and_get_no_labels(labelled):
    assert list(la.metrics.time_to_decision(labelled, AS_OF, lang="en").columns) == [
        "days", "at_risk", "decided", "censored", "still_open"]
