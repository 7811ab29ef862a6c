"""Query results as DataFrames, built from Arrow without a Python object per value.

Two shapes, one per use:

- :func:`exact_frame` for money and hours: DECIMAL columns stay exact decimals (pandas gets
  Arrow-backed ``decimal128`` columns whose values are ``decimal.Decimal``; never float) and
  dates stay ``datetime.date``.
- :func:`metric_frame` for the dashboards: every type as :meth:`Warehouse.query` gives it
  (DuckDB's own pandas conversion), except text.

In both, text columns are pandas' Arrow-backed ``str`` dtype (the default string dtype of
pandas 3): a million lead titles become one Arrow buffer instead of a million Python strings,
which is most of the time a large metric took. Missing text is NaN, as in any pandas ``str``
column (``pd.isna`` finds it).

Examples:
    >>> import pyarrow as pa
    >>> frame = exact_frame(pa.table({"hours": pa.array([1], pa.decimal128(12, 2)),
    ...                               "lead": ["L1"]}))
    >>> frame["hours"][0], str(frame["lead"].dtype)
    (Decimal('1.00'), 'str')
"""

from __future__ import annotations

from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from leadanalytics.warehouse import Output, Warehouse

#: pandas' Arrow-backed string dtype, missing values NaN (pandas 3's default ``str``).
TEXT = pd.StringDtype("pyarrow", na_value=np.nan)


def _is_text(t: pa.DataType) -> bool:
    return pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)


def _exact_types(t: pa.DataType):
    if _is_text(t):
        return TEXT
    if pa.types.is_decimal(t):
        return pd.ArrowDtype(t)
    return None


def exact_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as pandas: decimals exact (Arrow ``decimal128``), dates as ``datetime.date``,
    text as ``str``."""
    return table.to_pandas(types_mapper=_exact_types, date_as_object=True)


def metric_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as pandas: text as ``str``, every other column as DuckDB converts it
    (dates and timestamps ``datetime64``, integers with NULLs nullable)."""
    text = [f.name for f in table.schema if _is_text(f.type)]
    if not text:
        return _duckdb_pandas(table)
    rest = table.drop_columns(text)
    texts = table.select(text).to_pandas(types_mapper=_exact_types)
    if not rest.num_columns:
        return texts
    return pd.concat([_duckdb_pandas(rest), texts], axis=1)[table.column_names]


def _duckdb_pandas(table: pa.Table) -> pd.DataFrame:
    con = duckdb.connect()
    try:
        return con.from_arrow(table).df()
    finally:
        con.close()


def decimal_frame(warehouse: Warehouse, name: str, output: Output = "pandas", **params: Any):
    """Run ``sql/<name>.sql`` and return a DataFrame whose DECIMAL columns stay decimal.

    pandas gets exact decimals and ``datetime.date`` values (see :func:`exact_frame`); polars
    keeps its own Decimal and Date types.
    """
    if output not in ("pandas", "polars"):
        raise ValueError(f"output must be 'pandas' or 'polars', not {output!r}")
    table = warehouse.arrow(name, **params)
    if output == "polars":
        import polars as pl

        return pl.from_arrow(table)
    return exact_frame(table)
