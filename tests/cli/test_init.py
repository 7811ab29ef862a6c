"""`leadanalytics init`: exit codes, --json, idempotence."""

from __future__ import annotations

import json

from click.testing import CliRunner

from leadanalytics.cli import cli


def test_init_creates_warehouse_and_says_so(db_path):
    result = CliRunner().invoke(cli, ["--db", str(db_path), "init"])
    assert result.exit_code == 0, result.output
    assert db_path.exists()
    assert "phase pipeline public_support" in result.stderr


def test_init_json_after_command(db_path):
    result = CliRunner().invoke(cli, ["--db", str(db_path), "init", "--pipeline", "carerix", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["phase_pipeline"] == "carerix"
    again = CliRunner().invoke(cli, ["--db", str(db_path), "--json", "init"])
    assert json.loads(again.stdout)["phase_pipeline"] == "carerix"  # idempotent, keeps choice


def test_db_from_environment(db_path):
    result = CliRunner().invoke(cli, ["init"], env={"LEADANALYTICS_DB": str(db_path)})
    assert result.exit_code == 0
    assert db_path.exists()


def test_bad_pipeline_exits_1_with_fault(db_path, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[lead]\n[[lead.groups]]\ncode="g"\n[[lead.phases]]\ncode="a"\ngroup="g"\n')
    result = CliRunner().invoke(cli, ["--db", str(db_path), "init", "--pipeline", str(bad)])
    assert result.exit_code == 1
    assert "no default phase" in result.stderr and str(bad) in result.stderr


def test_unknown_command_is_usage_error(db_path):
    result = CliRunner().invoke(cli, ["--db", str(db_path), "frobnicate"])
    assert result.exit_code == 2
