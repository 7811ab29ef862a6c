"""The three exact metrics (reports.md "Three metrics, exactly") against hand-computed cases and
independent implementations (statsmodels, lifelines); the other metrics on the same fixtures."""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

import pandas as pd
import pytest

import leadanalytics as la
from leadanalytics.exceptions import ScopeViolation, UsageError
from tests.helpers import add_lead, add_org

AS_OF = "2026-03-31"
STEPS = ["ingediend", "actief_als_lead", "actief_als_opdracht"]


def _nan_to_none(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(None if (isinstance(v, float) and math.isnan(v)) else v for v in row)
            for row in frame.itertuples(index=False)]


def test_funnel_by_hand(funnel_warehouse):
    f = la.metrics.funnel(funnel_warehouse, AS_OF)
    # the columns of reports.md, then the step's label in the chosen language (nl by default)
    assert list(f.columns) == ["step", "label", "leads", "rate", "rate_low", "rate_high",
                               "phase_label"]
    # reached step 1: L1 L2 L3 L5; step 2: L1 L2; step 3: L1. L4 is a draft, L6 submitted
    # after the as-of date, L7 created after it.
    assert _nan_to_none(f) == [
        ("ingediend", "Submitted", 4, None, None, None, "Ingediend"),
        ("actief_als_lead", "Active lead", 2, 0.5, 0.15, 0.85, "Actief als lead"),
        ("actief_als_opdracht", "Assignment", 1, 0.5, 0.0945, 0.9055, "Actief als opdracht"),
    ]
    english = la.metrics.funnel(funnel_warehouse, AS_OF, lang="en")
    assert list(english["phase_label"]) == ["Submitted", "Active lead", "Assignment"]


def test_funnel_as_of_a_past_date(funnel_warehouse):
    f = la.metrics.funnel(funnel_warehouse, "2026-03-04")
    # by 4 March: L1 L2 L3 L5 submitted, L1 not yet active (5 March)
    assert list(f["leads"]) == [4, 0, 0]
    assert f["rate"].iloc[1] == 0.0 and math.isnan(f["rate"].iloc[2])


def test_funnel_by_column_groups_ascending_empty_last(funnel_warehouse):
    f = la.metrics.funnel(funnel_warehouse, AS_OF, by="business_unit")
    assert list(f.columns)[:3] == ["business_unit", "step", "label"]
    rows = _nan_to_none(f[["business_unit", "step", "leads", "rate"]])
    assert rows == [
        ("A", "ingediend", 3, None), ("A", "actief_als_lead", 2, 0.6667),
        ("A", "actief_als_opdracht", 1, 0.5),
        ("B", "ingediend", 1, None), ("B", "actief_als_lead", 0, 0.0),
        ("B", "actief_als_opdracht", 0, None),
        (None, "ingediend", 0, None), (None, "actief_als_lead", 0, None),
        (None, "actief_als_opdracht", 0, None),
    ]


def test_funnel_wilson_matches_statsmodels(funnel_warehouse):
    from statsmodels.stats.proportion import proportion_confint

    f = la.metrics.funnel(funnel_warehouse, AS_OF, by="business_unit")
    prev = None
    for row in f.itertuples():
        if row.step != STEPS[0] and prev:
            low, high = proportion_confint(row.leads, prev, alpha=0.05, method="wilson")
            assert (row.rate_low, row.rate_high) == (round(low, 4), round(high, 4))
        prev = row.leads


def test_funnel_rate_rounds_half_away_from_zero(org_warehouse):
    # 1 of 32 = 0.03125 exactly: half away from zero gives 0.0313
    w = org_warehouse
    with w.transaction():
        for i in range(32):
            events = [("2026-03-01", "ingediend")]
            if i == 0:
                events.append(("2026-03-02", "actief_als_lead"))
            add_lead(w, f"R{i:02d}", events)
    assert la.metrics.funnel(w, AS_OF)["rate"].iloc[1] == 0.0313


