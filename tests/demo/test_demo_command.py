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
    """The demo runs on LEADANALYTICS_NOW = its reference date (2026-11-23, 00:00 Amsterdam),
    so the loads and quarantine of the data-quality report as of that day are not empty; the
    variable is the demo's own and is gone after the run."""
    import datetime as dt
    import os
    from zoneinfo import ZoneInfo

    from leadanalytics.reporting import metrics

    _, db, _ = full_run
    w = la.Warehouse(db)
    start = dt.datetime(2026, 11, 23, 0, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))  # a bare date
    stamps = w.sql("select distinct started_at, finished_at from store.loads")
    assert list(stamps.started_at) == [start] and list(stamps.finished_at) == [start]
    # the notices of the scripted bonus steps (a clawback, a dispute and its answer) carry the
    # time of their step on the payroll calendar (in bonus_audit); the scheduled reports' e-mails
    # the morning run's 09:00 (flow.MORNING_RUN); every other message 00:00
    steps = set(w.sql("select distinct \"at\" from bonus_audit where step <> 'export'")["at"])
    created = set(w.sql("select distinct created_at from store.outbox").created_at)
    morning = start + dt.timedelta(hours=9)
    assert start in created and created <= {start, morning} | steps
    assert len(created - {start}) >= 2
    quarantined = metrics.quarantine(w, "2026-11-23")
    assert int(quarantined.rows_quarantined.sum()) == 9
    loads = metrics.loads(w, "2026-11-23")
    assert {str(d)[:10] for d in loads.last_load} == {"2026-11-23"}
    assert "LEADANALYTICS_NOW" not in os.environ


def _calendar(out: Path) -> list[dict]:
    with open(out / "reports" / "payroll_calendar.csv", newline="") as f:
        return list(csv.DictReader(f))


def _scripted(out: Path) -> tuple[str, str]:
    """The batch and lead of the demo's scripted review: the refused approval's row."""
    [refused] = [r for r in _calendar(out) if r["outcome"] == "refused"]
    return refused["batch_id"], refused["lead_id"]


