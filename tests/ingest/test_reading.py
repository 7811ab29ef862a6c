"""The shared file reader: formats, the files people really send, refusals."""

from __future__ import annotations

import duckdb
import openpyxl
import pandas as pd
import pytest
from leadanalytics.pipelines.reading import stage_file

from leadanalytics.exceptions import InputFileError


def staged_rows(con, staged):
    return con.execute(f"select * from {staged.table} order by row_number").fetchall()  # noqa: S608


def test_bom_semicolon_crlf_and_decimal_comma(tmp_path):
    p = tmp_path / "x.csv"
    p.write_bytes("\ufeffID;Hours;Note\r\nA;3,5;x\r\nB; 4 ;\r\n".encode())
    con = duckdb.connect()
    s = stage_file(con, p, "s", ["id", "hours"], numeric=["hours"])
    assert s.decimal_comma and s.columns == ["id", "hours"] and s.extra_columns == ["Note"]
    assert staged_rows(con, s) == [(1, "A", "3.5", "x"), (2, "B", "4", None)]


def test_xlsx_numbers_are_read_in_shortest_form_below_a_title(tmp_path):
    p = tmp_path / "x.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Export van uren"])
    ws.append(["id", "hours"])
    ws.append(["A", 33.33])
    ws.append(["B", 40.0])
    wb.save(p)
    con = duckdb.connect()
    s = stage_file(con, p, "s", ["id", "hours"])
    assert s.header_row == 2
    assert staged_rows(con, s) == [(1, "A", "33.33"), (2, "B", "40")]


def test_parquet_binary_float_keeps_its_decimal_form(tmp_path):
    p = tmp_path / "x.parquet"
    pd.DataFrame({"id": ["A"], "hours": [33.33]}).to_parquet(p)
    con = duckdb.connect()
    s = stage_file(con, p, "s", ["id", "hours"])
    assert staged_rows(con, s) == [(1, "A", "33.33")]


def test_aliases_map_foreign_headers(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("Opdracht,Uren\nA1,8\n")
    con = duckdb.connect()
    s = stage_file(con, p, "s", ["assignment_id", "hours"], aliases={"opdracht": "assignment_id", "uren": "hours"})
    assert staged_rows(con, s) == [(1, "A1", "8")]


@pytest.mark.parametrize(
    ("content", "fault"),
    [(b"", "empty file"), (b"\n\n", "empty file"), (b"a,b\n1,2\n", "missing required column(s) id")],
)
def test_refusals_name_the_fault(tmp_path, content, fault):
    p = tmp_path / "x.csv"
    p.write_bytes(content)
    with pytest.raises(InputFileError) as err:
        stage_file(duckdb.connect(), p, "s", ["id"])
    assert fault in str(err.value) and str(p) in str(err.value)


def test_unknown_type_and_missing_file(tmp_path):
    with pytest.raises(InputFileError, match="no such file"):
        stage_file(duckdb.connect(), tmp_path / "nope.csv", "s", ["id"])
    p = tmp_path / "x.json"
    p.write_text("{}")
    with pytest.raises(InputFileError, match="unknown file type"):
        stage_file(duckdb.connect(), p, "s", ["id"])
