"""Corrections (regional director of the branch or finance, delegation included; fulfilled only
by a higher revision; one waiting per week) and approval of `concept` requests (finance or the
branch's regional director, never the person who asked)."""

from __future__ import annotations

import pytest

from leadanalytics.exceptions import NotAllowed, RuleViolation
from leadanalytics.timesheets.requests import (
    approve_request,
    configure_requests,
    request_correction,
)

from .conftest import D


@pytest.fixture
def week_with_line(agency):
    agency.lead("L-1", "A-1", "2026-02-04")
    agency.assignment("A-1", "2026-02-02", "2026-02-08")
    agency.ingest("T1,1,A-1,E1,2026-02-02,40,approved_director,2026-02-09,",
                  "T2,2,A-1,E1,2026-02-02,8,submitted,2026-02-09,")
    return agency


def ask(agency, by, week="2026-02-02", day="2026-03-05"):
    return request_correction(agency.w, "A-1", D(week), "Friday is missing", by, D(day))


def test_correction_is_fulfilled_only_by_a_higher_revision(week_with_line):
    a = week_with_line
    rid = ask(a, "P-RD")
    assert a.requests() == [(rid, "A-1", "2026-02-02", "correction", "open", "requested", 0)]
    assert [(k, to) for k, to, *_ in a.outbox()] == [("timesheet_correction", "jan@client.nl")]
    assert "Reden: Friday is missing" in a.w.sql("select body from outbox").body[0]
    a.ingest("T1,1,A-1,E1,2026-02-02,40,approved_director,2026-02-09,")   # same revision
    a.ingest("T9,1,A-1,E1,2026-02-02,4,submitted,2026-03-06,")            # a new line, rev 1
    a.ingest("T1,2,A-1,E1,2026-02-02,40,approved_director,2026-03-06,")   # rev 2 <= highest (2)
    assert a.requests()[0][4:6] == ("open", "requested")
    load = a.ingest("T2,3,A-1,E1,2026-02-02,16,submitted,2026-03-07,")     # rev 3 > 2
    assert a.w.sql("select status, week_status, received_load_id from timesheet_requests",
                   output="polars").rows() == [("fulfilled", "received", load)]


def test_who_may_ask_and_one_correction_per_week(week_with_line):
    a = week_with_line
    with pytest.raises(NotAllowed) as refused:
        ask(a, "P-EMP")
    assert refused.value.person_id == "P-EMP"
    with pytest.raises(NotAllowed):
        ask(a, "P-RDU")                                   # regional director of another branch
    with a.w.transaction() as tx:
        tx.sql("insert into store.delegations values ('P-RD', 'P-EMP', '', "
               "DATE '2026-03-01', DATE '2026-03-31', NULL)")
    first = ask(a, "P-EMP")                               # as P-RD's delegate, in the window
    with pytest.raises(RuleViolation) as twice:
        ask(a, "P-FIN")
    assert twice.value.rule == "one_correction_per_week"
    with pytest.raises(RuleViolation) as no_lines:
        ask(a, "P-FIN", week="2026-02-09")
    assert no_lines.value.rule == "correction_needs_lines"
    assert [r[0] for r in a.requests()] == [first]


def test_concept_requests_wait_for_the_right_approver(week_with_line):
    a = week_with_line
    configure_requests(a.w, requires_approval=["Gemeente A"])
    rid = ask(a, "P-FIN", day="2026-03-05")
    assert a.requests()[0][4] == "concept" and a.outbox() == []
    with pytest.raises(NotAllowed) as own:
        approve_request(a.w, rid, "P-FIN", D("2026-03-06"))       # the one who asked
    assert own.value.rule == "four_eyes"
    for wrong in ("P-EMP", "P-RDU"):
        with pytest.raises(NotAllowed):
            approve_request(a.w, rid, wrong, D("2026-03-06"))
    assert a.requests()[0][4] == "concept" and a.outbox() == []
    approve_request(a.w, rid, "P-RD", D("2026-03-06"))
    assert a.requests()[0][4] == "open"
    assert [k for k, *_ in a.outbox()] == ["timesheet_correction"]
    with pytest.raises(RuleViolation):
        approve_request(a.w, rid, "P-FIN", D("2026-03-07"))       # nothing left to approve
    # reminders count from the approval day (Mar 6), not from the asking day (Mar 5)
    assert a.run("2026-03-12").reminded == []
    assert a.run("2026-03-13").reminded == [rid]


def test_missing_weeks_of_a_client_that_requires_approval_are_concepts(agency):
    configure_requests(agency.w, requires_approval=["Gemeente A"])
    agency.lead("L-1", "A-1", "2026-02-04")
    run = agency.run("2026-03-02")
    assert run.open == 1 and run.messages == [] and agency.outbox() == []
    assert agency.run("2026-03-02").created == []              # covered by the concept
    approve_request(agency.w, run.created[0], "P-FIN", D("2026-03-03"))
    assert [s for _, _, s, _ in agency.outbox()] == ["Urenbriefjes ontbreken voor opdracht A-1"]
