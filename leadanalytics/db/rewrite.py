"""Rewriting the warehouse file: the database copied into a fresh file that replaces the old one.

An UPDATE leaves the old values in the file's free blocks (DuckDB reuses them, it does not wipe
them; CHECKPOINT and VACUUM do not either). After an anonymisation the old values must be
nowhere in the file (domain.md, "Privacy"), so the anonymiser has the file rewritten: under the
write lock (one read-write connection held throughout), every schema, table, view, macro and
sequence is copied into a new file beside it, which then replaces the old one by rename. A crash
before the rename leaves the old file and a stray temporary file; never a half-written
warehouse.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from leadanalytics.db.warehouse import Warehouse, open_for_rewrite
from leadanalytics.exceptions import SqlError


def rewrite_file(warehouse: Warehouse) -> int:
    """Copy the warehouse into a fresh file that replaces it; return the new file's size.

    Examples:
        >>> rewrite_file(w)  # doctest: +SKIP
        5517312
    """
    path = Path(warehouse.path)
    fresh = path.with_name(f".{path.name}.rewrite-{os.getpid()}")
    fresh.unlink(missing_ok=True)
    con = open_for_rewrite(warehouse)  # the write lock, held until the new file is in place
    try:
        try:
            con.execute("CHECKPOINT")
            name = con.execute("SELECT current_database()").fetchall()[0][0]
            con.execute("ATTACH ? AS leadanalytics_fresh", [str(fresh)])
            con.execute(f'COPY FROM DATABASE "{name}" TO leadanalytics_fresh')
            con.execute("DETACH leadanalytics_fresh")
        except duckdb.Error as exc:
            raise SqlError("rewrite of the warehouse file", str(exc)) from exc
        os.replace(fresh, path)
    except BaseException:
        fresh.unlink(missing_ok=True)
        raise
    finally:
        con.close()  # nothing written since the CHECKPOINT: it leaves no .wal behind
    return path.stat().st_size
