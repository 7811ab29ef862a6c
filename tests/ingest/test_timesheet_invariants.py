"""Invariants over generated files (hypothesis): nothing is silently dropped, and the same rows
sent again (in a file with other bytes) change nothing."""

from __future__ import annotations

import shutil
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from leadanalytics.pipelines.timesheets import ingest_timesheet_file

import leadanalytics as la
from tests.helpers import HEADER

rows = st.lists(st.tuples(
    st.sampled_from(["L1", "L2", "L3", ""]),
    st.sampled_from(["1", "2", "3", "0", "x"]),
    st.sampled_from(["A1", "A2"]),
    st.sampled_from(["2026-02-09", "2026-W07", "2026-02-16", "2026-02-10"]),
    st.sampled_from(["40", "40.00", "8.5", "12.345", "200"]),
    st.sampled_from(["submitted", "Invoiced", "approved_director", "nope"]),
    st.sampled_from(["2026-02-13", "2026-02-20", "2026-02-27", "2026-02-01"]),
), max_size=12)


def snapshot(w):
    with w.reader() as con:
        return (con.execute("select * exclude (load_id) from store.timesheet_lines "
                            "order by all").fetchall(),
                con.execute("select count(*) from store.quarantine").fetchall())


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows)
def test_read_is_loaded_skipped_quarantined_and_resending_changes_nothing(
        template_db, tmp_path, generated):
    db = tmp_path / f"{uuid.uuid4().hex}.duckdb"
    shutil.copy(template_db, db)
    w = la.connect(db)
    text = "\n".join(",".join([a, b, c, "E1", d, e, f, g, ""]) for a, b, c, d, e, f, g in generated)
    first = tmp_path / f"{uuid.uuid4().hex}.csv"
    first.write_text(HEADER + "\n" + text + "\n")
    r = ingest_timesheet_file(w, first, validate=False)
    assert r.rows_read == len(generated)
    assert r.rows_read == r.rows_loaded + r.rows_skipped + r.rows_quarantined
    before = snapshot(w)
    assert len(before[0]) == r.rows_loaded and before[1][0][0] == r.rows_quarantined
    again = tmp_path / f"{uuid.uuid4().hex}.csv"
    again.write_text(HEADER.upper() + "\r\n" + text.replace("\n", "\r\n") + "\r\n")
    r2 = ingest_timesheet_file(w, again, validate=False)
    assert (r2.rows_loaded, r2.rows_quarantined, r2.rows_skipped) == (0, 0, len(generated))
    assert snapshot(w) == before
