"""The one door to the database: opening, migrating, reading and writing the DuckDB warehouse.

Every statement the package runs enters here. Reads open the file read-only and briefly;
writes hold it only for one transaction. Business rules do not live here.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import duckdb

from leadanalytics.db import derived
from leadanalytics.exceptions import (
    NoWarehouse,
    SqlError,
    SqlFileMissing,
    WarehouseBusy,
)

Output = Literal["pandas", "polars"]
TIMEZONE = "Europe/Amsterdam"
DEFAULT_PATH = "leadanalytics.duckdb"
_PARAM = re.compile(r"(?<![\w$])\$([A-Za-z_]\w*)")


# --------------------------------------------------------------------------- SQL files


def _sql_root(package: str = "leadanalytics.sql"):
    return resources.files(package)


@cache
def load_sql(name: str, package: str = "leadanalytics.sql") -> str:
    """Return the text of ``sql/<name>.sql`` (for example ``"queries/leads/phase_history"``).

    ``package`` names another package whose folder holds the file (the demo ships its own SQL:
    ``load_sql("sql/demo_view_count", package="leadanalytics.demo")``).

    Examples:
        >>> "CREATE" in load_sql("views/leads").upper()
        True
    """
    node = _sql_root(package)
    for part in f"{name}.sql".split("/"):
        node = node / part
    if not node.is_file():
        raise SqlFileMissing(name if package == "leadanalytics.sql" else f"{package}:{name}")
    return node.read_text(encoding="utf-8")


def sql_names(folder: str) -> list[str]:
    """Names (without ``.sql``) of the files in one folder of ``sql/``, sorted."""
    return sorted(
        f"{folder}/{p.name[:-4]}" for p in (_sql_root() / folder).iterdir() if p.name.endswith(".sql")
    )


def bind(sql: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Keep only the parameters that the statement names (DuckDB refuses unused ones)."""
    wanted = set(_PARAM.findall(sql))
    missing = wanted - set(params)
    if missing:
        raise TypeError(f"SQL needs parameters {sorted(missing)}")
    return {k: v for k, v in params.items() if k in wanted}


# --------------------------------------------------------------------------- connections


def _busy_timeout() -> float:
    return float(os.environ.get("LEADANALYTICS_BUSY_TIMEOUT", "30"))


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc)
    return "lock" in text.lower() and ("conflicting" in text.lower() or "could not set" in text.lower())


def _holder(exc: Exception) -> str:
    m = re.search(r"held in (.*?) by user", str(exc))
    return m.group(1).strip() if m else str(exc).splitlines()[0]


def _open(path: Path, read_only: bool, timeout: float) -> duckdb.DuckDBPyConnection:
    """Open the file, retrying while another process holds its lock."""
    deadline = time.monotonic() + timeout
    delay = 0.02
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            con.execute(f"SET TimeZone = '{TIMEZONE}'")
            # text reaches Arrow as large_string, which pandas' Arrow-backed str dtype holds as
            # is: no copy of every text column (a tenth of a large metric's time)
            con.execute("SET arrow_large_buffer_size = true")
            return con
        except duckdb.Error as exc:
            if not _is_lock_error(exc):
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusy(path, timeout, _holder(exc)) from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


# Every DuckDB database file carries these bytes at offset 8 (its main header), so a file can
# be told apart before DuckDB opens it: DuckDB never sees, let alone rewrites, a text file.
_DUCKDB_MAGIC = b"DUCK"
NOT_A_WAREHOUSE = "a DuckDB database without leadanalytics' store.schema_version"


def found_at(path: str | Path) -> str | None:
    """What is at ``path`` when it is no DuckDB database file; None when it is one.

    Reads at most the first 4 KiB; never opens the file with DuckDB.

    Examples:
        >>> import tempfile, os
        >>> folder = tempfile.mkdtemp()
        >>> found_at(os.path.join(folder, "missing.duckdb")), found_at(folder)
        ('nothing', 'a folder')
    """
    path = Path(path)
    try:
        if path.is_dir():
            return "a folder"
        if not path.exists():
            return "nothing"
        if not path.is_file():
            return "something that is not a regular file"
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError as exc:
        return f"a file that cannot be read ({exc.strerror or exc})"
    if head[8:12] == _DUCKDB_MAGIC:
        return None
    if not head:
        return "an empty file"
    if head.startswith(b"SQLite format 3\0"):
        return "an SQLite database"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" not in head:
        return "a text file"
    return "a file that is not a DuckDB database"


def require_warehouse(path: str | Path, create: bool = False) -> None:
    """Refuse a path that holds no DuckDB database (``NoWarehouse`` naming what it found).

    With ``create``, nothing at the path is fine (the warehouse will be made there); a folder or
    another kind of file is still refused, never overwritten. Whether a DuckDB file is one of
    this package's (``store.schema_version``) is checked when it is opened (``migrate``).
    """
    found = found_at(path)
    if found is None or (create and found == "nothing"):
        return
    raise NoWarehouse(path, found, create=create)


