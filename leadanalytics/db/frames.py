"""Query results as DataFrames an analyst computes with, built from Arrow without a Python
object per value.

Every DataFrame the package returns comes through here:

- :func:`frame` (the metrics, the history functions, ``Warehouse.query`` and ``Warehouse.sql``):
  DECIMAL columns (money, hours, days) become ``float64``, so ``describe``, ``quantile``,
  ``plot``, ``x / x.sum()`` and Altair work; a sum of integers (DuckDB's HUGEINT) is an
  ``int64`` count; times are tz-aware Europe/Amsterdam (``datetime64[us, Europe/Amsterdam]``);
  dates are ``datetime64``; integers with a NULL are nullable ``Int64``; text is pandas'
  Arrow-backed ``str`` dtype (a missing value is NaN, ``pd.isna`` finds it), or Python strings
  with None for missing (``arrow_text=False``, what ``w.sql`` gives). With ``exact=True``
  DECIMAL columns stay exact (pandas' Arrow-backed ``decimal128``: each value a
  ``decimal.Decimal``; ``w.sql(..., exact=True)``).
- :func:`polars_frame`: the same for polars (Float64 or, exact, Decimal; Datetime in
  Europe/Amsterdam; Date), and :func:`as_output` picks one by ``output``.
- :func:`exact_frame` (the bonus engine's frames, where money is decided): decimals exact,
  dates as ``datetime.date``, every other column as Arrow converts it.

A million lead titles become one Arrow buffer instead of a million Python strings, and a
million decimals one Arrow cast to float, which was most of the time a large metric took.

Examples:
    >>> import pyarrow as pa
    >>> t = pa.table({"hours": pa.array([1], pa.decimal128(12, 2)), "lead": ["L1"]})
    >>> f = frame(t)
    >>> f["hours"][0], str(f["hours"].dtype), str(f["lead"].dtype)
    (np.float64(1.0), 'float64', 'str')
    >>> frame(t, exact=True)["hours"][0]
    Decimal('1.00')
"""

from __future__ import annotations

import threading

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from leadanalytics.exceptions import UsageError

#: pandas' Arrow-backed string dtype, missing values NaN (pandas 3's default ``str``).
TEXT = pd.StringDtype("pyarrow", na_value=np.nan)
#: The time zone of every time in a frame.
TIMEZONE = "Europe/Amsterdam"
#: The values of ``output``.
OUTPUTS = ("pandas", "polars")


def check_output(output: object) -> None:
    """Refuse an ``output`` other than "pandas" or "polars" (a :class:`UsageError` naming both).

    Examples:
        >>> check_output("polar")
        Traceback (most recent call last):
        ...
        leadanalytics.exceptions.UsageError: output='polar' is not allowed; use one of: pandas, polars
    """
    if output not in OUTPUTS:
        raise UsageError("output", output, OUTPUTS)


def _is_text(t: pa.DataType) -> bool:
    return pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)


def _is_hugeint(t: pa.DataType) -> bool:
    # DuckDB hands HUGEINT (a sum of integers) to Arrow as decimal128(38, 0): a count, not money
    return pa.types.is_decimal(t) and t.scale == 0 and t.precision == 38


def _is_decimal(t: pa.DataType) -> bool:
    return pa.types.is_decimal(t) and not _is_hugeint(t)


def analyst_arrow(table: pa.Table, exact: bool = False) -> pa.Table:
    """The Arrow table with the analyst's types: DECIMAL as float64 (kept with ``exact``),
    HUGEINT as int64 (float64 when a value does not fit), times in Europe/Amsterdam.

    One Arrow cast per column; columns already right are not touched.

    Examples:
        >>> t = analyst_arrow(pa.table({"h": pa.array([1], pa.decimal128(9, 2))}))
        >>> str(t.schema.field("h").type)
        'double'
    """
    for i, f in enumerate(table.schema):
        t = f.type
        if pa.types.is_timestamp(t) and t.tz is not None and t.tz != TIMEZONE:
            wanted = pa.timestamp(t.unit, tz=TIMEZONE)
        elif _is_hugeint(t):
            wanted = pa.int64()
        elif _is_decimal(t) and not exact:
            wanted = pa.float64()
        else:
            continue
        try:
            if pa.types.is_floating(wanted):
                column = _decimal_floats(table.column(i))
            else:
                column = table.column(i).cast(wanted)
        except pa.ArrowInvalid:  # a sum beyond int64
            column = table.column(i).cast(pa.float64())
        table = table.set_column(i, pa.field(f.name, column.type, f.nullable), column)
    return table