@pytest.fixture(scope="module")
def survival_warehouse(tmp_path_factory):
    """Six leads with ties (as of 2026-03-31), hand-computed below."""
    from tests.helpers import add_org

    w = la.connect(tmp_path_factory.mktemp("surv") / "s.duckdb", create=True)
    add_org(w)
    add_lead(w, "S1", [("2026-02-20", "concept"), ("2026-03-01", "ingediend"),
                       ("2026-03-05", "actief_als_lead"),
                       ("2026-03-11", "actief_als_opdracht", None, "A-S1")])
    add_lead(w, "S2", [("2026-03-01", "ingediend"), ("2026-03-11", "afgewezen", "x")])
    add_lead(w, "S3", [("2026-03-21", "ingediend")])
    add_lead(w, "S4", [("2026-03-06", "actief_als_lead"),
                       ("2026-03-11", "actief_als_opdracht", None, "A-S4")])
    add_lead(w, "S5", [("2026-02-01", "concept"), ("2026-03-01", "ingediend")])
    add_lead(w, "S6", [("2026-03-16", "ingediend"), ("2026-03-31", "geannuleerd", "y")])
    add_lead(w, "S7", [("2026-03-01", "concept"), ("2026-03-02", "geannuleerd", "never started")])
    return w


def test_time_to_decision_by_hand(survival_warehouse):
    km = la.metrics.time_to_decision(survival_warehouse, AS_OF)
    assert list(km.columns) == ["days", "at_risk", "decided", "censored", "still_open"]
    assert [tuple(r) for r in km.itertuples(index=False)] == [
        (5, 6, 1, 0, 0.833333),
        (10, 5, 2, 1, 0.5),
        (15, 2, 1, 0, 0.25),
        (30, 1, 0, 1, 0.25),
    ]


def test_time_to_assignment_by_hand(survival_warehouse):
    ci = la.metrics.time_to_assignment(survival_warehouse, AS_OF)
    assert list(ci.columns) == ["days", "at_risk", "won", "lost", "censored",
                                "cumulative_incidence"]
    assert [tuple(r) for r in ci.itertuples(index=False)] == [
        (5, 6, 1, 0, 0, 0.166667),
        (10, 5, 1, 1, 1, 0.333333),
        (15, 2, 0, 1, 0, 0.333333),
        (30, 1, 0, 0, 1, 0.333333),
    ]


def test_survival_metrics_refuse_by(survival_warehouse):
    for f in (la.metrics.time_to_decision, la.metrics.time_to_assignment):
        with pytest.raises(UsageError, match="decision_summary") as refused:
            f(survival_warehouse, AS_OF, by="source")
        assert (refused.value.parameter, refused.value.value) == ("by", "source")


@pytest.fixture(scope="module")
def random_leads(tmp_path_factory):
    """120 seeded random histories; durations computed here, independently of the SQL."""
    import datetime as dt

    from tests.helpers import add_org

    w = la.connect(tmp_path_factory.mktemp("rand") / "r.duckdb", create=True)
    add_org(w)
    rng = random.Random(7)
    as_of = dt.date(2026, 6, 30)
    truth = []
    tx = w.transaction()
    tx.__enter__()
    for i in range(120):
        start = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(170))
        events = [(start.isoformat(), "ingediend")]
        end = start + dt.timedelta(days=rng.randrange(0, 60))
        kind = rng.choice(["won", "lost", "open", "open_lead"])
        if kind == "open_lead":
            events.append((min(end, as_of).isoformat(), "actief_als_lead"))
        if end <= as_of and kind in ("won", "lost"):
            events.append((end.isoformat(), "actief_als_lead"))
            if kind == "won":
                events.append((end.isoformat(), "actief_als_opdracht", None, f"A{i}"))
            else:
                events.append((end.isoformat(), "afgewezen", "r"))
            truth.append(((end - start).days, 1 if kind == "won" else 2))
        else:
            truth.append(((as_of - start).days, 0))
        add_lead(w, f"X{i:03d}", events)
    tx.__exit__(None, None, None)
    return w, as_of, pd.DataFrame(truth, columns=["days", "event"])


