"""What the data-quality notebook shows: missing weeks and requests of a scope, with age and the
days from sending to fulfilment."""

from __future__ import annotations

from leadanalytics.reporting.metrics import missing_timesheet_weeks as missing_weeks
from leadanalytics.timesheets.requests import request_ages


def test_ages_and_time_to_fulfilment_per_scope(agency):
    agency.lead("L-1", "A-1", "2026-02-04")                               # AMS
    agency.lead("L-2", "A-2", "2026-02-04", branch="UTR", contact_email="u@client.nl")
    agency.assignment("A-1", "2026-02-02", "2026-02-08")
    agency.run("2026-03-02")
    agency.ingest("T1,1,A-1,E1,2026-02-02,40,submitted,2026-03-05,")    # loaded today
    ages = request_ages(agency.w, "2026-03-10", "branch:UTR")
    assert ages[["assignment_id", "status", "weeks", "age_days"]].values.tolist() == [
        ["A-2", "open", 3, 8]]
    everyone = request_ages(agency.w, "2026-03-10")
    assert everyone.assignment_id.tolist() == ["A-1", "A-2"]
    assert everyone.status.tolist() == ["fulfilled", "open"]
    assert request_ages(agency.w, "2026-03-01").empty                    # asked later
    weeks = missing_weeks(agency.w, "2026-03-10", "branch:AMS")
    assert weeks.assignment_id.tolist() == []                            # A-1's week arrived
    assert missing_weeks(agency.w, "2026-03-10", "branch:UTR").week.astype(str).str[:10].tolist() \
        == ["2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23"]
