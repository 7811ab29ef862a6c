"""Staging and checking candidate lifecycle events: the one way an event enters the log.

The rules live in ``sql/queries/checked_events.sql``; this module stages candidates, runs that
query into the temp table ``checked_events`` and writes the clean records' events. Used by the
lifecycle functions (one event) and by the lead-history loader (many).
"""

from __future__ import annotations

from dataclasses import dataclass

from leadanalytics.db.warehouse import Transaction, Warehouse, load_sql
from leadanalytics.leads import spans as phase_spans
from leadanalytics.leads.phase_pipelines import active_phase_pipeline


@dataclass(frozen=True)
class Violation:
    """One broken rule of one candidate event."""

    cid: int
    entity: str
    record_id: str | None
    lead_id: str | None
    from_phase: str | None
    to_phase: str | None
    verb: str
    actor_id: str | None
    rule: str
    detail: str


def stage(tx: Transaction) -> None:
    """Create (or empty) the temp table ``candidate_events`` of this transaction."""
    tx.run("queries/leads/candidate_events_create")


def add_candidate(
    tx: Transaction, cid: int, entity: str, record_id: str, at, to_phase: str | None,
    verb: str | None, actor_id: str | None, reason: str | None = None,
    assignment_id: str | None = None, check_actor: bool = True, live: bool = True,
) -> None:
    """Stage one candidate event (the API's path; loads insert theirs set-based)."""
    tx.run(
        "queries/leads/candidate_event_add", cid=cid, entity=entity, record_id=record_id, at=at,
        to_phase=to_phase, verb=verb, actor_id=actor_id, reason=reason,
        assignment_id=assignment_id, check_actor=check_actor, live=live,
    )


def mandatory_fields(w: Warehouse, tx: Transaction) -> list[dict[str, str]]:
    """The mandatory lead fields of every stored phase pipeline, as the query's parameter."""
    names = [r[0] for r in tx.sql("SELECT DISTINCT pipeline FROM store.phases ORDER BY 1").fetchall()]
    return [
        {"pipeline": n, "field": f}
        for n in names
        for f in active_phase_pipeline(w, n).lead.mandatory_fields
    ]


def check(w: Warehouse, tx: Transaction) -> list[Violation]:
    """Check every staged candidate into temp table ``checked_events``; return the violations.

    Violations come in record order, then event order, each candidate's in rule order.
    """
    tx.sql(
        "CREATE OR REPLACE TEMP TABLE checked_events AS " + load_sql("queries/leads/checked_events"),
        mandatory=mandatory_fields(w, tx),
    )
    rows = tx.sql(
        "SELECT cid, entity, record_id, lead_id, from_phase, to_phase, verb, actor_id, "
        "v.rule, v.detail FROM (SELECT *, unnest(violations) AS v FROM checked_events) "
        "ORDER BY entity, record_id, k"
    ).fetchall()
    return [Violation(*r) for r in rows]


def write_clean(tx: Transaction, load_id: int | None = None) -> int:
    """Insert the checked events of every record without a violation; return how many.

    The lead phase spans of the leads written to are brought up to date in the same transaction.
    """
    written = tx.run("queries/leads/checked_events_insert", load_id=load_id).fetchall()[0][0]
    phase_spans.refresh_if_stale(tx)  # what follows in the transaction reads them
    return written
