"""Recording one move inside a transaction: stage the event, check every rule, write it.

The core that the lifecycle verbs (:mod:`leadanalytics.leads.lifecycle`) and the trigger actions
(:mod:`leadanalytics.leads.triggers`) share. Nothing here opens a transaction or fires a
trigger: the caller holds the transaction and decides what follows. Every rule of a move lives
in ``sql/queries/checked_events.sql`` (via :mod:`leadanalytics.leads.event_check`); a broken
rule raises before anything is written. No phase is named here: targets come from the phase
pipeline stored in the warehouse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.exceptions import IllegalMove, NotAllowed, NotFound
from leadanalytics.leads import event_check
from leadanalytics.leads.phase_pipelines import active_phase_pipeline

ACTOR_RULES = ("actor_role", "inactive_actor")


@dataclass(frozen=True)
class PhaseEvent:
    """One event written to the log (``phase_events`` / ``opportunity_events``)."""

    entity: str
    record_id: str
    seq: int
    at: dt.datetime
    from_phase: str | None
    to_phase: str
    verb: str
    actor_id: str | None
    reason: str | None = None
    assignment_id: str | None = None
    opportunity_id: str | None = None


def lead_row(tx: Transaction, lead_id: str) -> tuple[str, str, str | None, str | None]:
    """The lead's row of ``queries/leads/lead_exists``; raises NotFound when there is none."""
    row = tx.fetchone("queries/leads/lead_exists", lead_id=lead_id)
    if row is None:
        raise NotFound("lead", lead_id)
    return row


def record_phase(tx: Transaction, entity: str, record_id: str) -> str | None:
    """The current phase of a lead or opportunity (None before its first event)."""
    row = tx.fetchone("queries/leads/record_phase", entity=entity, record_id=record_id)
    return row[0] if row else None


def phase_where(tx: Transaction, pipeline: str, entity: str, column: str) -> str | None:
    """The first phase of ``pipeline`` with the flag ``column`` set (``is_default``,
    ``is_default_end``, ...; ``won_with_assignment``: won and taking an assignment id)."""
    for code, *flags in tx.fetchall("queries/leads/phases_of_pipeline", pipeline=pipeline, entity=entity):
        named = dict(zip(
            ("is_default", "is_end", "is_default_end", "outcome", "requires_reason",
             "requires_assignment_id"), flags, strict=True))
        if column == "won_with_assignment":
            if named["outcome"] == "won" and named["requires_assignment_id"]:
                return code
        elif named[column]:
            return code
    return None


def _raise_first(violations: list[event_check.Violation]) -> None:
    if not violations:
        return
    v = violations[0]
    if v.rule in ACTOR_RULES:
        raise NotAllowed(
            v.actor_id or "(nobody)",
            f"{v.verb} {v.entity} {v.record_id} from {v.from_phase or '(new)'} to {v.to_phase}",
            v.rule, v.detail,
        )
    raise IllegalMove(v.record_id or "?", v.from_phase, v.to_phase, v.rule, v.detail)


def record_event(
    w: Warehouse, tx: Transaction, entity: str, record_id: str, to_phase: str | None,
    verb: str | None, by: str, at: dt.datetime, reason: str | None = None,
    assignment_id: str | None = None, check_actor: bool = True,
) -> PhaseEvent:
    """Stage, check and write one event inside ``tx``; raise on the first broken rule."""
    event_check.stage(tx)
    event_check.add_candidate(
        tx, 1, entity, record_id, at, to_phase, verb, by, reason, assignment_id, check_actor
    )
    _raise_first(event_check.check(w, tx))
    event_check.write_clean(tx)
    row = tx.sql(
        "SELECT seq, from_phase, verb FROM checked_events WHERE cid = 1"
    ).fetchall()[0]
    return PhaseEvent(entity, record_id, row[0], at, row[1], to_phase, row[2], by,
                      reason, assignment_id)


def convert_lead(
    w: Warehouse, tx: Transaction, lead_id: str, by: str, at: dt.datetime,
    opportunity_id: str | None = None,
) -> PhaseEvent:
    """Move a lead to its default end phase and create its opportunity (default id
    ``OPP-<lead_id>``) in the opportunity pipeline's default phase; the lead's event, with
    ``opportunity_id`` set."""
    _, pipeline, _, _ = lead_row(tx, lead_id)
    target = active_phase_pipeline(w, pipeline).lead.converts_to
    end = phase_where(tx, pipeline, "lead", "is_default_end")
    if target is None or end is None:
        raise IllegalMove(lead_id, record_phase(tx, "lead", lead_id), None, "no_conversion",
                          f"phase pipeline {pipeline} does not convert leads into opportunities")
    event = record_event(w, tx, "lead", lead_id, end, None, by, at)
    opp = opportunity_id or f"OPP-{lead_id}"
    _create_opportunity(w, tx, opp, lead_id, pipeline, target, by, at)
    return PhaseEvent(**{**vars(event), "opportunity_id": opp})


def _create_opportunity(w, tx, opp: str, lead_id: str, pipeline: str, entity: str, by: str, at) -> None:
    if tx.fetchone("queries/leads/record_phase", entity=entity, record_id=opp) is not None:
        raise IllegalMove(lead_id, None, None, "opportunity_exists", f"opportunity {opp} exists already")
    tx.run("queries/leads/opportunity_insert", opportunity_id=opp, lead_id=lead_id, pipeline=pipeline,
           created_at=at)
    start = phase_where(tx, pipeline, entity, "is_default")
    record_event(w, tx, entity, opp, start, "create", by, at, check_actor=False)


def move_lead(
    w: Warehouse, tx: Transaction, lead_id: str, to_phase: str, by: str, at: dt.datetime,
    reason: str | None = None, assignment_id: str | None = None,
) -> PhaseEvent:
    """Move a lead to any phase inside ``tx``, through every rule; moving to the default end
    phase of a pipeline that converts leads creates the opportunity too (:func:`convert_lead`)."""
    _, pipeline, _, _ = lead_row(tx, lead_id)
    converts = active_phase_pipeline(w, pipeline).lead.converts_to
    if converts and to_phase == phase_where(tx, pipeline, "lead", "is_default_end"):
        return convert_lead(w, tx, lead_id, by, at)
    return record_event(w, tx, "lead", lead_id, to_phase, None, by, at, reason, assignment_id)


__all__ = [
    "ACTOR_RULES", "PhaseEvent", "convert_lead", "lead_row", "move_lead", "phase_where",
    "record_event", "record_phase",
]