def test_kaplan_meier_matches_lifelines(random_leads):
    from lifelines import KaplanMeierFitter

    w, as_of, truth = random_leads
    km = la.metrics.time_to_decision(w, as_of)
    fit = KaplanMeierFitter().fit(truth["days"], truth["event"] > 0)
    expected = fit.survival_function_.iloc[:, 0]
    for row in km.itertuples():
        assert row.still_open == pytest.approx(round(expected.loc[row.days], 6), abs=1e-6)
    table = fit.event_table
    for row in km.itertuples():
        assert row.at_risk == table.loc[row.days, "at_risk"]
        assert row.decided == table.loc[row.days, "observed"]
        assert row.censored == table.loc[row.days, "censored"]


def test_cumulative_incidence_matches_lifelines(random_leads):
    from lifelines import AalenJohansenFitter

    w, as_of, truth = random_leads
    ci = la.metrics.time_to_assignment(w, as_of)
    # lifelines breaks tied event times with a random jitter, up or down; an event jittered
    # above a lead censored the same day would drop that lead from the risk set. Break the ties
    # ourselves, every event a distinct tiny step *before* the end of its day, so censored
    # leads of a day stay at risk for that day's events (the spec's convention), then read the
    # curve at the end of each day.
    events = truth["event"] > 0
    offsets = pd.Series(0.0, index=truth.index)
    offsets[events] = (pd.Series(range(int(events.sum())), index=truth.index[events]) + 1) * 1e-6
    fit = AalenJohansenFitter(calculate_variance=False).fit(
        truth["days"] - offsets, truth["event"], event_of_interest=1
    )
    curve = fit.cumulative_density_.iloc[:, 0]
    for row in ci.itertuples():
        end_of_day = curve[curve.index <= row.days].iloc[-1]
        assert row.cumulative_incidence == pytest.approx(end_of_day, abs=2e-6)


def test_other_metrics_on_the_funnel_fixture(funnel_warehouse):
    w = funnel_warehouse
    ov = la.metrics.phase_overview(w, AS_OF)
    assert dict(zip(ov["phase"], ov["leads"], strict=True)) == {
        "concept": 2, "ingediend": 0, "actief_als_lead": 1, "actief_als_opdracht": 1,
        "afgewezen": 1, "geannuleerd": 1,
    }
    reasons = la.metrics.reasons(w, AS_OF)
    assert [tuple(r) for r in reasons[["phase", "reason", "leads"]].itertuples(index=False)] == [
        ("afgewezen", "no budget", 1), ("geannuleerd", "duplicate", 1)]
    tabs = la.metrics.casemaster_tabs(w, AS_OF, scope="person:E1")
    assert list(tabs) == ["Actueel", "Actief als lead", "Actief als opdracht",
                          "Geannuleerd/afgewezen", "Alle"]
    assert list(tabs["Actueel"]["lead_id"]) == ["L4", "L6"]
    assert list(tabs["Alle"]["lead_id"]) == ["L4", "L6", "L1"]
    stale = la.metrics.stale_leads(w, AS_OF, days=25)
    # open leads idle >= 25 days on 31 March: L4 (2 March, 29 days), L6 (3 March, 28 days);
    # L2 active since 10 March is 21 days idle
    assert list(stale["lead_id"]) == ["L4", "L6"]
    tip = la.metrics.time_in_phase(w, AS_OF).set_index("phase")
    # completed concept stays: L1 1 day, L2 2, L3 3 -> median 2
    assert tip.loc["concept", "completed_stays"] == 3 and tip.loc["concept", "median_days"] == 2
    co = la.metrics.cohorts(w, AS_OF)
    assert list(co["cohort"]) == ["2026-03"] and co["leads"].iloc[0] == 4
    assert co["mature_30d"].iloc[0] == 0 and math.isnan(co["share_30d"].iloc[0])
    inflow = la.metrics.inflow(w, AS_OF)
    assert int(inflow["leads_created"].sum()) == 6 and int(inflow["leads_started"].sum()) == 4
    age = la.metrics.ageing(w, AS_OF)
    assert int(age["leads"].sum()) == 3   # L2, L4, L6 are open
    hours = la.metrics.assignment_hours(w, AS_OF)
    assert list(hours["assignment_id"]) == ["A-1"]


