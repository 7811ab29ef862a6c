"""store.bonus_hours_crossings (migration 15, leadanalytics.bonuses.crossings): the steps of H(d)
that cross a threshold in use, stored for the assignments of the lead log, with each one's hour
totals (migration 16), and kept current by every write path. Hand-written steps first; then,
after each kind of write, the stored table against the view it is computed from."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb
from bonus_agency import SCHEMES
from leadanalytics.pipelines.timesheets import ingest_timesheet_file

import leadanalytics as la
from leadanalytics.bonuses import bonuses_list, install_bonus_schemes
from leadanalytics.bonuses import crossings as bonus_crossings
from tests.helpers import HEADER, as_version

D = dt.date


def _rows(w, text, **params):
    with w.reader() as con:
        return con.execute(text, params).fetchall()


def stored(w, assignment_id=None):
    return _rows(w, "select assignment_id, changed_on, invoiced_hours, hours_before "
                    "from store.bonus_hours_crossings "
                    "where $a = '' or assignment_id = $a order by all", a=assignment_id or "")


def totals(w):
    """The stored hour totals per subject assignment: invoiced, every status."""
    return _rows(w, "select assignment_id, invoiced_hours, known_hours "
                    "from store.bonus_hours_crossings_subjects order by all")


def recomputed(w):
    """The steps of the view, for every subject assignment, that cross a threshold in use
    (picked here in Python)."""
    thresholds = [t for (t,) in _rows(w, "select threshold_hours from bonus_thresholds_in_use")]
    steps = _rows(w, "select assignment_id, changed_on, invoiced_hours, hours_before "
                     "from bonus_hours_timeline where assignment_id in "
                     "(select assignment_id from bonus_subject_assignments) order by all")
    return [s for s in steps if any((s[3] < t) != (s[2] < t) for t in thresholds)]


def test_the_steps_that_cross_a_threshold_by_hand(committed, warehouse, agency):
    agency.lead("L1", submitted="2026-02-02", won="2026-03-02")
    agency.lines([("l1", "A-L1", "60", "2026-03-06"), ("l2", "A-L1", "50", "2026-03-13"),
                  ("l3", "A-L1", "5", "2026-03-20"), ("l4", "A-L1", "6", "2026-03-27")])
    # thresholds in use (tests/cases/bonuses/schemes.toml): 40 (hours extension), 100, 120
    assert stored(warehouse) == [
        ("A-L1", D(2026, 3, 6), Decimal("60.00"), Decimal("0.00")),      # crosses 40
        ("A-L1", D(2026, 3, 13), Decimal("110.00"), Decimal("60.00")),   # crosses 100
        ("A-L1", D(2026, 3, 27), Decimal("121.00"), Decimal("115.00")),  # crosses 120
    ]


def test_a_new_threshold_recomputes_every_assignment(committed, warehouse, agency, tmp_path):
    # a lead of 2025, before any scheme: thresholds in use 40, 100, 120
    agency.lead("L1", submitted="2025-06-02", won="2025-07-01")
    agency.lines([("l1", "A-L1", "110", "2025-07-04"), ("l2", "A-L1", "5", "2025-07-11"),
                  ("l3", "A-L1", "2", "2025-07-18")])
    assert [s[1] for s in stored(warehouse)] == [D(2025, 7, 4)]
    schemes = tmp_path / "schemes.toml"
    schemes.write_text(
        SCHEMES.read_text(encoding="utf-8")
        + '\n[[scheme]]\nname = "2025"\nvalid_from = 2025-01-01\nvalid_to = 2025-12-31\n'
          'threshold_hours = 112\ndefault_amount_eur = 250.00\npayout_day = 25\n'
          'payout_lag_months = 1\n',
        encoding="utf-8")
    install_bonus_schemes(warehouse, schemes)
    # 110 -> 115 crosses 112 now: bonus_states must see it as the day the bonus was earned
    assert [s[1] for s in stored(warehouse)] == [D(2025, 7, 4), D(2025, 7, 11)]
    assert stored(warehouse) == recomputed(warehouse)
    got = bonuses_list(warehouse, D(2025, 7, 31))
    row = got[got.lead_id == "L1"].iloc[0]
    assert (row.scheme, row.status, row.earned_on, row.invoiced_hours) == (
        "2025", "earned", D(2025, 7, 11), Decimal("117.00"))


def test_every_write_path_keeps_them_current(committed, warehouse, agency, tmp_path):
    agency.lead("L1", submitted="2026-02-02", won="2026-03-02")
    # lines written around the ingest, without any refresh call: caught before the commit
    with warehouse.transaction() as tx:
        tx.con.execute(
            "insert into store.timesheet_lines (line_id, revision, assignment_id, week, hours, "
            "status, status_date, load_id) values "
            "('x1', 1, 'A-L1', DATE '2026-03-02', 70, 'invoiced', DATE '2026-03-06', 0), "
            "('x2', 1, 'A-X', DATE '2026-03-02', 80, 'invoiced', DATE '2026-03-06', 0)")
    assert stored(warehouse) == [("A-L1", D(2026, 3, 6), Decimal("70.00"), Decimal("0.00"))]
    assert totals(warehouse) == [("A-L1", Decimal("70.00"), Decimal("70.00"))]   # A-X: no lead
    # a lead won with A-X: only the subject set changed, A-X's crossing comes in
    agency.lead("L2", submitted="2026-02-02", won="2026-03-03", assignment_id="A-X")
    assert stored(warehouse, "A-X") == [("A-X", D(2026, 3, 6), Decimal("80.00"), Decimal("0.00"))]
    assert totals(warehouse) == [("A-L1", Decimal("70.00"), Decimal("70.00")),
                                 ("A-X", Decimal("80.00"), Decimal("80.00"))]
    # the ingest: a new line for A-L1, a revision that moves x2's hours from A-X to A-L1 and a
    # line not yet invoiced
    csv = tmp_path / "week.csv"
    csv.write_text("\n".join([
        HEADER,
        "x3,1,A-L1,E1,2026-03-09,40,invoiced,2026-03-13,cm",
        "x2,2,A-L1,E1,2026-03-02,80,invoiced,2026-03-16,cm",
        "x4,1,A-L1,E1,2026-03-16,8,submitted,2026-03-20,cm",
    ]) + "\n", encoding="utf-8")
    result = ingest_timesheet_file(warehouse, csv, validate=False)
    assert result.rows_loaded == 3
    assert totals(warehouse) == [("A-L1", Decimal("190.00"), Decimal("198.00")),
                                 ("A-X", Decimal("0.00"), Decimal("0.00"))]
    assert stored(warehouse) == recomputed(warehouse) == [
        ("A-L1", D(2026, 3, 6), Decimal("70.00"), Decimal("0.00")),
        ("A-L1", D(2026, 3, 13), Decimal("110.00"), Decimal("70.00")),
        ("A-L1", D(2026, 3, 16), Decimal("190.00"), Decimal("110.00")),
        ("A-X", D(2026, 3, 6), Decimal("80.00"), Decimal("0.00")),
        ("A-X", D(2026, 3, 16), Decimal("0.00"), Decimal("80.00")),       # back below 40
    ]
    with warehouse.transaction() as tx:
        assert bonus_crossings.is_current(tx)
        assert bonus_crossings.refresh(tx) is False


def test_rebuilt_from_nothing_when_the_state_is_lost(committed, warehouse, agency):
    agency.lead("L1", submitted="2026-02-02", won="2026-03-02")
    agency.lines([("l1", "A-L1", "60", "2026-03-06"), ("l2", "A-L1", "50", "2026-03-13")])
    before = stored(warehouse)
    with warehouse.transaction() as tx:
        tx.con.execute("delete from store.bonus_hours_crossings_state")
        tx.con.execute("delete from store.bonus_hours_crossings")
        assert not bonus_crossings.is_current(tx)
    assert stored(warehouse) == before == recomputed(warehouse)
    assert len(before) == 2


def test_migration_16_fills_the_totals_of_an_older_file(committed, warehouse, agency):
    agency.lead("L1", submitted="2026-02-02", won="2026-03-02")
    agency.lines([("l1", "A-L1", "60", "2026-03-06"), ("l2", "A-L1", "50", "2026-03-13")])
    con = duckdb.connect(str(warehouse.path))  # the file as version 15 left it: no totals
    as_version(con, 15)
    con.close()
    w = la.connect(warehouse.path)
    assert w.schema_version() >= 16
    assert totals(w) == [("A-L1", Decimal("110.00"), Decimal("110.00"))]
    assert _rows(w, "select invoiced_hours from subject_hours_known_at(DATE '2026-03-12')") == [
        (Decimal("60.00"),)]
