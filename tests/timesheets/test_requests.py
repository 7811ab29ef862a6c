"""`request`: one request per assignment for its missing weeks, idempotent per day, reminders
every 7 days (at most 3), then overdue with one notice to the regional director; fulfilment by
a real ingest; an assignment that ends cancels the weeks after its end."""

from __future__ import annotations

import datetime as dt

from .conftest import D

A1_WEEKS = ["2026-02-02", "2026-02-09", "2026-02-16"]


def test_one_request_for_three_missing_weeks(agency):
    agency.lead("L-1", "A-1", "2026-02-04")                     # starts Monday Feb 2, no end
    run = agency.run("2026-03-02")                               # Feb 2, 9, 16 missing; 23 not yet
    assert (len(run.created), len(run.reminded), len(run.overdue), run.open) == (1, 0, 0, 1)
    (rid,) = run.created
    assert agency.requests() == [(rid, "A-1", wk, "missing", "open", "requested", 0)
                                 for wk in A1_WEEKS]
    assert agency.outbox() == [("timesheet_request", "jan@client.nl",
                                "Urenbriefjes ontbreken voor opdracht A-1",
                                f"timesheet_request:{rid}")]
    body = agency.w.sql("select body from outbox").body[0]
    for line in ("- week 2026-W06 (2 februari 2026)", "- week 2026-W07 (9 februari 2026)",
                 "- week 2026-W08 (16 februari 2026)"):
        assert line in body
    assert "2026-W09" not in body and "23 februari" not in body
    requested = agency.w.sql("select distinct requested_at from timesheet_requests")
    assert [str(d)[:10] for d in requested.requested_at] == ["2026-03-02"]


def test_again_the_same_day_and_the_next_days(agency):
    agency.lead("L-1", "A-1", "2026-02-04")
    first = agency.run("2026-03-02").created
    before = agency.requests()
    again = agency.run("2026-03-02")
    assert (again.created, again.reminded, again.overdue, again.open) == ([], [], [], 1)
    assert agency.requests() == before and len(agency.outbox()) == 1
    for day in ("2026-03-03", "2026-03-08"):                    # no new week, no reminder yet
        r = agency.run(day)
        assert (r.created, r.reminded) == ([], [])
    assert len(agency.outbox()) == 1
    day7 = agency.run("2026-03-09")       # Feb 23 went missing: a request of its own; reminder 1
    assert day7.reminded == first and len(day7.created) == 1 and day7.open == 2
    assert [r for r in agency.requests() if r[0] == day7.created[0]] == [
        (day7.created[0], "A-1", "2026-02-23", "missing", "open", "requested", 0)]
    assert [k for k, *_ in agency.outbox()] == [
        "timesheet_request", "timesheet_request", "timesheet_request"]
    assert agency.outbox()[1][2] == "Herinnering 1: Urenbriefjes ontbreken voor opdracht A-1"


def test_dry_run_shows_and_writes_nothing(agency):
    agency.lead("L-1", "A-1", "2026-02-04")
    dry = agency.run("2026-03-02", dry_run=True)
    assert len(dry.created) == 1 and dry.open == 1
    assert [m["to"] for m in dry.messages] == ["jan@client.nl"]
    assert agency.requests() == [] and agency.outbox() == []


def test_reminder_cadence_and_overdue_on_a_walked_calendar(agency):
    agency.lead("L-1", "A-1", "2026-02-04")
    agency.assignment("A-1", "2026-02-02", "2026-02-20")        # weeks Feb 2, 9, 16 only
    (rid,) = agency.run("2026-03-02").created                  # sent Mar 2
    events = {}
    day = D("2026-03-03")
    while day <= D("2026-04-06"):
        r = agency.run(day.isoformat())
        assert r.created == []
        if r.reminded or r.overdue:
            events[day.isoformat()] = (r.reminded, r.overdue)
        day += dt.timedelta(days=1)
    assert events == {"2026-03-09": ([rid], []), "2026-03-16": ([rid], []),
                      "2026-03-23": ([rid], []), "2026-03-30": ([], [rid])}
    assert {r[4:] for r in agency.requests()} == {("overdue", "requested", 3)}
    box = agency.outbox()
    assert [(k, to) for k, to, *_ in box] == [
        ("timesheet_request", "jan@client.nl"), ("timesheet_request", "jan@client.nl"),
        ("timesheet_request", "jan@client.nl"), ("timesheet_request", "jan@client.nl"),
        ("timesheet_request_overdue", "p-rd@agency.nl")]          # AMS's regional director
    assert [s for _, _, s, _ in box][1:4] == [
        f"Herinnering {k}: Urenbriefjes ontbreken voor opdracht A-1" for k in (1, 2, 3)]


