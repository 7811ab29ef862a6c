"""`leadanalytics lead VERB LEAD` and `load leads|lead-events`: exit codes, messages, --json."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from leadanalytics.cli import cli
from leadanalytics.leads import lifecycle as lc

CASES = Path(__file__).parents[1] / "cases" / "lifecycle"
FULL = {"business_unit": "Interim juristen", "client_name": "Gemeente Amsterdam", "title": "Jurist"}


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def test_lead_verbs_exit_0_and_1(org, db_path):
    lc.create_lead(org, "L-1", "E-ANNA", branch_id="AMS", at="2026-01-05T09:00", **FULL)
    ok = run(db_path, "lead", "submit", "L-1", "--by", "E-ANNA", "--at", "2026-01-06T09:00")
    assert ok.exit_code == 0, ok.output
    assert ok.stderr.strip() == "lead L-1: concept -> ingediend (submit by E-ANNA)"
    refused = run(db_path, "lead", "reject", "L-1", "--by", "RD-AMS", "--at", "2026-01-07T09:00")
    assert refused.exit_code == 1
    assert refused.stderr.strip() == (
        "error: lead L-1 cannot move from ingediend to afgewezen: moving to afgewezen needs a "
        "reason [rule: reason_required]")
    done = run(db_path, "lead", "reject", "L-1", "--by", "RD-AMS", "--reason", "geen budget",
               "--at", "2026-01-07T09:00", "--json")
    assert done.exit_code == 0
    data = json.loads(done.stdout)
    assert (data["from_phase"], data["to_phase"], data["verb"], data["reason"]) == (
        "ingediend", "afgewezen", "reject", "geen budget")


def test_refusal_as_json(org, db_path):
    lc.create_lead(org, "L-1", "E-ANNA", branch_id="AMS", at="2026-01-05T09:00", **FULL)
    r = run(db_path, "--json", "lead", "approve", "L-1", "--by", "RD-AMS")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert data["error"] == "IllegalMove" and data["rule"] == "next_phase"
    assert data["lead_id"] == "L-1" and data["from_phase"] == "concept"
    r = run(db_path, "--json", "lead", "submit", "L-1", "--by", "E-BRAM")
    assert json.loads(r.stdout)["error"] == "NotAllowed"


def test_move_convert_and_usage_errors(org, db_path):
    lc.create_lead(org, "L-1", "E-ANNA", branch_id="AMS", at="2026-01-05T09:00", **FULL)
    assert run(db_path, "lead", "move", "L-1", "--by", "E-ANNA").exit_code == 2  # no --to
    assert run(db_path, "lead", "submit", "L-1").exit_code == 2                   # no --by
    assert run(db_path, "lead", "move", "L-1", "--to", "ingediend", "--by", "E-ANNA").exit_code == 0
    assert run(db_path, "lead", "approve", "L-1", "--by", "RD-AMS").exit_code == 0
    r = run(db_path, "lead", "convert-to-assignment", "L-1", "--by", "RD-AMS", "--assignment", "A-7")
    assert r.exit_code == 0, r.output
    assert run(db_path, "lead", "nonsense", "L-1", "--by", "RD-AMS").exit_code == 1  # unknown verb
    assert run(db_path, "lead", "submit", "L-404", "--by", "RD-AMS").exit_code == 1
    h = run(db_path, "lead-history", "L-1")
    assert h.exit_code == 0
    assert [line.split(",")[2] for line in h.stdout.splitlines()[1:]] == [
        "concept", "ingediend", "actief_als_lead", "actief_als_opdracht"]


def test_load_commands(org, db_path):
    r = run(db_path, "load", "leads", str(CASES / "leads.csv"))
    assert r.exit_code == 1  # one row quarantined
    assert "read 6, loaded 5, skipped 0, quarantined 1 (bad_timestamp: 1)" in r.stderr
    r = run(db_path, "load", "lead-events", str(CASES / "lead_events.csv"), "--json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert (data["rows_loaded"], data["rows_quarantined"]) == (5, 6)
    r = run(db_path, "load", "lead-events", str(CASES / "lead_events.csv"))
    assert r.exit_code == 0  # everything skipped: nothing new, nothing wrong
    assert "loaded 0, skipped 11, quarantined 0" in r.stderr