def test_demo_payroll_calendar_shows_a_review_blocking_an_approval(full_run):
    """A correction (0.00 h for the latest weeks, a higher revision dated the approval day)
    puts a bonus of a closed batch in `review`: the approval is refused naming it, finance
    resolves with a clawback, and the approval then goes through; the stage says so."""
    out, db, result = full_run
    batch, lead = _scripted(out)
    assert f"approval of {batch} refused: {lead} in review" in result.stderr
    assert "resolved --clawback" in result.stderr
    steps = [(r["step"], r["batch_id"], r["lead_id"], r["outcome"]) for r in _calendar(out)
             if r["batch_id"] == batch or r["lead_id"] == lead]
    assert steps[:5] == [("close_period", batch, "", "done"),
                         ("timesheet_correction", "", lead, "done"),
                         ("approve", batch, lead, "refused"),
                         ("resolve", batch, lead, "clawback"),
                         ("approve", batch, "", "done")]
    [correction] = (out / "input" / "corrections").glob("timesheet_correction_*.csv")
    with open(correction, newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and {r["hours"] for r in rows} == {"0.00"} and {r["status"] for r in rows} == {"invoiced"}
    w = la.Warehouse(db)
    assert w.sql("select count(*) as n from loads where source_file = $f",
                 f=str(correction)).n[0] == 1
    audit = w.sql("select step, what from bonus_audit where batch_id = $b or lead_id = $l "
                  "order by audit_id", b=batch, l=lead)
    order = list(audit.step)
    # no approval before finance answered the review; one after it
    assert order.index("resolve") < order.index("approve") and order.count("approve") == 1
    assert "clawback" in audit.what[order.index("resolve")]


def test_demo_nets_the_clawback_in_the_bonus_s_own_batch(full_run):
    out, db, _ = full_run
    batch, lead = _scripted(out)
    w = la.Warehouse(db)
    lines = w.sql("select batch_id, kind, amount_eur from bonus_batch_items where lead_id = $l "
                  "order by position", l=lead)
    assert list(lines.kind) == ["bonus", "clawback"] and set(lines.batch_id) == {batch}
    assert sum(lines.amount_eur) == 0 and lines.amount_eur[0] > 0
    assert w.sql("select status from bonus_batches where batch_id = $b", b=batch).status[0] == "paid"
    with open(out / "reports" / f"statement_{batch}.csv", newline="") as f:
        items = [r for r in csv.DictReader(f) if r["lead_id"] == lead]
    assert [r["kind"] for r in items] == ["bonus", "clawback"]
    assert sum(Decimal(r["amount_eur"]) for r in items) == 0
    [listing] = (out / "reports").glob("bonuses_list_*.csv")
    with open(listing, newline="") as f:
        [row] = [r for r in csv.DictReader(f) if r["lead_id"] == lead]
    assert row["status"] == "clawed_back" and row["dispute"] == "answered"


def test_demo_opens_a_dispute_and_finance_answers_it(full_run):
    out, db, _ = full_run
    _, lead = _scripted(out)
    w = la.Warehouse(db)
    [d] = w.sql("select * from bonus_disputes where lead_id = $l", l=lead).to_dict("records")
    submitter = w.sql("select submitter_id from bonus_batch_items where lead_id = $l "
                      "and kind = 'bonus'", l=lead).submitter_id[0]
    assert d["dispute"] == "answered" and d["opened_by"] == submitter
    assert d["answered_by"] and d["answered_at"] > d["opened_at"]
    steps = list(w.sql("select step from bonus_audit where lead_id = $l order by audit_id",
                       l=lead).step)
    assert steps.index("dispute") < steps.index("answer_dispute")
    kinds = set(w.sql("select kind from outbox where ref = $l", l=lead).kind)
    assert {"bonus_dispute", "bonus_dispute_answered"} <= kinds
    assert [r["step"] for r in _calendar(out) if r["step"].endswith("dispute")] == [
        "dispute", "answer_dispute"]


def test_demo_sets_the_accrual_of_each_month_end_next_to_what_was_earned(full_run):
    import datetime as dt

    out, _, result = full_run
    with open(out / "reports" / "accrual_vs_earned.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["as_of", "payout_months", "certain_eur", "expected_eur",
                             "accrual_eur", "earned_eur", "of_which_earned_at_d",
                             "of_which_pending_at_d", "of_which_won_after_d", "complete"]
    ends = [dt.date.fromisoformat(r["as_of"]) for r in rows]
    assert len(ends) >= 6
    for a, b in zip(ends, ends[1:], strict=False):
        assert (a + dt.timedelta(days=1)).day == 1 and (b - a).days in (28, 29, 30, 31)
    assert ends[-1] < dt.date(2026, 11, 23)
    for r in rows:
        money = {k: Decimal(v) for k, v in r.items() if k.endswith("_eur") or k.startswith("of_")}
        assert money["accrual_eur"] == money["certain_eur"] + money["expected_eur"]
        assert money["earned_eur"] == (money["of_which_earned_at_d"]
                                       + money["of_which_pending_at_d"]
                                       + money["of_which_won_after_d"])
    assert {r["complete"] for r in rows} == {"True", "False"}
    assert sum(Decimal(r["earned_eur"]) for r in rows) > 0
    assert "accrual_vs_earned.csv" in result.stderr


def test_demo_lists_each_statement_with_its_per_person_file(full_run):
    out, _, result = full_run
    statements = sorted((out / "reports").glob("statement_B-*.csv"))
    items = [p for p in statements if not p.name.endswith(".per_person.csv")]
    assert items and len(statements) == 2 * len(items)
    for p in items:
        assert p.with_name(f"{p.stem}.per_person.csv").exists()
    assert (f"{len(items)} payout statements (+ {len(items)} .per_person.csv)"
            in " ".join(result.stderr.split()))


def _view_count(w, view: str) -> int:
    """Rows in one view, by the demo's own SQL (leadanalytics/demo/sql/demo_view_count.sql)."""
    text = load_sql("sql/demo_view_count", package="leadanalytics.demo")
    return int(w.sql(text, view=view).iloc[0, 0])


def _readme_quick_start() -> list[str]:
    """The python blocks of the README's "Quick start in a notebook" section, as written."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start in a notebook", 1)[1].split("\n## ", 1)[0]
    return [block.split("```", 1)[0] for block in section.split("```python\n")[1:]]


def test_readme_quick_start_runs_as_written_on_the_demo_warehouse(full_run, tmp_path, monkeypatch):
    """Every line of the quick start, run as a notebook would (each expression's value kept),
    on a copy of the demo's warehouse in a folder ``demo/`` (the README's own path)."""
    import ast
    import shutil

    import altair as alt
    import pandas as pd
    import polars as pl

    _, db, result = full_run
    assert result.exit_code == 0, result.output
    (tmp_path / "demo").mkdir()
    shutil.copyfile(db, tmp_path / "demo" / "leadanalytics.duckdb")
    monkeypatch.chdir(tmp_path)
    blocks = _readme_quick_start()
    assert len(blocks) == 2 and "la.connect(\"demo/leadanalytics.duckdb\")" in blocks[0]
    scope: dict = {}
    values = []
    for block in blocks:
        for statement in ast.parse(block).body:
            code = ast.unparse(statement)
            if isinstance(statement, ast.Expr):
                values.append((code, eval(code, scope)))
            else:
                exec(code, scope)
    shown = dict(values)

    def value_of(code: str):
        return shown[ast.unparse(ast.parse(code))]

    for code, value in values:
        if isinstance(value, pd.DataFrame | pl.DataFrame):
            assert len(value) > 0, f"{code} returned no rows"
    funnel = value_of('la.metrics.funnel(w, "2026-10-31", scope="branch:R-WST", by="source")')
    sources = {"Eigen netwerk", "Huidige opdrachtgever", "Inkoopplatform", "Evenement"}
    assert set(funnel["source_label"]) and set(funnel["source_label"]) <= sources
    summary = value_of('la.metrics.decision_summary(w, "2026-10-31", by="branch_id")')
    assert summary["median_days"].dtype == "float64"
    current = value_of('la.metrics.leads(w, "2026-10-31", phase_group="Actueel")')
    assert set(current["phase_group"]) == {"actueel"}
    dashboard = value_of(
        'la.charts.phase_group_dashboard(w, "2026-10-31", scope="person:P-000017", lang="nl")')
    assert isinstance(dashboard, alt.TopLevelMixin)
    assert value_of('la.current_phase(w, "L-9")')[1] == "actief_als_lead"