def test_reminder_numbers_come_from_configuration(agency):
    from leadanalytics.timesheets.requests import configure_requests

    configure_requests(agency.w, reminder_days=3, max_reminders=1, overdue_days=5)
    agency.lead("L-1", "A-1", "2026-02-04")
    agency.assignment("A-1", "2026-02-02", "2026-02-20")
    (rid,) = agency.run("2026-03-02").created
    assert agency.run("2026-03-04").reminded == []
    assert agency.run("2026-03-05").reminded == [rid]
    assert agency.run("2026-03-06").overdue == []
    assert agency.run("2026-03-07").overdue == [rid]


def test_fulfilment_by_a_real_ingest_partial_then_whole(agency):
    agency.lead("L-1", "A-1", "2026-02-04")
    agency.assignment("A-1", "2026-02-02", "2026-02-20")
    (rid,) = agency.run("2026-03-02").created
    first = agency.ingest("T1,1,A-1,E1,2026-02-02,40,submitted,2026-03-03,")
    assert [r[4:6] for r in agency.requests()] == [
        ("open", "received"), ("open", "requested"), ("open", "requested")]
    second = agency.ingest("T2,1,A-1,E1,2026-02-09,40,submitted,2026-03-04,",
                           "T3,1,A-1,E1,2026-02-16,0,rejected,2026-03-04,",
                           "X1,1,A-9,E1,2026-02-16,8,submitted,2026-03-04,")
    view = agency.w.sql("select week_status, received_load_id, status, fulfilled_at "
                        "from timesheet_requests order by week")
    assert view.week_status.tolist() == ["received"] * 3
    assert view.received_load_id.tolist() == [first, second, second]
    assert set(view.status) == {"fulfilled"} and view.fulfilled_at.notna().all()
    assert agency.w.sql("select request_id, fulfilled_load_id from store.timesheet_requests"
                        ).values.tolist() == [[rid, second]]
    assert agency.run("2026-03-09").open == 0


def test_an_assignment_that_ends_cancels_the_weeks_after_its_end(agency):
    agency.lead("L-1", "A-1", "2026-02-04")
    agency.lead("L-2", "A-2", "2026-02-04", contact_email="piet@client.nl")
    agency.run("2026-03-02")
    load = agency.ingest("T1,1,A-1,E1,2026-02-02,40,submitted,2026-03-03,")
    agency.assignment("A-1", "2026-02-02", "2026-02-06")       # ends in the first week
    agency.assignment("A-2", "2026-02-02", "2026-02-06", contact_email="piet@client.nl")
    r = agency.run("2026-03-03")
    assert r.created == [] and r.open == 1
    assert agency.w.sql("select assignment_id, week_status, status, fulfilled_load_id "
                        "from timesheet_requests order by assignment_id, week",
                        output="polars").rows() == [
        ("A-1", "received", "fulfilled", load), ("A-1", "cancelled", "fulfilled", load),
        ("A-1", "cancelled", "fulfilled", load),
        ("A-2", "requested", "open", None), ("A-2", "cancelled", "open", None),
        ("A-2", "cancelled", "open", None)]


def test_a_lead_that_won_two_assignments_gets_a_request_for_each(agency):
    agency.lead("L-1", "A-1", "2026-02-04")                     # A-1 starts Monday Feb 2
    with agency.w.transaction() as tx:                           # then won A-2 on Feb 11
        tx.sql("insert into store.phase_events (entity, record_id, seq, \"at\", from_phase, "
               "to_phase, verb, actor_id, assignment_id) values ('lead', 'L-1', 2, "
               "TIMESTAMPTZ '2026-02-11 10:00:00+01', $to, $to, 'test', 'P-RD', 'A-2')",
               to=agency.won)
    run = agency.run("2026-03-02")
    assert (len(run.created), run.open) == (2, 2)
    assert sorted((a, wk) for _, a, wk, *_ in agency.requests()) == [
        ("A-1", wk) for wk in A1_WEEKS] + [("A-2", "2026-02-09"), ("A-2", "2026-02-16")]
    assert sorted(to for _, to, *_ in agency.outbox()) == ["jan@client.nl", "jan@client.nl"]
