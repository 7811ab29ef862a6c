"""Parameters are checked (reports.md "Frames an analyst can use"): an unknown output, lang,
phase group, scope or by column, or a negative number of days, is a UsageError naming what is
allowed; an as-of after the latest data warns naming that date; a time of day counts as its day.
Uses the session's funnel_warehouse (tests/reporting/conftest.py): its latest event is L7's
creation on 5 April 2026 and it has no loads."""

from __future__ import annotations

import datetime as dt
import warnings
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

import leadanalytics as la
from leadanalytics.exceptions import ScopeViolation, UsageError
from leadanalytics.reporting.metrics import AsOfAfterData
from tests.helpers import add_lead, add_org

AS_OF = "2026-03-31"


def test_every_metric_refuses_an_unknown_output_naming_both(funnel_warehouse):
    for name in la.metrics.METRICS:
        with pytest.raises(UsageError, match="use one of: pandas, polars") as refused:
            getattr(la.metrics, name)(funnel_warehouse, AS_OF, output="polar")
        assert (refused.value.parameter, refused.value.value) == ("output", "polar"), name


def test_every_metric_refuses_an_unknown_lang_naming_nl_and_en(funnel_warehouse):
    for name in la.metrics.METRICS:
        with pytest.raises(UsageError, match="use one of: nl, en") as refused:
            getattr(la.metrics, name)(funnel_warehouse, AS_OF, lang="de")
        assert (refused.value.parameter, refused.value.value) == ("lang", "de"), name


@pytest.mark.parametrize("group", ["Actueel", "actueel", "ACTUEEL", " Current ", "current"])
def test_leads_takes_a_phase_group_by_code_or_label_any_case(funnel_warehouse, group):
    # as of 31 March the Actueel tab holds L4 and L6 (concepts), by hand from the fixture
    got = la.metrics.leads(funnel_warehouse, AS_OF, phase_group=group)
    assert list(got["lead_id"]) == ["L4", "L6"]


def test_leads_refuses_an_unknown_phase_group_naming_the_groups(funnel_warehouse):
    with pytest.raises(UsageError) as refused:
        la.metrics.leads(funnel_warehouse, AS_OF, phase_group="Alles")
    message = str(refused.value)
    assert refused.value.parameter == "phase_group"
    for text in ("actueel", "Actueel", "Current", "geannuleerd_afgewezen",
                 "Geannuleerd/afgewezen"):
        assert text in message


@pytest.mark.parametrize("days", [-5, -1, 2.5, "5"])
def test_stale_leads_refuses_days_that_are_not_a_whole_number_0_or_more(funnel_warehouse, days):
    with pytest.raises(UsageError, match="0 or more") as refused:
        la.metrics.stale_leads(funnel_warehouse, AS_OF, days=days)
    assert refused.value.parameter == "days"


def test_stale_leads_takes_0_days(funnel_warehouse):
    # every open lead on 31 March: L2, L4, L6 (L1 won, L3 and L5 lost)
    assert sorted(la.metrics.stale_leads(funnel_warehouse, AS_OF, days=0)["lead_id"]) == [
        "L2", "L4", "L6"]


def test_an_unknown_by_column_is_refused_naming_the_allowed(funnel_warehouse):
    with pytest.raises(UsageError) as refused:
        la.metrics.cohorts(funnel_warehouse, AS_OF, by="nope")
    assert (refused.value.parameter, refused.value.value) == ("by", "nope")
    assert str(refused.value).endswith(
        "use one of: business_unit, branch_id, source, submitter_id, priority, category, "
        "client_name")


@pytest.mark.parametrize("scope", ["everyone", "branch:", "region:NORTH"])
def test_an_unknown_scope_text_is_a_usage_error_naming_the_forms(funnel_warehouse, scope):
    with pytest.raises(UsageError, match=r"use one of: all, branch:ID .*, person:ID") as refused:
        la.metrics.funnel(funnel_warehouse, AS_OF, scope=scope)
    assert isinstance(refused.value, ScopeViolation)   # still caught as a refused scope
    assert refused.value.parameter == "scope"


def test_survival_metrics_by_is_a_usage_error_naming_decision_summary(funnel_warehouse):
    with pytest.raises(UsageError, match="decision_summary"):
        la.metrics.run_metric(funnel_warehouse, "time_to_assignment", as_of=AS_OF, by="source")


def test_as_of_after_the_latest_event_warns_naming_it(funnel_warehouse):
    with pytest.warns(AsOfAfterData, match="2026-04-05") as caught:
        late = la.metrics.funnel(funnel_warehouse, "2026-12-31")
    assert caught[0].message.latest == dt.date(2026, 4, 5)
    assert caught[0].filename == __file__          # points at the caller
    assert list(late["leads"]) == [5, 2, 1]        # allowed: L6 submitted on 2 April counts
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        la.metrics.funnel(funnel_warehouse, "2026-04-05")   # on the latest day: no warning


def test_as_of_after_the_latest_load_warns_naming_the_loads_day(db_path):
    w = la.connect(db_path, create=True)
    add_org(w)
    add_lead(w, "L1", [("2026-03-01", "ingediend")])
    with w.transaction() as tx:   # 23:30 UTC on 9 May is 10 May in Amsterdam
        tx.sql("INSERT INTO store.loads (load_id, kind, source_file, started_at, status) "
               "VALUES (1, 'leads', 'a.csv', TIMESTAMPTZ '2026-05-09 23:30+00', 'loaded'), "
               "(2, 'leads', 'b.csv', TIMESTAMPTZ '2026-06-01 08:00+02', 'refused')")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        la.metrics.leads(w, "2026-05-10")
    with pytest.warns(AsOfAfterData, match=r"after the latest data \(2026-05-10\)"):
        la.metrics.leads(w, "2026-05-11")


def test_a_time_of_day_counts_as_its_day(funnel_warehouse):
    day = la.metrics.funnel(funnel_warehouse, "2026-03-31")
    pd.testing.assert_frame_equal(
        la.metrics.funnel(funnel_warehouse, dt.datetime(2026, 3, 31, 23, 59)), day)
    pd.testing.assert_frame_equal(
        la.metrics.funnel(funnel_warehouse, "2026-03-31T15:00:00"), day)
    # 22:30 UTC on 1 April is 00:30 on 2 April in Amsterdam: L6 submitted that day counts
    utc = dt.datetime(2026, 4, 1, 22, 30, tzinfo=ZoneInfo("UTC"))
    assert list(la.metrics.funnel(funnel_warehouse, utc)["leads"]) == [5, 2, 1]
    assert list(la.metrics.funnel(funnel_warehouse, "2026-04-01")["leads"]) == [4, 2, 1]
