"""The one output writer (data-contracts.md, "Safe edges": "Files written", "Spreadsheet
safety"): the guard, atomic replacement, formulas neutralised, numbers kept numbers; and the
command line's `--out` going through it. Expected values are written out by hand."""

from __future__ import annotations

import datetime as dt
import os
import stat
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from click.testing import CliRunner

import leadanalytics as la
from leadanalytics import outputs
from leadanalytics.bonuses import statements
from leadanalytics.cli import cli
from leadanalytics.exceptions import LeadAnalyticsError, UnsafeOutput
from leadanalytics.outputs import csv_text, ensure_folder, neutralise, write, write_bytes
from tests.helpers import add_lead, add_org

# (value as given, value as written): every prefix a spreadsheet would run
HOSTILE = [
    ("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
    ("+31 6 1234", "'+31 6 1234"),
    ("-minus", "'-minus"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("\tTab", "'\tTab"),
    ("\rCR", "'\rCR"),
    ("\nLF", "'\nLF"),
    ("   =1+1", "'   =1+1"),
    ("  \t@x", "'  \t@x"),
    ("Jan", "Jan"),
    ("a=b", "a=b"),
    ("", ""),
]


@pytest.fixture(scope="module")
def warehouse_file(tmp_path_factory) -> Path:
    """A real warehouse, made once: the guard tests only ever refuse to touch it."""
    path = tmp_path_factory.mktemp("wh") / "leadanalytics.duckdb"
    la.init(path)
    return path


def test_neutralise_each_prefix():
    assert [neutralise(given) for given, _ in HOSTILE] == [want for _, want in HOSTILE]
    assert neutralise(Decimal("-250.00")) == Decimal("-250.00")
    assert neutralise(-250) == -250 and neutralise(None) is None
    # the statement's neutraliser is this one (it let a leading line feed pass)
    assert statements.neutralise is outputs.neutralise


def test_csv_neutralised_numbers_stay_numbers(tmp_path):
    frame = pd.DataFrame({
        "text": [g for g, _ in HOSTILE],
        "amount": [Decimal("-250.00")] * len(HOSTILE),
        "n": [-1] * len(HOSTILE),
    })
    out = tmp_path / "x.csv"
    assert write(frame, out) == out
    # a carriage return in a text cell makes the file CRLF, so that the writer quotes it
    want = (
        "text,amount,n\r\n"
        "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",-250.00,-1\r\n"
        "'+31 6 1234,-250.00,-1\r\n"
        "'-minus,-250.00,-1\r\n"
        "'@SUM(1+1),-250.00,-1\r\n"
        "'\tTab,-250.00,-1\r\n"
        "\"'\rCR\",-250.00,-1\r\n"
        "\"'\nLF\",-250.00,-1\r\n"
        "'   =1+1,-250.00,-1\r\n"
        "'  \t@x,-250.00,-1\r\n"
        "Jan,-250.00,-1\r\n"
        "a=b,-250.00,-1\r\n"
        ",-250.00,-1\r\n"
    )
    assert out.read_bytes().decode() == want
    # standard output goes through the same code
    assert csv_text(frame) == want
    # without one, lines end in LF as before
    assert csv_text(frame[frame.text != "\rCR"]) == want.replace("\r\n", "\n").replace(
        "\"'\rCR\",-250.00,-1\n", "")


def test_csv_of_arrow_text_and_polars(tmp_path):
    text = pd.StringDtype("pyarrow", na_value=float("nan"))    # the metrics' text dtype
    arrow = pd.DataFrame({"t": pd.array(["=1", "x", None, "@y"], dtype=text), "n": [1, 2, 3, 4]})
    assert csv_text(arrow) == "t,n\n'=1,1\nx,2\n,3\n'@y,4\n"
    frame = pl.DataFrame({"t": ["=1", "x", "-2"], "eur": [Decimal("-250.00")] * 3})
    write(frame, tmp_path / "p.csv")
    assert (tmp_path / "p.csv").read_text() == "t,eur\n'=1,-250.00\nx,-250.00\n'-2,-250.00\n"


def test_xlsx_neutralised_typed_values(tmp_path):
    frame = pd.DataFrame({
        "text": [g for g, _ in HOSTILE],
        "amount": [Decimal("-250.00")] * len(HOSTILE),
        "day": [dt.date(2026, 3, 6)] * len(HOSTILE),
        "at": [pd.Timestamp("2026-03-01T11:00:00Z")] * len(HOSTILE),   # 12:00 in Amsterdam
    })
    out = tmp_path / "x.xlsx"
    write(frame, out)
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]] == ["text", "amount", "day", "at"]
    texts = [ws.cell(row=r, column=1) for r in range(2, len(HOSTILE) + 2)]
    # openpyxl reads an empty string back as an empty cell, and (XML) a CR as a LF
    assert [c.value or "" for c in texts] == [w.replace("\r", "\n") for _, w in HOSTILE]
    assert all(c.data_type == "s" for c in texts if c.value)       # text, never a formula
    amount = ws.cell(row=2, column=2)
    assert amount.value == -250 and amount.data_type == "n" and amount.number_format == "#,##0.00"
    assert ws.cell(row=2, column=3).value == dt.datetime(2026, 3, 6)
    assert ws.cell(row=2, column=4).value == dt.datetime(2026, 3, 1, 12, 0)


