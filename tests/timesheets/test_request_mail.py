"""Requests reach a real SMTP server (aiosmtpd on localhost) in the contact's language, never
twice; an anonymised contact gets nothing; the command line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from leadanalytics.access.privacy import anonymize_contact
from leadanalytics.cli import cli
from leadanalytics.notify import send_outbox
from leadanalytics.timesheets.hours import missing_timesheets

from .conftest import D


def test_emails_received_in_the_contacts_language(agency, smtp):
    inbox, settings = smtp
    agency.lead("L-1", "A-1", "2026-02-04")                       # the lead's contact: nl
    agency.lead("L-2", "A-2", "2026-02-11")
    agency.assignment("A-2", "2026-02-09", contact="Mary Smith",
                      contact_email="mary@client.com", language="en")
    agency.run("2026-03-02")
    assert send_outbox(agency.w, settings)["sent"] == 2
    agency.run("2026-03-02")                                      # cron again: nothing new
    assert send_outbox(agency.w, settings)["sent"] == 0
    got = {rcpt[0]: msg for rcpt, msg in inbox.messages}
    assert sorted(got) == ["jan@client.nl", "mary@client.com"]
    nl, en = got["jan@client.nl"], got["mary@client.com"]
    nl_text = nl.get_payload(decode=True).decode(nl.get_content_charset())
    en_text = en.get_payload(decode=True).decode(en.get_content_charset())
    assert nl["Subject"] == "Urenbriefjes ontbreken voor opdracht A-1"
    assert en["Subject"] == "Timesheets missing for assignment A-2"
    assert "Dear Mary Smith," in en_text
    assert "- week 2026-W07 (9 February 2026)" in en_text
    assert "- week 2026-W08 (16 February 2026)" in en_text
    assert "2026-W06" not in en_text                              # before A-2 started
    assert "- week 2026-W06 (2 februari 2026)" in nl_text
    assert len(inbox.messages) == 2


def test_an_anonymised_contact_gets_nothing(agency, smtp):
    inbox, settings = smtp
    agency.lead("L-1", "A-1", "2026-02-04")
    (rid,) = agency.run("2026-03-02").created
    agency.ingest("T1,1,A-1,E1,2026-02-02,40,submitted,2026-03-03,")   # one week received
    anonymize_contact(agency.w, "Jan@Client.nl", by="P-ADMIN")
    assert agency.w.sql("select distinct request_id, status, contact_email from "
                        "timesheet_requests", output="polars").rows() == [(rid, "fulfilled", "***")]
    assert sorted(r[5] for r in agency.requests()) == ["cancelled", "cancelled", "received"]
    assert send_outbox(agency.w, settings)["sent"] == 0 and inbox.messages == []
    assert agency.outbox()[0][1] == "***"
    later = agency.run("2026-03-30")                               # weeks still missing
    assert later.created == [] and later.messages == []
    notes = set(missing_timesheets(agency.w, D("2026-03-30")).note)
    assert notes == {"contact anonymised"}


def test_no_request_without_an_address(agency):
    agency.lead("L-1", "A-1", "2026-02-04", contact_email=None)
    assert agency.run("2026-03-02").created == [] and agency.outbox() == []


def test_cli_request_json_dry_run_and_refusals(agency, db_path):
    agency.lead("L-1", "A-1", "2026-02-04")

    def run(*args):
        return CliRunner().invoke(cli, ["--db", str(db_path), *args])

    dry = run("timesheets", "request", "--as-of", "2026-03-02", "--dry-run", "--json")
    assert dry.exit_code == 0, dry.output
    data = json.loads(dry.stdout)
    assert {k: data[k] for k in ("created", "reminded", "overdue", "open")} == {
        "created": 1, "reminded": 0, "overdue": 0, "open": 1}
    assert agency.requests() == []
    done = run("timesheets", "request", "--as-of", "2026-03-02", "--json")
    assert json.loads(done.stdout)["created"] == 1 and len(agency.requests()) == 3
    again = run("timesheets", "request", "--as-of", "2026-03-02", "--json")
    assert json.loads(again.stdout)["created"] == 0
    agency.ingest("T1,1,A-1,E1,2026-02-02,40,submitted,2026-03-03,")
    refused = run("timesheets", "request-correction", "A-1", "2026-02-02", "--reason", "x",
                  "--by", "P-EMP", "--as-of", "2026-03-05")
    assert refused.exit_code == 1 and "P-EMP" in refused.output
    ok = run("timesheets", "request-correction", "A-1", "2026-02-02", "--reason", "x",
             "--by", "P-FIN", "--as-of", "2026-03-05", "--json")
    assert ok.exit_code == 0, ok.output
    rid = json.loads(ok.stdout)["request_id"]
    not_concept = run("timesheets", "approve-request", str(rid), "--by", "P-RD")
    assert not_concept.exit_code == 1 and "not concept" in not_concept.output
    missing = run("timesheets", "missing", "--as-of", "2026-03-02")
    assert missing.stdout.splitlines()[0] == "assignment_id,week,lead_id,branch_id,days_overdue,note"