def _decimal_floats(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Decimals as the nearest float64 (``0.958`` stays 0.958): each unscaled integer divided
    by 10 ** scale, one correctly rounded division. Arrow's own cast multiplies by 10 ** -scale
    instead (0.9580000000000001); it remains for values beyond 64 bits."""
    t = column.type
    if not 0 <= t.scale <= 22:  # 10 ** scale exact as a float up to 22
        return column.cast(pa.float64())
    divisor = float(10 ** t.scale)
    chunks = []
    for chunk in column.chunks:
        n, start = len(chunk), chunk.offset
        words = np.frombuffer(chunk.buffers()[1], dtype="<i8", count=2 * (start + n))[2 * start:]
        low, high = words[0::2], words[1::2]
        if not np.array_equal(high, low >> 63):  # a value needs more than 64 bits
            return column.cast(pa.float64())
        values = low.astype(np.float64) / divisor
        nulls = chunk.is_null().to_numpy(zero_copy_only=False) if chunk.null_count else None
        chunks.append(pa.array(values, pa.float64(), mask=nulls))
    return pa.chunked_array(chunks, pa.float64())


def _arrow_types(t: pa.DataType):
    if _is_text(t):
        return TEXT
    if _is_decimal(t):
        return pd.ArrowDtype(t)
    return None


def exact_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as pandas: decimals exact, dates as ``datetime.date``, text as ``str``."""
    return table.to_pandas(types_mapper=_arrow_types, date_as_object=True)


def frame(table: pa.Table, arrow_text: bool = True, exact: bool = False) -> pd.DataFrame:
    """An Arrow table as pandas with the analyst's types (see the module): decimals float
    (``exact``: ``Decimal``), times Europe/Amsterdam, text as ``str`` (with
    ``arrow_text=False``: Python strings, None for missing), integers as DuckDB converts them."""
    table = analyst_arrow(table, exact)
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


def polars_frame(table: pa.Table, exact: bool = False):
    """An Arrow table as polars with the analyst's types: Float64 for decimals (``exact``:
    Decimal), Datetime in Europe/Amsterdam, Date for dates.

    Examples:
        >>> t = pa.table({"h": pa.array([1], pa.decimal128(9, 2))})
        >>> str(polars_frame(t).schema["h"]), str(polars_frame(t, exact=True).schema["h"])
        ('Float64', 'Decimal(precision=9, scale=2)')
    """
    import polars as pl

    return pl.from_arrow(analyst_arrow(table, exact))


def as_output(table: pa.Table, output: str = "pandas", exact: bool = False,
              arrow_text: bool = True):
    """An Arrow table as the ``output`` asked for ("pandas": :func:`frame`, "polars":
    :func:`polars_frame`); any other ``output`` raises :class:`UsageError`."""
    check_output(output)
    if output == "polars":
        return polars_frame(table, exact)
    return frame(table, arrow_text=arrow_text, exact=exact)


def _as_duckdb_would(column: pa.ChunkedArray) -> bool:
    """Whether Arrow's own conversion gives what DuckDB's does (or what it should: times in
    their own time zone): dates (cast to ``datetime64[us]``, NaT for missing), timestamps,
    floats (NaN for missing) and integers or booleans without a missing value (plain numpy).
    No DuckDB round trip for them: a million dates took 0.03 s that way."""
    t = column.type
    if pa.types.is_date32(t) or pa.types.is_timestamp(t) or pa.types.is_floating(t):
        return True
    numeric = pa.types.is_integer(t) or pa.types.is_boolean(t)
    return numeric and column.null_count == 0


_converters = threading.local()


def _duckdb_pandas(table: pa.Table) -> pd.DataFrame:
    """DuckDB's own pandas conversion of an Arrow table, on an in-memory connection kept per
    thread (opening one costs about as much as converting a million dates)."""
    con = getattr(_converters, "con", None)
    if con is None:
        con = _converters.con = duckdb.connect()
    return con.from_arrow(table).df()