@cache
def _writes_of_file(name: str) -> tuple[derived.Change, ...]:
    return tuple(derived.writes_of(load_sql(name)))


class Transaction:
    """A write transaction: run named SQL files or text with bound parameters.

    It notes which store tables each statement writes and how (``changes``), so that the
    derived tables (``db/derived.py``) are brought up to date before it commits. Write through
    ``run``, ``sql`` or ``executemany``: a write on ``con`` itself is seen only by the derived
    tables' own checks (appended rows), not as an update.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.changes: list[derived.Change] = []  # (store table, kind), in order
        self.synced: dict[str, int] = {}  # derived table -> len(changes) when last current
        self.tables_present: set[str] = set()
        self.after_commit: list[Callable[[], Any]] = []  # Warehouse.when_committed

    def run(self, name: str, **params: Any) -> duckdb.DuckDBPyConnection:
        """Execute ``sql/<name>.sql`` with named parameters; return the cursor for fetching."""
        self.changes.extend(_writes_of_file(name))
        return _execute(self.con, name, load_sql(name), params)

    def sql(self, text: str, **params: Any) -> duckdb.DuckDBPyConnection:
        """Execute SQL text with named parameters (``$name``)."""
        self.changes.extend(derived.writes_of(text))
        return _execute(self.con, "inline SQL", text, params)

    def executemany(self, text: str, rows: list) -> None:
        """Execute one statement with ``?`` parameters once per row (a batch of inserts)."""
        self.changes.extend(derived.writes_of(text))
        try:
            self.con.executemany(text, rows)
        except duckdb.Error as exc:
            raise SqlError("inline SQL", str(exc)) from exc

    def fetchall(self, name: str, **params: Any) -> list[tuple]:
        return self.run(name, **params).fetchall()

    def fetchone(self, name: str, **params: Any) -> tuple | None:
        rows = self.run(name, **params).fetchall()
        return rows[0] if rows else None

    def frame(self, name: str, output: Output = "pandas", exact: bool = False, **params: Any):
        """Run ``sql/<name>.sql`` in the transaction; a DataFrame as :meth:`Warehouse.query`."""
        return _select(self.con, name, load_sql(name), params, output, exact)


def _execute(con, label: str, sql: str, params: Mapping[str, Any]):
    try:
        return con.execute(sql, bind(sql, params))
    except duckdb.Error as exc:
        raise SqlError(label, str(exc)) from exc


def _arrow(con, label: str, sql: str, params: Mapping[str, Any]):
    """Run one read statement and return its rows as a ``pyarrow.Table``."""
    try:
        return con.sql(sql, params=bind(sql, params)).to_arrow_table()
    except duckdb.Error as exc:
        raise SqlError(label, str(exc)) from exc


def _select(con, label: str, sql: str, params: Mapping[str, Any], output: Output,
            exact: bool = False):
    """Run one read statement and return its rows as a pandas or polars DataFrame with the
    analyst's types (``frames.as_output``: decimals float unless ``exact``, times
    Europe/Amsterdam); text as Python strings in pandas."""
    from leadanalytics.db.frames import as_output, check_output

    check_output(output)
    return as_output(_arrow(con, label, sql, params), output, exact=exact, arrow_text=False)


class Warehouse:
    """An embedded DuckDB warehouse file.

    Reads open the file read-only for the length of one call, so a notebook left open never
    blocks a nightly ingest; writes hold it for one transaction.

    Examples:
        >>> import leadanalytics as la, tempfile, os
        >>> w = la.connect(os.path.join(tempfile.mkdtemp(), "x.duckdb"), create=True)
        >>> int(w.sql("select count(*) as n from leads")["n"][0])
        0
    """

    def __init__(self, path: str | Path, busy_timeout: float | None = None) -> None:
        self.path = Path(path)
        self.busy_timeout = _busy_timeout() if busy_timeout is None else busy_timeout
        self._local = threading.local()

    def __repr__(self) -> str:
        return f"Warehouse({str(self.path)!r})"

    # -- connections
    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection for one call (or the open transaction's, inside one).

        Nested calls in the same thread share the outer call's connection: a metric that runs
        three queries opens the file once (an open costs about 0.03 s).
        """
        tx = getattr(self._local, "tx", None)
        if tx is not None:
            derived.bring_up_to_date(tx, reading=True)  # what it wrote shows in what it reads
            yield tx.con
            return
        held = getattr(self._local, "reader", None)
        if held is not None:
            yield held
            return
        con = _open(self.path, True, self.busy_timeout)
        self._local.reader = con
        try:
            yield con
        finally:
            self._local.reader = None
            con.close()

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One write transaction: committed when the block ends, rolled back on any error.

        Nested calls join the outer transaction.
        """
        outer = getattr(self._local, "tx", None)
        if outer is not None:
            derived.bring_up_to_date(outer, reading=True)
            yield outer
            return
        con = _open(self.path, False, self.busy_timeout)
        tx = Transaction(con)
        self._local.tx = tx
        try:
            con.execute("BEGIN TRANSACTION")
            try:
                yield tx
            except BaseException:
                con.execute("ROLLBACK")
                raise
            derived.bring_up_to_date(tx)
            con.execute("COMMIT")
        finally:
            self._local.tx = None
            con.close()
        for step in tx.after_commit:
            step()

    def when_committed(self, step: Callable[[], Any]) -> None:
        """Run ``step`` once the write transaction open in this thread has committed (now, when
        none is open): work that needs the file itself, such as rewriting it."""
        tx = getattr(self._local, "tx", None)
        if tx is None:
            step()
        else:
            tx.after_commit.append(step)

    # -- reads
    def query(self, name: str, output: Output = "pandas", exact: bool = False, **params: Any):
        """Run the read query ``sql/<name>.sql`` and return a pandas (or polars) DataFrame:
        decimals as floats, or exact ``Decimal`` with ``exact=True``; times Europe/Amsterdam."""
        with self.reader() as con:
            return _select(con, name, load_sql(name), params, output, exact)

    def arrow(self, name: str, **params: Any):
        """Run the read query ``sql/<name>.sql`` and return its rows as a ``pyarrow.Table``."""
        with self.reader() as con:
            return _arrow(con, name, load_sql(name), params)

    def rows(self, name: str, **params: Any) -> list[tuple]:
        """Run the read query ``sql/<name>.sql`` and return its rows as tuples."""
        with self.reader() as con:
            return _execute(con, name, load_sql(name), params).fetchall()

    def sql(self, text: str, output: Output = "pandas", exact: bool = False, **params: Any):
        """Run your own read-only SQL with ``$name`` parameters; returns a DataFrame.

        Money, hours and other DECIMAL columns come back as floats (``exact=True``: as
        ``decimal.Decimal``), times tz-aware in Europe/Amsterdam, in pandas and polars alike;
        ``output`` is "pandas" or "polars" (anything else raises ``UsageError``).

        Examples:
            >>> w.sql("select * from leads where branch_id = $b", b="B-01")  # doctest: +SKIP
            >>> w.sql("select sum(amount_eur) as eur from bonus_batch_items", exact=True)  # doctest: +SKIP
        """
        with self.reader() as con:
            return _select(con, "inline SQL", text, params, output, exact)

    def setting(self, key: str, default: str | None = None) -> str | None:
        """A value of the warehouse's own settings (for example the active phase pipeline)."""
        with self.reader() as con:
            row = con.execute("SELECT value FROM store.settings WHERE key = ?", [key]).fetchall()
        return row[0][0] if row else default

    def settings(self) -> dict[str, str]:
        """Every value of the warehouse's own settings, read at once."""
        with self.reader() as con:
            return dict(con.execute("SELECT key, value FROM store.settings").fetchall())

    # -- schema
    def schema_version(self) -> int:
        """The schema version of the file (0 for a file without the package's tables)."""
        with self.reader() as con:
            return schema_version_of(con)


