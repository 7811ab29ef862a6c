"""The lead lifecycle: create, update, submit, approve, reject, cancel, convert, move.

Each operation is one transaction that writes one append-only phase event (a field update
writes change records instead) and then, as its last step, fires the trigger rules for the lead
(:func:`leadanalytics.leads.triggers.fire_triggers`) in that same transaction. Every rule of a
move lives in ``sql/queries/checked_events.sql`` (recorded by :mod:`leadanalytics.leads.moves`);
this module names no phase: targets come from the phase pipeline stored in the warehouse (verbs,
default, default end and won phases).
"""

from __future__ import annotations

import datetime as dt

from leadanalytics import clock
from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.exceptions import IllegalMove, NotAllowed, NotFound, RuleViolation
from leadanalytics.leads import event_check
from leadanalytics.leads.moves import (
    ACTOR_RULES,
    PhaseEvent,
    convert_lead,
    lead_row,
    move_lead,
    phase_where,
    record_event,
    record_phase,
)
from leadanalytics.leads.phase_pipelines import active_phase_pipeline
from leadanalytics.leads.triggers import fire_triggers

#: Lead fields a person may set (data-contracts.md, "Leads").
LEAD_FIELDS = (
    "submitter_id", "branch_id", "business_unit", "client_name", "contact_name", "contact_email",
    "title", "description", "is_permanent_role", "is_hours_extension", "source", "priority",
    "category",
)
_BOOLEAN_FIELDS = ("is_permanent_role", "is_hours_extension")


def now() -> dt.datetime:
    """The current moment in Europe/Amsterdam (``leadanalytics.clock``)."""
    return clock.now()


def _moment(at: dt.datetime | str | None) -> dt.datetime:
    # None is now; without an offset: Europe/Amsterdam (data-contracts.md); a day is its start
    return clock.as_of_moment(at, end_of_day=False)


def _target_of_verb(tx: Transaction, lead_id: str, pipeline: str, verb: str) -> tuple[str | None, str]:
    current = record_phase(tx, "lead", lead_id)
    rows = tx.fetchall(
        "queries/leads/verb_targets", pipeline=pipeline, entity="lead", verb=verb, from_phase=current
    )
    if not rows:
        raise IllegalMove(
            lead_id, current, None, "unknown_verb",
            f"phase pipeline {pipeline} has no verb {verb!r}; use move() with a phase",
        )
    return current, rows[0][0]


def create_lead(
    w: Warehouse, lead_id: str, by: str, *, branch_id: str, at: dt.datetime | str | None = None,
    **fields,
) -> PhaseEvent:
    """Create a lead submitted by ``by`` in the pipeline's default phase (a draft).

    Writes the lead and its creation event (from_phase NULL, verb ``create``) in one transaction.
    ``fields`` are lead fields (``business_unit``, ``client_name``, ``title``, ...).

    Raises:
        IllegalMove: the lead exists already.
        NotAllowed: ``by`` is no employee, regional director or admin in that branch or above.

    Examples:
        >>> create_lead(w, "L-1", "E-ANNA", branch_id="AMS", title="Jurist")  # doctest: +SKIP
    """
    unknown = set(fields) - set(LEAD_FIELDS)
    if unknown or "submitter_id" in fields or "branch_id" in fields:
        raise TypeError(f"not a settable lead field: {sorted(unknown or {'submitter_id'})}")
    at = _moment(at)
    with w.transaction() as tx:
        if tx.fetchone("queries/leads/lead_exists", lead_id=lead_id) is not None:
            raise IllegalMove(lead_id, record_phase(tx, "lead", lead_id), None, "already_created",
                              "a lead with this id exists; update it instead")
        pipeline = w.setting("phase_pipeline")
        values = {f: fields.get(f) for f in LEAD_FIELDS}
        values.update(submitter_id=by, branch_id=branch_id)
        tx.run("queries/leads/lead_insert", lead_id=lead_id, pipeline=pipeline, created_at=at, **values)
        default = phase_where(tx, pipeline, "lead", "is_default")
        event = record_event(w, tx, "lead", lead_id, default, "create", by, at)
        fire_triggers(w, tx, lead_id)
        return event


