"""The derived table ``store.lead_phase_spans``: each lead phase event with the span it held.

``store.phase_events`` stays the one truth; the spans (entered at the event, left at the next
event of the lead, both with their Europe/Amsterdam day, and what the lead had reached by then:
start, furthest step, won and end days, assignment) are derived from it so that the metrics read
"the lead as of D" as a range filter instead of casting, windowing and aggregating the whole log
on every call. How they are kept (appended events: the touched leads; any other change to the
events, the leads or the phase configuration: all leads) is declared in the derived-table list,
``leadanalytics.db.derived``; every write transaction runs it before it commits.
"""

from __future__ import annotations

from leadanalytics.db import derived
from leadanalytics.db.warehouse import Transaction

TABLE = "store.lead_phase_spans"


def refresh_if_stale(tx: Transaction) -> bool:
    """Bring the spans up to date with what ``tx`` wrote so far; whether anything was recomputed.

    Call it after writing lead events when the same transaction reads the spans next (a commit
    does it anyway).

    Examples:
        >>> with w.transaction() as tx:                                 # doctest: +SKIP
        ...     tx.run("queries/leads/checked_events_insert", load_id=None)
        ...     refresh_if_stale(tx)
        True
    """
    return "lead_phase_spans" in derived.bring_up_to_date(tx, reading=True)


def rebuild(tx: Transaction) -> None:
    """Recompute every lead's spans from all its events (a repair)."""
    derived.spans_rebuild(tx)
    derived.mark_current(tx, TABLE)
