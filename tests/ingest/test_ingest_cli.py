"""`leadanalytics ingest timesheets` and `timesheets missing` through click's runner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from leadanalytics.cli import cli
from tests.helpers import CASES

CASE = CASES / "ingest"


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *map(str, args)])


def test_summary_per_file_and_exit_0_when_all_loaded(w_ts, write_csv):
    a = write_csv("a.csv", "L1,1,A1,E1,2026-02-09,40,submitted,2026-02-13,")
    r = run(w_ts.path, "ingest", "timesheets", a, CASE / "header_only.csv", "--no-validate")
    assert r.exit_code == 0, r.output
    assert f"{a}: read 1, loaded 1, skipped 0, quarantined 0" in r.stderr
    assert "header_only.csv: read 0, loaded 0, skipped 0, quarantined 0" in r.stderr


def test_exit_1_when_rows_are_quarantined_with_counts_by_rule(w_ts, write_csv):
    a = write_csv("a.csv", "L1,1,A1,E1,2026-02-10,40,submitted,2026-02-13,",
                  "L2,1,A1,E1,2026-02-09,400,submitted,2026-02-13,")
    r = run(w_ts.path, "ingest", "timesheets", a, "--no-validate")
    assert r.exit_code == 1
    assert ("quarantined 2 (expect_column_values_to_be_between:hours: 1, "
            "expect_column_values_to_be_in_set:week: 1)") in r.stderr


def test_json_and_refused_file(w_ts, write_csv):
    a = write_csv("a.csv", "L1,1,A1,E1,2026-02-09,40,submitted,2026-02-13,")
    r = run(w_ts.path, "ingest", "timesheets", a, CASE / "empty.csv", "--no-validate", "--json")
    assert r.exit_code == 1
    out = json.loads(r.stdout)
    assert out["ok"] is False
    assert [(f["status"], f["rows_loaded"]) for f in out["files"]] == [("loaded", 1), ("refused", 0)]


def test_missing_command_writes_csv(w_ts, tmp_path):
    out = tmp_path / "missing.csv"
    r = run(w_ts.path, "timesheets", "missing", "--as-of", "2026-03-31", "--out", out)
    assert r.exit_code == 0, r.output
    assert out.read_text().splitlines()[0] == (
        "assignment_id,week,lead_id,branch_id,days_overdue,note")
    assert "0 missing weeks" in r.stderr


def test_vendor_export_through_its_mapping(w_ts):
    r = run(w_ts.path, "ingest", "timesheets", "--source", "connecting-expertise",
            CASE / "vms" / "connecting-expertise_2026-02.csv", "--no-validate")
    assert r.exit_code == 0, r.output
    assert "read 4, loaded 4, skipped 0, quarantined 0" in r.stderr


def test_validated_load_and_its_data_docs(w_ts, write_csv, tmp_path):
    a = write_csv("a.csv", "L1,1,A1,E1,2026-02-09,40,submitted,2026-02-13,")
    assert run(w_ts.path, "ingest", "timesheets", a).exit_code == 0
    r = run(w_ts.path, "ingest", "data-docs", "--out", tmp_path / "docs", "--json")
    assert r.exit_code == 0, r.output
    index = json.loads(r.stdout)["index"]
    assert index.endswith("index.html") and "passed" in open(index).read()