def test_leads_rows_carry_their_own_fields_phase_and_order(funnel_warehouse):
    # as of 31 March (by hand from the fixture): L7 does not exist yet, L6 is still a concept;
    # sorted by phase group and phase in pipeline order, then lead id
    got = la.metrics.leads(funnel_warehouse, AS_OF)
    assert list(got.columns) == [
        "lead_id", "title", "client_name", "business_unit", "branch_id", "submitter_id",
        "submitter_name", "phase_group", "phase", "label", "label_nl", "phase_since",
        "days_in_phase",
        # labels and names at the end (submitter_name is there already)
        "business_unit_label", "branch_name", "phase_group_label", "phase_label"]
    rows = got[["lead_id", "title", "client_name", "business_unit", "branch_id",
                "submitter_name", "phase_group", "phase", "days_in_phase"]]
    rows = rows.astype(object).where(rows.notna(), None)   # a missing text is NaN
    assert [tuple(r) for r in rows.itertuples(index=False)] == [
        ("L4", "Title L4", "Client of L4", "B", "B1", "Anna Jansen", "actueel", "concept", 29),
        ("L6", "Title L6", "Client of L6", None, "B1", "Anna Jansen", "actueel", "concept", 28),
        ("L2", "Title L2", "Client of L2", "A", "B2A", "Bram de Vries", "actief_als_lead",
         "actief_als_lead", 21),
        ("L1", "Title L1", "Client of L1", "A", "B1", "Anna Jansen", "actief_als_opdracht",
         "actief_als_opdracht", 11),
        ("L3", "Title L3", "Client of L3", "A", "B3", "Cor Smit", "geannuleerd_afgewezen",
         "afgewezen", 25),
        ("L5", "Title L5", "Client of L5", "B", "B2A", "Bram de Vries",
         "geannuleerd_afgewezen", "geannuleerd", 22),
    ]
    tab = la.metrics.leads(funnel_warehouse, AS_OF, scope="branch:B2", phase_group="actief_als_lead")
    assert list(tab["lead_id"]) == ["L2"] and list(tab["submitter_name"]) == ["Bram de Vries"]


def test_leads_refuses_a_lead_without_its_key_rather_than_show_another_leads_fields(db_path):
    from leadanalytics.exceptions import SqlError

    w = la.connect(db_path, create=True)
    add_org(w)
    add_lead(w, "L1", [("2026-03-01", "concept")])
    add_lead(w, "L2", [("2026-03-02", "concept")])
    with w.transaction() as tx:   # a damaged file: L2's spans lost their key
        tx.sql("update store.lead_phase_spans set lead_key = null where lead_id = 'L2'")
    with pytest.raises(SqlError, match="no lead_key"):
        la.metrics.leads(w, AS_OF)


def test_every_metric_returns_polars_on_request(funnel_warehouse):
    import polars as pl

    for name in la.metrics.METRICS:
        frame = getattr(la.metrics, name)(funnel_warehouse, AS_OF)
        other = getattr(la.metrics, name)(funnel_warehouse, AS_OF, output="polars")
        assert isinstance(other, pl.DataFrame), name
        assert other.columns == list(frame.columns) and other.height == len(frame), name


def test_loads_and_quarantine_are_for_scope_all_only(funnel_warehouse):
    la.metrics.loads(funnel_warehouse, AS_OF)
    with pytest.raises(ScopeViolation):
        la.metrics.quarantine(funnel_warehouse, AS_OF, scope="person:E1")


