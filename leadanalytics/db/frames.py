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

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

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
    by_arrow = [i for i, f in enumerate(table.schema)
                if (arrow_text and _is_text(f.type)) or _is_decimal(f.type)
                or _as_duckdb_would(table.column(i))]
    if not by_arrow:
        return _duckdb_pandas(table)
    own = table.select(by_arrow)
    for i, f in enumerate(own.schema):
        if pa.types.is_date32(f.type):
            own = own.set_column(i, f.name, own.column(i).cast(pa.timestamp("us")))
    # one block per column: nothing is copied into a 2-D block, numbers stay zero-copy
    result = own.to_pandas(types_mapper=_arrow_types, split_blocks=True)
    arrow_side = set(by_arrow)
    by_duckdb = [i for i in range(table.num_columns) if i not in arrow_side]
    if by_duckdb:
        rest = _duckdb_pandas(table.select(by_duckdb))
        for j, i in enumerate(by_duckdb):  # in column order, so each lands at its own place
            result.insert(i, table.field(i).name, rest.iloc[:, j], allow_duplicates=True)
    return result


def _as_duckdb_would(column: pa.ChunkedArray) -> bool:
    """Whether Arrow's own conversion gives what DuckDB's does: dates (cast to
    ``datetime64[us]``, NaT for missing) and numbers or booleans without a missing value
    (plain numpy). No DuckDB round trip for them: a million dates took 0.03 s that way."""
    t = column.type
    if pa.types.is_date32(t):
        return True
    numeric = pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_boolean(t)
    return numeric and column.null_count == 0


_converters = threading.local()


def _duckdb_pandas(table: pa.Table) -> pd.DataFrame:
    """DuckDB's own pandas conversion of an Arrow table, on an in-memory connection kept per
    thread (opening one costs about as much as converting a million dates)."""
    con = getattr(_converters, "con", None)
    if con is None:
        con = _converters.con = duckdb.connect()
    return con.from_arrow(table).df()
