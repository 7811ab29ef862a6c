"""The loading rules of data-contracts.md "Timesheets", one test (or table of cases) each.

Expected values are written by hand from the contract. Most loads run without the
great-expectations pass (validate=False), which has tests of its own.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from leadanalytics.pipelines.timesheets import ingest_timesheet_file, ingest_timesheets

from tests.helpers import fresh_warehouse, write_rows

D = dt.date
NN = "expect_column_values_to_not_be_null"
RE = "expect_column_values_to_match_regex"
BETWEEN = "expect_column_values_to_be_between"
IN_SET = "expect_column_values_to_be_in_set"
STRF = "expect_column_values_to_match_strftime_format"
PAIR = "expect_column_pair_values_a_to_be_greater_than_b"
GOOD = "L1,1,A1,E1,2026-02-09,40,submitted,2026-02-13,casemaster"


def ingest(w, path):
    r = ingest_timesheet_file(w, path, validate=False)
    assert r.rows_read == r.rows_loaded + r.rows_skipped + r.rows_quarantined
    return r


def lines(w):
    with w.reader() as con:
        return con.execute(
            "select line_id, revision, assignment_id, employee_id, week, hours, status, "
            "status_date, source from timesheet_lines order by line_id, revision").fetchall()


def quarantined(w):
    return w.sql("select row_number, rule, detail from quarantine order by load_id, row_number")


def test_clean_file_loads_typed_values(w_ts, write_csv):
    p = write_csv("a.csv",
                  "L1,1,A1,E1,2026-02-09,40,submitted,2026-02-13,casemaster",
                  "L2,1,A1,E1,2026-W07,32.5,Approved_Director,2026-02-16,casemaster",
                  "L3,1,A2,,2026-w08,0,INVOICED,2026-02-27,")
    r = ingest(w_ts, p)
    assert (r.status, r.rows_read, r.rows_loaded, r.rows_skipped, r.rows_quarantined) == (
        "loaded", 3, 3, 0, 0)
    assert lines(w_ts) == [
        ("L1", 1, "A1", "E1", dt.date(2026, 2, 9), Decimal("40.00"), "submitted", dt.date(2026, 2, 13),
         "casemaster"),
        ("L2", 1, "A1", "E1", dt.date(2026, 2, 9), Decimal("32.50"), "approved_director",
         dt.date(2026, 2, 16), "casemaster"),
        ("L3", 1, "A2", None, dt.date(2026, 2, 16), Decimal("0.00"), "invoiced", dt.date(2026, 2, 27), None),
    ]
    row = w_ts.sql("select * from loads").iloc[0]
    assert (row.kind, row.rows_read, row.rows_loaded, row.status) == ("timesheets", 3, 3, "loaded")
    assert row.content_hash and row.finished_at >= row.started_at


COLUMN_CASES = [
    # (row, rule, words the detail must hold)
    (",1,A1,E1,2026-02-09,40,submitted,2026-02-13,", f"{NN}:line_id", ["line_id", "(empty)"]),
    ("L1,,A1,E1,2026-02-09,40,submitted,2026-02-13,", f"{NN}:revision", ["revision"]),
    ("L1,1,,E1,2026-02-09,40,submitted,2026-02-13,", f"{NN}:assignment_id", ["assignment_id"]),
    ("L1,1,A1,E1,,40,submitted,2026-02-13,", f"{NN}:week", ["week"]),
    ("L1,1,A1,E1,2026-02-09,,submitted,2026-02-13,", f"{NN}:hours", ["hours"]),
    ("L1,1,A1,E1,2026-02-09,40,,2026-02-13,", f"{NN}:status", ["status"]),
    ("L1,1,A1,E1,2026-02-09,40,submitted,,", f"{NN}:status_date", ["status_date"]),
    ("L1,one,A1,E1,2026-02-09,40,submitted,2026-02-13,", f"{RE}:revision", ["'one'", "whole"]),
    ("L1,1.5,A1,E1,2026-02-09,40,submitted,2026-02-13,", f"{RE}:revision", ["'1.5'"]),
    ("L1,0,A1,E1,2026-02-09,40,submitted,2026-02-13,", f"{BETWEEN}:revision", ["'0'", "1 or more"]),
    ("L1,1,A1,E1,2026-02-09,forty,submitted,2026-02-13,", f"{RE}:hours", ["'forty'"]),
    ("L1,1,A1,E1,2026-02-09,12.345,submitted,2026-02-13,", f"{RE}:hours", ["'12.345'", "two decimals"]),
    ("L1,1,A1,E1,2026-02-09,168.01,submitted,2026-02-13,", f"{BETWEEN}:hours", ["'168.01'", "168"]),
    ("L1,1,A1,E1,2026-02-09,-1,submitted,2026-02-13,", f"{BETWEEN}:hours", ["'-1'"]),
    ("L1,1,A1,E1,2026-02-10,40,submitted,2026-02-13,", f"{IN_SET}:week", ["'2026-02-10'", "Monday"]),
    ("L1,1,A1,E1,2026-W54,40,submitted,2026-02-13,", f"{IN_SET}:week", ["'2026-W54'"]),
    ("L1,1,A1,E1,2026-02-30,40,submitted,2026-03-13,", f"{IN_SET}:week", ["'2026-02-30'"]),
    ("L1,1,A1,E1,09-02-2026,40,submitted,2026-02-13,", f"{IN_SET}:week", ["'09-02-2026'"]),
    ("L1,1,A1,E1,2026-02-09,40,done,2026-02-13,", f"{IN_SET}:status", ["'done'", "invoiced"]),
    ("L1,1,A1,E1,2026-02-09,40,submitted,13-02-2026,", f"{STRF}:status_date", ["'13-02-2026'"]),
    ("L1,1,A1,E1,2026-02-09,40,submitted,2026-02-08,", f"{PAIR}:status_date",
     ["'2026-02-08'", "before week"]),
]


@pytest.mark.parametrize(("row", "rule", "words"), COLUMN_CASES,
                         ids=[f"{c[1].split(':')[1]}-{i}" for i, c in enumerate(COLUMN_CASES)])
def test_column_rule_quarantines_with_column_value_and_rule(w_ts, write_csv, row, rule, words):
    r = ingest(w_ts, write_csv("bad.csv", GOOD.replace("L1", "L0"), row))
    assert (r.rows_loaded, r.rows_quarantined, r.status) == (1, 1, "partial")
    q = quarantined(w_ts)
    assert list(q.row_number) == [2] and list(q.rule) == [rule]
    for word in words + [rule]:
        assert word in q.detail[0]
    assert r.by_rule == {rule: 1}


@pytest.mark.parametrize("row", [
    "L1,1,A1,E1,2026-02-09,168,submitted,2026-02-09,",      # bounds included, same day
    "L1,1,A1,E1,2026-02-09,0.00,submitted,2026-02-13,",
    "L1,1,A1,E1,2026-02-09,12.340,submitted,2026-02-13,",   # needs only two decimals
    "L1,1,A1,E1,2026-W07,40,SUBMITTED,2026-02-13,",
    "L1,1,A1,E1,2026-02-09,.5,Rejected,2026-02-13,",
    "L1,1,A1,E1,2020-W53,8,invoiced,2021-01-01,",           # 2020 has an ISO week 53
])
def test_values_at_the_edges_load(w_ts, write_csv, row):
    r = ingest(w_ts, write_csv("ok.csv", row))
    assert (r.rows_loaded, r.rows_quarantined) == (1, 0)


def test_row_breaking_several_rules_is_one_quarantine_row_under_the_first(w_ts, write_csv):
    r = ingest(w_ts, write_csv("bad.csv", "L1,x,A1,E1,2026-02-10,12.345,foo,2026-02-01,"))
    q = quarantined(w_ts)
    assert len(q) == 1 and r.rows_quarantined == 1
    assert q.rule[0] == f"{RE}:revision"
    detail = q.detail[0]
    for rule in (f"{RE}:revision", f"{RE}:hours", f"{IN_SET}:week", f"{IN_SET}:status"):
        assert rule in detail
    # The first failure comes first in the detail.
    assert detail.index(f"{RE}:revision") < detail.index(f"{RE}:hours")
    raw = w_ts.sql("select raw from quarantine").raw[0]
    assert '"revision":"x"' in raw.replace(" ", "") and '"source_file"' not in raw


def test_identical_rows_in_one_file_are_skipped(w_ts, write_csv):
    p = write_csv("dup.csv", GOOD + ",x",
                  "L1,1,A1,E1,2026-W07,40.00,SUBMITTED,2026-02-13,casemaster,other extra",
                  "L2,1,A1,E1,2026-02-09,8,submitted,2026-02-13,casemaster,",
                  header="line_id,revision,assignment_id,employee_id,week,hours,status,"
                         "status_date,source,note")
    r = ingest(w_ts, p)
    assert (r.rows_read, r.rows_loaded, r.rows_skipped, r.rows_quarantined) == (3, 2, 1, 0)


def test_same_file_twice_changes_nothing_and_is_recorded(w_ts, write_csv):
    p = write_csv("a.csv", GOOD, "L2,1,A1,E1,2026-02-09,99.999,submitted,2026-02-13,")
    first = ingest(w_ts, p)
    before = (lines(w_ts), len(quarantined(w_ts)))
    second = ingest(w_ts, p)
    assert (first.rows_loaded, first.rows_quarantined) == (1, 1)
    assert (second.rows_read, second.rows_loaded, second.rows_skipped,
            second.rows_quarantined, second.status) == (2, 0, 2, 0, "loaded")
    assert (lines(w_ts), len(quarantined(w_ts))) == before
    assert len(w_ts.sql("select * from loads")) == 2


def test_same_rows_in_another_file_are_skipped(w_ts, write_csv):
    """Identity after reading, against loaded and quarantined rows (not the file's bytes)."""
    ingest(w_ts, write_csv("a.csv", GOOD, "L2,1,A1,E1,2026-02-09,99.999,submitted,2026-02-13,"))
    r = ingest(w_ts, write_csv("b.csv", "L1,1,A1,E1,2026-W07,40.0,Submitted,2026-02-13,casemaster",
                               "L2,1,A1,E1,2026-W07,99.999,submitted,2026-02-13,",
                               "L3,1,A1,E1,2026-02-09,1,submitted,2026-02-13,"))
    assert (r.rows_loaded, r.rows_skipped, r.rows_quarantined) == (1, 2, 0)


def test_conflict_with_loaded_row_names_both_versions_and_keeps_the_loaded(w_ts, write_csv):
    ingest(w_ts, write_csv("a.csv", GOOD))
    r = ingest(w_ts, write_csv("b.csv", "L1,1,A1,E1,2026-02-09,32,submitted,2026-02-13,casemaster"))
    assert (r.rows_loaded, r.rows_quarantined) == (0, 1)
    q = quarantined(w_ts)
    assert q.rule[0] == "conflict_with_loaded"
    assert "hours 40.00" in q.detail[0] and "hours 32.00" in q.detail[0]
    assert "load 1" in q.detail[0]
    assert [x[5] for x in lines(w_ts)] == [40]


def test_same_key_with_different_content_in_one_file_quarantines_every_row_of_it(w_ts, write_csv):
    r = ingest(w_ts, write_csv("a.csv",
                               GOOD,
                               "L1,1,A1,E1,2026-02-09,32,submitted,2026-02-13,casemaster",
                               "L2,1,A1,E1,2026-02-09,8,submitted,2026-02-13,",
                               GOOD))  # an exact copy of row 1: skipped, row 1 quarantined
    assert (r.rows_loaded, r.rows_skipped, r.rows_quarantined) == (1, 1, 2)
    q = quarantined(w_ts)
    assert list(q.row_number) == [1, 2]
    assert set(q.rule) == {"duplicate_key_in_file"}
    assert "rows 1, 2, 4" in q.detail[0]
    assert [x[0] for x in lines(w_ts)] == ["L2"]


@pytest.mark.parametrize(("loaded", "incoming"), [
    # a higher revision dated before the loaded lower one
    ("L1,1,A1,E1,2026-02-09,40,submitted,2026-02-20,", "L1,2,A1,E1,2026-02-09,38,invoiced,2026-02-15,"),
    # a lower revision dated after the loaded higher one
    ("L1,2,A1,E1,2026-02-09,38,invoiced,2026-02-15,", "L1,1,A1,E1,2026-02-09,40,submitted,2026-02-20,"),
])
def test_revision_out_of_date_order_across_files_quarantines_the_incoming(
        w_ts, write_csv, loaded, incoming):
    ingest(w_ts, write_csv("a.csv", loaded))
    r = ingest(w_ts, write_csv("b.csv", incoming))
    assert (r.rows_loaded, r.rows_quarantined) == (0, 1)
    q = quarantined(w_ts)
    assert q.rule[0] == "revision_date_order" and "load 1" in q.detail[0]
    assert len(lines(w_ts)) == 1


def test_revision_out_of_date_order_within_a_file_quarantines_the_higher(w_ts, write_csv):
    r = ingest(w_ts, write_csv("a.csv",
                               "L1,2,A1,E1,2026-02-09,38,invoiced,2026-02-15,",
                               "L1,1,A1,E1,2026-02-09,40,submitted,2026-02-20,",
                               "L1,3,A1,E1,2026-02-09,36,invoiced,2026-02-25,"))
    assert (r.rows_loaded, r.rows_quarantined) == (2, 1)
    q = quarantined(w_ts)
    assert list(q.row_number) == [1] and q.rule[0] == "revision_date_order"
    assert q.detail[0] == ("revision 2 of line L1 has status_date 2026-02-15, out of order with "
                           "revision 1 (status_date 2026-02-20, row 2 of this file) "
                           "[revision_date_order]")
    assert [x[1] for x in lines(w_ts)] == [1, 3]


def test_later_revision_may_move_week_and_assignment(w_ts, write_csv):
    r = ingest(w_ts, write_csv("a.csv", "L1,1,A1,E1,2026-02-09,40,submitted,2026-02-13,",
                               "L1,2,A2,E1,2026-02-16,40,invoiced,2026-02-27,"))
    assert r.rows_loaded == 2


def test_files_load_in_the_order_given(w_ts, write_csv, template_db, tmp_path):
    early = write_csv("early.csv", "L1,1,A1,E1,2026-02-09,40,submitted,2026-02-20,")
    late = write_csv("late.csv", "L1,2,A1,E1,2026-02-09,38,invoiced,2026-02-15,")
    results = ingest_timesheets(w_ts, [early, late], validate=False)
    assert [(r.rows_loaded, r.rows_quarantined) for r in results] == [(1, 0), (0, 1)]

    import shutil

    import leadanalytics as la
    shutil.copy(template_db, tmp_path / "other.duckdb")
    other = la.connect(tmp_path / "other.duckdb")
    results = ingest_timesheets(other, [late, early], validate=False)
    assert [(r.rows_loaded, r.rows_quarantined) for r in results] == [(1, 0), (0, 1)]
    assert other.sql("select revision from timesheet_lines").revision.tolist() == [2]


def test_bad_row_sent_again_is_skipped(w_ts, write_csv):
    ingest(w_ts, write_csv("a.csv", "L1,1,A1,E1,2026-02-10,40,submitted,2026-02-13,"))
    r = ingest(w_ts, write_csv("b.csv", "L1,1,A1,E1,2026-02-10,40.00,SUBMITTED,2026-02-13,",
                               "L1,1,A1,E1,2026-02-10,41,submitted,2026-02-13,"))
    assert (r.rows_skipped, r.rows_quarantined) == (1, 1)
    assert len(quarantined(w_ts)) == 2


def test_revision_order_of_lines_with_two_rows_in_a_file(w_ts, write_csv):
    # Lines of two rows skip the window unless their dates run against their revisions.
    r = ingest(w_ts, write_csv("a.csv",
                               "L1,1,A1,E1,2026-02-09,40,submitted,2026-02-13,",
                               "L1,2,A1,E1,2026-02-09,40,invoiced,2026-02-20,",   # in order
                               "L2,2,A1,E1,2026-02-09,38,invoiced,2026-02-13,",   # before rev 1
                               "L2,1,A1,E1,2026-02-09,40,submitted,2026-02-16,",
                               "L3,1,A1,E1,2026-02-09,8,submitted,2026-02-13,",
                               "L3,2,A1,E1,2026-02-09,8,invoiced,2026-02-13,"))   # same day
    assert (r.rows_loaded, r.rows_quarantined) == (5, 1)
    q = quarantined(w_ts)
    assert list(q.row_number) == [3]
    assert q.detail[0] == ("revision 2 of line L2 has status_date 2026-02-13, out of order with "
                           "revision 1 (status_date 2026-02-16, row 4 of this file) "
                           "[revision_date_order]")


_DAYS_BY_LINE = st.lists(
    st.tuples(st.sampled_from(["L1", "L2", "L3"]), st.lists(st.integers(0, 6), min_size=1,
                                                             max_size=5)),
    min_size=1, max_size=3, unique_by=lambda line: line[0],
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(days_by_line=_DAYS_BY_LINE, order=st.randoms(use_true_random=False))
# the cases a shortcut could miss: four rows whose ends are the earliest and latest day but
# whose middle runs backwards; three rows with the middle out; two rows reversed; ties
@example(days_by_line=[("L1", [0, 3, 2, 5])], order=random.Random(1))
@example(days_by_line=[("L1", [0, 4, 2]), ("L2", [3, 1]), ("L3", [2, 2, 2])],
         order=random.Random(2))
def test_revision_date_order_quarantines_exactly_the_rows_a_lower_revision_postdates(
        template_db, tmp_path_factory, days_by_line, order):
    # one file, nothing loaded before: revision r of a line (days d_r) is out of order exactly
    # when a lower revision of the line has a later status date (the rule, by definition)
    folder = tmp_path_factory.mktemp("order")
    w = fresh_warehouse(template_db, folder)
    rows = [(line, rev, day)
            for line, days in days_by_line for rev, day in enumerate(days, start=1)]
    order.shuffle(rows)
    path = write_rows(folder / "a.csv", [
        f"{line},{rev},A1,E1,2026-02-09,8,submitted,{D(2026, 2, 9) + dt.timedelta(days=day)},"
        for line, rev, day in rows])
    ingest_timesheet_file(w, path, validate=False)
    expected = sorted(
        (line, rev) for line, rev, day in rows
        if any(l2 == line and r2 < rev and d2 > day for l2, r2, d2 in rows))
    q = quarantined(w)
    assert set(q.rule) <= {"revision_date_order"}
    assert sorted(rows[n - 1][:2] for n in q.row_number) == expected
    loaded = w.sql("select line_id, revision from timesheet_lines")
    assert sorted(zip(loaded.line_id, loaded.revision, strict=True)) == sorted(
        set((line, rev) for line, rev, _ in rows) - set(expected))
