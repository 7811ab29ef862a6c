"""Input edges (data-contracts.md, "Safe edges": "Input encodings and shapes", "Timesheet
dates"): encodings Dutch Excel writes, quoted line breaks, duplicate and blank header columns,
dates out of range for the day of the load.

Every case file is written here, by hand, as explicit bytes; expected values by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from leadanalytics.pipelines import gx
from leadanalytics.pipelines import timesheet_contract as contract
from leadanalytics.pipelines.reading import SNIFF_BYTES
from leadanalytics.pipelines.reference import load_branches, load_people
from leadanalytics.pipelines.timesheets import ingest_timesheet_file

from tests.helpers import HEADER

SEMI_HEADER = HEADER.replace(",", ";")
# é, ë and € in three text columns (assignment, employee, source); the week's Monday is fine
ROWS = ["L1,1,Noël,Jérôme,2026-02-09,40,submitted,2026-02-13,€ casemaster",
        "L2,1,A2,Zoë,2026-02-09,7.5,invoiced,2026-02-13,café"]
EXPECTED = [("L1", "Noël", "Jérôme", "€ casemaster"), ("L2", "A2", "Zoë", "café")]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def text_of(rows, header=HEADER, newline="\r\n") -> str:
    return newline.join([header, *rows]) + newline


def lines(w):
    with w.reader() as con:
        return con.execute("select line_id, assignment_id, employee_id, source "
                           "from timesheet_lines order by line_id").fetchall()


def refused(w, path) -> str:
    r = ingest_timesheet_file(w, path, validate=False)
    assert r.status == "refused" and not r.ok, r.summary()
    assert w.sql("select count(*) as n from timesheet_lines").n[0] == 0
    assert w.sql("select status from loads").status.tolist() == ["refused"]
    return r.message


# --------------------------------------------------------------------------- encodings
@pytest.mark.parametrize("data", [
    pytest.param(text_of(ROWS).encode("utf-8"), id="utf-8"),
    pytest.param(text_of(ROWS).encode("utf-8-sig"), id="utf-8-bom"),
    pytest.param(b"\xff\xfe" + text_of(ROWS).encode("utf-16-le"), id="utf-16-le-bom"),
    pytest.param(b"\xfe\xff" + text_of(ROWS).encode("utf-16-be"), id="utf-16-be-bom"),
    # Dutch Excel's "CSV (puntkomma)": Windows-1252, `;` and decimal commas
    pytest.param(text_of([r.replace(",", ";").replace("7.5", "7,5") for r in ROWS],
                         SEMI_HEADER).encode("cp1252"), id="windows-1252-puntkomma"),
])
def test_each_accepted_encoding_arrives_intact(w_ts, tmp_path, data):
    r = ingest_timesheet_file(w_ts, write(tmp_path, "t.csv", data), validate=False)
    assert (r.status, r.rows_read, r.rows_loaded) == ("loaded", 2, 2), r.message
    assert lines(w_ts) == EXPECTED
    assert w_ts.sql("select hours from timesheet_lines order by line_id").hours.tolist() == [
        40, 7.5]


def test_windows_1252_bytes_as_written_by_hand(w_ts, tmp_path):
    data = (b"line_id;revision;assignment_id;employee_id;week;hours;status;status_date;source\r\n"
            b"L1;1;No\xebl;J\xe9r\xf4me;2026-02-09;38,5;submitted;2026-02-13;\x80\r\n")
    assert data.split(b"\r\n")[1].decode("cp1252").startswith("L1;1;Noël;Jérôme")
    r = ingest_timesheet_file(w_ts, write(tmp_path, "t.csv", data), validate=False)
    assert (r.status, r.rows_loaded) == ("loaded", 1)
    assert lines(w_ts) == [("L1", "Noël", "Jérôme", "€")]


def test_windows_1252_past_the_sniffed_sample_is_read_again(w_ts, tmp_path):
    """Plain ASCII for more than the sniffed 64 KB, then a Windows-1252 `é`: DuckDB's own check
    finds it and the file is read again as Windows-1252 (no extra read of a UTF-8 file)."""
    filler = [f"F{i},1,A1,E1,2026-02-09,8,submitted,2026-02-13,casemaster" for i in range(1500)]
    data = text_of([*filler, "L9,1,A1,Jérôme,2026-02-09,8,submitted,2026-02-13,€"]).encode("cp1252")
    assert len(data) > SNIFF_BYTES and data[:SNIFF_BYTES].isascii()
    r = ingest_timesheet_file(w_ts, write(tmp_path, "t.csv", data), validate=False)
    assert (r.status, r.rows_loaded) == ("loaded", 1501), r.message
    assert w_ts.sql("select employee_id, source from timesheet_lines where line_id = 'L9'"
                    ).iloc[0].tolist() == ["Jérôme", "€"]


@pytest.mark.parametrize(("data", "fault"), [
    # 0x81 is no character in Windows-1252 (nor valid UTF-8)
    pytest.param(text_of(ROWS[:1]).encode("cp1252") + b"L2,1,A\x81,E1,2026-02-09,8,submitted,"
                 b"2026-02-13,\r\n", ["neither UTF-8 nor Windows-1252", "81", "line 3"],
                 id="undefined-windows-1252-byte"),
    # UTF-8 by its first characters, broken further on: not guessed as Windows-1252
    pytest.param(text_of(ROWS).encode("utf-8") + b"L3,1,A\xff\xfe,E1,2026-02-09,8,submitted,"
                 b"2026-02-13,\r\n", ["invalid UTF-8", "line 4"], id="broken-utf-8"),
    # UTF-16 without its byte-order mark: NUL bytes
    pytest.param(text_of(ROWS).encode("utf-16-le"), ["NUL byte", "line 1", "byte-order mark"],
                 id="utf-16-without-bom"),
    # UTF-16 with a BOM but a lone surrogate on line 2
    pytest.param(b"\xff\xfe" + text_of(["x"], "h").encode("utf-16-le")
                 + b"\x00\xd8a\x00\r\x00\n\x00", ["invalid UTF-16-LE", "line 3"],
                 id="utf-16-lone-surrogate"),
    pytest.param(b"\xff\xfe\x00\x00" + "h\r\n".encode("utf-32-le"), ["UTF-32"], id="utf-32"),
])
def test_anything_else_is_refused_naming_the_problem_and_the_line(w_ts, tmp_path, data, fault):
    message = refused(w_ts, write(tmp_path, "t.csv", data))
    for part in fault:
        assert part in message, message


def test_invalid_utf_8_past_the_sniffed_sample_is_refused_naming_the_line(w_ts, tmp_path):
    """UTF-8 (non-ASCII) in the sample, an invalid byte far on: refused by DuckDB's check."""
    filler = [f"F{i},1,Noël,E1,2026-02-09,8,submitted,2026-02-13," for i in range(1500)]
    data = text_of(filler).encode("utf-8") + b"L9,1,A\xe9,E1,2026-02-09,8,submitted,2026-02-13,\r\n"
    assert len(data) > SNIFF_BYTES
    message = refused(w_ts, write(tmp_path, "t.csv", data))
    assert "invalid UTF-8 on line 1502" in message, message


