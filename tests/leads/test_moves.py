"""Every allowed move and every refusal of the public_support pipeline (domain.md).

The organisation is tests/cases/lifecycle/*.csv: E-ANNA is an employee in AMS, RD-AMS the
director of AMS, RD-NH of the region NH above it; RD-NH delegates to E-ANNA 2026-03-02..06.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from leadanalytics.exceptions import IllegalMove, NotAllowed, NotFound, RuleViolation
from leadanalytics.leads import lifecycle as lc

_spec = importlib.util.spec_from_file_location(
    "lifecycle_seed", Path(__file__).parents[1] / "cases" / "lifecycle" / "seed.py")
seed = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seed)
FULL, lead_in = seed.FULL, seed.lead_in


def events(w) -> list[tuple]:
    return w.sql(
        "select lead_id, seq, from_phase, to_phase, verb, actor_id, reason, assignment_id "
        "from phase_events order by lead_id, seq"
    ).values.tolist()


def phase_of(w, lead_id="L-1") -> str:
    return w.sql("select phase from leads where lead_id = $l", l=lead_id)["phase"][0]


AT = "2026-02-10T10:00"


@pytest.mark.parametrize(
    "start, call, actor, kw, to_phase, verb",
    [
        ("concept", "submit", "E-ANNA", {}, "ingediend", "submit"),
        ("concept", "cancel", "E-ANNA", {"reason": "dubbel"}, "geannuleerd", "cancel"),
        ("concept", "cancel", "RD-AMS", {"reason": "dubbel"}, "geannuleerd", "cancel"),
        ("ingediend", "approve", "RD-AMS", {}, "actief_als_lead", "approve"),
        ("ingediend", "approve", "RD-NH", {}, "actief_als_lead", "approve"),  # region above
        ("ingediend", "reject", "RD-AMS", {"reason": "geen budget"}, "afgewezen", "reject"),
        ("ingediend", "cancel", "E-ANNA", {"reason": "klant trekt zich terug"}, "geannuleerd", "cancel"),
        ("actief_als_lead", "convert_to_assignment", "RD-AMS", {"assignment_id": "A-9"},
         "actief_als_opdracht", "convert"),
        ("actief_als_lead", "reject", "RD-NH", {"reason": "te duur"}, "afgewezen", "reject"),
        ("actief_als_lead", "cancel", "RD-AMS", {"reason": "vervalt"}, "geannuleerd", "cancel"),
    ],
)
def test_allowed_moves_write_one_event(phased, start, call, actor, kw, to_phase, verb):
    lead = f"L-{start}"
    before = events(phased)
    seq = 1 + sum(1 for e in before if e[0] == lead)
    event = getattr(lc, call)(phased, lead, actor, at=AT, **kw)
    after = events(phased)
    assert len(after) == len(before) + 1
    assert [e for e in after if e[0] == lead][-1] == [
        lead, seq, start, to_phase, verb, actor, kw.get("reason"), kw.get("assignment_id")]
    assert (event.from_phase, event.to_phase, event.verb, event.seq) == (start, to_phase, verb, seq)
    assert phase_of(phased, lead) == to_phase


def test_generic_move_uses_the_verb_that_leads_there(phased):
    event = lc.move(phased, "L-ingediend", "afgewezen", "RD-AMS", reason="geen match", at=AT)
    assert (event.verb, event.to_phase) == ("reject", "afgewezen")


def test_create_writes_the_creation_event(org):
    event = lc.create_lead(org, "L-7", "E-ANNA", branch_id="AMS", at="2026-01-05T09:00", title="x")
    assert events(org) == [["L-7", 1, None, "concept", "create", "E-ANNA", None, None]]
    assert event.from_phase is None and event.to_phase == "concept"


@pytest.mark.parametrize(
    "start, call, actor, kw, rule",
    [
        # not an allowed next phase
        ("concept", "move", "RD-AMS", {"to_phase": "actief_als_lead"}, "next_phase"),
        ("concept", "move", "RD-AMS", {"to_phase": "afgewezen", "reason": "x"}, "next_phase"),
        ("ingediend", "move", "RD-AMS", {"to_phase": "actief_als_opdracht", "assignment_id": "A-1"}, "next_phase"),
        ("concept", "approve", "RD-AMS", {}, "next_phase"),
        ("ingediend", "move", "RD-AMS", {"to_phase": "concept"}, "next_phase"),
        ("ingediend", "move", "RD-AMS", {"to_phase": "nergens"}, "unknown_phase"),
        # no move out of an end phase
        ("afgewezen", "move", "RD-AMS", {"to_phase": "actief_als_lead"}, "end_phase"),
        ("geannuleerd", "submit", "E-ANNA", {}, "end_phase"),
        ("actief_als_opdracht", "cancel", "RD-AMS", {"reason": "x"}, "end_phase"),
        # reasons and assignment ids
        ("ingediend", "reject", "RD-AMS", {"reason": ""}, "reason_required"),
        ("concept", "cancel", "E-ANNA", {"reason": "  "}, "reason_required"),
        ("actief_als_lead", "move", "RD-AMS", {"to_phase": "actief_als_opdracht"}, "assignment_required"),
        ("actief_als_lead", "move", "RD-AMS", {"to_phase": "afgewezen", "reason": "x", "assignment_id": "A-1"}, "assignment_unexpected"),
        # the actor's role
        ("concept", "submit", "E-BRAM", {}, "actor_role"),       # not the submitter
        ("ingediend", "approve", "E-ANNA", {}, "actor_role"),    # employee (outside delegation)
        ("ingediend", "approve", "RD-ZH", {}, "actor_role"),     # director of another region
        ("ingediend", "approve", "FIN", {}, "actor_role"),       # finance
        ("ingediend", "reject", "AN", {"reason": "x"}, "actor_role"),  # analyst changes nothing
        ("concept", "cancel", "E-BRAM", {"reason": "x"}, "actor_role"),
        ("ingediend", "approve", "RD-OLD", {}, "inactive_actor"),  # left the agency
    ],
)
def test_refusals_name_the_rule_and_write_nothing(phased_shared, start, call, actor, kw, rule):
    org, lead = phased_shared, f"L-{start}"
    before = events(org)
    kw = dict(kw)
    args = (kw.pop("to_phase"),) if call == "move" else ()
    if call == "move":
        with pytest.raises((IllegalMove, NotAllowed)) as err:
            lc.move(org, lead, *args, actor, at=AT, **kw)
    else:
        with pytest.raises((IllegalMove, NotAllowed)) as err:
            getattr(lc, call)(org, lead, actor, at=AT, **kw)
    assert err.value.rule == rule
    assert lead in str(err.value) and start in str(err.value) and rule in str(err.value)
    assert events(org) == before
    assert phase_of(org, lead) == start


def test_refusal_message_names_lead_phases_and_way_out(phased_shared):
    phased = phased_shared
    with pytest.raises(IllegalMove) as err:
        lc.move(phased, "L-ingediend", "actief_als_opdracht", "RD-AMS", assignment_id="A-1", at=AT)
    assert str(err.value) == (
        "lead L-ingediend cannot move from ingediend to actief_als_opdracht: allowed next phases are "
        "actief_als_lead, afgewezen, geannuleerd [rule: next_phase]"
    )
    assert (err.value.lead_id, err.value.from_phase, err.value.to_phase) == (
        "L-ingediend", "ingediend", "actief_als_opdracht")


def test_actor_refusal_names_person_role_and_branch(phased_shared):
    phased = phased_shared
    with pytest.raises(NotAllowed) as err:
        lc.approve(phased, "L-ingediend", "RD-ZH", at=AT)
    assert err.value.person_id == "RD-ZH"
    assert str(err.value) == (
        "RD-ZH may not approve lead L-ingediend from ingediend to actief_als_lead: approve needs "
        "regional_director in branch AMS or above on 2026-02-10; RD-ZH holds no role there "
        "[rule: actor_role]"
    )


def test_mandatory_fields_at_submission(org):
    lead_in(org, "concept", fields={"business_unit": "Interim juristen"})
    with pytest.raises(IllegalMove) as err:
        lc.submit(org, "L-1", "E-ANNA", at=AT)
    assert err.value.rule == "mandatory_fields"
    assert "client_name, title" in str(err.value)
    # a draft may be cancelled incomplete
    lc.cancel(org, "L-1", "E-ANNA", "toch niet", at=AT)
    assert phase_of(org) == "geannuleerd"


def test_one_lead_per_assignment_id(phased_shared):
    phased = phased_shared
    with pytest.raises(IllegalMove) as err:
        lc.convert_to_assignment(phased, "L-actief_als_lead", "RD-AMS", "A-PRE", at=AT)
    assert err.value.rule == "assignment_unique"
    assert "already belongs to lead L-actief_als_opdracht" in str(err.value)


def test_event_before_the_last_one_is_refused(phased_shared):
    phased = phased_shared
    with pytest.raises(IllegalMove) as err:  # submitted 2026-01-06
        lc.approve(phased, "L-ingediend", "RD-AMS", at="2026-01-05T12:00")
    assert err.value.rule == "event_order"


@pytest.mark.parametrize(
    "day, allowed",
    [("2026-03-01", False), ("2026-03-02", True), ("2026-03-06", True), ("2026-03-07", False)],
)
def test_delegate_may_approve_inside_the_window_only(phased, day, allowed):
    # E-ANNA acts as regional director of NH (above AMS) from 2 to 6 March, by delegation.
    if allowed:
        assert lc.approve(phased, "L-ingediend", "E-ANNA", at=f"{day}T10:00").to_phase == "actief_als_lead"
    else:
        with pytest.raises(NotAllowed) as err:
            lc.approve(phased, "L-ingediend", "E-ANNA", at=f"{day}T10:00")
        assert err.value.rule == "actor_role"


def test_partial_delegation_hands_finance_not_director(org):
    lc.create_lead(org, "L-R", "E-CAROL", branch_id="RTD", at="2026-02-01T09:00", **FULL)
    lc.submit(org, "L-R", "E-CAROL", at="2026-02-02T09:00")
    with pytest.raises(NotAllowed):  # MULTI handed only finance to E-CAROL
        lc.approve(org, "L-R", "E-CAROL", at="2026-03-10T10:00")
    assert lc.approve(org, "L-R", "MULTI", at="2026-03-10T10:00").verb == "approve"


def test_submitter_must_be_at_or_above_the_leads_branch(org):
    with pytest.raises(NotAllowed):  # E-ANNA (AMS) cannot submit a lead of Rotterdam
        lc.create_lead(org, "L-X", "E-ANNA", branch_id="RTD", at=AT, **FULL)
    # ... but a lead of AMS-Z, below her branch, she may
    lc.create_lead(org, "L-Y", "E-ANNA", branch_id="AMS-Z", at=AT, **FULL)
    assert org.sql("select count(*) n from leads")["n"][0] == 1  # the refused one left nothing


def test_inactive_person_cannot_create(org):
    with pytest.raises(NotAllowed) as err:
        lc.create_lead(org, "L-G", "E-GONE", branch_id="AMS", at=AT, **FULL)
    assert err.value.rule == "inactive_actor"


def test_unknown_lead_and_duplicate_create(org):
    with pytest.raises(NotFound):
        lc.submit(org, "L-404", "E-ANNA")
    lead_in(org, "concept")
    with pytest.raises(IllegalMove) as err:
        lc.create_lead(org, "L-1", "E-ANNA", branch_id="AMS", **FULL)
    assert err.value.rule == "already_created"


def test_update_draft_freely_later_only_non_mandatory(org):
    lead_in(org, "concept", fields={"title": "Jurist"})
    assert lc.update_lead(org, "L-1", "E-ANNA", client_name="Gemeente Haarlem",
                          business_unit="Interim juristen", at="2026-01-05T10:00") == 2
    lc.submit(org, "L-1", "E-ANNA", at="2026-01-06T09:00")
    with pytest.raises(RuleViolation) as err:
        lc.update_lead(org, "L-1", "E-ANNA", title="Senior jurist", at="2026-01-07T09:00")
    assert err.value.rule == "mandatory_field_locked"
    assert lc.update_lead(org, "L-1", "E-ANNA", description="32 uur", priority="hoog",
                          at="2026-01-07T09:00") == 2
    with pytest.raises(NotAllowed):
        lc.update_lead(org, "L-1", "E-BRAM", description="x", at="2026-01-07T09:00")
    changes = org.sql(
        'select field, old_value, new_value, actor_id from lead_changes order by "at", field'
    ).values.tolist()
    assert changes == [
        ["business_unit", None, "Interim juristen", "E-ANNA"],
        ["client_name", None, "Gemeente Haarlem", "E-ANNA"],
        ["description", None, "32 uur", "E-ANNA"],
        ["priority", None, "hoog", "E-ANNA"],
    ]
    # updates are not phase events
    assert [e[3] for e in events(org)] == ["concept", "ingediend"]
