"""The derived table ``store.lead_phase_spans``: each lead phase event with the span it held.

``store.phase_events`` stays the one truth; the spans (entered at the event, left at the next
event of the lead, both with their Europe/Amsterdam day, and what the lead had reached by then:
start, furthest step, won and end days, assignment) are derived from it so that the metrics read
"the lead as of D" as a range filter instead of casting, windowing and aggregating the whole log
on every call. Every path that writes lead events calls :func:`refresh` in the same transaction,
and so does the configuration install (steps and outcomes come from the phase pipeline): the
spans of the touched leads are recomputed from all their events, set-based. Every write
transaction checks again before it commits (:func:`refresh_if_stale`), so a write path that
forgets cannot leave the spans behind the log.
"""

from __future__ import annotations

from leadanalytics.db.warehouse import Transaction, load_sql


def refresh_if_stale(tx: Transaction) -> int:
    """:func:`refresh` when a lead has events not yet spanned (one cheap query otherwise).

    Every write transaction runs it before it commits (``Warehouse.transaction``); a file whose
    schema predates migration 0012 has no spans to keep.

    Examples:
        >>> refresh_if_stale(tx)  # doctest: +SKIP
        0
    """
    if not tx.fetchone("queries/derived/store_table_exists", table="lead_phase_spans")[0]:
        return 0
    return refresh(tx) if tx.run("queries/derived/lead_phase_spans_stale").fetchall()[0][0] else 0


def refresh(tx: Transaction, pipeline: str | None = None) -> int:
    """Recompute the spans of every lead with events not yet spanned (and, given ``pipeline``,
    of every lead of that pipeline); return how many leads.

    Call it after inserting into ``store.phase_events`` in the same transaction.

    Examples:
        >>> with w.transaction() as tx:                                 # doctest: +SKIP
        ...     tx.run("queries/leads/checked_events_insert", load_id=None)
        ...     refresh(tx)
        1
    """
    tx.sql(
        "CREATE OR REPLACE TEMP TABLE touched_leads AS "
        + load_sql("queries/derived/lead_phase_spans_touched"),
        pipeline=pipeline or "",
    )
    touched = tx.sql("SELECT count(*) FROM touched_leads").fetchall()[0][0]
    if touched:
        tx.run("queries/derived/lead_phase_spans_delete")
        tx.run("queries/derived/lead_phase_spans_insert")
    tx.sql("DROP TABLE touched_leads")
    return touched
