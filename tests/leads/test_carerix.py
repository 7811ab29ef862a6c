"""The carerix configuration: a lead converts into an opportunity in one transaction."""

from __future__ import annotations

import pytest

from leadanalytics.exceptions import IllegalMove
from leadanalytics.leads import lifecycle as lc

FULL = {"business_unit": "Interim juristen", "client_name": "Gemeente Rotterdam", "title": "Jurist"}


def qualified(w, lead_id="L-1"):
    lc.create_lead(w, lead_id, "E-CAROL", branch_id="RTD", at="2026-01-05T09:00", **FULL)
    lc.submit(w, lead_id, "E-CAROL", at="2026-01-06T09:00")
    lc.approve(w, lead_id, "RD-ZH", at="2026-01-07T09:00")


def test_convert_to_opportunity(carerix_org):
    w = carerix_org
    qualified(w)
    event = lc.convert_to_opportunity(w, "L-1", "RD-ZH", at="2026-01-08T09:00")
    assert (event.from_phase, event.to_phase, event.opportunity_id) == (
        "gekwalificeerd", "omgezet", "OPP-L-1")
    assert w.sql("select phase from leads")["phase"][0] == "omgezet"
    opp = w.sql("select opportunity_id, lead_id, phase from opportunities").values.tolist()
    assert opp == [["OPP-L-1", "L-1", "kans"]]
    ev = w.sql("select from_phase, to_phase, verb from opportunity_events").values.tolist()
    assert ev == [[None, "kans", "create"]]


def test_refused_conversion_writes_neither(carerix_org):
    w = carerix_org
    lc.create_lead(w, "L-1", "E-CAROL", branch_id="RTD", at="2026-01-05T09:00", **FULL)
    with pytest.raises(IllegalMove) as err:  # nieuw -> omgezet is not allowed
        lc.convert_to_opportunity(w, "L-1", "RD-ZH", at="2026-01-08T09:00")
    assert err.value.rule == "next_phase"
    assert w.sql("select count(*) n from opportunities")["n"][0] == 0
    assert w.sql("select count(*) n from phase_events")["n"][0] == 1


def test_generic_move_to_default_end_converts(carerix_org):
    w = carerix_org
    qualified(w)
    lc.move(w, "L-1", "omgezet", "RD-ZH", at="2026-01-08T09:00")
    assert w.sql("select count(*) n from opportunities")["n"][0] == 1


def test_won_opportunity_gives_the_lead_its_assignment_and_is_unique(carerix_org):
    w = carerix_org
    qualified(w, "L-1")
    qualified(w, "L-2")
    lc.convert_to_opportunity(w, "L-1", "RD-ZH", at="2026-01-08T09:00")
    lc.convert_to_opportunity(w, "L-2", "RD-ZH", at="2026-01-08T09:00")
    for phase in ("voorstel", "onderhandeling"):
        lc.move_opportunity(w, "OPP-L-1", phase, "RD-ZH", at="2026-01-09T09:00")
        lc.move_opportunity(w, "OPP-L-2", phase, "RD-ZH", at="2026-01-09T09:00")
    with pytest.raises(IllegalMove) as err:
        lc.move_opportunity(w, "OPP-L-1", "gewonnen", "RD-ZH", at="2026-01-10T09:00")
    assert err.value.rule == "assignment_required"
    lc.move_opportunity(w, "OPP-L-1", "gewonnen", "RD-ZH", assignment_id="A-1", at="2026-01-10T09:00")
    assert w.sql("select assignment_id from leads where lead_id = 'L-1'")["assignment_id"][0] == "A-1"
    with pytest.raises(IllegalMove) as err:
        lc.move_opportunity(w, "OPP-L-2", "gewonnen", "RD-ZH", assignment_id="A-1", at="2026-01-10T09:00")
    assert err.value.rule == "assignment_unique"


def test_carerix_has_no_cancel_verb(carerix_org):
    qualified(carerix_org)
    with pytest.raises(IllegalMove) as err:
        lc.cancel(carerix_org, "L-1", "E-CAROL", "x")
    assert err.value.rule == "unknown_verb"
