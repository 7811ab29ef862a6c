"""Files the package writes that may hold personal data are recorded with whom they mention, and
anonymising removes e-mails written as files and built reports, writes statements again with
*** and keeps lists, printing and logging each (domain.md, "Privacy"). Expected values by hand."""

from __future__ import annotations

import csv
import json
import os
import shutil

import openpyxl
import pytest
from click.testing import CliRunner

from leadanalytics.access.privacy import anonymize, anonymize_contact
from leadanalytics.bonuses import close_period
from leadanalytics.bonuses.statements import export_statement
from leadanalytics.cli import cli
from leadanalytics.config.report_schedule import load_report_schedule
from leadanalytics.exceptions import RuleViolation
from leadanalytics.notify.sender import send_outbox
from leadanalytics.reporting.schedules import AMS, approve_run, run_due
from tests.bonuses.bonus_agency import SCHEMES, Agency, ams
from tests.helpers import add_lead, add_org, add_people


def _real(path) -> str:
    return os.path.realpath(path)


def _records(w):
    return {r[0]: r[1:] for r in w.sql(
        "select path, kind, person_ids, contact_emails, ref, run_id from store.written_files",
        output="polars").rows()}


def _log_files(w, kind):
    rows = w.sql("select files from privacy_log where kind = $k", k=kind, output="polars").rows()
    return sorted((f["path"], f["kind"], f["action"]) for f in rows[0][0])


@pytest.fixture
def org(warehouse):
    """NORTH (E1 in B1, E2 in B2A) and SOUTH (E3 in B3); L1 by E1 with contact Els Visser,
    L2 by E3; an admin."""
    add_org(warehouse)
    add_people(warehouse, [("ADM", "Ada Admin", "admin", "NORTH")])
    add_lead(warehouse, "L1", [("2026-03-01", "concept"), ("2026-03-02", "ingediend")],
             contact_name="Els Visser", contact_email="Els@Klant.nl")
    add_lead(warehouse, "L2", [("2026-03-01", "concept")], submitter_id="E3", branch_id="B3")
    return warehouse


def _message(tx, key, to_person, to_address, ref):
    tx.sql("insert into store.outbox (dedupe_key, kind, to_person_id, to_address, language, "
           "subject, body, ref, created_at) values ($k, 'test', $p, $a, 'nl', 'Onderwerp', "
           "'Tekst', $r, TIMESTAMPTZ '2026-03-03 10:00+01')", k=key, p=to_person, a=to_address, r=ref)


@pytest.fixture
def emails(org, tmp_path):
    """Three .eml files of a dry run: 1 to E1, 2 to E3 about L2 (E3's), 3 to the contact of
    L1 (E1's lead); and a file of the user's own beside them."""
    with org.transaction() as tx:
        _message(tx, "m1", "E1", "e1@example.nl", None)
        _message(tx, "m2", "E3", "e3@example.nl", "L2")
        _message(tx, "m3", None, "Els@Klant.nl", "L1")
    out = tmp_path / "outbox"
    assert send_outbox(org, dry_run_dir=out)["written"] == 3
    (out / "notes.txt").write_text("Anna Jansen, mine")
    return out


def test_a_dry_run_records_each_eml_with_whom_it_mentions(org, emails):
    assert _records(org) == {
        _real(emails / "1.eml"): ("email", ["E1"], [], "1", None),
        _real(emails / "2.eml"): ("email", ["E3"], [], "2", None),
        _real(emails / "3.eml"): ("email", ["E1"], ["els@klant.nl"], "3", None),
    }


def test_anonymizing_a_person_removes_the_emails_that_mention_them(org, emails):
    done = anonymize(org, "E1", by="ADM")
    assert sorted(p.name for p in emails.iterdir()) == ["2.eml", "notes.txt"]
    assert (emails / "notes.txt").read_text() == "Anna Jansen, mine"   # never recorded: the user's
    expected = [(_real(emails / "1.eml"), "email", "removed"),
                (_real(emails / "3.eml"), "email", "removed")]
    assert sorted((f.path, f.kind, f.action) for f in done.files) == expected
    assert _log_files(org, "person") == expected
    assert list(_records(org)) == [_real(emails / "2.eml")]        # the removed are forgotten


def test_a_file_already_gone_is_noted_not_an_error(org, emails):
    (emails / "1.eml").unlink()
    done = anonymize(org, "E1", by="ADM")
    assert sorted((f.path, f.action) for f in done.files) == [
        (_real(emails / "1.eml"), "gone"), (_real(emails / "3.eml"), "removed")]


def test_anonymizing_a_contact_removes_the_emails_to_them(org, emails):
    done = anonymize_contact(org, "els@KLANT.nl", by="ADM")
    assert sorted(p.name for p in emails.iterdir()) == ["1.eml", "2.eml", "notes.txt"]
    assert [(f.path, f.action) for f in done.files] == [(_real(emails / "3.eml"), "removed")]
    assert _log_files(org, "contact") == [(_real(emails / "3.eml"), "email", "removed")]
    assert b"els@klant.nl" not in org.path.read_bytes()


