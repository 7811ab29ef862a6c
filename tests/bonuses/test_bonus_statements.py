"""Payout statements (`bonuses export`, bonus-rules.md "The statement") and `bonuses explain`.

The statement tests use one month: batch B-2026-04 closed by P-F1 with three bonuses of two
submitters (Anna: L-1 250.00 on hours, L-3 500.00 placement; the hostile P-B: L-2 500.00
placement); L-1's hours then fall below 100, finance claws it back into the same, unpaid batch,
and P-B disputes L-2. Expected values are written by hand from the spec."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from decimal import Decimal

import openpyxl
import pytest
from bonus_agency import ams
from click.testing import CliRunner
from leadanalytics.pipelines.reference import load_people

from leadanalytics.access.privacy import anonymize
from leadanalytics.bonuses import (
    approve_batch,
    close_period,
    mark_batch_paid,
    open_dispute,
    resolve_bonus,
)
from leadanalytics.bonuses.explain import explain_bonus
from leadanalytics.bonuses.statements import (
    export_statement,
    neutralise,
    per_person_path,
    statement,
    statement_rows,
)
from leadanalytics.cli import cli
from leadanalytics.exceptions import NotFound, RuleViolation

B = "B-2026-04"
EVIL = "=HYPERLINK(\"http://evil\")"
CONCEPT = "concept — not approved"
ITEMS_HEADER = ("batch_id,period,status,lead_id,submitter_id,payroll_id,submitter_name,"
                "submitter_email,branch_id,branch_name,business_unit,assignment_id,kind,"
                "earned_on,payout_date,amount_eur,dispute")
PER_PERSON_HEADER = ("batch_id,period,status,submitter_id,payroll_id,submitter_name,"
                     "submitter_email,items,net_amount_eur")


@pytest.fixture
def month(agency):
    a = agency
    a.many([("insert into store.branches (branch_id, name) values (?, ?)", b)
            for b in (["AMS", "Amsterdam"], ["UTR", "Utrecht"])])
    a.many([("insert into store.people (person_id, name, email, role, payroll_id) "
             "values (?, ?, ?, ?, ?)", p)
            for p in (["P-F1", "Fin One", "f1@x.nl", "finance", None],
                      ["P-F2", "Fin Two", "f2@x.nl", "finance", None],
                      ["P-ADM", "Ada Admin", "adm@x.nl", "admin", None],
                      ["P-A", "Anna Appel", "anna@x.nl", "employee", "PR-0042"],
                      ["P-B", EVIL, "@b@x.nl", "employee", "007"])])
    a1 = a.lead("L-1", submitter="P-A", won="2026-02-20")
    a.line("x1", a1, "100", "2026-03-16")                                  # earned 2026-03-16
    a.lead("L-2", submitter="P-B", won="2026-03-04", permanent=True, business_unit="-minus",
           branch_id="UTR")
    a.lead("L-3", submitter="P-A", won="2026-03-05", permanent=True)
    close_period(a.w, "2026-04", "P-F1", at=ams("2026-05-02", "09:00"))
    a.line("x1", a1, "60", "2026-05-03", revision=2)                       # L-1 falls to review
    resolve_bonus(a.w, "L-1", "clawback", "P-F1", reason="week 11 corrected",
                  at=ams("2026-05-04", "08:30"))                           # into B-2026-04
    open_dispute(a.w, "L-2", "it should be 600.00", "P-B", at=ams("2026-05-04", "10:00"))
    return a


def approve(w) -> None:
    approve_batch(w, B, "P-F2", at=ams("2026-05-05", "11:00"))


def test_items_one_row_per_item_sorted_by_submitter_and_lead(warehouse, month):
    s = statement(warehouse, B)
    assert [(i["submitter_id"], i["payroll_id"], i["lead_id"], i["kind"], i["amount_eur"],
             i["branch_id"], i["branch_name"], i["dispute"]) for i in s.items] == [
        ("P-A", "PR-0042", "L-1", "bonus", Decimal("250.00"), "AMS", "Amsterdam", None),
        ("P-A", "PR-0042", "L-1", "clawback", Decimal("-250.00"), "AMS", "Amsterdam", None),
        ("P-A", "PR-0042", "L-3", "bonus", Decimal("500.00"), "AMS", "Amsterdam", None),
        ("P-B", "007", "L-2", "bonus", Decimal("500.00"), "UTR", "Utrecht", "open"),
    ]
    first = s.items[0]
    assert (first["batch_id"], first["period"], first["status"], first["submitter_name"],
            first["submitter_email"], first["business_unit"], first["assignment_id"],
            first["earned_on"], first["payout_date"]) == (
        B, "2026-04", CONCEPT, "Anna Appel", "anna@x.nl", "ICT", "A-L-1",
        dt.date(2026, 3, 16), dt.date(2026, 4, 25))


def test_per_person_nets_add_up_to_the_batch_total(warehouse, month):
    s = statement(warehouse, B)
    assert [(p["submitter_id"], p["payroll_id"], p["submitter_name"], p["items"],
             p["net_amount_eur"]) for p in s.per_person] == [
        ("P-A", "PR-0042", "Anna Appel", 3, Decimal("500.00")),
        ("P-B", "007", EVIL, 1, Decimal("500.00")),
    ]
    total = Decimal("1000.00")           # 250 - 250 + 500 + 500
    assert s.total_eur == total
    assert sum(p["net_amount_eur"] for p in s.per_person) == total
    assert sum(i["amount_eur"] for i in s.items) == total
    stored = warehouse.sql("select sum(amount_eur) as s from bonus_batch_items where batch_id = $b",
                           b=B)["s"][0]
    assert Decimal(str(stored)) == total
    rows = statement_rows(warehouse, B)                       # the check view of the same
    assert rows[-1] == {"batch_id": B, "line": "batch_total", "amount_eur": total}


def test_a_concept_is_marked_then_approved_by_and_at(warehouse, month):
    h = statement(warehouse, B, exported_at=ams("2026-05-05", "10:00")).header
    assert h == {
        "batch_id": B, "period": "2026-04", "status": CONCEPT,
        "prepared_by": "P-F1", "prepared_by_name": "Fin One",
        "prepared_at": ams("2026-05-02", "09:00"),
        "approved_by": None, "approved_by_name": None, "approved_at": None,
        "paid_by": None, "paid_by_name": None, "paid_at": None,
        "items": 4, "total_eur": Decimal("1000.00"), "open_disputes": 1,
        "exported_at": ams("2026-05-05", "10:00"),
    }
    approve(warehouse)
    s = statement(warehouse, B)
    assert (s.header["status"], s.header["approved_by"], s.header["approved_by_name"],
            s.header["approved_at"]) == ("approved", "P-F2", "Fin Two", ams("2026-05-05", "11:00"))
    assert {i["status"] for i in s.items} | {p["status"] for p in s.per_person} == {"approved"}
    mark_batch_paid(warehouse, B, "P-F1", at=ams("2026-05-06", "16:00"))
    h = statement(warehouse, B).header
    assert (h["status"], h["paid_by_name"], h["paid_at"]) == (
        "paid", "Fin One", ams("2026-05-06", "16:00"))


def test_csv_is_two_plain_tables_exact_and_neutralised(warehouse, month, tmp_path):
    out = tmp_path / "april.csv"
    r = export_statement(warehouse, B, out)
    assert (r["out"], r["per_person"]) == (str(out), str(tmp_path / "april.per_person.csv"))
    c = f"{B},2026-04,{CONCEPT}"
    evil = "\"'=HYPERLINK(\"\"http://evil\"\")\""
    assert out.read_text(encoding="utf-8") == "\n".join([
        ITEMS_HEADER,
        f"{c},L-1,P-A,PR-0042,Anna Appel,anna@x.nl,AMS,Amsterdam,ICT,A-L-1,bonus,"
        "2026-03-16,2026-04-25,250.00,",
        f"{c},L-1,P-A,PR-0042,Anna Appel,anna@x.nl,AMS,Amsterdam,ICT,A-L-1,clawback,"
        "2026-03-16,2026-04-25,-250.00,",
        f"{c},L-3,P-A,PR-0042,Anna Appel,anna@x.nl,AMS,Amsterdam,ICT,A-L-3,bonus,"
        "2026-03-05,2026-04-25,500.00,",
        f"{c},L-2,P-B,007,{evil},'@b@x.nl,UTR,Utrecht,'-minus,A-L-2,bonus,"
        "2026-03-04,2026-04-25,500.00,open",
    ]) + "\n"
    assert (tmp_path / "april.per_person.csv").read_text(encoding="utf-8") == "\n".join([
        PER_PERSON_HEADER,
        f"{c},P-A,PR-0042,Anna Appel,anna@x.nl,3,500.00",
        f"{c},P-B,007,{evil},'@b@x.nl,1,500.00",
    ]) + "\n"
    people = list(csv.DictReader((tmp_path / "april.per_person.csv").open(encoding="utf-8")))
    assert sum(Decimal(p["net_amount_eur"]) for p in people) == Decimal("1000.00")


def test_xlsx_as_finance_opens_it(warehouse, month, tmp_path):
    approve(warehouse)
    out = tmp_path / "april.xlsx"
    export_statement(warehouse, B, out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["header", "items", "per_person"]
    header = {r[0].value: r[1] for r in wb["header"].iter_rows(min_row=2)}
    assert [c.value for c in wb["header"][1]] == ["field", "value"]
    assert header["status"].value == "approved" and header["approved_by_name"].value == "Fin Two"
    assert header["approved_at"].value == dt.datetime(2026, 5, 5, 11, 0)     # Amsterdam time
    assert header["approved_at"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert (header["total_eur"].value, header["total_eur"].data_type,
            header["total_eur"].number_format) == (1000, "n", "#,##0.00")

    items = wb["items"]
    columns = [c.value for c in items[1]]
    assert ",".join(columns) == ITEMS_HEADER and all(c.font.b for c in items[1])
    amount = columns.index("amount_eur")
    cells = [r[amount] for r in items.iter_rows(min_row=2)]
    assert [c.value for c in cells] == [250, -250, 500, 500]
    assert {(c.data_type, c.number_format) for c in cells} == {("n", "#,##0.00")}
    earned = items.cell(row=2, column=columns.index("earned_on") + 1)
    assert earned.value == dt.datetime(2026, 3, 16) and earned.number_format == "yyyy-mm-dd"
    assert [r[columns.index("kind")].value for r in items.iter_rows(min_row=2)] == [
        "bonus", "clawback", "bonus", "bonus"]
    assert [r[columns.index("dispute")].value for r in items.iter_rows(min_row=2)] == [
        None, None, None, "open"]

    people = wb["per_person"]
    pcols = [c.value for c in people[1]]
    assert ",".join(pcols) == PER_PERSON_HEADER
    nets = [r[pcols.index("net_amount_eur")] for r in people.iter_rows(min_row=2)]
    assert [n.value for n in nets] == [500, 500] and {n.data_type for n in nets} == {"n"}
    assert sum(n.value for n in nets) == sum(c.value for c in cells) == header["total_eur"].value
    assert [r[pcols.index("payroll_id")].value for r in people.iter_rows(min_row=2)] == [
        "PR-0042", "007"]
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f"
                if isinstance(c.value, str):
                    assert not c.value.startswith(("=", "+", "-", "@"))


def test_a_concept_xlsx_says_so_on_every_sheet(warehouse, month, tmp_path):
    out = tmp_path / "april.xlsx"
    export_statement(warehouse, B, out)
    wb = openpyxl.load_workbook(out)
    header = {r[0].value: r[1].value for r in wb["header"].iter_rows(min_row=2)}
    assert (header["status"], header["approved_by"], header["approved_at"]) == (CONCEPT, None, None)
    for name in ("items", "per_person"):
        ws = wb[name]
        status = [c.value for c in ws[1]].index("status")
        assert {r[status].value for r in ws.iter_rows(min_row=2)} == {CONCEPT}


def test_both_csv_files_are_recorded_and_the_export_audited(warehouse, month, tmp_path,
                                                            monkeypatch):
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-05-05T12:15:00+02:00")
    out = tmp_path / "april.csv"
    export_statement(warehouse, B, out, by="P-F2")
    items, people = (os.path.realpath(p) for p in per_person_path(out))
    recorded = warehouse.sql("select path, kind, person_ids, ref, written_at "
                             "from store.written_files order by path", output="polars").rows()
    at = ams("2026-05-05", "12:15")
    assert recorded == [(items, "statement", ["P-A", "P-B"], B, at),
                        (people, "statement", ["P-A", "P-B"], B, at)]
    exports = warehouse.sql("select \"at\", actor_id, what, items, amount_eur from bonus_audit "
                            "where step = 'export'", output="polars").rows()
    assert exports == [(at, "P-F2",
                        f"exported the statement of batch {B}: {items} and {people}",
                        4, Decimal("1000.00"))]


def test_anonymising_rewrites_both_csv_files(committed, warehouse, month, tmp_path):
    out = tmp_path / "april.csv"
    export_statement(warehouse, B, out)
    done = anonymize(warehouse, "P-A", by="P-ADM", rewrite_statement=export_statement)
    assert sorted(f.action for f in done.files) == ["rewritten", "rewritten"]
    for path in per_person_path(out):
        text = path.read_text(encoding="utf-8")
        assert "Anna" not in text and "anna@x.nl" not in text
        assert ",P-A,PR-0042,***,***," in text               # ids and payroll numbers stay
    assert not list(tmp_path.glob("*.per_person.per_person.csv"))


def test_naming_the_per_person_file_names_the_pair():
    assert per_person_path("/x/april.per_person.csv") == per_person_path("/x/april.csv")
    assert [p.name for p in per_person_path("/x/April.CSV")] == [
        "April.CSV", "April.per_person.csv"]


def test_other_formats_and_unknown_exporters_are_refused(warehouse, month, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RuleViolation):
        export_statement(warehouse, B, out / "s.pdf")
    with pytest.raises(NotFound, match="P-NOBODY"):
        export_statement(warehouse, B, out / "s.csv", by="P-NOBODY")
    assert list(out.iterdir()) == []


def test_payroll_id_is_an_optional_column_of_people(warehouse, tmp_path):
    def load(name, text):
        (tmp_path / name).write_text(text, encoding="utf-8")
        return load_people(warehouse, tmp_path / name)

    def payroll():
        return dict(warehouse.sql("select person_id, payroll_id from people",
                                  output="polars").rows())

    head = "person_id,name,email,role,branch_id,active"
    first = load("p1.csv", f"{head},payroll_id\nP-1,Jan,,employee,,,00123\n"
                           "P-2,Piet,,employee,,,\nP-3,Kees,,employee,,,9\n")
    assert (first.rows_loaded, first.rows_quarantined) == (3, 0)
    assert payroll() == {"P-1": "00123", "P-2": None, "P-3": "9"}     # text: leading zeros kept
    again = load("p2.csv", f"{head}\nP-1,Jan,,employee,,\nP-3,Kees,,employee,,\n")
    assert (again.rows_loaded, again.rows_skipped) == (0, 2)          # without it: kept as stored
    taken = load("p3.csv", f"{head},payroll_id\nP-2,Piet,,employee,,,00123\n"
                           "P-3,Kees,,employee,,,10\n")
    assert (taken.rows_loaded, taken.rows_quarantined) == (1, 1)
    assert warehouse.sql("select rule, detail from quarantine where kind = 'people'",
                         output="polars").rows() == [
        ("payroll_id_taken", "payroll_id_taken: payroll_id 00123 is that of person P-1")]
    assert payroll() == {"P-1": "00123", "P-2": None, "P-3": "10"}


def test_neutralise():
    assert [neutralise(v) for v in ["=1", "+1", "-1", "@1", "\t1", "a=b", "", 5]] == [
        "'=1", "'+1", "'-1", "'@1", "'\t1", "a=b", "", 5]


def test_export_cli(committed, warehouse, month, db_path, tmp_path):
    out = tmp_path / "s.csv"
    r = CliRunner().invoke(cli, ["--db", str(db_path), "bonuses", "export", B,
                                 "--out", str(out), "--by", "P-F1", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == {
        "batch_id": B, "status": CONCEPT, "out": str(out),
        "per_person": str(tmp_path / "s.per_person.csv"), "items": 4, "people": 2,
        "total_eur": "1000.00"}
    r = CliRunner().invoke(cli, ["--db", str(db_path), "bonuses", "export", B,
                                 "--out", str(tmp_path / "s.xlsx")])
    assert r.exit_code == 0, r.output
    assert r.stderr.strip() == (f"statement of {B} ({CONCEPT}): 4 item(s), 2 person(s), "
                                f"1000.00 EUR -> {tmp_path / 's.xlsx'}")
    assert warehouse.sql("select actor_id from bonus_audit where step = 'export' "
                         "order by audit_id")["actor_id"].tolist() == ["P-F1", None]


def test_explain_shows_every_step_of_the_spec_example(committed, warehouse, agency):
    asg = agency.lead("L-1", submitted="2026-02-02", won="2026-02-20")
    agency.lines([("w1", asg, "40", "2026-03-02"), ("w2", asg, "40", "2026-03-09"),
                  ("w3", asg, "20", "2026-03-16"), ("w3", asg, "19", "2026-03-20", 2),
                  ("w4", asg, "8", "2026-03-23")])
    e = explain_bonus(warehouse, "L-1", dt.date(2026, 3, 31))
    assert [(t["changed_on"].isoformat(), str(t["invoiced_hours"]), t["crossing"])
            for t in e["timeline"]] == [
        ("2026-03-02", "40.00", None), ("2026-03-09", "80.00", None),
        ("2026-03-16", "100.00", "reached"), ("2026-03-20", "99.00", "lost"),
        ("2026-03-23", "107.00", "reached")]
    text = "\n".join(e["steps"])
    for words in ("Scheme 2026", "submitted on 2026-02-02".capitalize(), "default_amount_eur",
                  "2026-03-20: 99.00 h -> below threshold (lost)",
                  "began 2026-03-23", "Status: earned", "payout_date 2026-04-25"):
        assert words in text
    r = CliRunner().invoke(cli, ["--db", str(warehouse.path), "bonuses", "explain", "L-1",
                                 "--as-of", "2026-03-31", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["state"]["earned_on"] == "2026-03-23"
    r = CliRunner().invoke(cli, ["--db", str(warehouse.path), "bonuses", "explain", "L-404",
                                 "--as-of", "2026-03-31"])
    assert r.exit_code == 1 and "L-404" in r.stderr