def schema_version_of(con) -> int:
    """The schema version recorded in an open connection's file (0 when it has none)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_schema = 'store' AND table_name = 'schema_version'"
    ).fetchall()[0][0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM store.schema_version").fetchall()[0][0]


def decimal_frame(warehouse: Warehouse, name: str, output: Output = "pandas", **params: Any):
    """Run ``sql/<name>.sql`` and return a DataFrame whose DECIMAL columns stay decimal.

    pandas gets exact decimals and ``datetime.date`` values (see :func:`exact_frame`); polars
    keeps its own Decimal and Date types.
    """
    from leadanalytics.db.frames import check_output, exact_frame

    check_output(output)
    table = warehouse.arrow(name, **params)
    if output == "polars":
        import polars as pl

        return pl.from_arrow(table)
    return exact_frame(table)


def default_path() -> Path:
    """``$LEADANALYTICS_DB``, else ``./leadanalytics.duckdb``."""
    return Path(os.environ.get("LEADANALYTICS_DB") or DEFAULT_PATH)


def open_for_rewrite(warehouse: Warehouse) -> duckdb.DuckDBPyConnection:
    """A read-write connection outside any transaction, holding the file's write lock (for
    ``db.rewrite``: copying the database into a fresh file); the caller closes it."""
    return _open(warehouse.path, False, warehouse.busy_timeout)
