"""leadanalytics.db.frames: query results as pandas and polars with the analyst's types (floats
for decimals unless exact, times in Europe/Amsterdam). Dates and plain numbers skip DuckDB's own
conversion for speed; these tests pin that the result is exactly what DuckDB would give."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadanalytics.db.frames import as_output, frame, polars_frame
from leadanalytics.exceptions import UsageError


def _by_duckdb(table: pa.Table) -> pd.DataFrame:
    return duckdb.connect().from_arrow(table).df()


def test_every_non_text_column_converts_as_duckdb_converts_it():
    utc = dt.UTC
    table = pa.table({
        "day": pa.array([dt.date(2026, 1, 1), None], pa.date32()),
        "extreme_days": pa.array([dt.date(1, 1, 1), dt.date(9999, 12, 31)], pa.date32()),
        "count_or_null": pa.array([1, None], pa.int64()),
        "count": pa.array([1, 2], pa.int64()),
        "small": pa.array([1, 2], pa.int32()),
        "tiny_unsigned": pa.array([1, 2], pa.uint8()),
        "share_or_null": pa.array([1.5, None]),
        "share": pa.array([1.5, 2.0]),
        "flag_or_null": pa.array([True, None]),
        "flag": pa.array([True, False]),
        "at": pa.array([dt.datetime(2026, 1, 1, tzinfo=utc), None], pa.timestamp("us", tz="UTC")),
        "text": ["a", None],
    })
    got = frame(table, arrow_text=False)
    expected = _by_duckdb(table)
    expected["at"] = expected["at"].dt.tz_convert("Europe/Amsterdam")  # the same moments
    pd.testing.assert_frame_equal(got, expected)
    assert str(got["day"].dtype) == "datetime64[us]" and pd.isna(got["day"][1])
    assert str(got["count_or_null"].dtype) == "Int64"
    assert str(got["at"].dtype) == "datetime64[us, Europe/Amsterdam]"
    assert got["at"][0].isoformat() == "2026-01-01T01:00:00+01:00"


def _mixed() -> pa.Table:
    return pa.table({
        "lead_id": ["L1", None],
        "day": pa.array([dt.date(2026, 3, 2), dt.date(2026, 3, 3)], pa.date32()),
        "hours": pa.array([Decimal("1.25"), None], pa.decimal128(12, 2)),
        "n": pa.array([1, None], pa.int64()),
        "total": pa.array([Decimal(7), Decimal(8)], pa.decimal128(38, 0)),  # DuckDB's HUGEINT
    })


def test_decimals_become_floats_next_to_arrow_text_and_converted_columns():
    got = frame(_mixed())
    assert list(got.columns) == ["lead_id", "day", "hours", "n", "total"]
    assert str(got["lead_id"].dtype) == "str" and pd.isna(got["lead_id"][1])
    assert str(got["hours"].dtype) == "float64"
    assert got["hours"][0] == 1.25 and pd.isna(got["hours"][1])
    assert list(got["day"]) == [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-03")]
    assert str(got["n"].dtype) == "Int64"
    assert str(got["total"].dtype) == "int64" and list(got["total"]) == [7, 8]


def test_exact_keeps_decimals_as_arrow_backed_decimals():
    got = frame(_mixed(), exact=True)
    assert got["hours"][0] == Decimal("1.25") and isinstance(got["hours"].dtype, pd.ArrowDtype)
    assert pd.isna(got["hours"][1])
    assert str(got["total"].dtype) == "int64"


def test_a_sum_beyond_int64_becomes_a_float_not_an_error():
    table = pa.table({"total": pa.array([Decimal(2**70)], pa.decimal128(38, 0))})
    assert frame(table)["total"][0] == float(2**70)


def test_polars_has_the_same_types_and_time_zone_as_pandas():
    table = pa.table({
        "at": pa.array([dt.datetime(2026, 7, 1, 8, tzinfo=dt.UTC)], pa.timestamp("us", tz="UTC")),
        "hours": pa.array([Decimal("2.50")], pa.decimal128(12, 2)),
        "day": pa.array([dt.date(2026, 7, 1)], pa.date32()),
    })
    p, pan = polars_frame(table), frame(table)
    assert p.schema["at"] == pl.Datetime("us", "Europe/Amsterdam")
    assert str(pan["at"].dtype) == "datetime64[us, Europe/Amsterdam]"
    assert p["at"][0].isoformat() == pan["at"][0].isoformat() == "2026-07-01T10:00:00+02:00"
    assert p.schema["hours"] == pl.Float64 and p["hours"][0] == 2.5
    assert p.schema["day"] == pl.Date
    assert polars_frame(table, exact=True).schema["hours"] == pl.Decimal(12, 2)
    assert polars_frame(table, exact=True)["hours"][0] == Decimal("2.50")


def test_an_unknown_output_is_a_usage_error_naming_pandas_and_polars():
    with pytest.raises(UsageError, match="pandas, polars") as caught:
        as_output(_mixed(), "polar")
    assert caught.value.parameter == "output" and caught.value.value == "polar"
    assert isinstance(caught.value, ValueError)


@settings(max_examples=60, deadline=None)
@given(
    days=st.lists(st.one_of(st.none(), st.dates()), max_size=20),
    counts=st.lists(st.integers(-(2**63), 2**63 - 1), max_size=20),
)
def test_dates_and_counts_of_any_value_convert_as_duckdb_converts_them(days, counts):
    n = min(len(days), len(counts))
    table = pa.table({"day": pa.array(days[:n], pa.date32()),
                      "count": pa.array(counts[:n], pa.int64())})
    pd.testing.assert_frame_equal(frame(table), _by_duckdb(table))
