"""Query results as pandas DataFrames, built from Arrow without a Python object per value.

Every DataFrame the package returns comes through here:

- :func:`frame` (the metrics; ``Warehouse.query`` and ``Warehouse.sql`` with ``arrow_text=False``):
  DECIMAL columns stay exact decimals (pandas' Arrow-backed ``decimal128``: each value a
  ``decimal.Decimal``; money and hours are never float), text is pandas' Arrow-backed ``str``
  dtype (pandas 3's default string dtype; a missing value is NaN, ``pd.isna`` finds it), and
  every other column is as DuckDB converts it (dates and timestamps ``datetime64``, integers
  with NULLs nullable). Your own queries keep text as Python strings with None for missing.
- :func:`exact_frame` (the bonus engine's frames): the same, with dates as ``datetime.date``.

A million lead titles become one Arrow buffer instead of a million Python strings, which was
most of the time a large metric took.

Examples:
    >>> import pyarrow as pa
    >>> f = frame(pa.table({"hours": pa.array([1], pa.decimal128(12, 2)), "lead": ["L1"]}))
    >>> f["hours"][0], str(f["lead"].dtype)
    (Decimal('1.00'), 'str')
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

if TYPE_CHECKING:
    from leadanalytics.warehouse import Output, Warehouse

#: pandas' Arrow-backed string dtype, missing values NaN (pandas 3's default ``str``).
TEXT = pd.StringDtype("pyarrow", na_value=np.nan)


def _is_text(t: pa.DataType) -> bool:
    return pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)


def _is_decimal(t: pa.DataType) -> bool:
    # DuckDB hands HUGEINT (a sum of integers) to Arrow as decimal128(38, 0): a count, not
    # money; it converts as DuckDB converts it
    return pa.types.is_decimal(t) and not (t.scale == 0 and t.precision == 38)


def _arrow_types(t: pa.DataType):
    if _is_text(t):
        return TEXT
    if _is_decimal(t):
        return pd.ArrowDtype(t)
    return None


def exact_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as pandas: decimals exact, dates as ``datetime.date``, text as ``str``."""
    return table.to_pandas(types_mapper=_arrow_types, date_as_object=True)


def frame(table: pa.Table, arrow_text: bool = True) -> pd.DataFrame:
    """An Arrow table as pandas: decimals exact, text as ``str`` (with ``arrow_text=False``:
    Python strings, None for missing), every other column as DuckDB converts it."""
    mine = [f.name for f in table.schema
            if (arrow_text and _is_text(f.type)) or _is_decimal(f.type)]
    if not mine:
        return _duckdb_pandas(table)
    rest = table.drop_columns(mine)
    converted = table.select(mine).to_pandas(types_mapper=_arrow_types)
    if not rest.num_columns:
        return converted
    return pd.concat([_duckdb_pandas(rest), converted], axis=1)[table.column_names]


_converters = threading.local()


def _duckdb_pandas(table: pa.Table) -> pd.DataFrame:
    """DuckDB's own pandas conversion of an Arrow table, on an in-memory connection kept per
    thread (opening one costs about as much as converting a million dates)."""
    con = getattr(_converters, "con", None)
    if con is None:
        con = _converters.con = duckdb.connect()
    return con.from_arrow(table).df()


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
