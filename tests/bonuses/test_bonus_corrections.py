"""Corrections after a batch and the controls before money moves (bonus-rules.md, "Corrections
after a batch", "Controls before money moves"; issue 21, items 1 and 2): lines alternate bonus,
clawback, reinstatement; `review` is any disagreement of their sum with the condition; a new line
goes into the unpaid batch of the latest line (withdrawing its approval) or the next batch;
approve and mark-paid refuse while a bonus in the batch is `review`.

Expected values by hand from the spec: lead L-1 (business unit ICT, scheme 2026: 250.00 EUR,
threshold 100 h, payout day 25, one month later) reaches 100 h on 2026-03-16, so it is due
2026-04-25; L-2 is a permanent role (placement, 500.00 EUR) won 2026-03-04, due 2026-04-25.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import duckdb
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
from leadanalytics.bonuses.explain import explain_bonus
from leadanalytics.cli import cli
from leadanalytics.exceptions import BatchInReview, LeadAnalyticsError, NotAllowed, RuleViolation

D = dt.date.fromisoformat
NOW = ams("2026-05-02", "09:00")
SCHEMA = Path(__file__).resolve().parents[2] / "sql" / "schema"


def row(w, lead_id: str, as_of: str) -> dict:
    df = bonuses_list(w, D(as_of))
    return df[df.lead_id == lead_id].iloc[0].to_dict()


def status(w, lead_id: str, as_of: str) -> str:
    return row(w, lead_id, as_of)["status"]


def lines(w, lead_id: str) -> list[tuple]:
    """(position, kind, amount, batch) of a bonus's lines."""
    return [tuple(r) for r in w.sql(
        "select position, kind, amount_eur, batch_id from bonus_batch_items "
        "where lead_id = $l order by position", l=lead_id).itertuples(index=False)]


@pytest.fixture
def agency(agency):
    agency.many([
        ("insert into store.people (person_id, name, email, role) values (?, ?, ?, ?)", p)
        for p in (["P-F1", "Fin One", "f1@x.nl", "finance"],
                  ["P-F2", "Fin Two", "f2@x.nl", "finance"],
                  ["P-F3", "Fin Three", "f3@x.nl", "finance"])
    ])
    return agency


@pytest.fixture
def batched(warehouse, agency):
    """L-1 (250.00, due 2026-04-25) and L-2 (placement, 500.00) in B-2026-04, prepared by P-F1
    on 2026-05-02."""
    a1 = agency.lead("L-1", won="2026-02-20")
    agency.lead("L-2", won="2026-03-04", permanent=True)
    agency.line("x1", a1, "100", "2026-03-16")
    close_period(warehouse, "2026-04", "P-F1", at=NOW)
    return agency


@pytest.fixture
def paid(warehouse, batched):
    """B-2026-04 approved by P-F2 and paid by P-F1, both on 2026-05-02."""
    approve_batch(warehouse, "B-2026-04", "P-F2", at=NOW)
    mark_batch_paid(warehouse, "B-2026-04", "P-F1", at=ams("2026-05-02", "10:00"))
    return batched


@pytest.fixture
def clawed_back(warehouse, paid):
    """L-1 lost on 2026-05-05 (50 h), clawed back on 05-06 into B-2026-05 (closed 05-07 by P-F1,
    approved 05-08 by P-F2, paid 05-09 by P-F1)."""
    paid.line("x1", "A-L-1", "50", "2026-05-05", revision=2)
    resolve_bonus(warehouse, "L-1", "clawback", "P-F2", reason="week 11 corrected",
                  at=ams("2026-05-06"))
    close_period(warehouse, "2026-05", "P-F1", at=ams("2026-05-07"))
    approve_batch(warehouse, "B-2026-05", "P-F2", at=ams("2026-05-08"))
    mark_batch_paid(warehouse, "B-2026-05", "P-F1", at=ams("2026-05-09"))
    return paid


# --------------------------------------------------------------------------- lines alternate

