"""Safe edges (data-contracts.md, "Safe edges"): every command of the command line, run with a
missing warehouse path, a folder, a text file and a bad value, answers with one line and exit 1
or 2, never a traceback; a missing path stays missing. And ``la.connect`` refuses the same."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import duckdb
import pytest
from click.testing import CliRunner

import leadanalytics as la
from leadanalytics.cli import cli
from leadanalytics.exceptions import NoWarehouse

REPO = Path(__file__).resolve().parents[2]
AS_OF = ["--as-of", "2026-03-31"]
BAD_DATE = ["--as-of", "2026-13-45"]

# Each command: (arguments that pass click's checks, so the warehouse is the first thing that
# can fail; arguments with one bad value, run on a real warehouse, and a word the refusal names).
# {input} is an existing CSV file, {dir} an existing empty folder, {missing} a path to nothing.
COMMANDS: dict[str, tuple[list[str], tuple[list[str], str] | None]] = {
    "bonuses accrual": (AS_OF, (["--months", "0", *AS_OF], "--months")),
    "bonuses answer-dispute": (["L-1", "--reason", "r", "--by", "P-FIN"],
                               (["L-1", "--reason", "r", "--by", "P-NOSUCH"], "P-NOSUCH")),
    "bonuses approve": (["B-1", "--by", "P-FIN"], (["B-NOSUCH", "--by", "P-FIN"], "B-NOSUCH")),
    "bonuses close-period": (["2026-03", "--by", "P-FIN"],
                             (["2026-13", "--by", "P-FIN"], "2026-13")),
    "bonuses dispute": (["L-1", "--reason", "r", "--by", "P-1"],
                        (["L-NOSUCH", "--reason", "r", "--by", "P-1"], "L-NOSUCH")),
    "bonuses explain": (["L-1", *AS_OF], (["L-1", *BAD_DATE], "2026-13-45")),
    "bonuses export": (["B-1", "--out", "{dir}/s.csv"],
                       (["B-NOSUCH", "--out", "{dir}/s.csv"], "B-NOSUCH")),
    "bonuses forecast": (AS_OF, (BAD_DATE, "2026-13-45")),
    "bonuses list": (AS_OF, (BAD_DATE, "2026-13-45")),
    "bonuses mark-paid": (["B-1", "--by", "P-FIN"], (["B-NOSUCH", "--by", "P-FIN"], "B-NOSUCH")),
    "bonuses resolve": (["L-1", "--keep", "--by", "P-FIN"],
                        (["L-1", "--keep", "--by", "P-NOSUCH"], "P-NOSUCH")),
    "demo": (["--out", "{dir}/demo"], (["--out", "{dir}/demo", "--scale", "0"], "--scale")),
    "ingest data-docs": (["--out", "{dir}/docs"],
                         (["--out", "{dir}/docs", "--load", "first"], "first")),
    "ingest timesheets": (["{input}", "--no-validate"],
                          (["{missing}", "--no-validate"], "nothing.csv")),
    "init": ([], (["--pipeline", "no_such_pipeline"], "no_such_pipeline")),
    "lead": (["submit", "L-1", "--by", "P-1"],
             (["submit", "L-1", "--by", "P-1", "--at", "yesterday-ish"], "yesterday-ish")),
    "lead-history": (["L-1"], (["L-1", "--out", "{missing}/h.csv"], "nothing.csv")),
    "load assignments": (["{input}"], (["{missing}"], "nothing.csv")),
    "load branches": (["{input}"], (["{missing}"], "nothing.csv")),
    "load delegations": (["{input}"], (["{missing}"], "nothing.csv")),
    "load lead-events": (["{input}"], (["{missing}"], "nothing.csv")),
    "load leads": (["{input}"], (["{missing}"], "nothing.csv")),
    "load people": (["{input}"], (["{missing}"], "nothing.csv")),
    "metrics": (["funnel", *AS_OF], (["no_such_metric", *AS_OF], "no_such_metric")),
    "notify preference": (["P-1", "*", "daily"], (["P-1", "*", "weekly"], "weekly")),
    "notify queue": (AS_OF, (["--language", "fr"], "fr")),
    "notify send": (["--dry-run", "{dir}/eml"], (["--dry-run", "{dir}/eml", *BAD_DATE],
                                                  "2026-13-45")),
    "privacy anonymize": (["P-1", "--by", "ADM"], (["P-NOSUCH", "--by", "ADM"], "P-NOSUCH")),
    "privacy anonymize-contact": (["a@b.nl", "--by", "ADM"],
                                  (["a@b.nl", "--by", "ADM-NOSUCH"], "ADM-NOSUCH")),
    "report approve": (["1", "--by", "P-FIN"], (["first", "--by", "P-FIN"], "first")),
    "report build": (["phase_group_dashboard", *AS_OF, "--out", "{dir}/r"],
                     (["phase_group_dashboard", *BAD_DATE, "--out", "{dir}/r"], "2026-13-45")),
    "report run-due": (["--schedule", "{input}", "--out", "{dir}/r"],
                       (["--schedule", "{missing}", "--out", "{dir}/r"], "nothing.csv")),
    "timesheets approve-request": (["1", "--by", "P-FIN"], (["first", "--by", "P-FIN"], "first")),
    "timesheets missing": (AS_OF, (BAD_DATE, "2026-13-45")),
    "timesheets request": (AS_OF, (BAD_DATE, "2026-13-45")),
    "timesheets request-correction": (
        ["A-1", "2026-03-02", "--reason", "r", "--by", "P-FIN"],
        (["A-1", "week 10", "--reason", "r", "--by", "P-FIN"], "week 10")),
    "triggers install": ([], (["{missing}"], "nothing.csv")),
    "triggers run": (AS_OF, (BAD_DATE, "2026-13-45")),
}
CREATES = {"init", "demo"}  # the only commands that make a warehouse where there is none
NO_WAREHOUSE = {"report sample-schedule"}  # prints a shipped file; never opens a warehouse


def every_command(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[str]:
    """The path of every command of the command line, sub-groups walked."""
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += every_command(command, (*prefix, name))
        else:
            found.append(" ".join((*prefix, name)))
    return sorted(found)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("edges") / "template.duckdb"
    la.init(path)
    return path


@pytest.fixture
def places(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "work").mkdir()
    (tmp_path / "input.csv").write_text("id,name\n1,x\n", encoding="utf-8")
    return {"input": str(tmp_path / "input.csv"), "dir": str(tmp_path / "work"),
            "missing": str(tmp_path / "nothing.csv")}


def invoke(db: Path | str, command: str, args: list[str], places: dict[str, str]):
    filled = [a.format(**places) for a in args]
    return CliRunner().invoke(cli, ["--db", str(db), *command.split(), *filled],
                              prog_name="leadanalytics")


def assert_one_clean_line(result, *words: str) -> None:
    """Exit 1 or 2, no traceback (nothing escaped to the runner either), the words named."""
    assert result.exit_code in (1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception))
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, result.output
    if result.exit_code == 1:
        assert len(result.output.strip().splitlines()) == 1, result.output


def files_under(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


def test_the_table_names_every_command():
    assert sorted([*COMMANDS, *NO_WAREHOUSE]) == every_command()


@pytest.mark.parametrize("command", sorted(NO_WAREHOUSE))
def test_a_command_without_a_warehouse_runs_without_one_and_creates_nothing(command, tmp_path):
    db = tmp_path / "typo" / "leadanalytic.duckdb"
    result = CliRunner().invoke(cli, ["--db", str(db), *command.split()])
    assert result.exit_code == 0, result.output
    assert result.output.strip()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - CREATES))
def test_missing_warehouse_is_refused_and_nothing_is_created(command, tmp_path, places):
    db = tmp_path / "typo" / "leadanalytic.duckdb"
    before = files_under(tmp_path)
    result = invoke(db, command, COMMANDS[command][0], places)
    assert_one_clean_line(result, f"no warehouse at {db}", "leadanalytics init")
    assert result.exit_code == 1
    assert not db.parent.exists()
    assert files_under(tmp_path) == before


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_folder_is_refused(command, tmp_path, places):
    folder = tmp_path / "a_folder"
    folder.mkdir()
    result = invoke(folder, command, COMMANDS[command][0], places)
    assert_one_clean_line(result, str(folder))
    assert result.exit_code == 1
    if command != "demo":  # the demo refuses any warehouse it did not build, a folder included
        assert "found a folder" in result.output
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_text_file_is_refused_and_left_alone(command, tmp_path, places):
    text = tmp_path / "notes.duckdb"
    text.write_text("not a warehouse\n", encoding="utf-8")
    result = invoke(text, command, COMMANDS[command][0], places)
    assert_one_clean_line(result, str(text))
    assert result.exit_code == 1
    if command != "demo":
        assert "a text file" in result.output
    assert text.read_text(encoding="utf-8") == "not a warehouse\n"
    assert not Path(f"{text}.wal").exists()


@pytest.mark.parametrize("command", sorted(c for c, (_, bad) in COMMANDS.items() if bad))
def test_a_bad_value_gets_one_line(command, template, tmp_path, places):
    db = tmp_path / "w.duckdb"
    shutil.copy(template, db)
    args, named = COMMANDS[command][1]
    result = invoke(db, command, args, places)
    assert_one_clean_line(result, named)


def test_another_duckdb_database_is_refused_and_keeps_its_tables(tmp_path, places):
    db = tmp_path / "other.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create table mine as select 42 as answer")
    con.close()
    result = invoke(db, "bonuses list", AS_OF, places)
    assert_one_clean_line(result, f"no warehouse at {db}", "store.schema_version")
    con = duckdb.connect(str(db), read_only=True)
    tables = con.execute("select table_schema, table_name from information_schema.tables").fetchall()
    con.close()
    assert tables == [("main", "mine")]


def test_json_refusal_is_one_object(tmp_path, places):
    import json

    db = tmp_path / "missing.duckdb"
    result = invoke(db, "bonuses list", [*AS_OF, "--json"], places)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["error"] == "NoWarehouse" and data["path"] == str(db) and data["found"] == "nothing"


# --------------------------------------------------------------------------- internal errors
def _boom(*args, **kwargs):
    raise RuntimeError("the bonus engine fell over\nsecond line")


def test_an_internal_error_is_one_line_naming_the_command(monkeypatch, template, tmp_path, places):
    import leadanalytics.bonuses as bonuses

    monkeypatch.delenv("LEADANALYTICS_DEBUG", raising=False)
    monkeypatch.setattr(bonuses, "bonuses_list", _boom)  # what the command calls
    db = tmp_path / "w.duckdb"
    shutil.copy(template, db)
    result = invoke(db, "bonuses list", AS_OF, places)
    assert_one_clean_line(result, "leadanalytics bonuses list", "RuntimeError",
                          "the bonus engine fell over", "LEADANALYTICS_DEBUG=1")
    assert result.exit_code == 1
    assert "second line" not in result.output


def test_an_operating_system_error_is_one_line_naming_the_path(monkeypatch, template, tmp_path,
                                                                 places):
    import leadanalytics.bonuses as bonuses

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/srv/agency/leads.duckdb")

    monkeypatch.delenv("LEADANALYTICS_DEBUG", raising=False)
    monkeypatch.setattr(bonuses, "bonuses_list", denied)
    db = tmp_path / "w.duckdb"
    shutil.copy(template, db)
    result = invoke(db, "bonuses list", AS_OF, places)
    assert_one_clean_line(result, "error: Permission denied: /srv/agency/leads.duckdb")
    assert result.exit_code == 1


def test_debug_shows_the_traceback(monkeypatch, template, tmp_path, places):
    import leadanalytics.bonuses as bonuses

    monkeypatch.setenv("LEADANALYTICS_DEBUG", "1")
    monkeypatch.setattr(bonuses, "bonuses_list", _boom)  # what the command calls
    db = tmp_path / "w.duckdb"
    shutil.copy(template, db)
    result = invoke(db, "bonuses list", AS_OF, places)
    assert result.exit_code == 1
    assert isinstance(result.exception, RuntimeError)  # raised again, traceback and all


SCRIPT = """
import sys
import leadanalytics.bonuses as b
if sys.argv[1] == "boom":
    def boom(*args, **kwargs):
        raise RuntimeError("the bonus engine fell over")
    b.bonuses_list = boom
