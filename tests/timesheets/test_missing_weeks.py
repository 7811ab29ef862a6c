"""Missing weeks as domain.md defines them: running weeks, 14 days' grace after the Monday, any
loaded line counts (a rejected one too); the note says why no request can be made."""

from __future__ import annotations

from leadanalytics.timesheets.hours import missing_timesheets

from .conftest import D


def weeks(w, day):
    f = missing_timesheets(w, D(day))
    return [(r.assignment_id, str(r.week)[:10], r.days_overdue, r.note)
            for r in f.itertuples()]


def test_day_13_and_day_14_after_the_monday(agency):
    agency.lead("L-1", "A-1", "2026-01-28")
    agency.assignment("A-1", "2026-02-02")                      # a Monday
    assert weeks(agency.w, "2026-02-15") == []                  # Feb 2 + 13 days
    assert weeks(agency.w, "2026-02-16") == [("A-1", "2026-02-02", 0, None)]   # + 14 days


def test_start_and_end_mid_week_and_a_rejected_line(agency):
    agency.lead("L-1", "A-1", "2026-01-28")
    agency.assignment("A-1", "2026-02-04", "2026-02-25")        # Wednesday to Wednesday
    agency.ingest("R1,1,A-1,E1,2026-02-09,8,rejected,2026-02-13,")
    # Feb 2 (holds the start), Feb 16, Feb 23 (holds the end); Feb 9 has a (rejected) line;
    # Mar 2 is after the end.
    assert weeks(agency.w, "2026-03-31") == [
        ("A-1", "2026-02-02", 43, None), ("A-1", "2026-02-16", 29, None),
        ("A-1", "2026-02-23", 22, None)]


def test_default_start_is_the_monday_of_the_week_won_and_lines_count_by_status_date(agency):
    agency.lead("L-1", "A-1", "2026-02-05")                     # Thursday: starts Feb 2
    agency.lead("L-2", "A-2", "2026-03-20")                     # won after the date
    agency.ingest("T1,1,A-1,E1,2026-02-02,40,submitted,2026-02-20,")   # known from Feb 20
    assert weeks(agency.w, "2026-02-19") == [("A-1", "2026-02-02", 3, None)]
    assert weeks(agency.w, "2026-02-23") == [("A-1", "2026-02-09", 0, None)]


def test_note_for_anonymised_contact_and_missing_address(agency):
    agency.lead("L-1", "A-1", "2026-02-04", contact_email=None)
    agency.lead("L-2", "A-2", "2026-02-04", contact="***", contact_email="***")
    assert weeks(agency.w, "2026-02-16") == [
        ("A-1", "2026-02-02", 0, "no contact e-mail address"),
        ("A-2", "2026-02-02", 0, "contact anonymised")]


def test_missing_command_within_a_scope(agency):
    """`timesheets missing --scope`: only the weeks of the scope's leads; a bad scope exits 2."""
    from click.testing import CliRunner

    from leadanalytics.cli import cli

    agency.lead("L-1", "A-1", "2026-01-28", branch="AMS")
    agency.lead("L-2", "A-2", "2026-01-28", branch="UTR")
    agency.assignment("A-1", "2026-02-02", "2026-02-08")
    agency.assignment("A-2", "2026-02-02", "2026-02-08")
    runner = CliRunner()

    def rows(scope):
        r = runner.invoke(cli, ["--db", str(agency.w.path), "timesheets", "missing",
                                "--as-of", "2026-03-31", "--scope", scope])
        assert r.exit_code == 0, r.output
        return [line.split(",")[:3] for line in r.stdout.splitlines()[1:]]

    assert rows("all") == [["A-1", "2026-02-02", "L-1"], ["A-2", "2026-02-02", "L-2"]]
    assert rows("branch:UTR") == [["A-2", "2026-02-02", "L-2"]]
    bad = runner.invoke(cli, ["--db", str(agency.w.path), "timesheets", "missing", "--scope", "x"])
    assert bad.exit_code == 2
