"""The stored threshold crossings and hour totals behind ``bonus_states`` (migrations 15, 16).

H(d), the invoiced hours of an assignment known at day d, is a step function that does not
depend on an as-of date (``main.bonus_hours_timeline``). The bonus rules ask of it only its
value at the as-of date and the days it crosses a lead's threshold. Finding those days means a
running sum over every timesheet line, which cost more than everything else in ``bonuses list``
and the bonus metrics; so the steps that cross a threshold in use (``main.bonus_thresholds_in_use``) are kept in
``store.bonus_hours_crossings``, for the assignments the lead event log names
(``store.bonus_hours_crossings_subjects``). Each of those also keeps its hour totals, invoiced
and of every status, known at the end of time (migration 16): the hours known at a date are the
totals less what became known after it (``subject_hours_known_at``), so a recent date reads few
lines.

They are kept current in the transaction of each write: the timesheet ingest recomputes the
assignments of the lines its load touched (:func:`update_for_load`), and before any transaction
commits the derived-table list (``leadanalytics.db.derived``) compares what the table was computed for (row counts of the
timesheet lines and stored hour corrections, count and xor of hashes of the subject set, the
thresholds in use) with the warehouse: a new or dropped subject assignment recomputes only
those; any other change (lines written around the ingest, a scheme with a new threshold)
recomputes everything; an UPDATE or DELETE of timesheet lines or corrections rebuilds.
"""

from __future__ import annotations

from leadanalytics.db import derived
from leadanalytics.db.warehouse import Transaction

TABLE = "store.bonus_hours_crossings"


def is_current(tx: Transaction) -> bool:
    """Whether the stored crossings were computed for the warehouse as it is.

    Examples:
        >>> with w.transaction() as tx:  # doctest: +SKIP
        ...     bonus_crossings.is_current(tx)
        True
    """
    return derived.crossings_recorded(tx) == derived.crossings_signature(tx)


def refresh(tx: Transaction, force: bool = False) -> bool:
    """Bring ``store.bonus_hours_crossings`` up to date (everything when ``force``).

    Only the subject set changed (a lead was given an assignment): only those assignments are
    recomputed. Anything else changed (lines or corrections written around the ingest, the
    thresholds in use): all.

    Returns:
        Whether anything was recomputed.

    Examples:
        >>> with w.transaction() as tx:  # doctest: +SKIP
        ...     tx.sql("INSERT INTO store.timesheet_lines ...")
        ...     bonus_crossings.refresh(tx)
        True
    """
    if force:
        derived.crossings_rebuild(tx)
        done = True
    else:
        done = derived.crossings_catch_up(tx)
    derived.mark_current(tx, TABLE)
    return done


def update_for_load(tx: Transaction, load_id: int, loaded: int) -> None:
    """After a timesheet load's lines and hour corrections are written: recompute the kept
    crossings of the assignments of the lines it touched (needs the ingest's ts_line_history).

    If the table was not current before the load (counts other than this load explains, or a
    changed subject set or thresholds), :func:`refresh` recomputes everything instead.

    Examples:
        >>> update_for_load(tx, load_id=7, loaded=120)  # doctest: +SKIP
    """
    recorded, now = derived.crossings_recorded(tx), derived.crossings_signature(tx)
    if recorded is None or recorded[0] + loaded != now[0] or recorded[2:] != now[2:]:
        refresh(tx, force=True)
        return
    if now[2] == 0:  # no lead names an assignment yet: nothing is kept, nothing to read
        derived.crossings_record(tx, now)
    else:
        tx.run("queries/derived/bonus_crossings_targets_of_load", load_id=load_id)
        derived.crossings_recompute_targets(tx, now)
    derived.mark_current(tx, TABLE)
