"""leadanalytics.db.frames: query results as pandas. Dates and plain numbers skip DuckDB's own
conversion for speed; these tests pin that the result is exactly what DuckDB would give."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb
import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from leadanalytics.db.frames import frame


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
    pd.testing.assert_frame_equal(got, _by_duckdb(table))
    assert str(got["day"].dtype) == "datetime64[us]" and pd.isna(got["day"][1])
    assert str(got["count_or_null"].dtype) == "Int64"


def test_text_and_decimals_stay_arrow_backed_next_to_converted_columns():
    table = pa.table({
        "lead_id": ["L1", None],
        "day": pa.array([dt.date(2026, 3, 2), dt.date(2026, 3, 3)], pa.date32()),
        "hours": pa.array([Decimal("1.25"), None], pa.decimal128(12, 2)),
        "n": pa.array([1, None], pa.int64()),
    })
    got = frame(table)
    assert list(got.columns) == ["lead_id", "day", "hours", "n"]
    assert str(got["lead_id"].dtype) == "str" and pd.isna(got["lead_id"][1])
    assert got["hours"][0] == Decimal("1.25") and isinstance(got["hours"].dtype, pd.ArrowDtype)
    assert list(got["day"]) == [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-03")]
    assert str(got["n"].dtype) == "Int64"


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