def test_unknown_grouping_column_is_refused(funnel_warehouse):
    with pytest.raises(UsageError, match="use one of: business_unit, branch_id"):
        la.metrics.funnel(funnel_warehouse, AS_OF, by="title; drop table x")


@pytest.fixture(scope="module")
def bonus_warehouse(tmp_path_factory):
    from leadanalytics.bonuses import install_bonus_schemes
    from tests.helpers import add_org

    w = la.connect(tmp_path_factory.mktemp("bonus") / "b.duckdb", create=True)
    add_org(w)
    install_bonus_schemes(w, Path(la.__file__).parent / "config" / "sample_bonus_schemes.toml")
    add_lead(w, "L1", [("2026-03-01", "concept"), ("2026-03-02", "ingediend"),
                       ("2026-03-05", "actief_als_lead"),
                       ("2026-03-20", "actief_als_opdracht", None, "A-1")], business_unit="ICT")
    add_lead(w, "L2", [("2026-03-01", "concept"), ("2026-03-02", "ingediend"),
                       ("2026-03-06", "actief_als_lead"),
                       ("2026-03-10", "actief_als_opdracht", None, "A-2")],
             submitter_id="E2", branch_id="B2A", business_unit="ICT")
    with w.transaction() as tx:
        tx.con.execute(
            "INSERT INTO store.timesheet_lines VALUES "
            "('T1', 1, 'A-1', 'X', DATE '2026-03-23', 40.00, 'invoiced', DATE '2026-03-29', 'f', 1),"
            "('T2', 1, 'A-2', 'Y', DATE '2026-03-09', 60.00, 'invoiced', DATE '2026-03-15', 'f', 1),"
            "('T3', 1, 'A-2', 'Y', DATE '2026-03-16', 50.00, 'invoiced', DATE '2026-03-22', 'f', 1)")
    return w


def test_bonus_pipeline_hours_to_go_and_projection(bonus_warehouse):
    bp = la.metrics.bonus_pipeline(bonus_warehouse, AS_OF, scope="person:E1", exact=True)
    assert list(bp["lead_id"]) == ["L1"]                       # scoped
    row = bp.iloc[0]
    assert str(row["invoiced_hours"]) == "40.00" and str(row["hours_to_go"]) == "60.00"
    assert row["share_of_threshold"] == 0.4 and row["status"] == "pending"
    # the one projection (bonus_projections, as `bonuses forecast`): 40 h became known in the
    # last 4 weeks (by status_date) = 10 h a week; 60 h to go take 42 days from 31 March
    assert str(row["projected_earned_on"])[:10] == "2026-05-12"
    forecast = la.bonus_forecast(bonus_warehouse, AS_OF).set_index("lead_id")
    assert forecast.loc["L1", "projected_earned_on"] == dt.date(2026, 5, 12)
    both = la.metrics.bonus_pipeline(bonus_warehouse, AS_OF)
    assert list(both["status"]) == ["pending", "earned"]       # L2 passed 100 h on 22 March


def test_metric_frames_compute_as_floats_exact_on_request_text_as_arrow_strings(bonus_warehouse):
    from decimal import Decimal

    import polars as pl

    bp = la.metrics.bonus_pipeline(bonus_warehouse, AS_OF)
    assert str(bp["invoiced_hours"].dtype) == "float64"                   # the analyst's frame
    assert list(bp["invoiced_hours"]) == [40.0, 110.0]
    exact = la.metrics.bonus_pipeline(bonus_warehouse, AS_OF, exact=True)
    assert isinstance(exact["invoiced_hours"].dtype, pd.ArrowDtype)       # money decided
    assert list(exact["invoiced_hours"]) == [Decimal("40.00"), Decimal("110.00")]
    assert exact["invoiced_hours"].sum() == Decimal("150.00")
    assert str(bp["lead_id"].dtype) == "str" and list(bp["lead_id"]) == ["L1", "L2"]
    leads = la.metrics.leads(bonus_warehouse, AS_OF)
    assert str(leads["title"].dtype) == "str"
    assert leads["submitter_name"].isna().sum() == 0
    stale = la.metrics.stale_leads(bonus_warehouse, "2026-12-31")
    assert str(stale["lead_id"].dtype) == "str"
    assert str(stale["last_change_day"].dtype).startswith("datetime64")   # as w.query gives it
    polars_bp = la.metrics.bonus_pipeline(bonus_warehouse, AS_OF, output="polars")
    assert polars_bp.schema["invoiced_hours"] == pl.Float64
    polars_exact = la.metrics.bonus_pipeline(bonus_warehouse, AS_OF, output="polars", exact=True)
    assert isinstance(polars_exact.schema["invoiced_hours"], pl.Decimal)