def test_clawback_then_recovery_is_review_and_a_reinstatement_line_follows(warehouse,
                                                                          clawed_back):
    assert status(warehouse, "L-1", "2026-05-05") == "review"        # the loss, unanswered
    assert status(warehouse, "L-1", "2026-05-06") == "in_batch"      # answered: waits for May
    assert status(warehouse, "L-1", "2026-05-08") == "approved"
    assert status(warehouse, "L-1", "2026-05-09") == "clawed_back"
    clawed_back.line("x1", "A-L-1", "100", "2026-05-12", revision=3)  # back above: a recovery
    assert status(warehouse, "L-1", "2026-05-11") == "clawed_back"
    assert status(warehouse, "L-1", "2026-05-12") == "review"
    r = resolve_bonus(warehouse, "L-1", "reinstate", "P-F2", reason="week 11 restored",
                      at=ams("2026-05-13"))
    assert (r["kind"], r["amount_eur"], r["earned_on"], r["payout_date"], r["batch_id"]) == (
        "reinstatement", Decimal("250.00"), D("2026-05-12"), D("2026-06-25"), None)
    # latest positive line: the reinstatement's amount and dates
    got = row(warehouse, "L-1", "2026-05-13")
    assert (got["status"], got["amount_eur"], got["earned_on"], got["payout_date"]) == (
        "in_batch", Decimal("250.00"), D("2026-05-12"), D("2026-06-25"))
    june = close_period(warehouse, "2026-06", "P-F1", at=ams("2026-06-01"))
    assert june.created and [(i["lead_id"], i["kind"], i["amount_eur"], i["earned_on"])
                             for i in june.items] == [
        ("L-1", "reinstatement", Decimal("250.00"), D("2026-05-12"))]
    assert lines(warehouse, "L-1") == [
        (1, "bonus", Decimal("250.00"), "B-2026-04"),
        (2, "clawback", Decimal("-250.00"), "B-2026-05"),
        (3, "reinstatement", Decimal("250.00"), "B-2026-06")]
    approve_batch(warehouse, "B-2026-06", "P-F2", at=ams("2026-06-02"))
    mark_batch_paid(warehouse, "B-2026-06", "P-F1", at=ams("2026-06-03"))
    assert status(warehouse, "L-1", "2026-06-03") == "paid"


def test_keep_on_a_recovery_after_a_clawback_stays_clawed_back(warehouse, clawed_back):
    clawed_back.line("x1", "A-L-1", "100", "2026-05-12", revision=3)
    r = resolve_bonus(warehouse, "L-1", "keep", "P-F2", at=ams("2026-05-13"))
    assert (r["change"], r["loss_since"], r["batch_id"]) == ("recovery", D("2026-05-12"), None)
    assert status(warehouse, "L-1", "2026-05-12") == "review"        # answered the next day
    assert status(warehouse, "L-1", "2026-05-13") == "clawed_back"
    assert len(lines(warehouse, "L-1")) == 2                          # nothing added
    # lost again: the lines (sum zero) agree; back above again: a new change, a new review
    clawed_back.lines([("x1", "A-L-1", "50", "2026-05-14", 4),
                       ("x1", "A-L-1", "100", "2026-05-15", 5)])
    assert status(warehouse, "L-1", "2026-05-14") == "clawed_back"
    assert status(warehouse, "L-1", "2026-05-15") == "review"


def test_lines_in_one_unpaid_batch_net_out_and_show_its_state(warehouse, batched):
    batched.line("x1", "A-L-1", "50", "2026-05-05", revision=2)
    r = resolve_bonus(warehouse, "L-1", "clawback", "P-F2", at=ams("2026-05-06"))
    assert (r["batch_id"], r["approval_withdrawn"]) == ("B-2026-04", False)   # was prepared
    assert status(warehouse, "L-1", "2026-05-06") == "in_batch"
    batched.line("x1", "A-L-1", "100", "2026-05-07", revision=3)
    assert status(warehouse, "L-1", "2026-05-07") == "review"
    resolve_bonus(warehouse, "L-1", "reinstate", "P-F2", at=ams("2026-05-08"))
    assert lines(warehouse, "L-1") == [
        (1, "bonus", Decimal("250.00"), "B-2026-04"),
        (2, "clawback", Decimal("-250.00"), "B-2026-04"),
        (3, "reinstatement", Decimal("250.00"), "B-2026-04")]
    assert get_batch(warehouse, "B-2026-04").total_eur == Decimal("750.00")   # 250 + 500
    got = row(warehouse, "L-1", "2026-05-08")
    assert (got["status"], got["earned_on"], got["payout_date"]) == (
        "in_batch", D("2026-05-07"), D("2026-06-25"))