def update_lead(
    w: Warehouse, lead_id: str, by: str, *, at: dt.datetime | str | None = None, **fields
) -> int:
    """Change fields of a lead: a draft freely, later only fields that are not mandatory.

    Each changed field is a row of ``lead_changes`` (field, old, new, actor, at), not a phase
    event, so that time in phase stays true. Returns the number of fields changed.

    Raises:
        RuleViolation: a mandatory field after the draft phase (rule mandatory_field_locked).
        NotAllowed: ``by`` is not the lead's submitter (employee, regional director or admin).

    Examples:
        >>> update_lead(w, "L-1", "E-ANNA", description="6 maanden, 32 uur")  # doctest: +SKIP
        1
    """
    unknown = set(fields) - set(LEAD_FIELDS)
    if unknown:
        raise TypeError(f"not a lead field: {sorted(unknown)} (fields: {', '.join(LEAD_FIELDS)})")
    at = _moment(at)
    names = sorted(fields)
    values = [
        None if fields[f] is None else (str(bool(fields[f])).lower() if f in _BOOLEAN_FIELDS else str(fields[f]))
        for f in names
    ]
    with w.transaction() as tx:
        lead_row(tx, lead_id)
        (violations,) = tx.fetchone(
            "queries/leads/lead_change_violations", lead_id=lead_id, actor_id=by, at=at, fields=names,
            mandatory=event_check.mandatory_fields(w, tx),
        )
        if violations:
            v = violations[0]
            if v["rule"] in ACTOR_RULES:
                raise NotAllowed(by, f"update lead {lead_id}", v["rule"], v["detail"])
            raise RuleViolation(
                v["rule"],
                f"lead {lead_id} (in {record_phase(tx, 'lead', lead_id)}): cannot update "
                f"{', '.join(names)}: {v['detail']} [rule: {v['rule']}]",
            )
        changed = tx.run(
            "queries/leads/lead_changes_insert", lead_id=lead_id, at=at, actor_id=by, fields=names,
            values=values,
        ).fetchall()[0][0]
        tx.run("queries/leads/lead_update", lead_id=lead_id, fields=names, values=values)
        fire_triggers(w, tx, lead_id)
        return changed


def _verb_move(
    w: Warehouse, lead_id: str, verb: str, by: str, at, reason: str | None = None,
    assignment_id: str | None = None,
) -> PhaseEvent:
    at = _moment(at)
    with w.transaction() as tx:
        _, pipeline, _, _ = lead_row(tx, lead_id)
        _, target = _target_of_verb(tx, lead_id, pipeline, verb)
        converts = active_phase_pipeline(w, pipeline).lead.converts_to
        if converts and target == phase_where(tx, pipeline, "lead", "is_default_end"):
            event = convert_lead(w, tx, lead_id, by, at)
        else:
            event = record_event(w, tx, "lead", lead_id, target, verb, by, at, reason, assignment_id)
        fire_triggers(w, tx, lead_id)
        return event


def apply_verb(
    w: Warehouse, lead_id: str, verb: str, by: str, *, reason: str | None = None,
    assignment_id: str | None = None, at: dt.datetime | str | None = None,
) -> PhaseEvent:
    """Apply any verb of the lead's phase pipeline (``submit``, ``approve``, ``convert``, ...).

    The verb's phase is the one it leads to (the one allowed next, when it leads to several).
    A verb leading to the default end phase of a pipeline that converts leads converts the lead
    into an opportunity.

    Raises:
        IllegalMove: the pipeline has no such verb (rule ``unknown_verb``), or a move rule.
        NotAllowed: the actor may not use the verb there and then.

    Examples:
        >>> apply_verb(w, "L-1", "submit", "E-ANNA")  # doctest: +SKIP
    """
    return _verb_move(w, lead_id, verb, by, at, reason, assignment_id)


def submit(w: Warehouse, lead_id: str, by: str, *, at: dt.datetime | str | None = None) -> PhaseEvent:
    """Submit a draft for review (the pipeline's ``submit`` verb); by the lead's submitter.

    Examples:
        >>> submit(w, "L-1", "E-ANNA")  # doctest: +SKIP
    """
    return _verb_move(w, lead_id, "submit", by, at)


def approve(w: Warehouse, lead_id: str, by: str, *, at: dt.datetime | str | None = None) -> PhaseEvent:
    """Approve a lead (the ``approve`` verb: to active lead); by a regional director.

    Examples:
        >>> approve(w, "L-1", "RD-AMS")  # doctest: +SKIP
    """
    return _verb_move(w, lead_id, "approve", by, at)


def reject(
    w: Warehouse, lead_id: str, by: str, reason: str, *, at: dt.datetime | str | None = None
) -> PhaseEvent:
    """Reject a lead with a reason (the ``reject`` verb); by a regional director.

    Examples:
        >>> reject(w, "L-1", "RD-AMS", "klant heeft geen budget")  # doctest: +SKIP
    """
    return _verb_move(w, lead_id, "reject", by, at, reason=reason)


