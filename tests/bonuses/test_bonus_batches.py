"""Payout batches (bonus-rules.md, "Payout batches", "Corrections after a batch"): the full flow,
four eyes, refusals, idempotent close, late bonuses, dated states, review and resolutions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from bonus_agency import ams
from click.testing import CliRunner

from leadanalytics.bonuses import (
    approve_batch,
    bonuses_list,
    close_period,
    get_batch,
    mark_batch_paid,
    resolve_bonus,
)
from leadanalytics.cli import cli
from leadanalytics.exceptions import (
    BatchInReview,
    BatchStateError,
    NotAllowed,
    NotFound,
    RuleViolation,
)

D = dt.date.fromisoformat
NOW = ams("2026-05-02", "09:00")      # the real time of the steps, fixed for the tests


def status(w, lead_id, as_of):
    df = bonuses_list(w, D(as_of))
    r = df[df.lead_id == lead_id].iloc[0]
    return r.status


@pytest.fixture
def agency(agency):
    agency.many([
        ("insert into store.people (person_id, name, email, role) values (?, ?, ?, ?)", p)
        for p in (["P-F1", "Fin One", "f1@x.nl", "finance"],
                  ["P-F2", "Fin Two", "f2@x.nl", "employee|finance"],
                  ["P-RD", "Dir", "rd@x.nl", "regional_director"])
    ])
    return agency


@pytest.fixture
def earned(agency):
    """L-1 earned 2026-03-16 (due 2026-04-25); L-2 placement 2026-03-04; L-3 earned 2026-04-06
    (due 2026-05-25); L-4 pending."""
    a = agency
    a1 = a.lead("L-1", won="2026-02-20")
    a.lead("L-2", won="2026-03-04", permanent=True)
    a3 = a.lead("L-3", won="2026-03-01", business_unit="Interim juristen")
    a4 = a.lead("L-4", won="2026-03-01")
    a.lines([("x1", a1, "100", "2026-03-16"), ("x3", a3, "100", "2026-04-06"),
             ("x4", a4, "10", "2026-03-16")])
    return a


def test_full_flow_with_four_eyes(warehouse, earned):
    r = close_period(warehouse, "2026-04", "P-F1", at=NOW)
    assert r.created and r.batch.batch_id == "B-2026-04"
    assert [(i["lead_id"], i["amount_eur"]) for i in r.items] == [
        ("L-1", Decimal("250.00")), ("L-2", Decimal("500.00"))]
    assert r.batch.status == "prepared" and r.batch.prepared_by == "P-F1"
    with pytest.raises(NotAllowed) as info:
        approve_batch(warehouse, "B-2026-04", "P-F1", at=NOW)
    assert info.value.rule == "four_eyes"
    with pytest.raises(BatchStateError):
        mark_batch_paid(warehouse, "B-2026-04", "P-F1", at=NOW)
    with pytest.raises(NotAllowed):
        approve_batch(warehouse, "B-2026-04", "P-RD", at=NOW)       # not finance
    b = approve_batch(warehouse, "B-2026-04", "P-F2", at=NOW + dt.timedelta(days=1))
    assert (b.status, b.approved_by) == ("approved", "P-F2")
    with pytest.raises(BatchStateError) as info:
        approve_batch(warehouse, "B-2026-04", "P-F2", at=NOW)
    assert info.value.state == "approved"
    b = mark_batch_paid(warehouse, "2026-04", "P-F1", at=NOW + dt.timedelta(days=2))
    assert (b.status, b.paid_by, b.paid_at.date()) == ("paid", "P-F1", D("2026-05-04"))
    with pytest.raises(BatchStateError) as info:
        mark_batch_paid(warehouse, "B-2026-04", "P-F1", at=NOW)
    assert "paid" in str(info.value)
    # batch states are dated by the real time of each step
    assert [status(warehouse, "L-1", d) for d in
            ("2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04")] == [
        "earned", "in_batch", "approved", "paid"]
    assert status(warehouse, "L-3", "2026-05-04") == "earned"     # due in May
    assert status(warehouse, "L-4", "2026-05-04") == "pending"


def test_closing_twice_returns_the_same_batch_unchanged(warehouse, earned):
    first = close_period(warehouse, "2026-04", "P-F1", at=NOW)
    earned.lead("L-5", won="2026-03-02", permanent=True)        # due in April too, but late
    again = close_period(warehouse, "2026-04", "P-F2", at=NOW + dt.timedelta(days=3))
    assert not again.created and again.batch == first.batch
    assert again.items == first.items
    assert "already closed" in again.summary()
    late = close_period(warehouse, "2026-05", "P-F1", at=NOW + dt.timedelta(days=3))
    assert [i["lead_id"] for i in late.items] == ["L-3", "L-5"]   # the late one goes next month


def test_nothing_due_makes_no_batch_and_says_why(warehouse, earned):
    r = close_period(warehouse, "2026-03", "P-F1", at=NOW)
    assert r.batch is None and not r.created
    assert (r.earned_later, r.earliest_month, r.pending) == (2, "2026-04", 2)
    assert "2 bonus(es) earned but due in a later month (earliest 2026-04)" in r.summary()
    assert warehouse.sql("select count(*) as n from bonus_batches")["n"][0] == 0


def test_dry_run_writes_nothing(warehouse, earned):
    r = close_period(warehouse, "2026-04", "P-F1", dry_run=True, at=NOW)
    assert [i["lead_id"] for i in r.items] == ["L-1", "L-2"] and r.batch is None
    assert warehouse.sql("select count(*) as n from bonus_batch_items")["n"][0] == 0


def test_month_after_the_current_one_is_refused(warehouse, earned):
    with pytest.raises(RuleViolation) as info:
        close_period(warehouse, "2026-06", "P-F1", at=NOW)
    assert info.value.rule == "period_in_future"
    close_period(warehouse, "2026-05", "P-F1", at=NOW)         # the current month is fine


def test_an_earlier_month_may_be_closed_after_a_later_one(warehouse, earned):
    may = close_period(warehouse, "2026-05", "P-F1", at=NOW)
    assert [i["lead_id"] for i in may.items] == ["L-1", "L-2", "L-3"]
    april = close_period(warehouse, "2026-04", "P-F1", at=NOW)
    assert april.batch is None and april.items == []          # nothing twice


def test_only_finance_closes_and_unknown_people_are_named(warehouse, earned):
    with pytest.raises(NotAllowed) as info:
        close_period(warehouse, "2026-04", "P-EMP", at=NOW)
    assert info.value.person_id == "P-EMP" and "finance" in str(info.value)
    with pytest.raises(NotFound):
        close_period(warehouse, "2026-04", "P-NOBODY", at=NOW)


def test_delegated_finance_may_act_inside_the_window(warehouse, earned):
    earned.sql("insert into store.delegations values ('P-F2', 'P-RD', 'finance', ?, ?, null)",
               [D("2026-05-01"), D("2026-05-10")])
    close_period(warehouse, "2026-04", "P-F1", at=NOW)
    assert approve_batch(warehouse, "B-2026-04", "P-RD", at=NOW).status == "approved"
    with pytest.raises(NotAllowed):
        mark_batch_paid(warehouse, "B-2026-04", "P-RD", at=ams("2026-05-11"))


def test_batch_keeps_amount_and_scheme_when_closed(warehouse, earned):
    close_period(warehouse, "2026-04", "P-F1", at=NOW)
    earned.sql("update store.leads set business_unit = 'Interim juristen' where lead_id = 'L-1'")
    r = bonuses_list(warehouse, D("2026-05-02")).set_index("lead_id")
    assert r.loc["L-1", "amount_eur"] == Decimal("250.00")       # the item's, not today's 400


def test_revision_below_threshold_after_batch_is_review_then_resolved(warehouse, earned):
    close_period(warehouse, "2026-04", "P-F1", at=NOW)
    earned.line("x1", "A-L-1", "99", "2026-05-05", revision=2)
    assert status(warehouse, "L-1", "2026-05-04") == "in_batch"
    assert status(warehouse, "L-1", "2026-05-05") == "review"
    with pytest.raises(RuleViolation):
        resolve_bonus(warehouse, "L-2", "keep", "P-F1", at=ams("2026-05-06"))   # not in review
    r = resolve_bonus(warehouse, "L-1", "keep", "P-F1", at=ams("2026-05-06"))
    assert r["loss_since"] == D("2026-05-05")
    assert status(warehouse, "L-1", "2026-05-05") == "review"     # decided the next day
    assert status(warehouse, "L-1", "2026-05-06") == "in_batch"
    # earned again, then lost again: a new review
    earned.lines([("x1", "A-L-1", "100", "2026-05-07", 3), ("x1", "A-L-1", "90", "2026-05-08", 4)])
    assert status(warehouse, "L-1", "2026-05-07") == "in_batch"
    assert status(warehouse, "L-1", "2026-05-08") == "review"


def test_clawback_goes_into_the_next_batch_and_closes_the_bonus(warehouse, earned):
    close_period(warehouse, "2026-04", "P-F1", at=NOW)
    approve_batch(warehouse, "B-2026-04", "P-F2", at=NOW)
    mark_batch_paid(warehouse, "B-2026-04", "P-F1", at=NOW)
    earned.line("x1", "A-L-1", "50", "2026-05-05", revision=2)
    assert status(warehouse, "L-1", "2026-05-05") == "review"
    resolve_bonus(warehouse, "L-1", "clawback", "P-F2", at=ams("2026-05-06"))
    with pytest.raises(RuleViolation):
        resolve_bonus(warehouse, "L-1", "keep", "P-F2", at=ams("2026-05-06"))
    assert status(warehouse, "L-1", "2026-05-06") == "in_batch"   # answered: waits for a batch
    earned.line("x1", "A-L-1", "100", "2026-05-07", revision=3)    # earned again: a recovery
    assert status(warehouse, "L-1", "2026-05-07") == "review"
    may = close_period(warehouse, "2026-05", "P-F1", at=ams("2026-05-31", "18:00"))
    lines = {(i["lead_id"], i["kind"]): i["amount_eur"] for i in may.items}
    assert lines == {("L-1", "clawback"): Decimal("-250.00"), ("L-3", "bonus"): Decimal("400.00")}
    # the spec (issue 21): no approval while a bonus in the batch is review; a kept recovery
    # stays clawed back
    with pytest.raises(BatchInReview):
        approve_batch(warehouse, "B-2026-05", "P-F2", at=ams("2026-06-01"))
    resolve_bonus(warehouse, "L-1", "keep", "P-F1", at=ams("2026-06-01"))
    approve_batch(warehouse, "B-2026-05", "P-F2", at=ams("2026-06-01", "11:00"))
    assert status(warehouse, "L-1", "2026-06-01") == "approved"
    mark_batch_paid(warehouse, "B-2026-05", "P-F1", at=ams("2026-06-02"))
    assert status(warehouse, "L-1", "2026-06-02") == "clawed_back"
    paid_april = get_batch(warehouse, "B-2026-04")
    assert paid_april.total_eur == Decimal("750.00")             # the paid row is never edited


def test_clawback_alone_makes_a_batch(warehouse, agency):
    a1 = agency.lead("L-1", won="2026-02-20")
    agency.line("x1", a1, "100", "2026-03-16")
    close_period(warehouse, "2026-04", "P-F1", at=NOW)
    approve_batch(warehouse, "B-2026-04", "P-F2", at=NOW)    # paid: the clawback goes next
    mark_batch_paid(warehouse, "B-2026-04", "P-F1", at=NOW)  # (issue 21: an unpaid one takes it)
    agency.line("x1", a1, "0", "2026-05-05", revision=2)
    resolve_bonus(warehouse, "L-1", "clawback", "P-F1", at=ams("2026-05-06"))
    r = close_period(warehouse, "2026-05", "P-F1", at=ams("2026-05-07"))
    assert r.created and [(i["kind"], i["amount_eur"]) for i in r.items] == [
        ("clawback", Decimal("-250.00"))]


def test_cli_batch_flow_exit_codes(committed, warehouse, earned, db_path):
    def run(*args):
        return CliRunner().invoke(cli, ["--db", str(db_path), "bonuses", *args])

    assert run("close-period", "2026-13", "--by", "P-F1").exit_code == 1
    assert run("close-period", "2026-04").exit_code == 2              # --by is required
    r = run("close-period", "2026-04", "--by", "P-F1", "--json")
    assert r.exit_code == 0 and '"batch_id": "B-2026-04"' in r.stdout
    r = run("approve", "B-2026-04", "--by", "P-F1")
    assert r.exit_code == 1 and "four_eyes" in r.stderr
    r = run("mark-paid", "B-2026-04", "--by", "P-F1")
    assert r.exit_code == 1 and "is prepared" in r.stderr
    assert run("approve", "B-2026-04", "--by", "P-F2").exit_code == 0
    r = run("approve", "B-2026-04", "--by", "P-F2")
    assert r.exit_code == 1 and "is approved" in r.stderr
    assert run("mark-paid", "B-2026-04", "--by", "P-F1").exit_code == 0
    assert run("approve", "B-9999-01", "--by", "P-F2").exit_code == 1
    assert run("resolve", "L-1", "--by", "P-F1").exit_code == 2
    r = run("resolve", "L-1", "--keep", "--by", "P-F1")
    assert r.exit_code == 1 and "paid" in r.stderr
