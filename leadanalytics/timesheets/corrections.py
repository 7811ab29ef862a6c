"""The stored hour corrections behind ``bonus_hour_corrections`` (migrations 13, 14).

An invoiced timesheet revision that a higher revision of its line supersedes has its hours
taken away again (bonus-rules.md, "When it is earned"). These corrections do not depend on an
as-of date, so they are kept in ``store.timesheet_hour_corrections`` instead of being found by
probing every timesheet line on each ``bonuses list``. The timesheet ingest keeps the table
current for the lines each load touches (:func:`update_for_load`, in the load's transaction).
Anything else that writes ``store.timesheet_lines`` is caught before its transaction commits by
the derived-table list (``leadanalytics.db.derived``): appended rows by the row count the table
was computed for, any other change by a rebuild.
"""

from __future__ import annotations

from leadanalytics.db import derived
from leadanalytics.db.warehouse import Transaction

TABLE = "store.timesheet_hour_corrections"


def is_current(tx: Transaction) -> bool:
    """Whether the stored corrections were computed for as many timesheet lines as there are.

    Examples:
        >>> with w.transaction() as tx:  # doctest: +SKIP
        ...     hour_corrections.is_current(tx)
        True
    """
    recorded, lines = derived.corrections_counts(tx)
    return recorded == lines


def refresh(tx: Transaction, force: bool = False) -> bool:
    """Recompute every stored hour correction if the line count changed (or ``force``).

    Returns:
        Whether the table was recomputed.

    Examples:
        >>> with w.transaction() as tx:  # doctest: +SKIP
        ...     tx.sql("INSERT INTO store.timesheet_lines ...")
        ...     hour_corrections.refresh(tx)
        True
    """
    if force:
        derived.corrections_rebuild(tx)
        done = True
    else:
        done = derived.corrections_catch_up(tx)
    derived.mark_current(tx, TABLE)
    return done


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
    recorded, lines = derived.corrections_counts(tx)
    if recorded is None or recorded + loaded != lines:
        refresh(tx, force=True)
        return
    tx.run("queries/derived/timesheet_hour_corrections_delete_of_load")
    tx.run("queries/derived/timesheet_hour_corrections_of_load")
    derived.corrections_record(tx, lines)
    derived.mark_current(tx, TABLE)