def test_a_clawback_into_an_approved_unpaid_batch_withdraws_its_approval(warehouse, batched):
    approve_batch(warehouse, "B-2026-04", "P-F2", at=NOW)
    batched.line("x1", "A-L-1", "50", "2026-05-05", revision=2)
    r = resolve_bonus(warehouse, "L-1", "clawback", "P-F3", reason="week 11 corrected",
                      at=ams("2026-05-06"))
    assert (r["batch_id"], r["approval_withdrawn"]) == ("B-2026-04", True)
    b = get_batch(warehouse, "B-2026-04")
    assert (b.status, b.approved_by, b.total_eur) == ("prepared", None, Decimal("500.00"))
    withdrawn = warehouse.sql("select batch_id, approved_by, withdrawn_by, lead_id, reason "
                              "from store.bonus_approval_withdrawals").iloc[0].to_dict()
    assert withdrawn == {"batch_id": "B-2026-04", "approved_by": "P-F2", "withdrawn_by": "P-F3",
                         "lead_id": "L-1",
                         "reason": "clawback line of lead L-1 added by P-F3: week 11 corrected"}
    # the approval stood on the days before it was withdrawn
    assert status(warehouse, "L-2", "2026-05-05") == "approved"
    assert status(warehouse, "L-2", "2026-05-06") == "in_batch"
    assert status(warehouse, "L-1", "2026-05-06") == "in_batch"
    for person, why in (("P-F1", "closed the period"), ("P-F3", "added a line")):
        with pytest.raises(NotAllowed) as info:
            approve_batch(warehouse, "B-2026-04", person, at=ams("2026-05-07"))
        assert info.value.rule == "four_eyes" and why in str(info.value)
    approve_batch(warehouse, "B-2026-04", "P-F2", at=ams("2026-05-07"))
    assert status(warehouse, "L-1", "2026-05-07") == "approved"
    mark_batch_paid(warehouse, "B-2026-04", "P-F1", at=ams("2026-05-08"))
    assert status(warehouse, "L-1", "2026-05-08") == "clawed_back"
    assert status(warehouse, "L-2", "2026-05-08") == "paid"
    # never paid and taken back in two runs: nothing left for the next batch
    assert close_period(warehouse, "2026-05", "P-F1", at=ams("2026-05-09")).items == []


def test_reinstate_on_a_loss_is_refused(warehouse, batched):
    batched.line("x1", "A-L-1", "50", "2026-05-05", revision=2)
    with pytest.raises(RuleViolation) as info:
        resolve_bonus(warehouse, "L-1", "reinstate", "P-F2", at=ams("2026-05-06"))
    assert info.value.rule == "resolve_answers_other_change"
    assert "its review is a loss" in str(info.value)


def test_clawback_on_a_recovery_is_refused(warehouse, clawed_back):
    clawed_back.line("x1", "A-L-1", "100", "2026-05-12", revision=3)
    with pytest.raises(RuleViolation) as info:
        resolve_bonus(warehouse, "L-1", "clawback", "P-F2", at=ams("2026-05-13"))
    assert info.value.rule == "resolve_answers_other_change" and "recovery" in str(info.value)


@pytest.mark.parametrize("decision", ["keep", "clawback", "reinstate"])
def test_resolve_needs_review(warehouse, batched, decision):
    with pytest.raises(RuleViolation) as info:
        resolve_bonus(warehouse, "L-1", decision, "P-F2", at=ams("2026-05-06"))
    assert info.value.rule == "resolve_needs_review" and "in_batch" in str(info.value)


# --------------------------------------------------------------------------- controls

