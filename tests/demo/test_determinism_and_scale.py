"""Same seed, same bytes; --scale sizes the agency; the benchmark entry writes exact counts."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

from leadanalytics.demo import write_inputs, write_timesheet_rows


def _contents(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*.csv"))}


def test_same_seed_gives_byte_identical_files(tmp_path):
    a = write_inputs(tmp_path / "a", scale=0.5, seed=3)
    b = write_inputs(tmp_path / "b", scale=0.5, seed=3)
    first, second = _contents(a.folder), _contents(b.folder)
    assert len(first) >= 10
    assert first == second


def test_another_seed_gives_other_leads(tmp_path):
    a = write_inputs(tmp_path / "a", scale=0.5, seed=3)
    b = write_inputs(tmp_path / "b", scale=0.5, seed=4)
    assert a.files["leads"].read_bytes() != b.files["leads"].read_bytes()


def test_scale_sets_the_number_of_leads_and_grows_the_timesheets(tmp_path):
    small = write_inputs(tmp_path / "s", scale=0.25, seed=5)
    large = write_inputs(tmp_path / "l", scale=2, seed=5)
    assert small.counts["leads"] == 100
    assert large.counts["leads"] == 800
    with open(large.files["leads"]) as f:
        assert sum(1 for _ in f) == 801
    assert large.counts["timesheet_rows"] > 4 * small.counts["timesheet_rows"]
    assert large.counts["people"] > small.counts["people"]


def test_benchmark_entry_writes_exactly_n_clean_rows(tmp_path):
    path = write_timesheet_rows(tmp_path / "ts.csv", 777, seed=2)
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 777
    assert list(rows[0]) == ["line_id", "revision", "assignment_id", "employee_id", "week",
                             "hours", "status", "status_date", "source"]
    for r in rows:
        week = dt.date.fromisoformat(r["week"])
        assert week.weekday() == 0
        assert dt.date.fromisoformat(r["status_date"]) >= week
        assert 0 <= Decimal(r["hours"]) <= 168
        assert int(r["revision"]) >= 1
