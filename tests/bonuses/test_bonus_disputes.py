"""Disputes (bonus-rules.md, "Controls before money moves"; data-contracts.md, "Output: bonuses
list"): who may open and answer one, one open at a time, the `dispute` column of `bonuses list`,
the notices both ways. Expected values written by hand from the spec."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from bonus_agency import ams
from click.testing import CliRunner

import leadanalytics as la
from leadanalytics.bonuses import (
    answer_dispute,
    approve_batch,
    bonuses_list,
    close_period,
    open_dispute,
)
from leadanalytics.cli import cli
from leadanalytics.exceptions import NotAllowed, NotFound, RuleViolation

D = dt.date.fromisoformat


@pytest.fixture
def agency(agency):
    """NL > AMS (the leads' branch) and RTM elsewhere; P-RD directs NL, P-RD-RTM directs RTM;
    P-F1 and P-F2 are finance (P-F2 reads English); P-EMP submitted L-1 (earned 2026-03-16),
    L-2 (pending) and L-3 (not won)."""
    a = agency
    a.branch("NL")
    a.branch("AMS", "NL")
    a.branch("RTM")
    a.many([("insert into store.people (person_id, name, email, role, branch_id, language) "
             "values (?, ?, ?, ?, ?, ?)", p)
            for p in (["P-F1", "Fin One", "f1@x.nl", "finance", "AMS", None],
                      ["P-F2", "Fin Two", "f2@x.nl", "employee|finance", "AMS", "en"],
                      ["P-RD", "Regio Noord", "rd@x.nl", "regional_director", "NL", None],
                      ["P-RD-RTM", "Regio Zuid", "rd2@x.nl", "regional_director", "RTM", None],
                      ["P-OTHER", "Collega", "other@x.nl", "employee", "AMS", None])])
    a1 = a.lead("L-1", won="2026-02-20")
    a2 = a.lead("L-2", won="2026-02-20")
    a.lead("L-3")
    a.lines([("x1", a1, "100", "2026-03-16"), ("x2", a2, "10", "2026-03-16")])
    return a


def dispute_of(w, lead_id, as_of):
    df = bonuses_list(w, D(as_of))
    v = df[df.lead_id == lead_id].iloc[0]["dispute"]
    return None if v is None or v != v else v


def outbox(w):
    return w.sql("select kind, to_person_id, to_address, language, subject, body, ref "
                 "from outbox where kind like 'bonus_dispute%' order by message_id")


def test_submitter_opens_and_finance_answers_the_list_shows_it_day_by_day(warehouse, agency):
    w = warehouse
    d = open_dispute(w, "L-1", "my bonus should be 400.00: juristen", "P-EMP",
                     at=ams("2026-03-20", "09:00"))
    assert (d["dispute_id"], d["lead_id"], d["dispute"], d["opened_by"], d["status"],
            d["amount_eur"]) == (1, "L-1", "open", "P-EMP", "earned", Decimal("250.00"))
    a = answer_dispute(w, "L-1", "ICT leads earn 250.00 under scheme 2026", "P-F1",
                       at=ams("2026-03-24", "15:00"))
    assert (a["dispute_id"], a["dispute"], a["answered_by"]) == (1, "answered", "P-F1")
    assert dispute_of(w, "L-1", "2026-03-19") is None          # not opened yet that day
    assert dispute_of(w, "L-1", "2026-03-20") == "open"
    assert dispute_of(w, "L-1", "2026-03-23") == "open"
    assert dispute_of(w, "L-1", "2026-03-24") == "answered"
    assert dispute_of(w, "L-2", "2026-03-24") is None          # no dispute: empty


def test_the_column_is_last_and_every_other_column_is_unchanged(warehouse, agency):
    before = bonuses_list(warehouse, D("2026-03-31"))
    open_dispute(warehouse, "L-1", "hours missing", "P-EMP", at=ams("2026-03-20"))
    after = bonuses_list(warehouse, D("2026-03-31"))
    assert list(after.columns)[-1] == "dispute"
    assert after.drop(columns="dispute").equals(before.drop(columns="dispute"))
    assert after.dispute.tolist()[0] == "open" and after.dispute.isna().tolist()[1:] == [True]


def test_a_regional_director_over_the_branch_may_dispute(warehouse, agency):
    d = open_dispute(warehouse, "L-1", "the hours of week 12 are missing", "P-RD",
                     at=ams("2026-03-20"))
    assert d["opened_by"] == "P-RD"


@pytest.mark.parametrize("who", ["P-OTHER", "P-RD-RTM", "P-F1"])
def test_anyone_else_is_refused_naming_the_rule(warehouse, agency, who):
    with pytest.raises(NotAllowed) as info:
        open_dispute(warehouse, "L-1", "hours missing", who, at=ams("2026-03-20"))
    assert info.value.rule == "submitter_or_regional_director"
    assert "P-EMP" in str(info.value) and "AMS" in str(info.value)
    assert dispute_of(warehouse, "L-1", "2026-03-31") is None
    assert len(outbox(warehouse)) == 0


def test_a_second_open_dispute_is_refused_a_new_one_after_the_answer_is_not(warehouse, agency):
    w = warehouse
    open_dispute(w, "L-1", "hours missing", "P-EMP", at=ams("2026-03-20"))
    with pytest.raises(RuleViolation) as info:
        open_dispute(w, "L-1", "and the amount is wrong", "P-RD", at=ams("2026-03-21"))
    assert info.value.rule == "one_open_dispute"
    assert "P-EMP" in str(info.value) and "2026-03-20" in str(info.value)
    answer_dispute(w, "L-1", "they arrived", "P-F1", at=ams("2026-03-22"))
    d = open_dispute(w, "L-1", "the amount is wrong", "P-EMP", at=ams("2026-03-23"))
    assert d["dispute_id"] == 2
    assert dispute_of(w, "L-1", "2026-03-22") == "answered"
    assert dispute_of(w, "L-1", "2026-03-23") == "open"      # the latest dispute counts
    view = w.sql("select dispute_id, lead_id, dispute, opened_by, reason, answered_by, "
                 "answer_reason, latest from bonus_disputes order by dispute_id", output="polars")
    assert view.rows() == [
        (1, "L-1", "answered", "P-EMP", "hours missing", "P-F1", "they arrived", False),
        (2, "L-1", "open", "P-EMP", "the amount is wrong", None, None, True)]


@pytest.mark.parametrize("who", ["P-EMP", "P-RD"])
def test_only_finance_answers(warehouse, agency, who):
    open_dispute(warehouse, "L-1", "hours missing", "P-EMP", at=ams("2026-03-20"))
    with pytest.raises(NotAllowed) as info:
        answer_dispute(warehouse, "L-1", "fine", who, at=ams("2026-03-21"))
    assert info.value.rule == "finance_only"
    assert dispute_of(warehouse, "L-1", "2026-03-31") == "open"


def test_no_open_dispute_to_answer_is_refused(warehouse, agency):
    with pytest.raises(RuleViolation) as info:
        answer_dispute(warehouse, "L-1", "nothing to answer", "P-F1", at=ams("2026-03-21"))
    assert info.value.rule == "no_open_dispute"
    open_dispute(warehouse, "L-1", "hours missing", "P-EMP", at=ams("2026-03-20"))
    answer_dispute(warehouse, "L-1", "they arrived", "P-F1", at=ams("2026-03-21"))
    with pytest.raises(RuleViolation) as info:                # answered once only
        answer_dispute(warehouse, "L-1", "again", "P-F2", at=ams("2026-03-22"))
    assert info.value.rule == "no_open_dispute"


@pytest.mark.parametrize("lead_id", ["L-3", "L-NONE"])
def test_only_a_won_leads_bonus_may_be_disputed(warehouse, agency, lead_id):
    with pytest.raises(NotFound):
        open_dispute(warehouse, lead_id, "where is my bonus", "P-EMP", at=ams("2026-03-20"))


def test_a_dispute_is_refused_before_the_lead_is_won(warehouse, agency):
    with pytest.raises(NotFound):
        open_dispute(warehouse, "L-1", "early", "P-EMP", at=ams("2026-02-19"))


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(warehouse, agency, reason):
    with pytest.raises(RuleViolation) as info:
        open_dispute(warehouse, "L-1", reason, "P-EMP", at=ams("2026-03-20"))
    assert info.value.rule == "reason_required"


def test_a_pending_and_a_batched_bonus_may_be_disputed_and_no_amount_changes(warehouse, agency):
    w = warehouse
    close_period(w, "2026-04", "P-F1", at=ams("2026-05-02"))
    approve_batch(w, "B-2026-04", "P-F2", at=ams("2026-05-03"))
    before = bonuses_list(w, D("2026-05-04"))
    items = w.sql("select lead_id, amount_eur from bonus_batch_items order by lead_id")
    open_dispute(w, "L-1", "should be 400.00", "P-EMP", at=ams("2026-05-04"))
    open_dispute(w, "L-2", "my hours are missing", "P-EMP", at=ams("2026-05-04"))
    after = bonuses_list(w, D("2026-05-04"))
    assert after.drop(columns="dispute").equals(before.drop(columns="dispute"))
    assert after.set_index("lead_id").loc[["L-1", "L-2"], ["status", "dispute"]].values.tolist() == [
        ["approved", "open"], ["pending", "open"]]
    assert w.sql("select lead_id, amount_eur from bonus_batch_items order by lead_id").equals(items)


def test_finance_is_notified_of_a_dispute_in_their_language(warehouse, agency):
    w = warehouse
    open_dispute(w, "L-1", "should be 400.00: juristen", "P-EMP", at=ams("2026-03-20"))
    box = outbox(w)
    assert box[["kind", "to_person_id", "to_address", "language", "ref"]].values.tolist() == [
        ["bonus_dispute", "P-F1", "f1@x.nl", "nl", "L-1"],
        ["bonus_dispute", "P-F2", "f2@x.nl", "en", "L-1"],
    ]
    nl, en = box.iloc[0], box.iloc[1]
    assert nl.subject == "Lead L-1: bonus betwist door Name P-EMP"
    assert en.subject == "Lead L-1: bonus disputed by Name P-EMP"
    assert "should be 400.00: juristen" in nl.body and "should be 400.00: juristen" in en.body
    assert "Beste Fin One," in nl.body and "Dear Fin Two," in en.body
    assert "20 maart 2026" in nl.body and "20 March 2026" in en.body
    assert "€ 250,00" in nl.body and "€250.00" in en.body
    assert "answer-dispute L-1" in en.body


def test_the_submitter_is_notified_of_the_answer(warehouse, agency):
    w = warehouse
    open_dispute(w, "L-1", "hours missing", "P-RD", at=ams("2026-03-20"))
    answer_dispute(w, "L-1", "the hours of week 12 arrived on 23 March", "P-F2",
                   at=ams("2026-03-24"))
    box = outbox(w)
    answered = box[box.kind == "bonus_dispute_answered"]
    assert answered[["to_person_id", "to_address", "language", "ref"]].values.tolist() == [
        ["P-EMP", "p-emp@example.nl", "nl", "L-1"]]
    body = answered.iloc[0].body
    assert answered.iloc[0].subject == "Het bezwaar tegen je bonus voor lead L-1 is beantwoord"
    assert "the hours of week 12 arrived on 23 March" in body
    assert "Regio Noord" in body and "Fin Two" in body and "24 maart 2026" in body
    assert box.kind.tolist().count("bonus_dispute") == 2      # P-F1 and P-F2 heard of it


def test_api_is_exported():
    assert la.open_dispute is open_dispute and la.answer_dispute is answer_dispute
    assert {"open_dispute", "answer_dispute"} <= set(la.__all__) & set(la.bonuses.__all__)


def test_the_commands(committed, warehouse, agency, monkeypatch):
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-03-20T10:00:00+01:00")
    runner = CliRunner()
    db = ["--db", str(warehouse.path)]
    ok = runner.invoke(cli, [*db, "bonuses", "dispute", "L-1", "--reason", "hours missing",
                             "--by", "P-EMP", "--json"])
    assert ok.exit_code == 0, ok.output
    data = json.loads(ok.stdout)
    assert (data["dispute_id"], data["dispute"], data["opened_at"], data["amount_eur"]) == (
        1, "open", "2026-03-20T10:00:00+01:00", "250.00")
    twice = runner.invoke(cli, [*db, "bonuses", "dispute", "L-1", "--reason", "again",
                                "--by", "P-EMP"])
    assert twice.exit_code == 1 and "one open dispute per bonus" in twice.output
    refused = runner.invoke(cli, [*db, "bonuses", "answer-dispute", "L-1", "--reason", "ok",
                                  "--by", "P-EMP"])
    assert refused.exit_code == 1 and "finance_only" in refused.output
    answered = runner.invoke(cli, [*db, "bonuses", "answer-dispute", "L-1", "--reason",
                                   "hours arrived", "--by", "P-F1"])
    assert answered.exit_code == 0, answered.output
    assert "dispute 1 answered by P-F1" in answered.output
    listed = runner.invoke(cli, [*db, "bonuses", "list", "--as-of", "2026-03-20"])
    assert listed.stdout.splitlines()[0].endswith(",amount_eur,status,dispute")
    assert listed.stdout.splitlines()[1] == (
        "L-1,P-EMP,A-L-1,2026,hours,100.00,100.00,2026-03-16,2026-04-25,250.00,earned,answered")
    assert listed.stdout.splitlines()[2].endswith(",pending,")
    missing = runner.invoke(cli, [*db, "bonuses", "dispute", "L-1", "--by", "P-EMP"])
    assert missing.exit_code == 2                              # --reason is required


def test_approve_lists_the_open_disputes_of_the_batch_and_pays_them(warehouse, agency):
    """Open disputes are listed by approve (bonus-rules.md); they hold back nobody's pay."""
    from leadanalytics.bonuses.disputes import open_disputes_of_batch

    w = warehouse
    close_period(w, "2026-04", "P-F1", at=ams("2026-05-02"))
    open_dispute(w, "L-1", "should be 400.00", "P-EMP", at=ams("2026-05-02"))
    assert open_disputes_of_batch(w, "B-2026-04") == [{
        "lead_id": "L-1", "opened_by": "P-EMP", "opened_at": ams("2026-05-02"),
        "reason": "should be 400.00"}]
    b = approve_batch(w, "B-2026-04", "P-F2", at=ams("2026-05-03"))
    assert b.status == "approved"
    answer_dispute(w, "L-1", "250.00 is the ICT amount", "P-F2", at=ams("2026-05-04"))
    assert open_disputes_of_batch(w, "B-2026-04") == []


def test_the_approve_command_names_the_open_disputes(warehouse, agency, committed):
    from click.testing import CliRunner

    from leadanalytics.cli import cli

    w = warehouse
    close_period(w, "2026-04", "P-F1", at=ams("2026-05-02"))
    open_dispute(w, "L-1", "should be 400.00", "P-EMP", at=ams("2026-05-02"))
    r = CliRunner().invoke(cli, ["--db", str(w.path), "bonuses", "approve", "B-2026-04",
                                 "--by", "P-F2"])
    assert r.exit_code == 0, r.output
    assert ("1 open dispute(s), paid as they are: L-1 (by P-EMP on 2026-05-02: "
            "should be 400.00)") in r.output


def test_the_dispute_notice_names_the_status_in_words_of_the_reader(warehouse, agency):
    """Finance reads 'status goedgekeurd' / 'status approved', never a code of another language."""
    w = warehouse
    close_period(w, "2026-04", "P-F1", at=ams("2026-05-02"))
    approve_batch(w, "B-2026-04", "P-F2", at=ams("2026-05-03"))
    open_dispute(w, "L-1", "should be 400.00", "P-EMP", at=ams("2026-05-04"))
    box = outbox(w)
    nl = box[(box.kind == "bonus_dispute") & (box.language == "nl")].body.iloc[0]
    en = box[(box.kind == "bonus_dispute") & (box.language == "en")].body.iloc[0]
    assert "status goedgekeurd" in nl and "approved" not in nl
    assert "status approved" in en
