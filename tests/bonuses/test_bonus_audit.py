"""The audit trail (bonus-rules.md, "Controls before money moves"): every step with who, when
(the package's clock), what and why, in order; the back-fill of migration 19 from the stamps of
older warehouses; reasons anonymised with the person. Expected rows written by hand."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

import pytest
from bonus_agency import ams

from leadanalytics.access.privacy import anonymize
from leadanalytics.bonuses import (
    answer_dispute,
    approve_batch,
    close_period,
    mark_batch_paid,
    open_dispute,
    resolve_bonus,
)
from leadanalytics.bonuses.audit import AUDIT_STEPS, record
from leadanalytics.bonuses.statements import export_statement
from leadanalytics.db.warehouse import load_sql
from leadanalytics.exceptions import NotAllowed

COLUMNS = "audit_id, \"at\", step, batch_id, lead_id, actor_id, what, reason, items, amount_eur"
B, TOTAL = "B-2026-04", Decimal("750.00")


@pytest.fixture
def agency(agency):
    """Finance P-F1, P-F2 (and an admin); L-1 earned 2026-03-16 (250.00), L-2 placement
    2026-03-04 (500.00): both due in April."""
    a = agency
    a.many([("insert into store.people (person_id, name, email, role) values (?, ?, ?, ?)", p)
            for p in (["P-F1", "Fin One", "f1@x.nl", "finance"],
                      ["P-F2", "Fin Two", "f2@x.nl", "finance"],
                      ["P-ADM", "Ada Admin", "adm@x.nl", "admin"],
                      ["P-X", "Sanne de Vries", "sanne@x.nl", "employee"])])
    a1 = a.lead("L-1", won="2026-02-20")
    a.lead("L-2", won="2026-03-04", permanent=True)
    a.line("x1", a1, "100", "2026-03-16")
    return a


def audit_rows(w):
    return [tuple(r) for r in w.sql(f"select {COLUMNS} from bonus_audit order by audit_id",
                                    output="polars").rows()]


def month_end(w) -> None:
    """Close, a refused approval, approve, a dispute and its answer and mark paid, each at its
    own time."""
    close_period(w, "2026-04", "P-F1", at=ams("2026-05-02", "09:00"))
    with pytest.raises(NotAllowed):
        approve_batch(w, B, "P-F1", at=ams("2026-05-02", "09:30"))       # four eyes: no row
    approve_batch(w, B, "P-F2", at=ams("2026-05-03", "11:00"))
    open_dispute(w, "L-1", "Sanne de Vries says it should be 400.00", "P-EMP",
                 at=ams("2026-05-04", "10:00"))
    answer_dispute(w, "L-1", "ICT earns 250.00 under 2026", "P-F1", at=ams("2026-05-05", "14:00"))
    mark_batch_paid(w, B, "P-F1", at=ams("2026-05-06", "16:00"))


def test_every_step_in_order_with_who_when_what_and_why(warehouse, agency, tmp_path, monkeypatch):
    w = warehouse
    month_end(w)
    agency.line("x1", "A-L-1", "60", "2026-05-07", revision=2)          # L-1 falls to review
    resolve_bonus(w, "L-1", "keep", "P-F1", reason="paid in good faith",
                  at=ams("2026-05-08", "08:30"))
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-05-09T12:15:00+02:00")
    out = tmp_path / "april.xlsx"
    export_statement(w, B, out)
    assert audit_rows(w) == [
        (1, ams("2026-05-02", "09:00"), "close_period", B, None, "P-F1",
         f"closed batch {B}: period 2026-04", None, 2, TOTAL),
        (2, ams("2026-05-03", "11:00"), "approve", B, None, "P-F2",
         f"approved batch {B}", None, 2, TOTAL),
        (3, ams("2026-05-04", "10:00"), "dispute", None, "L-1", "P-EMP",
         "opened a dispute on the bonus of lead L-1: status approved, amount 250.00 EUR",
         "Sanne de Vries says it should be 400.00", None, None),
        (4, ams("2026-05-05", "14:00"), "answer_dispute", None, "L-1", "P-F1",
         "answered the dispute on the bonus of lead L-1: dispute 1 opened by P-EMP",
         "ICT earns 250.00 under 2026", None, None),
        (5, ams("2026-05-06", "16:00"), "mark_paid", B, None, "P-F1",
         f"marked batch {B} paid", None, 2, TOTAL),
        (6, ams("2026-05-08", "08:30"), "resolve", None, "L-1", "P-F1",
         "resolved the bonus of lead L-1: keep", "paid in good faith", None, None),
        (7, ams("2026-05-09", "12:15"), "export", B, None, None,
         f"exported the statement of batch {B}: {os.path.realpath(out)}", None, 2, TOTAL),
    ]


def test_a_refused_step_leaves_no_row(warehouse, agency):
    close_period(warehouse, "2026-04", "P-F1", at=ams("2026-05-02"))
    for who in ("P-F1", "P-EMP"):                                     # four eyes, not finance
        with pytest.raises(NotAllowed):
            approve_batch(warehouse, B, who, at=ams("2026-05-03"))
    with pytest.raises(NotAllowed):
        open_dispute(warehouse, "L-1", "hours", "P-F2", at=ams("2026-05-03"))
    assert [r[2] for r in audit_rows(warehouse)] == ["close_period"]


def test_closing_twice_and_a_dry_run_record_nothing_more(warehouse, agency):
    close_period(warehouse, "2026-04", "P-F1", at=ams("2026-05-02"))
    close_period(warehouse, "2026-04", "P-F2", at=ams("2026-05-03"))
    close_period(warehouse, "2026-05", "P-F1", dry_run=True, at=ams("2026-05-03"))
    assert [(r[2], r[5]) for r in audit_rows(warehouse)] == [("close_period", "P-F1")]


def test_the_clock_stamps_a_step_taken_without_a_time(warehouse, agency, monkeypatch):
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-05-02T09:00:00+02:00")
    close_period(warehouse, "2026-04", "P-F1")
    assert audit_rows(warehouse)[0][1] == ams("2026-05-02", "09:00")


def test_an_unknown_step_is_refused(warehouse, agency):
    with warehouse.transaction() as tx, pytest.raises(ValueError, match="withdraw_approval"):
        record(tx, "approved", batch_id=B, by="P-F1")
    assert AUDIT_STEPS == ("close_period", "approve", "withdraw_approval", "mark_paid", "resolve",
                           "dispute", "answer_dispute", "export")


def test_migration_19_back_fills_the_stamps_of_an_older_warehouse(warehouse, agency, tmp_path,
                                                                  monkeypatch):
    w = warehouse
    month_end(w)
    agency.line("x1", "A-L-1", "60", "2026-05-07", revision=2)
    resolve_bonus(w, "L-1", "keep", "P-F1", reason="kept", at=ams("2026-05-08", "08:30"))
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-05-09T12:15:00+02:00")
    export_statement(w, B, tmp_path / "april.xlsx")   # one file, as before 0022
    live = [r for r in audit_rows(w) if r[2] not in ("dispute", "answer_dispute")]
    migration = load_sql("schema/0019_bonus_disputes_audit")
    back_fill = migration[migration.index("INSERT INTO store.bonus_audit"):]
    with w.transaction() as tx:       # the file as an older version left it: stamps, no audit
        tx.sql("DELETE FROM store.bonus_audit")
        tx.sql(back_fill)
    filled = audit_rows(w)
    assert [r[0] for r in filled] == [1, 2, 3, 4, 5]
    # the same steps, people, times and totals; no reasons (the old stamps kept none)
    assert [(r[1], r[2], r[3], r[4], r[5], r[8], r[9]) for r in filled] == [
        (r[1], r[2], r[3], r[4], r[5], r[8], r[9]) for r in live]
    assert [r[6] for r in filled] == [
        f"closed batch {B}: period 2026-04", f"approved batch {B}", f"marked batch {B} paid",
        "resolved the bonus of lead L-1: keep (loss since 2026-05-07)",
        f"exported the statement of batch {B}: {os.path.realpath(tmp_path / 'april.xlsx')}"]
    assert {r[7] for r in filled} == {None}


def test_a_fresh_warehouse_back_fills_nothing(warehouse, agency):
    assert audit_rows(warehouse) == []


def test_anonymising_a_person_reaches_the_reasons(committed, warehouse, agency):
    w = warehouse
    open_dispute(w, "L-1", "Sanne de Vries says it should be 400.00", "P-EMP",
                 at=ams("2026-05-04", "10:00"))
    answer_dispute(w, "L-1", "asked sanne@x.nl: it is 250.00", "P-F1",
                   at=ams("2026-05-05", "14:00"))
    anonymize(w, "P-X", by="P-ADM", at=dt.datetime(2026, 5, 6, tzinfo=dt.UTC))
    assert [r[7] for r in audit_rows(w)] == ["*** says it should be 400.00",
                                             "asked ***: it is 250.00"]
    assert w.sql("select reason, answer_reason from store.bonus_disputes",
                 output="polars").rows() == [("*** says it should be 400.00",
                                              "asked ***: it is 250.00")]