# --------------------------------------------------------------------------- reports

SCHEDULE = """
[[report]]
name = "weekly"
notebook = "phase_group_dashboard"
cron = "0 7 * * 1"
scopes = ["branch:NORTH", "branch:SOUTH"]
recipients = ["F1"]
approval = true
"""


@pytest.fixture
def reports(org, tmp_path, monkeypatch):
    """The scheduled report built for NORTH and for SOUTH (the notebook is not executed: its
    files are what matters here), both concepts."""
    import papermill

    monkeypatch.setattr(papermill, "execute_notebook",
                        lambda source, out, **kwargs: shutil.copyfile(source, out))
    path = tmp_path / "schedule.toml"
    path.write_text(SCHEDULE)
    now = ams("2026-03-04", "12:00").astimezone(AMS)
    runs = run_due(org, load_report_schedule(path), tmp_path / "reports", now)
    assert [r["outcome"] for r in runs] == ["concept", "concept"]
    return {r["scope"]: r for r in runs}


def test_a_report_is_recorded_with_everyone_its_scope_can_mention(org, reports):
    north = reports["branch:NORTH"]
    folder = north["out_dir"]
    recorded = _records(org)
    files = [_real(f"{folder}/phase_group_dashboard{s}") for s in (".html", ".ipynb", ".manifest.json")]
    for f in files:   # the people of NORTH, B1, B2 and B2A, and L1's contact
        assert recorded[f] == ("report", ["ADM", "E1", "E2", "F1", "RD1", "RD3"], ["els@klant.nl"],
                               "phase_group_dashboard", north["run_id"])
    south = _real(f"{reports['branch:SOUTH']['out_dir']}/phase_group_dashboard.html")
    assert recorded[south][1:3] == (["E3", "RD2"], [])


def test_anonymizing_removes_the_reports_and_their_run_cannot_be_approved(org, reports):
    north, south = reports["branch:NORTH"], reports["branch:SOUTH"]
    done = anonymize(org, "E1", by="ADM")
    assert sorted((os.path.basename(f.path), f.kind, f.action) for f in done.files) == [
        ("index.html", "report", "removed"),     # no report left in the folder: no listing
        ("phase_group_dashboard.html", "report", "removed"),
        ("phase_group_dashboard.ipynb", "report", "removed"),
        ("phase_group_dashboard.manifest.json", "report", "removed"),
    ]
    assert os.listdir(north["out_dir"]) == []
    assert sorted(os.listdir(south["out_dir"])) == [
        "index.html", "phase_group_dashboard.html", "phase_group_dashboard.ipynb",
        "phase_group_dashboard.manifest.json"]
    status = dict(org.sql("select run_id, status from report_runs", output="polars").rows())
    assert status == {north["run_id"]: "removed", south["run_id"]: "concept"}
    with pytest.raises(RuleViolation, match="was removed"):
        approve_run(org, north["run_id"], by="F1")
    refused = CliRunner().invoke(cli, ["--db", str(org.path), "report", "approve",
                                       str(north["run_id"]), "--by", "F1"])
    assert refused.exit_code == 1
    assert f"report run {north['run_id']} was removed" in refused.stderr


def test_anonymizing_lists_the_reports_left_in_a_folder_again(org, reports):
    """A folder that keeps other reports gets its index written again without the removed one
    (the index names each report's scope), through the writer the caller gives."""
    north, south = reports["branch:NORTH"], reports["branch:SOUTH"]
    folder = north["out_dir"]
    shutil.copyfile(f"{south['out_dir']}/phase_group_dashboard.manifest.json",
                    f"{folder}/other.manifest.json")     # a report nobody anonymised
    written = []
    done = anonymize(org, "E1", by="ADM", rewrite_index=written.append)
    index = [(os.path.basename(f.path), f.action) for f in done.files
             if f.path.endswith("index.html")]
    assert index == [("index.html", "rewritten")]
    assert [os.path.realpath(p) for p in written] == [os.path.realpath(folder)]


# --------------------------------------------------------------------------- statements and lists


@pytest.fixture
def batch(warehouse):
    """Batch B-2026-04: Anna (P-A) one bonus, Bert (P-B) two, 500.00 each."""
    a = Agency(warehouse, schemes=SCHEMES)
    a.person("P-F1", "finance", name="Fin", email="f@x.nl")
    a.person("P-A", name="Anna Appel", email="anna@x.nl")
    a.person("P-B", name="Bert Boom", email="bert@x.nl")
    a.person("ADM", "admin", name="Ada Admin", email="ada@x.nl")
    a.lead("L-1", submitter="P-B", won="2026-03-05", permanent=True)
    a.lead("L-2", submitter="P-A", won="2026-03-06", permanent=True)
    a.lead("L-3", submitter="P-B", won="2026-03-04", permanent=True)
    close_period(warehouse, "2026-04", "P-F1", at=ams("2026-05-02", "09:00"))
    return warehouse