def test_decimal_column_stays_numeric_in_xlsx(tmp_path):
    exact = pd.ArrowDtype(pa.decimal128(9, 2))          # how the package returns hours
    frame = pd.DataFrame({"hours": pd.array([Decimal("1.50"), Decimal("-2.25"), None],
                                            dtype=exact)})
    write(frame, tmp_path / "h.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "h.xlsx").active
    cells = [ws.cell(row=r, column=1) for r in (2, 3, 4)]
    assert [c.value for c in cells] == [1.5, -2.25, None]
    assert [c.data_type for c in cells[:2]] == ["n", "n"]


def test_polars_xlsx(tmp_path):
    write(pl.DataFrame({"t": ["@x"], "eur": [Decimal("-250.00")]}), tmp_path / "p.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "p.xlsx").active
    assert [c.value for c in ws[2]] == ["'@x", -250]


def _analyst_frame() -> pd.DataFrame:
    """What an analyst frame holds (db/frames.py): tz-aware Amsterdam times, floats, Int64."""
    at = pd.Series(pd.to_datetime(["2026-07-01T10:00:00Z", "2026-01-05T08:15:00Z", None],
                                  utc=True)).dt.tz_convert("Europe/Amsterdam")
    return pd.DataFrame({"at": at.astype("datetime64[us, Europe/Amsterdam]"),
                         "hours": [7.5, float("nan"), -0.25],
                         "n": pd.array([3, None, 1], dtype="Int64")})


def _typed_cells(path: Path) -> list[list[tuple]]:
    ws = openpyxl.load_workbook(path).active
    return [[(c.value, c.data_type, c.number_format) for c in row]
            for row in ws.iter_rows(min_row=2)]


AMSTERDAM_CELLS = [   # local Amsterdam wall time, naive; numbers as number cells
    [(dt.datetime(2026, 7, 1, 12, 0), "d", "yyyy-mm-dd hh:mm:ss"), (7.5, "n", "General"),
     (3, "n", "General")],
    [(dt.datetime(2026, 1, 5, 9, 15), "d", "yyyy-mm-dd hh:mm:ss"), (None, "n", "General"),
     (None, "n", "General")],
    [(None, "n", "General"), (-0.25, "n", "General"), (1, "n", "General")],
]


def test_xlsx_of_tz_aware_times_floats_and_nullable_counts(tmp_path):
    frame = _analyst_frame()
    with pytest.raises(ValueError, match="timezones"):       # why la.write exists
        frame.to_excel(tmp_path / "pandas.xlsx")
    la.write(frame, tmp_path / "x.xlsx")
    assert _typed_cells(tmp_path / "x.xlsx") == AMSTERDAM_CELLS


def test_xlsx_of_a_polars_frame_with_tz_aware_times_is_the_same(tmp_path):
    la.write(pl.from_pandas(_analyst_frame()), tmp_path / "p.xlsx")
    assert _typed_cells(tmp_path / "p.xlsx") == AMSTERDAM_CELLS


# --------------------------------------------------------------------------- the guard


def _refused(target: Path, protected: Path, reason_has: str) -> None:
    before = protected.read_bytes()
    with pytest.raises(UnsafeOutput) as info:
        write(pd.DataFrame({"a": [1]}), target)
    assert isinstance(info.value, LeadAnalyticsError)
    assert info.value.path == str(target) and reason_has in info.value.reason
    assert protected.read_bytes() == before
    assert not [p for p in protected.parent.iterdir() if p.name.endswith(".tmp")]


def test_the_warehouse_is_refused(warehouse_file):
    _refused(warehouse_file, warehouse_file, "DuckDB database")
    la.connect(warehouse_file).sql("select count(*) from leads")


def test_its_wal_is_refused(warehouse_file):
    wal = Path(f"{warehouse_file}.wal")
    wal.write_bytes(b"a write-ahead log")
    try:
        _refused(wal, wal, "write-ahead log")
    finally:
        wal.unlink()
    # also when no .wal exists at the moment
    with pytest.raises(UnsafeOutput, match="write-ahead log"):
        write(pd.DataFrame({"a": [1]}), Path(f"{warehouse_file}.wal"))
    assert not wal.exists()


def test_another_duckdb_file_is_refused(tmp_path):
    other = tmp_path / "notes.csv"           # a DuckDB database, whatever its name
    duckdb.connect(str(other)).close()
    _refused(other, other, "DuckDB database")


def test_a_link_to_the_warehouse_is_refused(warehouse_file, tmp_path):
    link = tmp_path / "innocent.csv"
    link.symlink_to(warehouse_file)
    _refused(link, warehouse_file, "DuckDB database")
    assert link.is_symlink()


def test_missing_folder_is_refused_naming_it(tmp_path):
    target = tmp_path / "nope" / "x.csv"
    with pytest.raises(UnsafeOutput) as info:
        write(pd.DataFrame({"a": [1]}), target)
    assert f"the folder {tmp_path / 'nope'} does not exist" in str(info.value)
    assert not (tmp_path / "nope").exists()


def test_a_folder_where_a_file_belongs_is_refused(tmp_path):
    with pytest.raises(UnsafeOutput, match="it is a folder"):
        write(pd.DataFrame({"a": [1]}), tmp_path)
    with pytest.raises(UnsafeOutput, match="it is a folder"):
        write_bytes(b"x", tmp_path)


def test_an_output_folder_is_created_but_a_file_is_not_a_folder(tmp_path):
    assert ensure_folder(tmp_path / "a" / "b").is_dir()
    (tmp_path / "f").write_text("x")
    with pytest.raises(UnsafeOutput, match="not a folder"):
        ensure_folder(tmp_path / "f")
    assert (tmp_path / "f").read_text() == "x"


def test_other_suffixes_are_refused(tmp_path):
    with pytest.raises(UnsafeOutput, match=".csv or .xlsx"):
        write(pd.DataFrame({"a": [1]}), tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- atomic


def test_a_crash_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    out = tmp_path / "x.csv"
    out.write_text("old\n")

    def half(self, path, *args, **kwargs):
        Path(path).write_text("half of the new")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pd.DataFrame, "to_csv", half)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write(pd.DataFrame({"a": [1]}), out)
    assert out.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]

    def half_xlsx(columns, rows, path, **kwargs):
        Path(path).write_bytes(b"PK half")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(outputs, "_write_xlsx", half_xlsx)
    xlsx = tmp_path / "x.xlsx"
    xlsx.write_bytes(b"old workbook")
    with pytest.raises(RuntimeError):
        write(pd.DataFrame({"a": [1]}), xlsx)
    assert xlsx.read_bytes() == b"old workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv", "x.xlsx"]


