"""The Connecting-Expertise style adapter: Dutch headers, mapping in TOML, line = assignment +
employee + week, revisions assigned on loading. Expected values written by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from leadanalytics.pipelines.vms import ingest_vms_export, load_mapping

from leadanalytics.exceptions import ConfigError
from tests.helpers import CASES

VMS = CASES / "ingest" / "vms"
D = dt.date


def lines(w):
    with w.reader() as con:
        return con.execute("select line_id, revision, hours, status, status_date, source "
                           "from timesheet_lines order by line_id, revision").fetchall()


def ingest(w, name):
    r = ingest_vms_export(w, VMS / name, validate=False)
    assert r.rows_read == r.rows_loaded + r.rows_skipped + r.rows_quarantined
    return r


def test_export_loads_into_the_contract(w_ts):
    r = ingest(w_ts, "connecting-expertise_2026-02.csv")
    assert (r.rows_read, r.rows_loaded, r.rows_quarantined) == (4, 4, 0)
    ce = "connecting-expertise"
    assert lines(w_ts) == [
        ("A-1/I-1/2026-02-09", 1, Decimal("40.00"), "submitted", D(2026, 2, 13), ce),
        ("A-1/I-2/2026-02-09", 1, Decimal("32.50"), "approved_director", D(2026, 2, 16), ce),
        ("A-2/I-1/2026-02-16", 1, Decimal("38.25"), "invoiced", D(2026, 2, 27), ce),
        ("A-2/I-3/2026-02-16", 1, Decimal("8.00"), "rejected", D(2026, 2, 24), ce),
    ]


def test_changed_rows_become_the_next_revision_and_old_exports_are_skipped(w_ts):
    ingest(w_ts, "connecting-expertise_2026-02.csv")
    r = ingest(w_ts, "connecting-expertise_2026-03.csv")
    # A-1/I-1 changed status: revision 2; A-1/I-2 and A-2/I-1 unchanged: skipped; A-3 new.
    assert (r.rows_loaded, r.rows_skipped, r.rows_quarantined) == (2, 2, 0)
    got = {(line, rev): (status, day) for line, rev, _, status, day, _ in lines(w_ts)}
    assert got[("A-1/I-1/2026-02-09", 2)] == ("invoiced", D(2026, 2, 27))
    assert got[("A-3/I-4/2026-02-23", 1)] == ("submitted", D(2026, 3, 6))
    # The February export again (other bytes): every row equals a loaded revision.
    again = ingest(w_ts, "connecting-expertise_2026-02_again.csv")
    assert (again.rows_loaded, again.rows_skipped, again.rows_quarantined) == (0, 4, 0)
    assert len(lines(w_ts)) == 6


def test_same_line_twice_in_a_file_quarantines_both_and_bad_values_are_named(w_ts):
    r = ingest(w_ts, "connecting-expertise_bad.csv")
    q = w_ts.sql("select row_number, rule, detail from quarantine order by row_number")
    assert q.row_number.tolist() == [1, 2, 3]
    assert q.rule.tolist() == ["duplicate_key_in_file", "duplicate_key_in_file",
                               "expect_column_values_to_be_in_set:status"]
    assert "'onbekend'" in q.detail[2]
    assert r.rows_loaded == 1   # an ISO status date is read too


def test_mapping_names_the_date_format():
    m = load_mapping("connecting-expertise")
    assert (m.columns["week"], m.statuses["afgekeurd"], m.status_date_format) == (
        "Week", "rejected", "%d-%m-%Y")


@pytest.mark.parametrize(("text", "fault"), [
    ('[columns]\nassignment_id = "Opdracht"\n[statuses]\nIngediend = "submitted"\n',
     "lacks employee_id"),
    ('status_date_format = "dd/mm/jjjj"\n[columns]\nassignment_id="O"\nemployee_id="M"\n'
     'week="W"\nhours="U"\nstatus="S"\nstatus_date="D"\n[statuses]\nx="submitted"\n',
     "status_date_format"),
])
def test_bad_mapping_is_refused_with_file_and_fault(tmp_path, text, fault):
    p = tmp_path / "m.toml"
    p.write_text(text)
    with pytest.raises(ConfigError, match=fault):
        load_mapping(p)
