"""Timesheet files as people really send them, and files that load nothing.

Inputs in tests/cases/ingest/; expected values written by hand.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from leadanalytics.pipelines.timesheets import ingest_timesheet_file

from tests.helpers import CASES

CASE = CASES / "ingest"


def hours(w):
    with w.reader() as con:
        return con.execute("select line_id, hours from timesheet_lines order by line_id"
                           ).fetchall()


def test_bom_and_windows_line_endings(w_ts):
    r = ingest_timesheet_file(w_ts, CASE / "bom_crlf.csv", validate=False)
    assert (r.rows_read, r.rows_loaded, r.rows_quarantined) == (2, 2, 0)
    assert hours(w_ts) == [("L1", Decimal("40.00")), ("L2", Decimal("7.25"))]


def test_semicolon_export_with_decimal_commas(w_ts):
    r = ingest_timesheet_file(w_ts, CASE / "semicolon_decimal_comma.csv", validate=False)
    assert (r.rows_read, r.rows_loaded) == (2, 2)
    assert hours(w_ts) == [("L1", Decimal("38.50")), ("L2", Decimal("33.33"))]


def test_xlsx_with_a_title_row_and_binary_hours(w_ts):
    """A binary 33.33 stays 33.33; a numeric cell 12.345 needs more than two decimals."""
    r = ingest_timesheet_file(w_ts, CASE / "title_row.xlsx", validate=False)
    assert (r.rows_read, r.rows_loaded, r.rows_quarantined) == (2, 1, 1)
    assert hours(w_ts) == [("L1", Decimal("33.33"))]
    q = w_ts.sql("select row_number, rule, detail from quarantine")
    assert q.row_number.tolist() == [2]
    assert q.rule[0] == "expect_column_values_to_match_regex:hours"
    assert "'12.345'" in q.detail[0]


def test_parquet_binary_double_stays_its_shortest_decimal(w_ts):
    r = ingest_timesheet_file(w_ts, CASE / "binary_hours.parquet", validate=False)
    assert (r.rows_read, r.rows_loaded) == (2, 2)
    assert hours(w_ts) == [("L1", Decimal("33.33")), ("L2", Decimal("12.10"))]


def test_header_only_file_loads_nothing_and_succeeds(w_ts):
    r = ingest_timesheet_file(w_ts, CASE / "header_only.csv", validate=False)
    assert (r.status, r.rows_read, r.rows_loaded, r.ok) == ("loaded", 0, 0, True)


@pytest.mark.parametrize(("name", "fault"), [
    ("empty.csv", "empty file"),
    ("missing_status_date.csv", "missing required column(s) status_date"),
    ("garbage.xlsx", "cannot be read"),
    ("no_such_file.csv", "no such file"),
])
def test_file_that_cannot_be_read_loads_nothing_and_is_refused(w_ts, name, fault):
    r = ingest_timesheet_file(w_ts, CASE / name, validate=False)
    assert r.status == "refused" and not r.ok
    assert fault in r.message
    loads = w_ts.sql("select status, rows_read, message from loads")
    assert loads.status.tolist() == ["refused"] and fault in loads.message[0]
    assert w_ts.sql("select count(*) as n from timesheet_lines").n[0] == 0
    assert w_ts.sql("select count(*) as n from quarantine").n[0] == 0
