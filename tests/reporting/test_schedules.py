"""Scheduled reports (reports.md "Schedules"): each slot once, failures retried, claims that
expire, the data-quality gate, approval of concepts, recipients' scopes, the entry's language
and PDF (attached to the e-mail), the sample schedule shipped with the package. The build itself
is replaced by a stub here (test_report_build.py and test_pdf.py run the real one)."""

from __future__ import annotations

import datetime as dt
import email
import json

import pytest
from click.testing import CliRunner

from leadanalytics.cli import cli
from leadanalytics.config.report_schedule import (
    REPORTS,
    load_report_schedule,
    sample_schedule_path,
)
from leadanalytics.exceptions import ConfigError, NotAllowed, RuleViolation, ScopeViolation
from leadanalytics.reporting import schedules
from leadanalytics.reporting.schedules import AMS, approve_run, due_slot, run_due

SCHEDULE = """
claim_minutes = 60

[[report]]
name = "weekly-north"
notebook = "phase_group_dashboard"
cron = "0 7 * * 1"
scopes = ["branch:NORTH"]
recipients = ["RD1"]

[[report]]
name = "monthly-finance"
notebook = "bonus_payouts"
cron = "0 6 1 * *"
scopes = ["all"]
recipients = ["F1"]
approval = true
"""
WED = dt.datetime(2026, 3, 4, 12, 0, tzinfo=AMS)


@pytest.fixture
def schedule(tmp_path):
    path = tmp_path / "schedule.toml"
    path.write_text(SCHEDULE)
    return load_report_schedule(path)


@pytest.fixture
def build_options():
    """(lang, pdf) of each stub build, in order."""
    return []


@pytest.fixture
def builds(monkeypatch, build_options):
    """Replace the notebook build by a stub that records its calls (and can fail); it writes the
    page, the manifest and, when asked, a PDF."""
    calls = []
    failures = []

    def fake_build(w, name, as_of, scope, out, run_id=None, lang="nl", pdf=False):
        calls.append((name, as_of, scope))
        build_options.append((lang, pdf))
        if failures:
            raise RuntimeError(failures.pop())
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.html").write_text("<html></html>")
        (out / f"{name}.manifest.json").write_text(json.dumps(
            {"report": name, "lang": lang, "scope_name": "Noord" if scope != "all" else None,
             "data_as_of": str(as_of)}))
        if pdf:
            (out / f"{name}.pdf").write_bytes(b"%PDF-1.4 stub")


    monkeypatch.setattr(schedules, "build_report", fake_build)
    return calls, failures


def _runs(w):
    return w.sql("SELECT schedule, scope, status, attempt, error FROM report_runs ORDER BY run_id")


def _outbox(w):
    return w.sql("SELECT to_person_id, kind, ref FROM outbox ORDER BY message_id")


def test_due_slot_is_the_latest_cron_time_in_amsterdam():
    assert due_slot("0 7 * * 1", WED) == dt.datetime(2026, 3, 2, 7, tzinfo=AMS)
    assert due_slot("0 7 * * 1", dt.datetime(2026, 3, 2, 7, 0, tzinfo=AMS)).day == 2  # on the dot
    # after the switch to summer time (29 March 2026) 07:00 is still 07:00 local
    slot = due_slot("0 7 * * 1", dt.datetime(2026, 3, 31, 9, tzinfo=AMS))
    assert slot.hour == 7 and slot.utcoffset() == dt.timedelta(hours=2)


def test_each_slot_is_built_once(org_warehouse, schedule, builds, tmp_path):
    calls, _ = builds
    first = run_due(org_warehouse, schedule, tmp_path / "out", WED)
    assert [(r["schedule"], r["outcome"]) for r in first] == [
        ("weekly-north", "sent"), ("monthly-finance", "concept")]
    assert calls == [("phase_group_dashboard", dt.date(2026, 3, 2), "branch:NORTH"),
                     ("bonus_payouts", dt.date(2026, 3, 1), "all")]
    again = run_due(org_warehouse, schedule, tmp_path / "out", WED + dt.timedelta(minutes=5))
    assert [r["outcome"] for r in again] == ["skipped", "skipped"] and len(calls) == 2
    assert list(_outbox(org_warehouse)["to_person_id"]) == ["RD1"]      # the concept waits
    next_week = run_due(org_warehouse, schedule, tmp_path / "out", WED + dt.timedelta(days=7))
    assert [r["outcome"] for r in next_week] == ["sent", "skipped"]


