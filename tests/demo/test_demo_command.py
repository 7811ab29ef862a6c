"""`leadanalytics demo`, as `make demo` runs it, on a temporary folder."""

from __future__ import annotations

import json

from click.testing import CliRunner

import leadanalytics as la
from leadanalytics.cli import cli


def test_demo_writes_inputs_and_warehouse_and_says_where(tmp_path):
    out, db = tmp_path / "demo", tmp_path / "demo" / "leadanalytics.duckdb"
    result = CliRunner().invoke(cli, ["--db", str(db), "demo", "--out", str(out), "--scale", "0.3"])
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert (out / "input" / "leads.csv").exists()
    assert list((out / "input" / "timesheets").glob("timesheets_*.csv"))
    assert str(db) in result.stderr and str(out / "input") in result.stderr
    assert "rows per view" in result.stderr and "branches" in result.stderr
    assert la.connect(db).setting("phase_pipeline") == "public_support"


def test_demo_json_and_default_warehouse_in_out(tmp_path):
    out = tmp_path / "d"
    result = CliRunner().invoke(cli, ["demo", "--out", str(out), "--scale", "0.2", "--json"],
                                env={"LEADANALYTICS_DB": None})
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["db"] == str(out / "leadanalytics.duckdb")
    assert data["files"]["leads"] == 80
    assert [s["name"] for s in data["stages"]][:2] == ["generate input files", "create the warehouse"]
    # the organisation loads whole: nothing of it quarantined
    for view in ("branches", "people", "delegations", "assignments"):
        assert data["counts"][view] == data["files"][view], view
    assert data["counts"]["quarantine"] == 0


def test_demo_runs_again_over_its_own_output(tmp_path):
    args = ["--db", str(tmp_path / "w.duckdb"), "demo", "--out", str(tmp_path / "o"),
            "--scale", "0.2"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    before = (tmp_path / "o" / "input" / "leads.csv").read_bytes()
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert (tmp_path / "o" / "input" / "leads.csv").read_bytes() == before


def test_demo_refuses_to_replace_a_warehouse_it_did_not_build(tmp_path):
    db = tmp_path / "real.duckdb"
    la.connect(db)
    result = CliRunner().invoke(cli, ["--db", str(db), "demo", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert str(db) in result.stderr and "did not build" in result.stderr
    assert db.exists()


def test_demo_refuses_an_input_folder_it_did_not_write(tmp_path):
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