def test_no_transcoded_copy_is_left_behind(w_ts, tmp_path, monkeypatch):
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    ok = text_of(ROWS).encode("cp1252")
    bad = ok + b"L3,1,A\x81,E1,2026-02-09,8,submitted,2026-02-13,\r\n"
    ingest_timesheet_file(w_ts, write(tmp_path, "ok.csv", ok), validate=False)
    ingest_timesheet_file(w_ts, write(tmp_path, "bad.csv", bad), validate=False)
    assert list((tmp_path / "tmp").iterdir()) == []


def test_reference_loads_read_the_same_encodings(warehouse, tmp_path):
    branches = "branch_id;name;parent_id\r\nNL;Nederland;\r\nNOORD;Noël € Zuidwesthoek;NL\r\n"
    r = load_branches(warehouse, write(tmp_path, "b.csv", branches.encode("cp1252")))
    assert (r.status, r.rows_loaded) == ("loaded", 2), r.message
    people = ("person_id,name,email,role,branch_id,active\r\n"
              "P1,Jérôme Noël,jerome@pro.nl,employee,NOORD,true\r\n")
    r = load_people(warehouse, write(tmp_path, "p.csv", b"\xfe\xff" + people.encode("utf-16-be")))
    assert (r.status, r.rows_loaded) == ("loaded", 1), r.message
    assert warehouse.sql("select name from branches where branch_id = 'NOORD'").name[0] == (
        "Noël € Zuidwesthoek")
    assert warehouse.sql("select name from people").name.tolist() == ["Jérôme Noël"]