def test_a_failed_slot_is_retried_on_the_next_call(org_warehouse, schedule, builds, tmp_path):
    calls, failures = builds
    failures.append("disk full")
    first = run_due(org_warehouse, schedule, tmp_path, WED)
    assert first[0]["outcome"] == "failed" and "disk full" in first[0]["error"]
    runs = _runs(org_warehouse)
    assert runs.loc[0, "status"] == "failed" and "disk full" in runs.loc[0, "error"]
    second = run_due(org_warehouse, schedule, tmp_path, WED + dt.timedelta(minutes=5))
    assert [r["outcome"] for r in second] == ["sent", "skipped"]
    assert _runs(org_warehouse).loc[0, "attempt"] == 2


def test_a_claim_blocks_a_second_process_until_it_expires(org_warehouse, schedule, tmp_path):
    entry = schedule.reports[0]
    slot = due_slot(entry.cron, WED)
    assert schedules._claim(org_warehouse, entry, "branch:NORTH", slot, WED, 60) is not None
    # another process a minute later: the build is running, so it skips
    assert schedules._claim(org_warehouse, entry, "branch:NORTH", slot,
                            WED + dt.timedelta(minutes=1), 60) is None
    # the build died: after the claim expired the slot is taken again
    assert schedules._claim(org_warehouse, entry, "branch:NORTH", slot,
                            WED + dt.timedelta(minutes=61), 60) is not None
    assert _runs(org_warehouse).loc[0, "attempt"] == 2


def test_failing_gate_stops_the_report_and_says_why(org_warehouse, schedule, builds, tmp_path):
    calls, _ = builds
    with org_warehouse.transaction() as tx:
        tx.con.execute(
            "INSERT INTO store.loads VALUES (7, 'lead-events', 'events.csv', 'h', 0, 0, 0, 0, "
            "TIMESTAMPTZ '2026-03-01 23:00:00+01', NULL, 'refused', 'missing column at')")
    results = run_due(org_warehouse, schedule, tmp_path, WED)
    assert [r["outcome"] for r in results] == ["blocked", "blocked"] and calls == []
    assert "events.csv" in results[0]["error"] and "missing column at" in results[0]["error"]
    assert "data-quality gate" in _runs(org_warehouse).loc[0, "error"]
    assert _outbox(org_warehouse).empty


def test_concept_is_sent_after_approval_by_finance(org_warehouse, schedule, builds, tmp_path):
    results = run_due(org_warehouse, schedule, tmp_path, WED)
    concept = results[1]["run_id"]
    with pytest.raises(NotAllowed) as err:
        approve_run(org_warehouse, concept, by="E1", now=WED)
    assert err.value.person_id == "E1"
    with pytest.raises(NotAllowed):                 # a director may not approve scope all
        approve_run(org_warehouse, concept, by="RD1", now=WED)
    done = approve_run(org_warehouse, concept, by="F1", now=WED)
    assert done["status"] == "sent"
    assert list(_outbox(org_warehouse)["to_person_id"]) == ["RD1", "F1"]
    with pytest.raises(RuleViolation):
        approve_run(org_warehouse, concept, by="F1", now=WED)


def test_recipient_must_be_allowed_the_scope(org_warehouse, tmp_path, builds):
    path = tmp_path / "bad.toml"
    path.write_text(SCHEDULE.replace('recipients = ["RD1"]', 'recipients = ["E1"]'))
    with pytest.raises(ScopeViolation):
        run_due(org_warehouse, load_report_schedule(path), tmp_path, WED)


@pytest.mark.parametrize("change, fault", [
    (('notebook = "bonus_payouts"', 'notebook = "nope"'), "unknown notebook"),
    (('cron = "0 6 1 * *"', 'cron = "every day"'), "invalid cron"),
    (('name = "monthly-finance"', 'name = "weekly-north"'), "duplicate name"),
])
def test_bad_schedule_files_name_the_fault(tmp_path, change, fault):
    path = tmp_path / "s.toml"
    path.write_text(SCHEDULE.replace(*change))
    with pytest.raises(ConfigError, match=fault):
        load_report_schedule(path)


