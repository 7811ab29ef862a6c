"""Known-at-date reads (invoiced hours) and missing timesheet weeks; expected values by hand."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from leadanalytics.pipelines.timesheets import ingest_timesheet_file

from leadanalytics.exceptions import SqlError
from leadanalytics.timesheets.hours import (
    invoiced_hours,
    missing_timesheet_count,
    missing_timesheets,
)
from tests.helpers import CASES

D = dt.date


def test_invoiced_hours_follow_the_revision_known_at_the_date(w_ts, write_csv):
    ingest_timesheet_file(w_ts, write_csv(
        "a.csv",
        "L1,1,A1,E1,2026-02-09,40,invoiced,2026-02-13,",
        "L1,2,A1,E1,2026-02-09,32,invoiced,2026-02-27,",   # correction: 32 from Feb 27
        "L2,1,A1,E1,2026-02-16,38,submitted,2026-02-20,",
        "L2,2,A2,E1,2026-02-23,38,invoiced,2026-03-06,",   # moved to A2 and another week
        "L3,1,A2,E1,2026-02-16,8,rejected,2026-02-20,",
    ), validate=False)

    def per_assignment(day):
        f = invoiced_hours(w_ts, day)
        return dict(zip(f.assignment_id, f.invoiced_hours, strict=True))

    assert per_assignment(D(2026, 2, 12)) == {}
    assert per_assignment(D(2026, 2, 13)) == {"A1": Decimal("40.00")}
    assert per_assignment(D(2026, 2, 27)) == {"A1": Decimal("32.00")}
    assert per_assignment(D(2026, 3, 6)) == {"A1": Decimal("32.00"), "A2": Decimal("38.00")}
    weeks = invoiced_hours(w_ts, D(2026, 3, 6), per="week", output="polars")
    assert weeks.select("assignment_id", "week", "invoiced_hours").rows() == [
        ("A1", D(2026, 2, 9), Decimal("32.00")), ("A2", D(2026, 2, 23), Decimal("38.00"))]


def _won(w, lead_id, assignment_id, at, email=None):
    with w.transaction() as tx:
        tx.sql("INSERT INTO store.leads (lead_id, pipeline, created_at, branch_id, contact_email) "
               "VALUES ($l, 'public_support', TIMESTAMPTZ '2026-01-01 09:00', 'AMS', $e)",
               l=lead_id, e=email)
        tx.sql("INSERT INTO store.phase_events (entity, record_id, seq, \"at\", from_phase, "
               "to_phase, verb, assignment_id) VALUES ('lead', $l, 1, CAST($at AS TIMESTAMPTZ), "
               "'actief_als_lead', 'actief_als_opdracht', 'win', $a)",
               l=lead_id, at=at, a=assignment_id)


def missing(w, day):
    f = missing_timesheets(w, day)
    return [(r.assignment_id, r.week.date() if hasattr(r.week, "date") else r.week,
             r.lead_id, r.days_overdue, r.note) for r in f.itertuples()]


def test_missing_weeks_of_won_assignments(w_ts, write_csv):
    _won(w_ts, "L-1", "A1", "2026-02-11 10:00", "c@client.nl")   # a Wednesday: starts Feb 9
    _won(w_ts, "L-2", "A2", "2026-01-05 10:00")                  # dates from assignments.csv
    _won(w_ts, "L-3", "A3", "2026-03-10 10:00", "x@client.nl")   # won after the date
    with w_ts.transaction() as tx:
        tx.sql("INSERT INTO store.assignments (assignment_id, start_date, end_date, "
               "contact_language) VALUES ('A2', DATE '2026-02-18', DATE '2026-02-24', 'nl')")
    ingest_timesheet_file(w_ts, write_csv(
        "a.csv",
        "T1,1,A1,E1,2026-02-16,40,submitted,2026-02-20,",
        "T2,1,A1,E1,2026-02-23,40,submitted,2026-03-10,",   # only known after the date
        "T3,1,A3,E1,2026-02-09,40,submitted,2026-02-13,",
    ), validate=False)
    assert missing(w_ts, D(2026, 3, 9)) == [
        ("A1", D(2026, 2, 9), "L-1", 14, None),
        ("A1", D(2026, 2, 23), "L-1", 0, None),
        ("A2", D(2026, 2, 16), "L-2", 7, "no contact e-mail address"),
        ("A2", D(2026, 2, 23), "L-2", 0, "no contact e-mail address"),
    ]
    assert missing_timesheet_count(w_ts, D(2026, 3, 8)) == 2   # Feb 23 + 14 days not yet reached
    with w_ts.transaction() as tx:
        tx.run("queries/config/setting_put", key="timesheet_lookback_weeks", value="2")
    assert [(a, wk) for a, wk, *_ in missing(w_ts, D(2026, 3, 9))] == [
        ("A1", D(2026, 2, 23)), ("A2", D(2026, 2, 23))]


def test_every_assignment_a_lead_won_has_its_weeks(w_ts):
    """A lead that won a second assignment keeps the first: each starts on the Monday of the
    week the lead won it (domain.md), and both miss their weeks."""
    _won(w_ts, "L-1", "A1", "2026-02-04 10:00", "c@client.nl")   # a Wednesday: starts Feb 2
    with w_ts.transaction() as tx:
        tx.sql("INSERT INTO store.phase_events (entity, record_id, seq, \"at\", from_phase, "
               "to_phase, verb, assignment_id) VALUES ('lead', 'L-1', 2, "
               "TIMESTAMPTZ '2026-02-18 10:00', 'actief_als_opdracht', 'actief_als_opdracht', "
               "'win', 'A2')")                                    # Wednesday: starts Feb 16
    assert missing(w_ts, D(2026, 3, 9)) == [
        ("A1", D(2026, 2, 2), "L-1", 21, None),
        ("A1", D(2026, 2, 9), "L-1", 14, None),
        ("A1", D(2026, 2, 16), "L-1", 7, None),
        ("A1", D(2026, 2, 23), "L-1", 0, None),
        ("A2", D(2026, 2, 16), "L-1", 7, None),
        ("A2", D(2026, 2, 23), "L-1", 0, None),
    ]


def test_missing_weeks_agree_with_listing_every_due_week(w_ts):
    """Random assignments (file dates or the defaults, ends before starts, no end) and lines
    (other weekdays, other assignments, known later, any status) at many dates and settings:
    the query gives exactly the rows of the plain statement of the rule."""
    from leadanalytics.db.warehouse import bind

    rng = random.Random(20261205)
    day0 = D(2025, 9, 1)
    for i in range(40):
        _won(w_ts, f"L-{i}", f"A{i}", f"{day0 + dt.timedelta(days=rng.randrange(200))} 10:00",
             rng.choice([None, "", "***", "c@client.nl"]))
    with w_ts.transaction() as tx:
        for i in rng.sample(range(40), 20):
            start = day0 + dt.timedelta(days=rng.randrange(220))
            end = rng.choice([None, start + dt.timedelta(days=rng.randrange(-10, 150))])
            tx.sql("INSERT INTO store.assignments (assignment_id, start_date, end_date, "
                   "contact_email) VALUES ($a, $s, $e, $c)",
                   a=f"A{i}", s=start, e=end, c=rng.choice([None, "x@client.nl"]))
        for n in range(600):
            monday = day0 + dt.timedelta(weeks=rng.randrange(40))
            week = monday + dt.timedelta(days=rng.choice([0, 0, 0, 0, 0, 2]))
            tx.sql("INSERT INTO store.timesheet_lines VALUES ($l, 1, $a, 'E1', $w, 8.00, $st, $sd, "
                   "'f', 1)", l=f"T{n}", a=f"A{rng.randrange(42)}", w=week,
                   st=rng.choice(["submitted", "approved", "invoiced", "rejected"]),
                   sd=week + dt.timedelta(days=rng.randrange(0, 60)))
    reference = (CASES / "ingest" / "missing_weeks_reference.sql").read_text()
    compared = 0
    for lookback, grace in [(26, 14), (1, 0), (3, 20), (60, 7)]:
        with w_ts.transaction() as tx:
            tx.run("queries/config/setting_put", key="timesheet_lookback_weeks", value=str(lookback))
            tx.run("queries/config/setting_put", key="timesheet_grace_days", value=str(grace))
        for as_of in (D(2025, 9, 20), D(2025, 12, 1), D(2026, 2, 17), D(2026, 5, 4),
                      D(2026, 8, 30)):
            params = {"as_of": as_of, "lookback_weeks": lookback, "grace_days": grace}
            with w_ts.reader() as con:
                expected = con.execute(reference, bind(reference, params)).fetchall()
            got = missing_timesheets(w_ts, as_of)
            assert [tuple(r) for r in got.itertuples(index=False)] == [
                (a, pd_ts(wk), lead, br, days, note) for a, wk, lead, br, days, note in expected]
            compared += len(expected)
    assert compared > 200    # the data has many missing weeks to compare, not none


def pd_ts(day):
    import pandas as pd

    return pd.Timestamp(day)


def test_a_look_back_longer_than_120_weeks_is_refused_by_name(w_ts):
    _won(w_ts, "L-1", "A1", "2026-02-04 10:00", "c@client.nl")
    with w_ts.transaction() as tx:
        tx.run("queries/config/setting_put", key="timesheet_lookback_weeks", value="120")
    assert len(missing(w_ts, D(2026, 3, 9))) == 4            # Feb 2, 9, 16, 23
    with w_ts.transaction() as tx:
        tx.run("queries/config/setting_put", key="timesheet_lookback_weeks", value="121")
    with pytest.raises(SqlError, match="timesheet_lookback_weeks must be a number of weeks "
                                       "from 0 to 120, not 121"):
        missing(w_ts, D(2026, 3, 9))
