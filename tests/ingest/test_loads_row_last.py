"""The `loads` row is the last write of a load: the derived tables are brought up to date
before it, so the commit writes nothing after it (style.md, "Loads that cannot half-happen")."""

from __future__ import annotations

from leadanalytics.pipelines.timesheets import ingest_timesheet_file

from leadanalytics.db import derived


def test_nothing_is_written_after_the_loads_row(w_ts, write_csv, monkeypatch):
    # lines written around the ingest first: the load's transaction has derived work to do
    with w_ts.transaction() as tx:
        tx.con.execute("INSERT INTO store.timesheet_lines (line_id, revision, assignment_id, "
                       "week, hours, status, status_date, load_id) VALUES "
                       "('X1', 1, 'A9', DATE '2026-02-02', 8, 'invoiced', DATE '2026-02-06', 0)")
    commits = []
    real = derived.bring_up_to_date

    def spy(tx, reading=False):
        before = len(tx.changes)
        done = real(tx, reading=reading)
        if not reading:
            commits.append((list(tx.changes), before, done))
        return done

    monkeypatch.setattr(derived, "bring_up_to_date", spy)
    ingest_timesheet_file(w_ts, write_csv("a.csv", "L1,1,A1,E1,2026-02-09,40,invoiced,2026-02-13,cm",
                                          "L1,2,A1,E1,2026-02-09,38,invoiced,2026-02-20,cm"))
    changes, before, done = commits[-1]  # the commit's run of the list
    assert changes[-1] == ("store.loads", "insert")
    assert (before, done) == (len(changes), [])  # it found nothing to do and wrote nothing
    wrote_derived = [c for c, _, _ in commits[:-1]]
    assert any(("store.timesheet_hour_corrections", "insert") in c for c in wrote_derived)