def test_bonus_payouts_per_month_and_by(bonus_warehouse):
    pay = la.metrics.bonus_payouts(bonus_warehouse, AS_OF, by="submitter_id")
    assert list(pay.columns)[:2] == ["submitter_id", "payout_month"]
    assert [tuple(r) for r in pay[["submitter_id", "payout_month", "earned_bonuses"]]
            .itertuples(index=False)] == [("E2", "2026-04", 1)]
    assert la.metrics.bonus_payouts(bonus_warehouse, AS_OF, scope="person:E1").empty


def test_missing_timesheet_weeks_are_scoped(bonus_warehouse):
    # A-1 won Friday 20 March, so it runs from Monday 16 March. As of 13 April a week W counts
    # when W + 14 days <= 13 April: 16, 23 and 30 March. 23 March has a line: 16 and 30 March
    # are missing. A-2 (submitter E2) misses 23 and 30 March: outside person:E1.
    every = la.metrics.missing_timesheet_weeks(bonus_warehouse, "2026-04-13")
    mine = la.metrics.missing_timesheet_weeks(bonus_warehouse, "2026-04-13", scope="person:E1")
    assert set(mine["lead_id"]) == {"L1"} and set(every["lead_id"]) == {"L1", "L2"}
    assert [str(w)[:10] for w in mine["week"]] == ["2026-03-16", "2026-03-30"]


def test_lead_fields_are_shown_and_grouped_as_they_were_on_the_date(org_warehouse):
    """A field changed after the as-of date shows its old value (lead_changes), a change on or
    before it its new one; scopes keep to today's submitter and branch."""
    w = org_warehouse
    add_lead(w, "F1", [("2026-03-01", "ingediend")], source="website", title="Oud")
    add_lead(w, "F2", [("2026-03-01", "ingediend")], source="netwerk")
    with w.transaction() as tx:
        # F1: source and title changed on 10 March (Amsterdam), source again on 20 March
        tx.sql("""INSERT INTO store.lead_changes (lead_id, "at", field, old_value, new_value)
                  VALUES ('F1', '2026-03-10 00:30+01', 'source', 'website', 'beurs'),
                         ('F1', '2026-03-10 00:30+01', 'title', 'Oud', 'Nieuw'),
                         ('F1', '2026-03-20 12:00+01', 'source', 'beurs', 'netwerk')""")
        tx.sql("UPDATE store.leads SET source = 'netwerk', title = 'Nieuw' WHERE lead_id = 'F1'")

    def sources(day):
        f = la.metrics.funnel(w, day, by="source")
        return dict(f[f["step"] == STEPS[0]][["source", "leads"]].itertuples(index=False))

    assert sources("2026-03-09") == {"netwerk": 1, "website": 1}
    assert sources("2026-03-10") == {"beurs": 1, "netwerk": 1}   # 00:30 on the 10th counts
    assert sources("2026-03-31") == {"netwerk": 2}
    titles = la.metrics.leads(w, "2026-03-09").set_index("lead_id")["title"]
    assert titles["F1"] == "Oud"
    assert la.metrics.leads(w, "2026-03-31").set_index("lead_id")["title"]["F1"] == "Nieuw"