sys.argv = ["leadanalytics", *sys.argv[2:]]
from leadanalytics.cli import main
main()
"""


def run_entry_point(mode: str, *args: str, debug: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "LEADANALYTICS_DEBUG"}
    if debug:
        env["LEADANALYTICS_DEBUG"] = "1"
    return subprocess.run([sys.executable, "-c", SCRIPT, mode, *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


def test_entry_point_refuses_a_missing_path_and_a_folder_without_traceback(tmp_path):
    missing = tmp_path / "demo" / "leadanalytic.duckdb"
    r = run_entry_point("plain", "--db", str(missing), "bonuses", "list", *AS_OF)
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == f"error: no warehouse at {missing}; create one with `leadanalytics init`\n"
    assert not missing.parent.exists()
    r = run_entry_point("plain", "--db", str(tmp_path), "timesheets", "missing", *AS_OF)
    assert r.returncode == 1 and "found a folder" in r.stderr and "Traceback" not in r.stderr


def test_entry_point_debug_shows_the_traceback_of_an_internal_error(template, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(template, db)
    quiet = run_entry_point("boom", "--db", str(db), "bonuses", "list", *AS_OF)
    assert quiet.returncode == 1 and "Traceback" not in quiet.stderr
    assert len(quiet.stderr.strip().splitlines()) == 1
    assert "leadanalytics bonuses list failed: RuntimeError" in quiet.stderr
    loud = run_entry_point("boom", "--db", str(db), "bonuses", "list", *AS_OF, debug=True)
    assert loud.returncode == 1
    assert "Traceback (most recent call last)" in loud.stderr
    assert "RuntimeError: the bonus engine fell over" in loud.stderr


# --------------------------------------------------------------------------- the Python API
def test_connect_refuses_a_missing_path_and_creates_nothing(tmp_path):
    missing = tmp_path / "typo" / "w.duckdb"
    with pytest.raises(NoWarehouse) as err:
        la.connect(missing)
    assert (err.value.path, err.value.found) == (str(missing), "nothing")
    assert str(err.value) == f"no warehouse at {missing}; create one with `leadanalytics init`"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind, found", [
    ("folder", "a folder"),
    ("text", "a text file"),
    ("empty", "an empty file"),
    ("duckdb", "a DuckDB database without leadanalytics' store.schema_version"),
])
def test_connect_refuses_what_is_no_warehouse_naming_it(kind, found, tmp_path):
    path = tmp_path / "w.duckdb"
    if kind == "folder":
        path.mkdir()
    elif kind == "text":
        path.write_text("lead_id,name\nL-1,x\n", encoding="utf-8")
    elif kind == "empty":
        path.touch()
    else:
        duckdb.connect(str(path)).close()
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(NoWarehouse) as err:
        la.connect(path)
    assert (err.value.path, err.value.found) == (str(path), found)
    assert found in str(err.value)
    if before is not None:
        assert path.read_bytes() == before
    if kind != "duckdb":  # a file DuckDB can open is made by DuckDB; the others it never saw
        with pytest.raises(NoWarehouse) as err:
            la.init(path)
        assert err.value.create and "never overwritten" in str(err.value)


def test_connect_create_true_makes_one_and_later_connects_open_it(tmp_path):
    path = tmp_path / "new" / "w.duckdb"
    w = la.connect(path, create=True)
    assert path.exists() and w.setting("phase_pipeline") == "public_support"
    assert la.connect(path).schema_version() == w.schema_version()