@pytest.mark.parametrize("step", ["approve", "mark-paid"])
def test_steps_refused_while_a_bonus_in_the_batch_is_review(warehouse, batched, step):
    if step == "mark-paid":
        approve_batch(warehouse, "B-2026-04", "P-F2", at=NOW)
    batched.line("x1", "A-L-1", "99", "2026-05-05", revision=2)
    fn = approve_batch if step == "approve" else mark_batch_paid
    by = "P-F2" if step == "approve" else "P-F1"
    with pytest.raises(BatchInReview) as info:
        fn(warehouse, "B-2026-04", by, at=ams("2026-05-05"))
    e = info.value
    assert isinstance(e, LeadAnalyticsError) and e.rule == "batch_in_review"
    assert (e.batch_id, e.day) == ("B-2026-04", "2026-05-05")
    assert e.leads == [("L-1", "99.00 h invoiced, below the threshold of 100.00 h since "
                               "2026-05-05 (a loss not yet answered)")]
    assert "L-2" not in str(e)
    # the day before the correction the step goes through
    fn(warehouse, "B-2026-04", by, at=ams("2026-05-04"))


@pytest.mark.parametrize("step", ["approve", "mark-paid"])
def test_cli_steps_refused_while_review(committed, warehouse, batched, db_path, monkeypatch,
                                        step):
    if step == "mark-paid":
        approve_batch(warehouse, "B-2026-04", "P-F2", at=NOW)
    batched.line("x1", "A-L-1", "99", "2026-05-05", revision=2)
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-05-06")
    by = "P-F2" if step == "approve" else "P-F1"
    r = CliRunner().invoke(cli, ["--db", str(db_path), "bonuses", step, "B-2026-04", "--by", by])
    assert r.exit_code == 1
    assert "L-1: 99.00 h invoiced, below the threshold of 100.00 h since 2026-05-05" in r.stderr
    assert "Traceback" not in r.output


def test_a_recovery_is_named_in_a_refusal(warehouse, batched):
    batched.line("x1", "A-L-1", "50", "2026-05-05", revision=2)
    resolve_bonus(warehouse, "L-1", "clawback", "P-F2", at=ams("2026-05-06"))   # into B-2026-04
    batched.line("x1", "A-L-1", "120", "2026-05-07", revision=3)
    with pytest.raises(BatchInReview) as info:
        approve_batch(warehouse, "B-2026-04", "P-F3", at=ams("2026-05-07"))
    assert info.value.leads == [(
        "L-1", "120.00 h invoiced, at or above the threshold of 100.00 h since 2026-05-07 "
               "(a recovery after a clawback not yet answered)")]


@pytest.mark.parametrize("steps", [(), ("approve",), ("approve", "mark-paid")])
def test_dry_run_on_a_closed_month_names_the_batch_and_its_state(committed, warehouse, batched,
                                                                 db_path, monkeypatch, steps):
    if "approve" in steps:
        approve_batch(warehouse, "B-2026-04", "P-F2", at=NOW)
    if "mark-paid" in steps:
        mark_batch_paid(warehouse, "B-2026-04", "P-F1", at=NOW)
    state = {(): "prepared", ("approve",): "approved"}.get(steps, "paid")
    r = close_period(warehouse, "2026-04", "P-F3", dry_run=True, at=ams("2026-05-03"))
    assert r.summary() == (f"period 2026-04 was already closed: batch B-2026-04 ({state}, "
                           "2 items, 750.00 EUR), unchanged (dry run, nothing written)")
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-05-03")
    out = CliRunner().invoke(cli, ["--db", str(db_path), "bonuses", "close-period", "2026-04",
                                   "--by", "P-F3", "--dry-run"])
    assert out.exit_code == 0 and "would hold" not in out.output
    assert "already closed: batch B-2026-04" in out.stderr and out.stdout == ""
    data = json.loads(CliRunner().invoke(cli, [
        "--db", str(db_path), "bonuses", "close-period", "2026-04", "--by", "P-F3", "--dry-run",
        "--json"]).stdout)
    assert (data["already_closed"], data["batch_id"], data["status"]) == (
        True, "B-2026-04", state)


# --------------------------------------------------------------------------- explain, CLI

