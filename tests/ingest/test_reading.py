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


def test_cells_are_trimmed_of_unicode_spaces_only_where_they_have_them(tmp_path):
    # The staged view skips trim() for rows without a space or a non-ASCII character; every
    # cell must still read as trim() reads it: spaces, no-break and ideographic spaces at the
    # ends removed, inner spaces, tabs and other non-ASCII text kept, blanks NULL.
    p = tmp_path / "x.csv"
    p.write_text("id,name,note\n"
                 "A,plain,\n"
                 " B ,\u00a0with nbsp\u3000,  keep  \n"
                 "C,caf\u00e9 inner space,x\n"
                 "D,\ttab\t,\n"
                 "E,   ,y\n", encoding="utf-8")
    con = duckdb.connect()
    s = stage_file(con, p, "s", ["id", "name"], lazy=True)
    assert staged_rows(con, s) == [
        (1, "A", "plain", None), (2, "B", "with nbsp", "  keep  "),
        (3, "C", "caf\u00e9 inner space", "x"), (4, "D", "\ttab\t", None), (5, "E", None, "y"),
    ]


def test_trim_removes_nothing_but_the_characters_the_fast_path_looks_for():
    # The fast path (pipelines/reading.py, _SPACED) assumes trim() removes U+0020 and
    # non-ASCII characters only: every ASCII character trim() removes is a space.
    con = duckdb.connect()
    removed = con.execute(
        "SELECT list(i) FROM range(0, 128) t(i) "
        "WHERE trim(chr(CAST(i AS INTEGER)) || 'a') <> chr(CAST(i AS INTEGER)) || 'a'"
    ).fetchall()[0][0]
    assert removed == [32]


def test_unnumbered_staging_reads_the_file_in_order(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("id,n\n" + "".join(f"r{i},{i}\n" for i in range(5000)))
    con = duckdb.connect()
    s = stage_file(con, p, "s", ["id", "n"], lazy=True, numbered=False)
    assert not s.numbered
    assert [c[0] for c in con.execute(f"describe {s.table}").fetchall()] == ["id", "n"]  # noqa: S608
    con.execute(f"create temp table t as select * from {s.table}")  # noqa: S608
    rows = con.execute("select rowid - min(rowid) over () + 1, n from t order by rowid").fetchall()
    assert all(int(n) + 1 == k for k, n in rows) and len(rows) == 5000