def test_an_existing_file_keeps_its_permissions(tmp_path):
    out = tmp_path / "x.csv"
    out.write_text("old\n")
    out.chmod(0o640)
    write(pd.DataFrame({"a": [1]}), out)
    assert out.read_text() == "a\n1\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    mask = os.umask(0)
    os.umask(mask)
    new = write_bytes(b"x", tmp_path / "new.eml")
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~mask


def test_writing_through_a_link_replaces_the_file_it_points_to(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write(pd.DataFrame({"a": [2]}), link)
    assert link.is_symlink() and real.read_text() == "a\n2\n"


# --------------------------------------------------------------------------- the command line


def test_bonuses_list_out_the_warehouse_exits_1(warehouse_file):
    before = warehouse_file.read_bytes()
    r = CliRunner().invoke(cli, ["--db", str(warehouse_file), "bonuses", "list",
                                 "--as-of", "2026-03-31", "--out", str(warehouse_file)])
    assert r.exit_code == 1
    assert r.stderr.startswith(f"error: will not write {warehouse_file}: ")
    assert "DuckDB database" in r.stderr and len(r.stderr.splitlines()) == 1
    assert "Traceback" not in r.output
    assert warehouse_file.read_bytes() == before
    assert la.connect(warehouse_file).sql("select count(*) as n from leads")["n"][0] == 0


def test_out_into_a_missing_folder_exits_1_naming_it(warehouse_file, tmp_path):
    r = CliRunner().invoke(cli, ["--db", str(warehouse_file), "lead-history", "L-1",
                                 "--out", str(tmp_path / "gone" / "h.csv")])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert f"the folder {tmp_path / 'gone'} does not exist" in r.stderr


@pytest.fixture(scope="module")
def hostile_titles(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("titles") / "titles.duckdb"
    w = la.init(path)
    add_org(w)
    add_lead(w, "L1", [("2026-01-05", "concept")], title="=HYPERLINK(\"http://evil\",\"x\")")
    add_lead(w, "L2", [("2026-01-06", "concept")], title="@SUM(1+1)")
    add_lead(w, "L3", [("2026-01-07", "concept")], title="\tTabbed")
    return path


def test_metrics_out_neutralises_lead_titles(hostile_titles, tmp_path):
    out = tmp_path / "stale.csv"
    args = ["--db", str(hostile_titles), "metrics", "stale_leads", "--as-of", "2026-03-31"]
    r = CliRunner().invoke(cli, [*args, "--out", str(out)])
    assert r.exit_code == 0, r.output
    want = [
        "lead_id,title,submitter_id,branch_id,phase,last_change_day,days_since_change,"
        "submitter_name,branch_name,phase_label",
        "L1,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",E1,B1,concept,2026-01-05,85,"
        "Anna Jansen,Groningen,Concept",
        "L2,'@SUM(1+1),E1,B1,concept,2026-01-06,84,Anna Jansen,Groningen,Concept",
        "L3,'\tTabbed,E1,B1,concept,2026-01-07,83,Anna Jansen,Groningen,Concept",
    ]
    assert out.read_text().splitlines() == want
    r = CliRunner().invoke(cli, args)                       # standard output: the same
    assert r.exit_code == 0 and r.stdout.splitlines() == want


@pytest.mark.parametrize("command", [
    ["bonuses", "list", "--as-of", "2026-03-31"],
    ["bonuses", "forecast", "--as-of", "2026-03-31"],
    ["metrics", "funnel", "--as-of", "2026-03-31"],
    ["lead-history", "L1"],
    ["timesheets", "missing", "--as-of", "2026-03-31"],
    ["bonuses", "export", "B-NONE"],
])
def test_no_out_may_name_the_warehouse_or_its_wal(hostile_titles, command):
    before = hostile_titles.read_bytes()
    for target in (hostile_titles, Path(f"{hostile_titles}.wal")):
        r = CliRunner().invoke(cli, ["--db", str(hostile_titles), *command, "--out", str(target)])
        assert r.exit_code == 1, r.output
        assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
        assert "DuckDB" in r.output
        assert hostile_titles.read_bytes() == before and not Path(f"{hostile_titles}.wal").exists()
