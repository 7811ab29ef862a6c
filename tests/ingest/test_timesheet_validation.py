"""great-expectations: the suite in the repository, validation of each load, data docs, and the
agreement between the suite and the SQL rules that quarantine."""

from __future__ import annotations

import json

import pytest
from leadanalytics.pipelines import timesheet_contract as contract
from leadanalytics.pipelines import timesheets
from leadanalytics.pipelines.gx import write_data_docs
from leadanalytics.pipelines.timesheets import ingest_timesheet_file

from leadanalytics.exceptions import ConfigError

BAD_ROWS = [
    "L1,1,A1,E1,2026-02-09,40,submitted,2026-02-13,",       # 1 good
    ",x,A1,E1,2026-02-10,12.345,foo,2026-02-01,",            # 2 many failures
    "L3,0,A1,E1,2026-W07,169,invoiced,2026-02-13,",          # 3 revision and hours range
    "L4,1,,E1,2026-02-09,8,submitted,13-02-2026,",           # 4 assignment, status_date format
    "L5,1,A1,E1,2026-02-16,8,submitted,2026-02-13,",         # 5 status_date before week
]


def test_each_load_is_validated_and_the_result_stored(w_ts, write_csv):
    r = ingest_timesheet_file(w_ts, write_csv("a.csv", *BAD_ROWS))
    v = w_ts.sql("select * from store.validation_results")
    assert len(v) == 1
    assert (v.load_id[0], bool(v.success[0]), v.rows_validated[0], bool(v.sampled[0])) == (
        r.load_id, False, 5, False)
    assert v.evaluated[0] == len(contract.column_rules())
    result = json.loads(v.result[0])
    assert result["success"] is False


def test_suite_and_sql_agree_on_which_rows_break_which_rule(w_ts, write_csv):
    """Every row the SQL quarantines under a column rule fails that expectation in GX, and the
    rows GX finds unexpected are exactly the rows whose detail names the expectation."""
    ingest_timesheet_file(w_ts, write_csv("a.csv", *BAD_ROWS))
    result = json.loads(w_ts.sql("select result from store.validation_results").result[0])
    q = w_ts.sql("select row_number, detail from quarantine")
    rules = contract.column_rules()
    by_key = {(r["expectation_config"]["type"],
               r["expectation_config"]["kwargs"].get("column")
               or r["expectation_config"]["kwargs"].get("column_A")): r
              for r in result["results"]}
    assert len(by_key) == len(rules)
    for rule in rules:
        res = by_key[(rule.expectation, rule.kwargs.get("column") or rule.kwargs.get("column_A"))]
        gx_rows = sorted(x["row_number"] if isinstance(x, dict) else x
                         for x in res["result"].get("unexpected_index_list") or [])
        sql_rows = sorted(int(n) for n, d in zip(q.row_number, q.detail, strict=True)
                          if f"[{rule.name}]" in d)
        assert gx_rows == sql_rows, rule.name


def test_large_file_validates_a_seeded_sample(w_ts, write_csv):
    with w_ts.transaction() as tx:
        tx.run("queries/config/setting_put", key="validation_sample_rows", value="3")
    rows = [f"L{i},1,A1,E1,2026-02-09,8,submitted,2026-02-13," for i in range(10)]
    ingest_timesheet_file(w_ts, write_csv("a.csv", *rows))
    v = w_ts.sql("select rows_validated, rows_in_file, sampled from store.validation_results")
    assert (v.rows_validated[0], v.rows_in_file[0], bool(v.sampled[0])) == (3, 10, True)


def test_data_docs_are_written_as_html(w_ts, write_csv, tmp_path):
    r = ingest_timesheet_file(w_ts, write_csv("a.csv", *BAD_ROWS))
    index = write_data_docs(w_ts, tmp_path / "docs")
    assert index.name == "index.html" and "a.csv" in index.read_text()
    page = (tmp_path / "docs" / f"load-{r.load_id}.html").read_text()
    assert "expect_column_values_to_be_in_set" in page or "values must belong" in page.lower()
    assert "<html" in page.lower()


def test_suite_out_of_step_with_the_sql_is_refused(monkeypatch):
    d = json.loads(json.dumps(contract.suite_dict()))
    d["expectations"][0], d["expectations"][1] = d["expectations"][1], d["expectations"][0]
    monkeypatch.setattr(contract, "suite_dict", lambda: d)
    with pytest.raises(ConfigError, match="change both"):
        contract.column_rules()


def test_a_failure_inside_the_load_leaves_nothing_behind(w_ts, write_csv, monkeypatch):
    ingest_timesheet_file(w_ts, write_csv("a.csv", BAD_ROWS[0]), validate=False)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(timesheets, "record_load", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest_timesheet_file(w_ts, write_csv("b.csv", *BAD_ROWS[1:],
                                               "L9,1,A1,E1,2026-02-09,8,submitted,2026-02-13,"))
    counts = w_ts.sql("select (select count(*) from timesheet_lines) as lines, "
                      "(select count(*) from quarantine) as q, (select count(*) from loads) as l, "
                      "(select count(*) from store.validation_results) as v")
    assert counts.iloc[0].tolist() == [1, 0, 1, 0]
