"""`bonuses accrual` (bonus-rules.md, "Accrual") and the one earn-date projection; expected values
worked out by hand from the spec, the Kaplan-Meier curve also against lifelines."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pandas as pd
import pytest
from bonus_agency import ams
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leadanalytics as la
from leadanalytics.bonuses import AccrualWarning, bonus_accrual, bonus_earn_curves
from leadanalytics.bonuses.batches import approve_batch, close_period, mark_batch_paid
from leadanalytics.cli import cli

D = dt.date.fromisoformat


def money(frame, column: str) -> list:
    return [None if pd.isna(v) else str(v) for v in frame[column]]


def hours_lead(agency, lead_id: str, won: str, earned_after: int | None = None,
               hours: str = "100", business_unit: str = "ICT") -> None:
    """A won hours lead (scheme 2026: threshold 100, 250.00, paid the 25th of the next month);
    ``hours`` invoiced ``earned_after`` days after won (none when None)."""
    asg = agency.lead(lead_id, won=won, business_unit=business_unit)
    if earned_after is not None:
        agency.line(f"{lead_id}-1", asg, hours,
                    (D(won) + dt.timedelta(days=earned_after)).isoformat())


# ------------------------------------------------------------------ the curve and the split


@pytest.fixture
def four_leads(agency):
    """As of 2026-04-15: A earned after 10 days, B after 20, C pending (censored at 15), E lost
    (its assignment ended at 30 h: censored at 45), P won the day before (censored at 1)."""
    hours_lead(agency, "L-A", "2026-03-01", 10)
    hours_lead(agency, "L-B", "2026-03-01", 20)
    hours_lead(agency, "L-C", "2026-03-31")
    hours_lead(agency, "L-E", "2026-03-01", 3, hours="30")
    hours_lead(agency, "L-P", "2026-04-14")
    return agency


def test_kaplan_meier_by_hand(warehouse, four_leads):
    c = bonus_earn_curves(warehouse, D("2026-04-15"))
    assert set(c["overall"]) == {True}                        # 5 leads: no group of 30
    assert list(c["days"]) == [1, 10, 15, 20, 45]
    assert list(c["at_risk"]) == [5, 4, 3, 2, 1]
    assert list(c["earned"]) == [0, 1, 0, 1, 0]
    assert list(c["censored"]) == [1, 0, 1, 0, 1]
    assert list(c["survival"]) == pytest.approx([1, 3 / 4, 3 / 4, 3 / 8, 3 / 8])


def test_monthly_split_by_hand(warehouse, four_leads):
    acc = bonus_accrual(warehouse, D("2026-04-15"), months=4)
    assert list(acc["payout_month"]) == ["2026-04", "2026-05", "2026-06", "2026-07"]
    # A and B earned in March, unpaid: 2026-04-25
    assert money(acc, "certain_eur") == ["500.00", "0.00", "0.00", "0.00"]
    # C (day 15, S = 3/4): earned in April (days 15..30) with (3/4 - 3/8) / (3/4) = 1/2 -> May
    # P (day 1, S = 1): April (days 1..16) 1 - 3/4 = 1/4 -> May; May (16..47) 3/4 - 3/8 -> June
    # E (day 45, S = 3/8 flat after the last event): nothing
    assert money(acc, "expected_eur") == ["0.00", "187.50", "93.75", "0.00"]
    assert money(acc, "total_eur") == ["500.00", "187.50", "93.75", "0.00"]
    assert all(isinstance(v, Decimal) for v in acc["expected_eur"])
    assert la.bonus_accrual is bonus_accrual                  # the public API


# --------------------------------------------------------------------------- certain cost


@pytest.fixture
def finance(agency):
    agency.many([
        ("insert into store.people (person_id, name, email, role) values (?, ?, ?, ?)", p)
        for p in (["P-F1", "Fin One", "f1@x.nl", "finance"],
                  ["P-F2", "Fin Two", "f2@x.nl", "employee|finance"])
    ])
    return agency


def test_certain_cost_by_payout_date(warehouse, finance):
    a = finance
    a.lead("L-PAID", won="2026-01-12", permanent=True)        # 500.00 due 2026-02-25, paid
    close_period(warehouse, "2026-02", "P-F1", at=ams("2026-02-26"))
    approve_batch(warehouse, "B-2026-02", "P-F2", at=ams("2026-02-26", "11:00"))
    mark_batch_paid(warehouse, "B-2026-02", "P-F1", at=ams("2026-02-26", "12:00"))
    a.lead("L-APPR", won="2026-03-02", permanent=True)        # due 2026-04-25, batch approved
    close_period(warehouse, "2026-04", "P-F1", at=ams("2026-04-10"))
    approve_batch(warehouse, "B-2026-04", "P-F2", at=ams("2026-04-10", "11:00"))
    a.lead("L-LATE", won="2026-02-10", permanent=True)        # due 2026-03-25, in no batch
    a.lead("L-NEXT", won="2026-04-02", permanent=True)        # due 2026-05-25
    a.lead("L-FAR", won="2026-08-03", business_unit="ICT", permanent=True)  # won after as-of
    with pytest.warns(AccrualWarning, match="no lead was won with an hours-trigger bonus"):
        acc = bonus_accrual(warehouse, D("2026-04-15"), months=3)
    # the late one counts in the as-of month with the approved one; the paid one nowhere
    assert money(acc, "certain_eur") == ["1000.00", "500.00", "0.00"]
    assert money(acc, "expected_eur") == [None, None, None]   # no curve
    assert money(acc, "total_eur") == ["1000.00", "500.00", "0.00"]
    # after the payment of April's batch only May's is left
    mark_batch_paid(warehouse, "B-2026-04", "P-F1", at=ams("2026-04-12"))
    with pytest.warns(AccrualWarning):
        acc = bonus_accrual(warehouse, D("2026-04-15"), months=2)
    assert money(acc, "certain_eur") == ["500.00", "500.00"]  # L-LATE still unpaid


def test_no_won_leads_leaves_expected_empty_with_a_warning(warehouse, agency):
    agency.lead("L-1")                                         # submitted, never won
    with pytest.warns(AccrualWarning, match="expected_eur is empty"):
        acc = bonus_accrual(warehouse, D("2026-04-15"), months=2, output="polars")
    assert acc["expected_eur"].to_list() == [None, None]
    assert [str(v) for v in acc["total_eur"].to_list()] == ["0.00", "0.00"]


# --------------------------------------------------------------------------- curve choice


def test_group_curve_from_30_leads_else_overall(warehouse, agency):
    """31 ICT leads (30 earned after 10 days) have a curve of their own; 6 juristen leads (5
    earned after 40 days) do not, so their pending one is valued on the overall curve."""
    for i in range(30):
        hours_lead(agency, f"L-I{i:02d}", "2026-03-02", 10)
    for i in range(5):
        hours_lead(agency, f"L-J{i}", "2026-03-02", 40, business_unit="Interim juristen")
    hours_lead(agency, "L-X", "2026-04-29")                                        # 250.00
    hours_lead(agency, "L-Y", "2026-04-29", business_unit="Interim juristen")      # 400.00
    c = bonus_earn_curves(warehouse, D("2026-04-30"))
    groups = c.drop_duplicates("curve_id")
    assert [(r.curve_id, None if pd.isna(r.curve_business_unit) else r.curve_business_unit,
             r.group_leads) for r in groups.itertuples()] == [(0, None, 37), (1, "ICT", 31)]
    assert list(c[c.curve_id == 1]["survival"]) == pytest.approx([1, 0])
    assert list(c[c.curve_id == 0]["survival"]) == pytest.approx([1, 5 / 35, 0])
    acc = bonus_accrual(warehouse, D("2026-04-30"), months=4)
    # X on the ICT curve: all of it earned in May (day 10) -> June. Y on the overall curve:
    # 6/7 of 400 in May (day 10, June), 1/7 in June (day 40, 8 June -> July)
    assert money(acc, "expected_eur") == ["0.00", "0.00", "592.86", "57.14"]
    # ICT earned 12 March (paid 25 April), juristen 11 April (400.00 each, paid 25 May)
    assert money(acc, "certain_eur") == ["7500.00", "2000.00", "0.00", "0.00"]
    # a scope counts its own bonuses on the same curves
    agency.person("P-X")
    agency.sql("update store.leads set submitter_id = 'P-X' where lead_id = 'L-X'")
    mine = bonus_accrual(warehouse, D("2026-04-30"), months=4, scope="person:P-X")
    assert money(mine, "expected_eur") == ["0.00", "0.00", "250.00", "0.00"]


# ------------------------------------------------------------------ against lifelines


def test_kaplan_meier_matches_lifelines(warehouse, agency):
    from lifelines import KaplanMeierFitter

    rng = random.Random(21)
    as_of = D("2026-09-30")
    truth = []
    for i in range(60):
        won = as_of - dt.timedelta(days=rng.randint(1, 200))
        after = rng.choice([None, rng.randint(0, 90)])
        if after is not None and won + dt.timedelta(days=after) > as_of:
            after = None                                   # not yet: censored
        hours_lead(agency, f"L-{i:03d}", won.isoformat(), after)
        truth.append((after if after is not None else (as_of - won).days, after is not None))
    curve = bonus_earn_curves(warehouse, as_of)
    fit = KaplanMeierFitter().fit([t[0] for t in truth], [t[1] for t in truth])
    expected = fit.survival_function_.iloc[:, 0]
    table = fit.event_table
    assert curve["group_leads"].iloc[0] == 60 and len(curve.curve_id.unique()) == 2  # ICT >= 30
    for row in curve[curve.overall].itertuples():
        assert row.survival == pytest.approx(expected.loc[row.days], abs=1e-12)
        assert row.at_risk == table.loc[row.days, "at_risk"]
        assert row.earned == table.loc[row.days, "observed"]
        assert row.censored == table.loc[row.days, "censored"]


# ------------------------------------------------------------------------------ invariant


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(1, 120), st.one_of(st.none(), st.integers(0, 120))),
                min_size=1, max_size=8),
       st.lists(st.integers(0, 150), min_size=1, max_size=3),
       st.integers(1, 6))
def test_months_never_add_up_to_more_than_the_amount(warehouse, history, pending, months):
    as_of = D("2026-07-31")

    class Undo(Exception):
        pass

    try:
        with warehouse.transaction():
            from bonus_agency import Agency

            a = Agency(warehouse)
            for i, (age, after) in enumerate(history):
                won = as_of - dt.timedelta(days=age)
                hours_lead(a, f"L-H{i}", won.isoformat(), after if after is not None
                           and after < age else None)
            for i, age in enumerate(pending):
                hours_lead(a, f"L-Q{i}", (as_of - dt.timedelta(days=age)).isoformat())
            acc = bonus_accrual(warehouse, as_of, months=months)
            states = la.bonuses_list(warehouse, as_of)
            cap = states[states.status == "pending"]["amount_eur"].sum()
            expected = list(acc["expected_eur"])
            assert all(v >= 0 for v in expected)
            assert sum(expected, Decimal(0)) <= cap
            raise Undo
    except Undo:
        pass


# --------------------------------------------------------------- the one projection


def test_forecast_and_bonus_pipeline_project_the_same_date(warehouse, agency):
    rng = random.Random(7)
    for i in range(12):
        asg = agency.lead(f"L-{i:02d}", won="2026-02-02")
        agency.lines([(f"l{i}-{k}", asg, str(rng.choice([4, 8, 12.5, 16, 24])),
                       (D("2026-02-02") + dt.timedelta(days=rng.randint(0, 80))).isoformat())
                      for k in range(rng.randint(0, 6))])
    for as_of in ("2026-03-15", "2026-03-31", "2026-04-20"):
        forecast = la.bonus_forecast(warehouse, D(as_of)).set_index("lead_id")
        metric = la.metrics.bonus_pipeline(warehouse, as_of).set_index("lead_id")
        assert forecast["projected_earned_on"].notna().sum() > 0
        for lead_id, f in forecast.iterrows():
            m = metric.loc[lead_id, "projected_earned_on"]
            m = None if m is None or m != m else D(str(m)[:10])
            assert f["projected_earned_on"] == m, (as_of, lead_id)


# ------------------------------------------------------------------------ command line


def test_accrual_command(warehouse, agency, committed, db_path, tmp_path):
    hours_lead(agency, "L-A", "2026-03-01", 10)
    hours_lead(agency, "L-B", "2026-03-01", 20)
    hours_lead(agency, "L-C", "2026-03-31")
    hours_lead(agency, "L-E", "2026-03-01", 3, hours="30")
    hours_lead(agency, "L-P", "2026-04-14")
    out = tmp_path / "accrual.csv"
    r = CliRunner().invoke(cli, ["--db", str(db_path), "bonuses", "accrual", "--as-of",
                                 "2026-04-15", "--months", "3", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text() == (
        "payout_month,certain_eur,expected_eur,total_eur\n"
        "2026-04,500.00,0.00,500.00\n"
        "2026-05,0.00,187.50,187.50\n"
        "2026-06,0.00,93.75,93.75\n")
    assert "781.25 EUR" in r.stderr
    r = CliRunner().invoke(cli, ["--db", str(db_path), "bonuses", "accrual", "--as-of",
                                 "2026-01-05", "--months", "1"])
    assert r.exit_code == 0, r.output
    assert r.stdout == "payout_month,certain_eur,expected_eur,total_eur\n2026-01,0.00,,0.00\n"
    assert "warning: expected_eur is empty" in r.stderr
    r = CliRunner().invoke(cli, ["--db", str(db_path), "bonuses", "accrual", "--months", "0"])
    assert r.exit_code == 2