def test_cli_run_due_and_approve(org_warehouse, schedule, builds, tmp_path):
    runner = CliRunner()
    base = ["--db", str(org_warehouse.path), "report"]
    r = runner.invoke(cli, [*base, "run-due", "--schedule", schedule.path, "--out",
                            str(tmp_path / "o"), "--now", "2026-03-04T12:00", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["sent"] == 1 and data["concept"] == 1
    run_id = [x for x in data["runs"] if x["outcome"] == "concept"][0]["run_id"]
    r = runner.invoke(cli, [*base, "approve", str(run_id), "--by", "E1"])
    assert r.exit_code == 1 and "E1 may not" in r.stderr
    r = runner.invoke(cli, [*base, "approve", str(run_id), "--by", "F1"])
    assert r.exit_code == 0, r.output


def test_lang_and_pdf_of_an_entry_reach_the_build_and_the_e_mail(org_warehouse, tmp_path, builds,
                                                                 build_options):
    path = tmp_path / "s.toml"
    path.write_text(SCHEDULE.replace('recipients = ["RD1"]',
                                     'recipients = ["RD1"]\nlang = "en"\npdf = true'))
    results = run_due(org_warehouse, load_report_schedule(path), tmp_path / "out", WED)
    assert build_options == [("en", True), ("nl", False)]
    assert results[0]["outcome"] == "sent"
    subject, body, language = org_warehouse.sql(
        "SELECT subject, body, language FROM outbox WHERE kind = 'report'").iloc[0]
    assert language == "en"
    assert subject == "Phase groups · Noord · 2 March 2026"
    assert "The PDF is attached." in body
    # the e-mail carries the PDF the build wrote beside the page
    from leadanalytics.notify.sender import send_outbox

    assert send_outbox(org_warehouse, dry_run_dir=tmp_path / "mail")["written"] == 1
    msg = email.message_from_bytes(next((tmp_path / "mail").glob("*.eml")).read_bytes())
    parts = [p for p in msg.walk() if p.get_filename()]
    assert [p.get_filename() for p in parts] == ["phase_group_dashboard.pdf"]
    assert parts[0].get_content_type() == "application/pdf"
    assert parts[0].get_payload(decode=True) == b"%PDF-1.4 stub"


def test_an_entry_without_pdf_sends_no_attachment_and_speaks_dutch(org_warehouse, tmp_path, builds):
    path = tmp_path / "s.toml"
    path.write_text(SCHEDULE)
    run_due(org_warehouse, load_report_schedule(path), tmp_path / "out", WED)
    subject, body = org_warehouse.sql(
        "SELECT subject, body FROM outbox WHERE kind = 'report'").iloc[0]
    assert subject == "Fasegroepen · Noord · 2 maart 2026"
    assert body.startswith("Het rapport Fasegroepen voor Noord (peildatum 2 maart 2026)")
    from leadanalytics.notify.sender import send_outbox

    send_outbox(org_warehouse, dry_run_dir=tmp_path / "mail")
    msg = email.message_from_bytes(next((tmp_path / "mail").glob("*.eml")).read_bytes())
    assert not [p for p in msg.walk() if p.get_filename()]


@pytest.mark.parametrize("line, fault", [
    ('lang = "de"', "lang 'de' is not allowed; use one of: nl, en"),
    ('pdf = "yes"', "pdf must be true or false"),
])
def test_bad_lang_or_pdf_in_a_schedule_names_the_fault(tmp_path, line, fault):
    path = tmp_path / "s.toml"
    path.write_text(SCHEDULE.replace('recipients = ["RD1"]', f'recipients = ["RD1"]\n{line}'))
    with pytest.raises(ConfigError, match=fault):
        load_report_schedule(path)


def test_the_sample_schedule_ships_every_notebook_weekly_per_region_and_monthly_finance():
    sample = load_report_schedule("sample")
    assert sample.path == str(sample_schedule_path()) and sample_schedule_path().is_file()
    assert {e.notebook for e in sample.reports} == set(REPORTS)
    dashboards = [e for e in sample.reports if e.notebook == "phase_group_dashboard"]
    assert sorted(s for e in dashboards for s in e.scopes) == [
        "branch:R-MID", "branch:R-NRD", "branch:R-OST", "branch:R-WST", "branch:R-ZUI"]
    assert {e.cron for e in dashboards} == {"0 7 * * 1"}                     # Mondays 07:00
    [finance] = [e for e in sample.reports if e.notebook == "bonus_payouts"]
    assert finance.cron == "0 6 1 * *" and finance.approval
    assert all(e.pdf for e in sample.reports)


def test_run_due_needs_a_schedule_file_and_names_the_sample(org_warehouse, tmp_path):
    r = CliRunner().invoke(cli, ["--db", str(org_warehouse.path), "report", "run-due",
                                 "--schedule", str(tmp_path / "none.toml")])
    assert r.exit_code == 2 and "--schedule sample" in r.stderr
    r = CliRunner().invoke(cli, ["report", "sample-schedule"])
    assert r.exit_code == 0 and r.stdout == sample_schedule_path().read_text()
