"""`leadanalytics demo`, as `make demo` runs it, on a temporary folder.

One full run (the whole flow) is shared by the tests that read its results; the tests of
folder handling and options run a shortened flow (generate and init), which is all they need.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import leadanalytics as la
from leadanalytics import reporting as reports
from leadanalytics.cli import cli
from leadanalytics.db.warehouse import load_sql
from leadanalytics.demo import flow


@pytest.fixture(scope="module")
def full_run(tmp_path_factory):
    """The whole flow once; of the shipped reports only the dashboard, to keep the suite fast
    (the report tests build every notebook)."""
    out = tmp_path_factory.mktemp("demo") / "demo"
    db = out / "leadanalytics.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(reports, "REPORTS", (flow.REGIONAL_REPORT,))
        result = CliRunner().invoke(
            cli, ["--db", str(db), "demo", "--out", str(out), "--scale", "0.3", "--no-validate"]
        )
    return out, db, result


@pytest.fixture
def short_flow(monkeypatch):
    monkeypatch.setattr(flow, "STAGES", flow.STAGES[:2])


def test_demo_writes_inputs_and_warehouse_and_says_where(full_run):
    out, db, result = full_run
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert (out / "input" / "leads.csv").exists()
    assert list((out / "input" / "timesheets").glob("timesheets_*.csv"))
    for where in (str(db), str(out / "input"), str(out / "reports"), str(out / "outbox")):
        assert where in result.stderr
    assert "rows per view" in result.stderr


def test_demo_loads_the_whole_agency_and_quarantines_only_the_bad_rows(full_run, tmp_path):
    out, db, _ = full_run
    w = la.Warehouse(db)
    files = {name: sum(1 for _ in open(out / "input" / f"{name}.csv")) - 1
             for name in ("branches", "people", "delegations", "leads", "assignments")}
    for view, rows in files.items():
        assert _view_count(w, view) == rows, view
    events = sum(1 for _ in open(out / "input" / "lead_events.csv")) - 1
    # every loaded event plus one creation event per lead
    assert _view_count(w, "phase_events") == events + files["leads"]
    rules = dict(w.sql("select rule, count(*) as n from quarantine group by 1", output="pandas")
                 .itertuples(index=False, name=None))
    assert sum(rules.values()) == 9  # eight broken column rules and one conflicting revision
    assert _view_count(w, "timesheet_lines") > 1000


def test_demo_earns_and_pays_bonuses(full_run):
    out, db, _ = full_run
    [listing] = (out / "reports").glob("bonuses_list_*.csv")
    with open(listing, newline="") as f:
        rows = list(csv.DictReader(f))
    states = {r["status"] for r in rows}
    assert {"paid", "earned", "pending"} <= states
    for r in rows:
        if r["status"] in ("paid", "earned", "approved"):
            assert r["earned_on"] and r["payout_date"]
            if r["trigger"] == "hours":
                assert Decimal(r["invoiced_hours"]) >= Decimal(r["threshold_hours"])
    assert list((out / "reports").glob("statement_B-*.csv"))
    assert list((out / "outbox").glob("*.eml"))


def test_demo_builds_the_dashboard_for_all_and_for_one_region(full_run):
    out, _, result = full_run
    assert (out / "reports" / f"{flow.REGIONAL_REPORT}.html").exists()
    [regional] = (out / "reports").glob(f"branch_*/{flow.REGIONAL_REPORT}.html")
    assert regional.stat().st_size > 0
    assert "HTML reports" in result.stderr


def test_demo_json_and_default_warehouse_in_out(tmp_path, short_flow):
    out = tmp_path / "d"
    result = CliRunner().invoke(cli, ["demo", "--out", str(out), "--scale", "0.2", "--json"],
                                env={"LEADANALYTICS_DB": None})
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["db"] == str(out / "leadanalytics.duckdb")
    assert data["files"]["leads"] == 80
    assert [s["name"] for s in data["stages"]] == ["generate input files", "create the warehouse"]
    assert "branches" in data["counts"]


def test_demo_runs_again_over_its_own_output(tmp_path, short_flow):
    args = ["--db", str(tmp_path / "w.duckdb"), "demo", "--out", str(tmp_path / "o"),
            "--scale", "0.2"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    before = (tmp_path / "o" / "input" / "leads.csv").read_bytes()
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert (tmp_path / "o" / "input" / "leads.csv").read_bytes() == before


def test_demo_refuses_to_replace_a_warehouse_it_did_not_build(tmp_path, short_flow):
    db = tmp_path / "real.duckdb"
    la.connect(db, create=True)
    result = CliRunner().invoke(cli, ["--db", str(db), "demo", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert str(db) in result.stderr and "did not build" in result.stderr
    assert db.exists()


def test_demo_refuses_an_input_folder_it_did_not_write(tmp_path, short_flow):
    (tmp_path / "o" / "input").mkdir(parents=True)
    (tmp_path / "o" / "input" / "mine.csv").write_text("x\n1\n")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "w.duckdb"), "demo", "--out",
                                      str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "not written by the demo" in result.stderr
    assert (tmp_path / "o" / "input" / "mine.csv").exists()


def test_bad_scale_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path), "--scale", "0"])
    assert result.exit_code == 2


def test_demo_requests_late_weeks_and_the_last_file_fulfils_some(full_run):
    out, db, _ = full_run
    w = la.Warehouse(db)
    fulfilling = w.sql("select distinct l.source_file from timesheet_requests r "
                       "join loads l on l.load_id = r.fulfilled_load_id "
                       "where r.status = 'fulfilled'").source_file
    later = {sorted((out / "input" / "timesheets").glob("timesheets_*.csv"))[-1].name}
    later |= {p.name for p in (out / "input" / "vms").glob("*.csv")}
    # fulfilled by the last contract file or by the vendor export loaded after it
    assert len(fulfilling) >= 1 and {Path(f).name for f in fulfilling} <= later
    sent = w.sql("select count(*) as n from outbox where kind = 'timesheet_request'").n[0]
    assert sent == len(w.sql("select distinct request_id from timesheet_requests"))


def test_demo_stamps_on_its_today_so_its_data_quality_report_shows_the_quarantine(full_run):
    """The demo runs on LEADANALYTICS_NOW = its reference date (2026-11-23, 12:00 Amsterdam),
    so the loads and quarantine of the data-quality report as of that day are not empty; the
    variable is the demo's own and is gone after the run."""
    import datetime as dt
    import os
    from zoneinfo import ZoneInfo

    from leadanalytics.reporting import metrics

    _, db, _ = full_run
    w = la.Warehouse(db)
    noon = dt.datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    stamps = w.sql("select distinct started_at, finished_at from store.loads")
    assert list(stamps.started_at) == [noon] and list(stamps.finished_at) == [noon]
    assert set(w.sql("select distinct created_at from store.outbox").created_at) == {noon}
    quarantined = metrics.quarantine(w, "2026-11-23")
    assert int(quarantined.rows_quarantined.sum()) == 9
    loads = metrics.loads(w, "2026-11-23")
    assert {str(d)[:10] for d in loads.last_load} == {"2026-11-23"}
    assert "LEADANALYTICS_NOW" not in os.environ


def _view_count(w, view: str) -> int:
    """Rows in one view, by the demo's own SQL (leadanalytics/demo/sql/demo_view_count.sql)."""
    text = load_sql("sql/demo_view_count", package="leadanalytics.demo")
    return int(w.sql(text, view=view).iloc[0, 0])