def _csv(path, amount="amount_eur"):
    return [(r["submitter_id"], r["submitter_name"], r["submitter_email"], r[amount])
            for r in csv.DictReader(path.open(encoding="utf-8"))]


def test_a_statement_is_written_again_with_stars_amounts_unchanged(batch, tmp_path):
    out_csv, out_xlsx = tmp_path / "april.csv", tmp_path / "april.xlsx"
    per_person = tmp_path / "april.per_person.csv"            # the CSV statement's second file
    export_statement(batch, "B-2026-04", out_csv)
    export_statement(batch, "B-2026-04", out_xlsx)
    assert _records(batch)[_real(out_csv)] == ("statement", ["P-A", "P-B"], [], "B-2026-04", None)
    assert _records(batch)[_real(per_person)] == _records(batch)[_real(out_csv)]
    done = anonymize(batch, "P-A", by="ADM", rewrite_statement=export_statement)
    written = sorted([(_real(out_csv), "statement", "rewritten"),
                      (_real(per_person), "statement", "rewritten"),
                      (_real(out_xlsx), "statement", "rewritten")])
    assert sorted((f.path, f.kind, f.action) for f in done.files) == written
    assert _csv(out_csv) == [
        ("P-A", "***", "***", "500.00"),
        ("P-B", "Bert Boom", "bert@x.nl", "500.00"),
        ("P-B", "Bert Boom", "bert@x.nl", "500.00"),
    ]
    assert _csv(per_person, "net_amount_eur") == [
        ("P-A", "***", "***", "500.00"), ("P-B", "Bert Boom", "bert@x.nl", "1000.00")]
    book = openpyxl.load_workbook(out_xlsx)
    for name in ("items", "per_person"):
        sheet = book[name]
        cols = [c.value for c in sheet[1]]
        amount = cols.index("amount_eur" if name == "items" else "net_amount_eur")
        rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
        assert [(r[cols.index("submitter_name")], r[cols.index("submitter_email")],
                 float(r[amount])) for r in rows if r[cols.index("submitter_id")] == "P-A"] == [
            ("***", "***", 500.0)]
        assert "Anna Appel" not in {c for r in rows for c in r}
    assert "Anna" not in out_csv.read_text() and "Anna" not in per_person.read_text()
    assert _log_files(batch, "person") == written


def test_a_list_written_with_out_is_recorded_and_kept(batch, tmp_path):
    out = tmp_path / "bonuses.csv"
    mine = tmp_path / "mine.csv"
    mine.write_text("Anna Appel\n")
    runner = CliRunner()
    listed = runner.invoke(cli, ["--db", str(batch.path), "bonuses", "list", "--as-of", "2026-05-02",
                                 "--out", str(out)])
    assert listed.exit_code == 0, listed.output
    assert _records(batch)[_real(out)] == ("list", ["P-A", "P-B"], [], "bonuses list", None)
    before = out.read_text()
    shown = runner.invoke(cli, ["--db", str(batch.path), "privacy", "anonymize", "P-A", "--by", "ADM"])
    assert shown.exit_code == 0, shown.output
    assert f"kept: list {_real(out)}" in shown.stderr
    assert out.read_text() == before and mine.read_text() == "Anna Appel\n"


def test_the_cli_prints_and_returns_what_it_removed_and_rewrote(batch, tmp_path):
    statement = tmp_path / "april.csv"
    export_statement(batch, "B-2026-04", statement)
    with batch.transaction() as tx:
        _message(tx, "m1", "P-A", "anna@x.nl", None)
    assert send_outbox(batch, dry_run_dir=tmp_path / "outbox")["written"] == 1
    eml = _real(tmp_path / "outbox" / "1.eml")
    shown = CliRunner().invoke(cli, ["--db", str(batch.path), "privacy", "anonymize", "P-A",
                                     "--by", "ADM"])
    assert shown.exit_code == 0, shown.output
    assert f"  removed: email {eml}\n" in shown.stderr
    assert f"  rewritten: statement {_real(statement)}\n" in shown.stderr
    assert "***" in statement.read_text() and not os.path.exists(eml)
    again = CliRunner().invoke(cli, ["--db", str(batch.path), "privacy", "anonymize", "P-A",
                                     "--by", "ADM", "--json"])
    assert json.loads(again.stdout)["files"] == []                 # idempotent: done before
    per_person = _real(tmp_path / "april.per_person.csv")        # the CSV statement's pair
    assert _log_files(batch, "person") == sorted([(eml, "email", "removed"),
                                                  (_real(statement), "statement", "rewritten"),
                                                  (per_person, "statement", "rewritten")])


def test_the_public_anonymize_rewrites_statements_without_being_told(batch, tmp_path):
    """la.anonymize passes the statement writer itself: a Python caller gets what the CLI does."""
    import leadanalytics as la

    out_csv = tmp_path / "april.csv"
    export_statement(batch, "B-2026-04", out_csv)
    done = la.anonymize(batch, "P-A", by="ADM")
    assert {(f.kind, f.action) for f in done.files} == {("statement", "rewritten")}
    assert "Anna" not in out_csv.read_text()