# --------------------------------------------------------------------------- shapes
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf-file", "crlf-file", "cr-file"])
@pytest.mark.parametrize("inner", ["\n", "\r", "\r\n"], ids=["lf", "cr", "crlf"])
def test_quoted_fields_may_hold_line_breaks(w_ts, tmp_path, newline, inner):
    rows = [f'L1,1,A1,E1,2026-02-09,40,submitted,2026-02-13,"first{inner}second"',
            "L2,1,A1,E1,2026-02-09,8,submitted,2026-02-13,casemaster"]
    path = write(tmp_path, "t.csv", text_of(rows, newline=newline).encode("utf-8"))
    r = ingest_timesheet_file(w_ts, path, validate=False)
    assert (r.status, r.rows_read, r.rows_loaded) == ("loaded", 2, 2), r.message
    assert w_ts.sql("select source from timesheet_lines order by line_id").source.tolist() == [
        f"first{inner}second", "casemaster"]


def test_a_quoted_line_break_in_a_reference_file(warehouse, tmp_path):
    data = b'branch_id,name,parent_id\r\nNL,"Neder\rland",\r\n'
    r = load_branches(warehouse, write(tmp_path, "b.csv", data))
    assert (r.status, r.rows_loaded) == ("loaded", 1), r.message
    assert warehouse.sql("select name from branches").name.tolist() == ["Neder\rland"]


@pytest.mark.parametrize(("header", "name"), [
    (HEADER.replace("source", "hours"), "hours"),
    (HEADER.replace("source", " Hours"), "Hours"),
    (HEADER.replace("source", "LINE_ID "), "LINE_ID"),
    (HEADER + ",Extra,extra", "extra"),
])
def test_a_duplicate_column_refuses_the_file_naming_it(w_ts, tmp_path, header, name):
    values = "L1,1,A1,E1,2026-02-09,40,submitted,2026-02-13,99,x,y".split(",")
    row = ",".join(values[:len(header.split(","))])
    path = write(tmp_path, "t.csv", text_of([row], header).encode("utf-8"))
    message = refused(w_ts, path)
    assert "duplicate column" in message and name in message, message


def test_a_duplicate_column_in_xlsx_refuses_the_file(w_ts, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(",") + ["Hours"])
    sheet.append(["L1", 1, "A1", "E1", "2026-02-09", 40, "submitted", "2026-02-13", "", 99])
    book.save(tmp_path / "t.xlsx")
    message = refused(w_ts, tmp_path / "t.xlsx")
    assert "duplicate column 'Hours'" in message, message


def test_blank_header_columns_are_ignored(w_ts, tmp_path):
    """Blank header cells (Excel's empty columns): no duplicate, not kept as extra columns."""
    header = "line_id,,revision,assignment_id,employee_id,week,hours,status,status_date,source,,"
    rows = ["L1,,1,A1,E1,2026-02-09,40,submitted,2026-02-13,cm,,",
            "L2,,1,A1,E1,2026-02-09,400,submitted,2026-02-13,cm,,"]
    path = write(tmp_path, "t.csv", text_of(rows, header).encode("utf-8"))
    r = ingest_timesheet_file(w_ts, path, validate=False)
    assert (r.status, r.rows_read, r.rows_loaded, r.rows_quarantined) == ("partial", 2, 1, 1)
    raw = json.loads(w_ts.sql("select raw from quarantine").raw[0])
    assert sorted(raw) == sorted(["row_number", *HEADER.split(",")])


# --------------------------------------------------------------------------- timesheet dates
DAY = "2026-03-04"  # a Wednesday; its week's Monday is 2026-03-02
DATE_ROWS = [
    "D1,1,A1,E1,2026-03-02,8,submitted,2026-03-04,",   # 1 today: loads
    "D2,1,A1,E1,2026-03-02,8,submitted,2026-03-05,",   # 2 status_date tomorrow
    "D3,1,A1,E1,0001-01-01,8,submitted,2026-03-03,",   # 3 week long ago (a Monday)
    "D4,1,A1,E1,2026-04-06,8,submitted,2026-04-06,",   # 4 week 33 days ahead
    "D5,1,A1,E1,1999-12-27,8,submitted,2000-01-03,",   # 5 the week before 2000-01-03
    "D6,1,A1,E1,2000-01-03,8,submitted,2000-01-07,",   # 6 the first week allowed
    "D7,1,A1,E1,2026-W11,8,submitted,2026-03-09,",     # 7 next week (5 days ahead, <= 7)
]


def quarantined(w, load_id=None):
    where = f"where load_id = {int(load_id)}" if load_id else ""
    return [tuple(r) for r in w.sql(
        f"select record_key, rule from quarantine {where} order by row_number"  # noqa: S608
    ).itertuples(index=False)]


