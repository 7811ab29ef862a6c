"""The stored hour corrections behind ``bonus_hour_corrections`` (migration 13).

An invoiced timesheet revision that a higher revision of its line supersedes has its hours
taken away again (bonus-rules.md, "When it is earned"). These corrections do not depend on an
as-of date, so they are kept in ``store.timesheet_hour_corrections`` instead of being found by
probing every timesheet line on each ``bonuses list``. The timesheet ingest keeps the table
current for the lines each load touches (:func:`update_for_load`, in the load's transaction).
Anything else that writes ``store.timesheet_lines`` (tests, benchmarks) is caught before its
transaction commits (:func:`refresh_if_stale`): the table records the row count of
``store.timesheet_lines`` it was computed for, and a different count recomputes everything.
"""

from __future__ import annotations

from leadanalytics.db.warehouse import Transaction


def _counts(tx: Transaction) -> tuple[int | None, int]:
    recorded = tx.con.execute(
        "SELECT max(lines_counted) FROM store.timesheet_hour_corrections_state").fetchall()[0][0]
    lines = tx.con.execute("SELECT count(*) FROM store.timesheet_lines").fetchall()[0][0]
    return recorded, lines


def _record(tx: Transaction, lines: int) -> None:
    tx.con.execute("DELETE FROM store.timesheet_hour_corrections_state")
    tx.con.execute("INSERT INTO store.timesheet_hour_corrections_state VALUES (?)", [lines])


def is_current(tx: Transaction) -> bool:
    """Whether the stored corrections were computed for the timesheet lines as they are.

    Examples:
        >>> with w.transaction() as tx:  # doctest: +SKIP
        ...     hour_corrections.is_current(tx)
        True
    """
    recorded, lines = _counts(tx)
    return recorded == lines


def refresh_if_stale(tx: Transaction) -> bool:
    """:func:`refresh` on a file that has the table (schema 13 or later); every write
    transaction runs it before it commits (``Warehouse.transaction``), so a write around the
    ingest cannot leave the corrections behind the lines.

    Examples:
        >>> with w.transaction() as tx:  # doctest: +SKIP
        ...     hour_corrections.refresh_if_stale(tx)
        False
    """
    if not tx.fetchone("queries/derived/store_table_exists", table="timesheet_hour_corrections_state")[0]:
        return False
    return refresh(tx)


def refresh(tx: Transaction, force: bool = False) -> bool:
    """Recompute every stored hour correction if the table is stale (or ``force``).

    Call it in the transaction of any write to ``store.timesheet_lines`` that bypasses the
    timesheet ingest.

    Args:
        tx: the open transaction.
        force: recompute even when the recorded row count matches.

    Returns:
        Whether the table was recomputed.

    Examples:
        >>> with w.transaction() as tx:  # doctest: +SKIP
        ...     tx.sql("INSERT INTO store.timesheet_lines ...")
        ...     hour_corrections.refresh(tx)
        True
    """
    recorded, lines = _counts(tx)
    if recorded == lines and not force:
        return False
    tx.con.execute("DELETE FROM store.timesheet_hour_corrections")
    tx.run("queries/derived/timesheet_hour_corrections_all")
    _record(tx, lines)
    return True


def update_for_load(tx: Transaction, loaded: int) -> None:
    """After ``timesheet_lines_insert``: recompute the corrections of the lines the load touched.

    Only lines of the checked file can change, and of those only the ones with more than one
    revision (the busy lines, ts_busy_lines). Needs the ingest's temp tables (ts_checked,
    ts_verdicts, ts_line_history, ts_busy_lines). If the table was stale before this load (a
    write that bypassed the ingest), everything is recomputed instead.

    Args:
        tx: the ingest's transaction.
        loaded: the rows this load inserted.

    Examples:
        >>> update_for_load(tx, loaded=120)  # doctest: +SKIP
    """
    recorded, lines = _counts(tx)
    if recorded is None or recorded + loaded != lines:
        refresh(tx, force=True)
        return
    tx.run("queries/derived/timesheet_hour_corrections_delete_of_load")
    tx.run("queries/derived/timesheet_hour_corrections_of_load")
    _record(tx, lines)
