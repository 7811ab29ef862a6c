"""store.timesheet_hour_corrections, kept by the timesheet ingest (migrations 13 and 14).

A revision (of any status, with hours) superseded by a higher revision of its line loses its
hours on the first status_date of a higher revision, or on its own status_date if that is not
earlier (bonus-rules.md, "When it is earned"; bonus_hour_corrections keeps the invoiced ones).
Expected rows are written by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from leadanalytics.pipelines.timesheets import ingest_timesheet_file

import leadanalytics as la
from leadanalytics.timesheets import corrections as hour_corrections
from tests.helpers import as_version, fresh_warehouse, write_rows

D = dt.date


def ingest(w, path):
    r = ingest_timesheet_file(w, path, validate=False)
    assert r.rows_quarantined == 0
    return r


def stored(w):
    with w.reader() as con:
        return con.execute("select line_id, revision, assignment_id, day, delta "
                           "from store.timesheet_hour_corrections order by all").fetchall()


def test_correction_arriving_in_a_later_file(w_ts, write_csv):
    ingest(w_ts, write_csv("a.csv", "L1,1,A1,E1,2026-02-09,40,invoiced,2026-02-13,cm",
                           "L2,1,A1,E1,2026-02-09,8,invoiced,2026-02-13,cm"))
    assert stored(w_ts) == []
    ingest(w_ts, write_csv("b.csv", "L1,2,A1,E1,2026-02-09,38,invoiced,2026-02-20,cm"))
    assert stored(w_ts) == [("L1", 1, "A1", D(2026, 2, 20), Decimal("-40.00"))]
    with w_ts.reader() as con:
        deltas = con.execute("select day, delta from bonus_hour_deltas order by all").fetchall()
    assert deltas == [(D(2026, 2, 13), Decimal("8.00")), (D(2026, 2, 13), Decimal("40.00")),
                      (D(2026, 2, 20), Decimal("-40.00")), (D(2026, 2, 20), Decimal("38.00"))]


def test_revision_in_between_two_loaded_ones(w_ts, write_csv):
    ingest(w_ts, write_csv("a.csv", "L1,1,A1,E1,2026-02-09,40,invoiced,2026-02-13,cm",
                           "L1,3,A1,E1,2026-02-09,36,invoiced,2026-02-27,cm"))
    assert stored(w_ts) == [("L1", 1, "A1", D(2026, 2, 27), Decimal("-40.00"))]
    ingest(w_ts, write_csv("b.csv", "L1,2,A1,E1,2026-02-09,38,invoiced,2026-02-20,cm"))
    assert stored(w_ts) == [("L1", 1, "A1", D(2026, 2, 20), Decimal("-40.00")),
                            ("L1", 2, "A1", D(2026, 2, 27), Decimal("-38.00"))]


def test_file_with_both_revisions(w_ts, write_csv):
    ingest(w_ts, write_csv(
        "a.csv",
        "L1,1,A1,E1,2026-02-09,40,invoiced,2026-02-13,cm",
        "L1,2,A1,E1,2026-02-09,38,submitted,2026-02-20,cm",     # takes 40 h away on 20 Feb
        "L2,1,A2,E1,2026-02-09,10,submitted,2026-02-13,cm",     # submitted: loses 10 h on 16 Feb
        "L2,2,A2,E1,2026-02-09,12,invoiced,2026-02-16,cm",
        "L3,1,A2,E1,2026-02-09,8,invoiced,2026-02-13,cm",
        "L3,2,A2,E1,2026-02-09,7,invoiced,2026-02-13,cm",       # same day: on its own date
        "L4,1,A2,E1,2026-02-09,0,invoiced,2026-02-13,cm",       # zero hours: nothing
        "L4,2,A2,E1,2026-02-09,5,invoiced,2026-02-14,cm"))
    both = [("L1", 1, "A1", D(2026, 2, 20), Decimal("-40.00")),
            ("L2", 1, "A2", D(2026, 2, 16), Decimal("-10.00")),
            ("L3", 1, "A2", D(2026, 2, 13), Decimal("-8.00"))]
    assert stored(w_ts) == both
    with w_ts.reader() as con:
        invoiced = con.execute("select assignment_id, day, delta from bonus_hour_corrections "
                               "order by all").fetchall()
        statuses = con.execute("select line_id, status from store.timesheet_hour_corrections "
                               "order by all").fetchall()
    assert invoiced == [("A1", D(2026, 2, 20), Decimal("-40.00")),
                        ("A2", D(2026, 2, 13), Decimal("-8.00"))]
    assert statuses == [("L1", "invoiced"), ("L2", "submitted"), ("L3", "invoiced")]
    # the same file again with other bytes: every row skipped, nothing changes
    ingest(w_ts, write_csv(
        "b.csv", "L1,1,A1,E1,2026-02-09,40,invoiced,2026-02-13,cm",
        "L3,2,A2,E1,2026-02-09,7,invoiced,2026-02-13,cm"))
    assert stored(w_ts) == both


def test_lines_written_around_the_ingest_are_caught_up(w_ts, write_csv):
    with w_ts.transaction() as tx:
        tx.con.execute(
            "insert into store.timesheet_lines (line_id, revision, assignment_id, week, hours, "
            "status, status_date, load_id) values "
            "('L9', 1, 'A9', DATE '2026-02-02', 20, 'invoiced', DATE '2026-02-06', 0), "
            "('L9', 2, 'A9', DATE '2026-02-02', 21, 'invoiced', DATE '2026-02-10', 0)")
        assert not hour_corrections.is_current(tx)
    # the transaction brought them up to date before it committed
    assert stored(w_ts) == [("L9", 1, "A9", D(2026, 2, 10), Decimal("-20.00"))]
    ingest(w_ts, write_csv("a.csv", "L1,1,A1,E1,2026-02-09,40,invoiced,2026-02-13,cm"))
    assert stored(w_ts) == [("L9", 1, "A9", D(2026, 2, 10), Decimal("-20.00"))]
    with w_ts.transaction() as tx:
        tx.con.execute(
            "insert into store.timesheet_lines (line_id, revision, assignment_id, week, hours, "
            "status, status_date, load_id) values "
            "('L1', 2, 'A1', DATE '2026-02-09', 39, 'invoiced', DATE '2026-02-18', 0)")
        assert hour_corrections.refresh(tx) is True
        assert hour_corrections.refresh(tx) is False     # current now: nothing to do
    assert stored(w_ts) == [("L1", 1, "A1", D(2026, 2, 18), Decimal("-40.00")),
                            ("L9", 1, "A9", D(2026, 2, 10), Decimal("-20.00"))]


def test_migration_fills_the_corrections_of_an_older_file(w_ts, write_csv):
    ingest(w_ts, write_csv("a.csv", "L1,1,A1,E1,2026-02-09,40,invoiced,2026-02-13,cm",
                           "L1,2,A1,E1,2026-02-09,39,invoiced,2026-02-18,cm"))
    con = duckdb.connect(str(w_ts.path))  # the file as version 12 left it
    as_version(con, 12)
    con.close()
    w = la.connect(w_ts.path)
    assert stored(w) == [("L1", 1, "A1", D(2026, 2, 18), Decimal("-40.00"))]


def test_migration_14_adds_the_corrections_of_every_status(w_ts, write_csv):
    ingest(w_ts, write_csv("a.csv", "L1,1,A1,E1,2026-02-09,40,invoiced,2026-02-13,cm",
                           "L1,2,A1,E1,2026-02-09,39,invoiced,2026-02-18,cm",
                           "L2,1,A1,E1,2026-02-16,12,submitted,2026-02-20,cm",
                           "L2,2,A1,E1,2026-02-16,11,approved_director,2026-02-24,cm"))
    con = duckdb.connect(str(w_ts.path))  # the file as version 13 left it: invoiced ones only
    con.execute("delete from store.timesheet_hour_corrections where status <> 'invoiced'")
    con.execute("alter table store.timesheet_hour_corrections drop column status")
    as_version(con, 13)
    con.close()
    w = la.connect(w_ts.path)
    assert stored(w) == [("L1", 1, "A1", D(2026, 2, 18), Decimal("-40.00")),
                         ("L2", 1, "A1", D(2026, 2, 24), Decimal("-12.00"))]
    with w.reader() as con:
        assert con.execute("select known_hours, invoiced_hours "
                           "from timesheet_hours_known_at(DATE '2026-02-24')").fetchall() == [
            (Decimal("50.00"), Decimal("39.00"))]


_REVISIONS = st.lists(
    st.tuples(st.sampled_from(["L1", "L2", "L3"]), st.integers(1, 4), st.integers(0, 40),
              st.sampled_from(["submitted", "approved", "invoiced"]), st.integers(0, 20)),
    min_size=1, max_size=10,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(_REVISIONS, min_size=1, max_size=3))
def test_each_load_keeps_what_a_full_recomputation_gives(template_db, tmp_path_factory, files):
    # the ingest recomputes the corrections of the lines a load touches
    # (timesheet_hour_corrections_of_load); whatever the files, the table must equal the
    # recomputation from every stored line (timesheet_hour_corrections_all)
    folder = tmp_path_factory.mktemp("hc")
    w = fresh_warehouse(template_db, folder)
    for n, rows in enumerate(files):
        path = write_rows(folder / f"f{n}.csv", [
            f"{line},{rev},A1,E1,2026-02-09,{hours},{status},"
            f"{D(2026, 2, 9) + dt.timedelta(days=day)},cm"
            for line, rev, hours, status, day in rows])
        ingest_timesheet_file(w, path, validate=False)
    kept = stored(w)
    with pytest.raises(_Undo), w.transaction() as tx:
        hour_corrections.refresh(tx, force=True)     # from every stored line, then undone
        full = tx.con.execute("select line_id, revision, assignment_id, day, delta "
                              "from store.timesheet_hour_corrections order by all").fetchall()
        raise _Undo
    assert kept == full


class _Undo(Exception):
    """Rolls a transaction back."""