def test_explain_numbers_each_step_once(warehouse, clawed_back):
    clawed_back.line("x1", "A-L-1", "100", "2026-05-12", revision=3)
    resolve_bonus(warehouse, "L-1", "reinstate", "P-F2", reason="restored", at=ams("2026-05-13"))
    steps = explain_bonus(warehouse, "L-1", D("2026-05-13"))["steps"]
    numbers = [s.split(".")[0] for s in steps if s[:1].isdigit()]
    assert numbers == ["1", "2", "3", "4", "5", "6", "7", "8"]
    text = "\n".join(steps)
    for words in ("   1. bonus 250.00 EUR", "   2. clawback -250.00 EUR",
                  "decided by P-F2", "week 11 corrected",
                  "   3. reinstatement 250.00 EUR, earned_on 2026-05-12, payout 2026-06-25, in "
                  "waiting for the next period closed",
                  "8. Sum of the lines as of 2026-05-13: 250.00 EUR; the condition holds; the "
                  "sum agrees with the condition."):
        assert words in text, words
    review = "\n".join(explain_bonus(warehouse, "L-1", D("2026-05-12"))["steps"])
    assert "a recovery since 2026-05-12 not yet answered" in review
    assert "3. reinstatement" not in review                       # decided the next day


def test_cli_resolve_reinstate_with_reason(committed, warehouse, clawed_back, db_path,
                                           monkeypatch):
    clawed_back.line("x1", "A-L-1", "100", "2026-05-12", revision=3)
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-05-13")
    base = ["--db", str(db_path), "bonuses", "resolve", "L-1"]
    assert CliRunner().invoke(cli, [*base, "--by", "P-F2"]).exit_code == 2
    r = CliRunner().invoke(cli, [*base, "--clawback", "--by", "P-F2"])
    assert r.exit_code == 1 and "recovery" in r.stderr
    r = CliRunner().invoke(cli, [*base, "--reinstate", "--reason", "restored", "--by", "P-F2",
                                 "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert (data["kind"], data["amount_eur"], data["earned_on"], data["reason"]) == (
        "reinstatement", "250.00", "2026-05-12", "restored")


def test_migration_20_gives_old_items_positions(tmp_path):
    """An older file's items (a bonus and its clawback, key (lead_id, kind)) get positions 1 and
    2, who added them (the batch's preparer), and the clawback resolution its line."""
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    con.execute("create schema store")
    con.execute((SCHEMA / "0004_bonuses.sql").read_text())
    con.execute("insert into store.bonus_batches values ('B-2026-04', '2026-04', 'P-F1', "
                "'2026-05-02 09:00+02', 'P-F2', '2026-05-02 10:00+02', 'P-F1', "
                "'2026-05-02 11:00+02'), ('B-2026-05', '2026-05', 'P-F2', "
                "'2026-05-31 09:00+02', null, null, null, null)")
    con.execute("insert into store.bonus_batch_items values "
                "('B-2026-05', 'L-1', 'clawback', 'P-EMP', 'A-L-1', '2026', 'hours', 100, 50, "
                "'2026-03-16', '2026-04-25', -250), "
                "('B-2026-04', 'L-1', 'bonus', 'P-EMP', 'A-L-1', '2026', 'hours', 100, 100, "
                "'2026-03-16', '2026-04-25', 250)")
    con.execute("insert into store.bonus_resolutions values "
                "('L-1', 'clawback', '2026-05-05', 'P-F2', '2026-05-06 10:00+02')")
    for _ in range(2):                                            # safe to run twice
        con.execute((SCHEMA / "0020_bonus_item_positions.sql").read_text())
    assert con.execute("select position, kind, batch_id, added_by from store.bonus_batch_items "
                       "order by position").fetchall() == [
        (1, "bonus", "B-2026-04", "P-F1"), (2, "clawback", "B-2026-05", "P-F2")]
    assert con.execute("select change, position, amount_eur, batch_id, earned_on "
                       "from store.bonus_resolutions").fetchall() == [
        ("loss", 2, Decimal("-250.00"), "B-2026-05", D("2026-03-16"))]
    con.execute("insert into store.bonus_batch_items select * replace (3 as position) "
                "from store.bonus_batch_items where position = 2")     # a second clawback fits
    with pytest.raises(duckdb.ConstraintException):                      # one line a position
        con.execute("insert into store.bonus_batch_items select * "
                    "from store.bonus_batch_items where position = 2")


def test_explain_shows_a_line_as_waiting_before_its_batch_was_closed(warehouse, clawed_back):
    before = "\n".join(explain_bonus(warehouse, "L-1", D("2026-05-06"))["steps"])
    assert ("   2. clawback -250.00 EUR, earned_on 2026-03-16, payout 2026-04-25, in waiting for "
            "the next period closed; decided by P-F2") in before
    after = "\n".join(explain_bonus(warehouse, "L-1", D("2026-05-09"))["steps"])
    assert "   2. clawback -250.00 EUR, earned_on 2026-03-16, payout 2026-04-25, in batch B-2026-05" \
        in after
    assert "Status: clawed_back" in after


# --------------------------------------------------------------------------- notices

def notices(w, kind: str) -> list[dict]:
    return w.sql("select to_person_id, to_address, language, subject, body, dedupe_key "
                 "from outbox where kind = $k order by message_id", k=kind).to_dict("records")


def flat(text: str) -> str:
    return " ".join(text.split())


def test_review_notice_goes_to_finance_once_per_change(warehouse, batched):
    from leadanalytics.notify import queue_bonus_notifications

    batched.many([
        ("insert into store.people (person_id, name, email, role, active) values (?, ?, ?, ?, ?)",
         p) for p in (["P-F4", "Fin Gone", "f4@x.nl", "finance", False],      # inactive
                      ["P-F5", "Fin Mute", None, "finance", True],            # no address
                      ["P-RD", "Regio", "rd@x.nl", "regional_director", True])]
    )
    batched.sql("update store.people set language = 'en' where person_id = 'P-F2'")
    assert queue_bonus_notifications(warehouse, D("2026-05-04"))["bonus_review"] == 0
    batched.line("x1", "A-L-1", "50", "2026-05-05", revision=2)               # a loss
    assert queue_bonus_notifications(warehouse, D("2026-05-05"))["bonus_review"] == 3
    assert queue_bonus_notifications(warehouse, D("2026-05-05"))["bonus_review"] == 0   # twice
    assert queue_bonus_notifications(warehouse, D("2026-05-06"))["bonus_review"] == 0   # same change
    sent = notices(warehouse, "bonus_review")
    assert [n["to_address"] for n in sent] == ["f1@x.nl", "f2@x.nl", "f3@x.nl"]   # finance only
    nl, en = sent[0], sent[1]
    assert (nl["language"], en["language"]) == ("nl", "en")
    assert nl["subject"] == "Lead L-1: bonus te beoordelen (een verlies)"
    assert en["subject"] == "Lead L-1: bonus to review (a loss)"
    body = flat(nl["body"])
    for words in ("Beste Fin One", "indiener Name P-EMP", "€ 250,00, klopt niet meer met de voorwaarde (de laatste regel staat in "
                  "uitbetalingsbatch B-2026-04)",
                  "onder de drempel (50 van 100 uur) sinds 5 mei 2026",
                  "leadanalytics bonuses resolve L-1 --clawback --reason TEKST --by JIJ",
                  "leadanalytics bonuses resolve L-1 --keep"):
        assert words in body, words
    body = flat(en["body"])
    for words in ("Dear Fin Two", "submitter Name P-EMP", "€250.00, no longer agrees with its condition (its latest line is in payout "
                  "batch B-2026-04)",
                  "below the threshold (50 of 100 hours) since 5 May 2026",
                  "resolve L-1 --clawback --reason TEXT --by YOU"):
        assert words in body, words
    assert "--reinstate" not in body
    # answered, then a new change (a recovery after the clawback): a new notice
    resolve_bonus(warehouse, "L-1", "clawback", "P-F2", reason="corrected", at=ams("2026-05-06"))
    assert queue_bonus_notifications(warehouse, D("2026-05-06"))["bonus_review"] == 0
    batched.line("x1", "A-L-1", "120", "2026-05-07", revision=3)
    assert queue_bonus_notifications(warehouse, D("2026-05-07"))["bonus_review"] == 3
    assert queue_bonus_notifications(warehouse, D("2026-05-08"))["bonus_review"] == 0
    recovery = notices(warehouse, "bonus_review")[-2]
    assert recovery["subject"] == "Lead L-1: bonus to review (a recovery after a clawback)"
    assert "at or above the threshold (120 of 100 hours) since 7 May 2026" in flat(
        recovery["body"])
    assert "resolve L-1 --reinstate --reason TEXT --by YOU" in recovery["body"]
    assert len({n["dedupe_key"] for n in notices(warehouse, "bonus_review")}) == 6


def test_review_notice_in_the_language_forced_for_the_run(warehouse, batched):
    from leadanalytics.notify import queue_bonus_notifications

    batched.line("x1", "A-L-1", "50", "2026-05-05", revision=2)
    queue_bonus_notifications(warehouse, D("2026-05-05"), "en")
    assert {n["language"] for n in notices(warehouse, "bonus_review")} == {"en"}


def test_a_clawback_and_a_reinstatement_notify_the_submitter_with_the_reason(warehouse,
                                                                           clawed_back):
    (claw,) = notices(warehouse, "bonus_correction")           # decided on 05-06 in the fixture
    assert (claw["to_person_id"], claw["to_address"], claw["language"]) == (
        "P-EMP", "p-emp@example.nl", "nl")
    assert claw["subject"] == "Je bonus voor lead L-1 wordt teruggevorderd"
    body = flat(claw["body"])
    for words in ("Beste Name P-EMP", "Op 6 mei 2026 heeft de financiële administratie (Fin Two)",
                  "de bonus van € 250,00 met uitbetaaldatum 25 april 2026",
                  "in de volgende uitbetalingsbatch",       # B-2026-04 was paid: waits
                  "De reden die de financiële administratie gaf: week 11 corrected"):
        assert words in body, words
    assert claw["dedupe_key"] == "bonus_correction:L-1:2"
    clawed_back.sql("update store.people set language = 'en' where person_id = 'P-EMP'")
    clawed_back.line("x1", "A-L-1", "100", "2026-05-12", revision=3)
    resolve_bonus(warehouse, "L-1", "reinstate", "P-F2", at=ams("2026-05-13"))   # no reason
    rein = notices(warehouse, "bonus_correction")[-1]
    assert (rein["language"], rein["subject"]) == ("en", "Your bonus for lead L-1 is reinstated")
    body = flat(rein["body"])
    for words in ("On 13 May 2026 finance (Fin Two) decided to reinstate your bonus for lead L-1",
                  "€250.00 is paid again on 25 June 2026, with the next payout batch",
                  "Finance gave no reason for this decision."):
        assert words in body, words
    assert "reason finance gave" not in body


def test_a_clawback_into_an_unpaid_batch_names_the_batch(warehouse, batched):
    batched.sql("update store.people set language = 'en' where person_id = 'P-EMP'")
    batched.line("x1", "A-L-1", "50", "2026-05-05", revision=2)
    resolve_bonus(warehouse, "L-1", "clawback", "P-F2", reason="  week 11 corrected  ",
                  at=ams("2026-05-06"))
    (claw,) = notices(warehouse, "bonus_correction")
    assert claw["subject"] == "Your bonus for lead L-1 is taken back"
    body = flat(claw["body"])
    assert ("the bonus of €250.00 due on 25 April 2026 is taken back in payout batch B-2026-04 "
            "(period 2026-04)") in body
    assert "The reason finance gave: week 11 corrected Kind regards" in body


def test_keep_sends_nothing_to_the_submitter(warehouse, batched):
    batched.line("x1", "A-L-1", "50", "2026-05-05", revision=2)
    resolve_bonus(warehouse, "L-1", "keep", "P-F2", reason="hours follow next week",
                  at=ams("2026-05-06"))
    assert notices(warehouse, "bonus_correction") == []
    assert warehouse.sql("select count(*) as n from outbox").n[0] == 0


def test_no_correction_notice_without_an_address(warehouse, batched):
    batched.sql("update store.people set email = null where person_id = 'P-EMP'")
    batched.line("x1", "A-L-1", "50", "2026-05-05", revision=2)
    resolve_bonus(warehouse, "L-1", "clawback", "P-F2", reason="x", at=ams("2026-05-06"))
    assert notices(warehouse, "bonus_correction") == []