def test_dates_out_of_range_for_the_day_of_the_load_are_quarantined(w_ts, tmp_path, monkeypatch):
    monkeypatch.setenv("LEADANALYTICS_NOW", DAY)
    path = write(tmp_path, "t.csv", text_of(DATE_ROWS).encode("utf-8"))
    r = ingest_timesheet_file(w_ts, path, validate=False)
    assert (r.rows_read, r.rows_loaded, r.rows_quarantined) == (7, 2, 5)
    assert quarantined(w_ts) == [
        ("D2", "status_date_in_future"), ("D3", "week_out_of_range"),
        ("D4", "week_out_of_range"), ("D5", "week_out_of_range"),
        ("D7", "status_date_in_future")]  # its week is in range, its status_date is not
    assert r.by_rule == {"status_date_in_future": 2, "week_out_of_range": 3}
    detail = w_ts.sql("select detail from quarantine where record_key = 'D4'").detail[0]
    # the week 33 days ahead also has its status_date in the future: both named
    assert "[week_out_of_range]" in detail and "[status_date_in_future]" in detail
    assert "'2026-04-06'" in detail


@pytest.mark.parametrize("same_file", [True, False], ids=["same-file", "another-file"])
def test_a_row_quarantined_by_the_day_is_checked_again_later(w_ts, tmp_path, monkeypatch,
                                                             same_file):
    monkeypatch.setenv("LEADANALYTICS_NOW", DAY)
    first = write(tmp_path, "t.csv", text_of(DATE_ROWS).encode("utf-8"))
    ingest_timesheet_file(w_ts, first, validate=False)
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-05-01")
    again = first if same_file else write(
        tmp_path, "u.csv", text_of([*DATE_ROWS, "D8,1,A1,E1,2026-03-02,8,submitted,2026-03-04,"]
                                   ).encode("utf-8"))
    r = ingest_timesheet_file(w_ts, again, validate=False)
    # D2, D4 and D7 now load; D3 and D5 are out of range on any day; D1 and D6 were loaded
    assert quarantined(w_ts, r.load_id) == [("D3", "week_out_of_range"),
                                            ("D5", "week_out_of_range")]
    assert (r.rows_loaded, r.rows_skipped) == (3 if same_file else 4, 2)
    assert sorted(w_ts.sql("select line_id from timesheet_lines").line_id) == (
        ["D1", "D2", "D4", "D6", "D7"] + ([] if same_file else ["D8"]))


def test_a_row_quarantined_by_another_rule_is_still_skipped_later(w_ts, tmp_path, monkeypatch):
    monkeypatch.setenv("LEADANALYTICS_NOW", DAY)
    row = "D9,1,A1,E1,2026-03-02,999,submitted,2026-03-05,"  # hours first, future second
    ingest_timesheet_file(w_ts, write(tmp_path, "t.csv", text_of([row]).encode()), validate=False)
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-05-01")
    # the same row in other bytes (LF line ends): not the same file
    r = ingest_timesheet_file(w_ts, write(tmp_path, "u.csv", text_of([row], newline="\n").encode()),
                              validate=False)
    assert (r.rows_skipped, r.rows_quarantined) == (1, 0)


def test_great_expectations_agrees_with_the_sql_on_the_rules_of_the_day(w_ts, tmp_path,
                                                                       monkeypatch):
    monkeypatch.setenv("LEADANALYTICS_NOW", DAY)
    path = write(tmp_path, "t.csv", text_of(DATE_ROWS).encode("utf-8"))
    ingest_timesheet_file(w_ts, path)
    result = json.loads(w_ts.sql("select result from store.validation_results").result[0])
    q = w_ts.sql("select row_number, detail from quarantine")
    names = {r.name: r for r in contract.column_rules()}
    assert contract.day_rule_names() == ["week_out_of_range", "status_date_in_future"]
    for name in contract.day_rule_names():
        rule = names[name]
        res = next(x for x in result["results"]
                   if x["expectation_config"]["type"] == rule.expectation
                   and x["expectation_config"]["kwargs"]["column"] == rule.kwargs["column"])
        gx_rows = sorted(x["row_number"] if isinstance(x, dict) else x
                         for x in res["result"].get("unexpected_index_list") or [])
        sql_rows = sorted(int(n) for n, d in zip(q.row_number, q.detail, strict=True)
                          if f"[{name}]" in d)
        assert gx_rows == sql_rows, name
    assert gx.parameters() == {"first_week": pd.Timestamp("2000-01-03"),
                               "last_week": pd.Timestamp("2026-03-11"),
                               "last_status_date": pd.Timestamp("2026-03-04")}
    assert contract.day_parameters(dt.date(2026, 3, 4))["last_status_date"] == dt.date(2026, 3, 4)
