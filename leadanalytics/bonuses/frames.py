"""Query results as DataFrames that keep DECIMAL exact (pandas via Arrow: ``Decimal`` objects)."""

from __future__ import annotations

from typing import Any

import duckdb

from leadanalytics.exceptions import SqlError
from leadanalytics.warehouse import Output, Warehouse, bind, load_sql


def decimal_frame(warehouse: Warehouse, name: str, output: Output = "pandas", **params: Any):
    """Run ``sql/<name>.sql`` and return a DataFrame whose DECIMAL columns stay decimal.

    pandas gets ``decimal.Decimal`` and ``datetime.date`` objects (never float); polars keeps
    its own Decimal and Date types.
    """
    if output not in ("pandas", "polars"):
        raise ValueError(f"output must be 'pandas' or 'polars', not {output!r}")
    sql = load_sql(name)
    with warehouse.reader() as con:
        try:
            table = con.sql(sql, params=bind(sql, params)).to_arrow_table()
        except duckdb.Error as exc:
            raise SqlError(name, str(exc)) from exc
    if output == "polars":
        import polars as pl

        return pl.from_arrow(table)
    return table.to_pandas(date_as_object=True)
