"""Migrations: bringing a warehouse file's schema to the version this code knows, and
(re)creating the views and macros of ``sql/views`` when their text changed.

One short write, done once (by ``init`` or the first ``connect()`` after an upgrade).
"""

from __future__ import annotations

import hashlib
import re

import duckdb

from leadanalytics import clock
from leadanalytics.db.warehouse import (
    NOT_A_WAREHOUSE,
    Transaction,
    Warehouse,
    load_sql,
    schema_version_of,
    sql_names,
)
from leadanalytics.exceptions import NoWarehouse, SchemaVersionError, SqlError

_MIGRATION = re.compile(r"^(\d{4})_\w+\.sql$")


def migrations() -> list[tuple[int, str]]:
    """Every schema migration as (version, name), in order."""
    found = []
    for name in sql_names("schema"):
        m = _MIGRATION.match(name.split("/")[1] + ".sql")
        if m:
            found.append((int(m.group(1)), name))
    return found


def schema_version_known() -> int:
    """The highest schema version this code knows."""
    return max(v for v, _ in migrations())


def _views_fingerprint() -> str:
    h = hashlib.sha256()
    for name in sql_names("views"):
        h.update(name.encode())
        h.update(load_sql(name).encode())
    return h.hexdigest()[:16]




def _views_current(con) -> bool:
    try:
        row = con.execute("SELECT value FROM store.settings WHERE key = 'views_fingerprint'").fetchall()
    except duckdb.Error:
        return False
    return bool(row) and row[0][0] == _views_fingerprint()


def _views_in_dependency_order() -> list[str]:
    """View and macro files ordered so that each comes after those whose names it mentions."""
    names = sql_names("views")
    short = {n: n.split("/", 1)[1] for n in names}
    code = {n: re.sub(r"--[^\n]*", "", load_sql(n)) for n in names}  # comments name no dependency
    deps = {
        n: {m for m in names if m != n and re.search(rf"\b{re.escape(short[m])}\b", code[n])}
        for n in names
    }
    ordered: list[str] = []
    while deps:
        ready = sorted(n for n, d in deps.items() if not d - set(ordered))
        if not ready:
            raise SqlError(sorted(deps)[0], f"views depend on each other in a cycle: {sorted(deps)}")
        ordered.extend(ready)
        for n in ready:
            del deps[n]
    return ordered


def _create_views(tx: Transaction) -> None:
    """(Re)create every view and macro of ``sql/views``, dependencies first."""
    for name in _views_in_dependency_order():
        try:
            tx.con.execute(load_sql(name))
        except duckdb.Error as exc:
            raise SqlError(name, str(exc)) from exc
    tx.con.execute(
        "INSERT INTO store.settings VALUES ('views_fingerprint', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [_views_fingerprint()],
    )


def migrate(warehouse: Warehouse, create: bool = True) -> int:
    """Bring the file's schema to the version this code knows; return the version.

    A file newer than the code is refused. Idempotent: a current file is only read. Without
    ``create``, a missing file or a DuckDB file without the package's schema is refused
    (``NoWarehouse``) before anything is written.
    """
    known = schema_version_known()
    if warehouse.path.exists():
        with warehouse.reader() as con:
            found = schema_version_of(con)
            current = found == known and _views_current(con)
        if found > known:
            raise SchemaVersionError(warehouse.path, found, known)
        if found == 0 and not create:
            raise NoWarehouse(warehouse.path, NOT_A_WAREHOUSE)
        if current:
            return found
    elif not create:
        raise NoWarehouse(warehouse.path, "nothing")
    warehouse.path.parent.mkdir(parents=True, exist_ok=True)
    with warehouse.transaction() as tx:
        found = schema_version_of(tx.con)
        if found > known:
            raise SchemaVersionError(warehouse.path, found, known)
        for version, name in migrations():
            if version > found:
                try:
                    tx.con.execute(load_sql(name))
                except duckdb.Error as exc:
                    raise SqlError(name, str(exc)) from exc
                tx.con.execute(
                    "INSERT INTO store.schema_version VALUES (?, ?)", [version, clock.now()]
                )
        _create_views(tx)
    return known
