"""Payout statements (`bonuses export`) and `bonuses explain`."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal

import openpyxl
import pytest
from bonus_agency import ams
from click.testing import CliRunner

from leadanalytics.bonuses import close_period, resolve_bonus
from leadanalytics.bonuses.explain import explain_bonus
from leadanalytics.bonuses.statements import export_statement, neutralise, statement_rows
from leadanalytics.cli import cli
from leadanalytics.exceptions import RuleViolation

NOW = ams("2026-05-02", "09:00")


@pytest.fixture
def batch(agency):
    a = agency
    a.many([
        ("insert into store.people (person_id, name, email, role) values (?, ?, ?, ?)", p)
        for p in (["P-F1", "Fin", "f@x.nl", "finance"],
                  ["P-B", "=HYPERLINK(\"http://evil\")", "@b@x.nl", "employee"],
                  ["P-A", "Anna", "anna@x.nl", "employee"])
    ])
    a.lead("L-3", submitter="P-B", won="2026-03-04", permanent=True, business_unit="+31 unit")
    a.lead("L-1", submitter="P-B", won="2026-03-05", permanent=True, business_unit="-minus")
    a.lead("L-2", submitter="P-A", won="2026-03-06", permanent=True)
    close_period(a.w, "2026-04", "P-F1", at=NOW)
    return a


def test_statement_rows_sorted_with_totals(warehouse, batch):
    rows = statement_rows(warehouse, "B-2026-04")
    assert [(r["line"], r["submitter_id"], r["lead_id"], r["amount_eur"]) for r in rows] == [
        ("item", "P-A", "L-2", Decimal("500.00")),
        ("item", "P-B", "L-1", Decimal("500.00")),
        ("item", "P-B", "L-3", Decimal("500.00")),
        ("submitter_total", "P-A", None, Decimal("500.00")),
        ("submitter_total", "P-B", None, Decimal("1000.00")),
        ("batch_total", None, None, Decimal("1500.00")),
    ]
    assert rows[0]["earned_on"] == dt.date(2026, 3, 6) and rows[0]["submitter_email"] == "anna@x.nl"


def test_csv_is_exact_and_neutralised(warehouse, batch, tmp_path):
    out = tmp_path / "s.csv"
    export_statement(warehouse, "B-2026-04", out)
    assert out.read_text() == (
        "batch_id,line,submitter_id,submitter_name,submitter_email,lead_id,business_unit,"
        "assignment_id,earned_on,kind,amount_eur\n"
        "B-2026-04,item,P-A,Anna,anna@x.nl,L-2,ICT,A-L-2,2026-03-06,bonus,500.00\n"
        "B-2026-04,item,P-B,\"'=HYPERLINK(\"\"http://evil\"\")\",'@b@x.nl,L-1,'-minus,A-L-1,"
        "2026-03-05,bonus,500.00\n"
        "B-2026-04,item,P-B,\"'=HYPERLINK(\"\"http://evil\"\")\",'@b@x.nl,L-3,'+31 unit,A-L-3,"
        "2026-03-04,bonus,500.00\n"
        "B-2026-04,submitter_total,P-A,Anna,anna@x.nl,,,,,,500.00\n"
        "B-2026-04,submitter_total,P-B,\"'=HYPERLINK(\"\"http://evil\"\")\",'@b@x.nl,,,,,,1000.00\n"
        "B-2026-04,batch_total,,,,,,,,,1500.00\n"
    )
    rows = list(csv.DictReader(out.open()))
    assert not any(v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())


def test_xlsx_has_numbers_dates_and_no_formulas(warehouse, batch, tmp_path):
    out = tmp_path / "s.xlsx"
    export_statement(warehouse, "B-2026-04", out)
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    amount, earned = header.index("amount_eur") + 1, header.index("earned_on") + 1
    cell = ws.cell(row=2, column=amount)
    assert cell.value == 500 and cell.number_format == "#,##0.00" and cell.data_type == "n"
    d = ws.cell(row=2, column=earned)
    assert d.value == dt.datetime(2026, 3, 6) and d.number_format == "yyyy-mm-dd"
    assert ws.cell(row=7, column=amount).value == 1500
    for row in ws.iter_rows(min_row=2):
        for c in row:
            assert c.data_type != "f"
            if isinstance(c.value, str):
                assert not c.value.startswith(("=", "+", "-", "@"))


def test_clawback_is_a_negative_line(warehouse, agency, tmp_path):
    agency.sql("insert into store.people (person_id, name, role) values ('P-F1', 'F', 'finance')")
    asg = agency.lead("L-1", won="2026-02-20")
    agency.line("x", asg, "100", "2026-03-16")
    close_period(warehouse, "2026-04", "P-F1", at=NOW)
    agency.line("x", asg, "1", "2026-05-03", revision=2)
    resolve_bonus(warehouse, "L-1", "clawback", "P-F1", at=ams("2026-05-04"))
    close_period(warehouse, "2026-05", "P-F1", at=ams("2026-05-05"))
    rows = statement_rows(warehouse, "2026-05")
    assert [(r["line"], r["kind"], r["amount_eur"]) for r in rows] == [
        ("item", "clawback", Decimal("-250.00")), ("submitter_total", None, Decimal("-250.00")),
        ("batch_total", None, Decimal("-250.00"))]


def test_other_formats_are_refused(warehouse, batch, tmp_path):
    with pytest.raises(RuleViolation):
        export_statement(warehouse, "B-2026-04", tmp_path / "s.pdf")


def test_neutralise():
    assert [neutralise(v) for v in ["=1", "+1", "-1", "@1", "\t1", "a=b", "", 5]] == [
        "'=1", "'+1", "'-1", "'@1", "'\t1", "a=b", "", 5]


def test_export_cli(committed, warehouse, batch, db_path, tmp_path):
    out = tmp_path / "s.xlsx"
    r = CliRunner().invoke(cli, ["--db", str(db_path), "bonuses", "export", "B-2026-04",
                                 "--out", str(out), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["total_eur"] == "1500.00" and out.exists()


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