def cancel(
    w: Warehouse, lead_id: str, by: str, reason: str, *, at: dt.datetime | str | None = None
) -> PhaseEvent:
    """Cancel a lead with a reason (the ``cancel`` verb); by its submitter or a regional director.

    Examples:
        >>> cancel(w, "L-1", "E-ANNA", "dubbel ingevoerd")  # doctest: +SKIP
    """
    return _verb_move(w, lead_id, "cancel", by, at, reason=reason)


def convert_to_assignment(
    w: Warehouse, lead_id: str, by: str, assignment_id: str, *,
    at: dt.datetime | str | None = None,
) -> PhaseEvent:
    """Move a lead to its won phase with the assignment it became; by a regional director.

    Examples:
        >>> convert_to_assignment(w, "L-1", "RD-AMS", "A-2026-001")  # doctest: +SKIP
    """
    at = _moment(at)
    with w.transaction() as tx:
        _, pipeline, _, _ = lead_row(tx, lead_id)
        target = phase_where(tx, pipeline, "lead", "won_with_assignment")
        if target is None:
            raise IllegalMove(lead_id, record_phase(tx, "lead", lead_id), None, "no_assignment_phase",
                              f"phase pipeline {pipeline} has no won lead phase that takes an "
                              "assignment id; convert_to_opportunity() may be what you want")
        event = record_event(w, tx, "lead", lead_id, target, None, by, at,
                             assignment_id=assignment_id)
        fire_triggers(w, tx, lead_id)
        return event


def convert_to_opportunity(
    w: Warehouse, lead_id: str, by: str, *, opportunity_id: str | None = None,
    at: dt.datetime | str | None = None,
) -> PhaseEvent:
    """Convert a lead into an opportunity, in one transaction; by a regional director.

    The lead moves to its default end phase and an opportunity (id ``opportunity_id``, default
    ``OPP-<lead_id>``) is created in the opportunity pipeline's default phase, linked to the lead.
    Returns the lead's event, with ``opportunity_id`` set.

    Examples:
        >>> convert_to_opportunity(w, "L-1", "RD-AMS").opportunity_id  # doctest: +SKIP
        'OPP-L-1'
    """
    at = _moment(at)
    with w.transaction() as tx:
        event = convert_lead(w, tx, lead_id, by, at, opportunity_id)
        fire_triggers(w, tx, lead_id)
        return event


def move(
    w: Warehouse, lead_id: str, to_phase: str, by: str, *, reason: str | None = None,
    assignment_id: str | None = None, at: dt.datetime | str | None = None,
) -> PhaseEvent:
    """Move a lead to any phase, through every rule; the verb is the one that leads there.

    Who may: the actors of that verb in the pipeline (a regional director when no verb leads
    there). Moving to the default end phase of a pipeline that converts leads creates the
    opportunity too (as :func:`convert_to_opportunity`).

    Raises:
        IllegalMove: not an allowed next phase, out of an end phase, a missing reason or
            assignment id, missing mandatory fields at submission, an assignment id in use.
        NotAllowed: the actor lacks the role in the lead's branch or above on that day.

    Examples:
        >>> move(w, "L-1", "afgewezen", "RD-AMS", reason="geen budget")  # doctest: +SKIP
    """
    at = _moment(at)
    with w.transaction() as tx:
        event = move_lead(w, tx, lead_id, to_phase, by, at, reason, assignment_id)
        fire_triggers(w, tx, lead_id)
        return event


def move_opportunity(
    w: Warehouse, opportunity_id: str, to_phase: str, by: str, *, reason: str | None = None,
    assignment_id: str | None = None, at: dt.datetime | str | None = None,
) -> PhaseEvent:
    """Move an opportunity (carerix) to a phase, through the same rules as a lead's move.

    Examples:
        >>> move_opportunity(w, "OPP-L-1", "voorstel", "RD-AMS")  # doctest: +SKIP
    """
    at = _moment(at)
    with w.transaction() as tx:
        row = tx.sql(
            "SELECT lead_id FROM store.opportunities WHERE opportunity_id = $o", o=opportunity_id
        ).fetchall()
        if not row:
            raise NotFound("opportunity", opportunity_id)
        return record_event(w, tx, "opportunity", opportunity_id, to_phase, None, by, at,
                            reason, assignment_id)


__all__ = [
    "LEAD_FIELDS", "PhaseEvent", "RuleViolation", "apply_verb", "approve", "cancel", "convert_to_assignment",
    "convert_to_opportunity", "create_lead", "move", "move_opportunity", "reject", "submit",
    "update_lead",
]
