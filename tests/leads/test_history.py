"""History from the event log: current phase, as of, phase durations, paths; one name, one
meaning between the top level and the metrics.

A hand-walked lead (expected values worked out by hand), and a hypothesis property: for random
sequences of legal moves, the phase as of any moment equals a replay of the moves up to it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leadanalytics as la
from leadanalytics.config import load_phase_pipeline
from leadanalytics.leads import event_check, history
from leadanalytics.leads import lifecycle as lc

AMS = ZoneInfo("Europe/Amsterdam")
FULL = {"business_unit": "Interim juristen", "client_name": "Gemeente Amsterdam", "title": "Jurist"}


def walked(w):
    """L-1: created Mon 2 Mar 09:00, submitted 3 Mar 09:00, approved 5 Mar 21:00 (Amsterdam)."""
    lc.create_lead(w, "L-1", "E-ANNA", branch_id="AMS", at="2026-03-02T09:00", **FULL)
    lc.submit(w, "L-1", "E-ANNA", at="2026-03-03T09:00")
    lc.approve(w, "L-1", "RD-AMS", at="2026-03-05T21:00")


def test_current_and_as_of(org):
    walked(org)
    assert history.current_phase(org, "L-1") == ("actief_als_lead", "actief_als_lead")
    assert history.phase_as_of(org, "L-1", "2026-03-01") is None          # not yet created
    assert history.phase_as_of(org, "L-1", "2026-03-02") == "concept"     # end of that day
    assert history.phase_as_of(org, "L-1", dt.datetime(2026, 3, 3, 8, 59)) == "concept"
    assert history.phase_as_of(org, "L-1", dt.datetime(2026, 3, 3, 9, 0)) == "ingediend"
    assert history.phase_as_of(org, "L-1", "2026-03-05") == "actief_als_lead"
    # 5 Mar 21:00 Amsterdam is 20:00 UTC: as of a moment with an offset
    assert history.phase_as_of(org, "L-1", dt.datetime(2026, 3, 5, 19, 59, tzinfo=dt.UTC)) == "ingediend"
    frame = history.phases_as_of(org, "2026-03-04", output="polars")
    assert frame.select("lead_id", "phase", "phase_group").rows() == [("L-1", "ingediend", "actueel")]


def test_phase_durations_and_path(org):
    walked(org)
    t = history.phase_durations(org, "2026-03-06")  # until 6 Mar 24:00
    rows = t[["phase", "visits", "days", "is_current"]].values.tolist()
    assert rows == [
        ["concept", 1, 1.0, False],          # 2 Mar 09:00 .. 3 Mar 09:00
        ["ingediend", 1, 2.5, False],        # 3 Mar 09:00 .. 5 Mar 21:00
        ["actief_als_lead", 1, 1.125, True],   # 5 Mar 21:00 .. 7 Mar 00:00
    ]
    assert str(t["days"].dtype) == "float64"
    p = history.lead_paths(org)
    assert p["path_text"][0] == "concept > ingediend > actief_als_lead"
    assert p["moves"][0] == 2
    assert history.lead_paths(org, "2026-03-03")["path"][0].tolist() == ["concept", "ingediend"]
    h = history.phase_history(org, "L-1")
    assert h["verb"].tolist() == ["create", "submit", "approve"]


def test_phase_durations_across_the_summer_time_change(org):
    # 28 Mar 12:00 to 29 Mar 12:00 in Amsterdam is 23 hours: the clocks jump forward.
    lc.create_lead(org, "L-2", "E-ANNA", branch_id="AMS", at="2026-03-28T12:00", **FULL)
    lc.submit(org, "L-2", "E-ANNA", at="2026-03-29T12:00")
    days = history.phase_durations(org, "2026-03-30", ["L-2"], exact=True)["days"].tolist()
    assert days[0] == Decimal("0.958")  # 23 / 24, DECIMAL(12, 3): exact with exact=True
    assert history.phase_durations(org, "2026-03-30", ["L-2"])["days"][0] == 0.958


# ----------------------------------------------------------------- property: replay == as of

PIPE = load_phase_pipeline("public_support").lead
_counter = itertools.count()


@st.composite
def legal_histories(draw):
    """A random walk through the pipeline's next phases, with gaps of 0 s to 3 days."""
    phase = PIPE.default_phase.code
    steps = []
    for _ in range(draw(st.integers(0, 4))):
        options = PIPE.phase(phase).next
        if not options:
            break
        phase = draw(st.sampled_from(options))
        gap = draw(st.sampled_from([0, 1, 3600, 86400, 3 * 86400 - 1]))
        steps.append((phase, gap))
    return steps


def _actor(to_phase: str) -> str:
    return "E-ANNA" if PIPE.verb_for(to_phase) == "submit" else "RD-AMS"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=legal_histories(), start_minute=st.integers(0, 60 * 24 * 20))
def test_as_of_equals_replay(org, steps, start_minute):
    lead_id = f"H-{next(_counter)}"
    created = dt.datetime(2026, 3, 1, tzinfo=AMS) + dt.timedelta(minutes=start_minute)
    timeline = [(created, PIPE.default_phase.code)]
    with org.transaction() as tx:
        tx.run("queries/leads/lead_insert", lead_id=lead_id, pipeline="public_support",
               created_at=created, submitter_id="E-ANNA", branch_id="AMS", contact_name=None,
               contact_email=None, description=None, is_permanent_role=None,
               is_hours_extension=None, source=None, priority=None, category=None, **FULL)
        event_check.stage(tx)
        event_check.add_candidate(tx, 0, "lead", lead_id, created, timeline[0][1], "create", "E-ANNA")
        at = created
        for cid, (phase, gap) in enumerate(steps, start=1):
            at = at + dt.timedelta(seconds=gap)
            p = PIPE.phase(phase)
            event_check.add_candidate(
                tx, cid, "lead", lead_id, at, phase, None, _actor(phase),
                reason="reden" if p.requires_reason else None,
                assignment_id=f"A-{lead_id}" if p.requires_assignment_id else None,
            )
            timeline.append((at, phase))
        assert event_check.check(org, tx) == []  # every step of the walk is legal
        event_check.write_clean(tx)

    def replay(t):
        seen = [ph for when, ph in timeline if when <= t]
        return seen[-1] if seen else None

    probes = {created - dt.timedelta(seconds=1)}
    for when, _ in timeline:
        probes |= {when - dt.timedelta(seconds=1), when, when + dt.timedelta(seconds=1)}
    day = timeline[-1][0].astimezone(AMS).date()
    end_of_day = dt.datetime.combine(day, dt.time.max, tzinfo=AMS)
    with org.transaction():  # reads inside share one connection: quick
        for t in sorted(probes):
            assert history.phase_as_of(org, lead_id, t) == replay(t), t
        assert history.phase_as_of(org, lead_id, day) == replay(end_of_day)
    path = history.lead_paths(org, None, [lead_id])["path"][0].tolist()
    assert path == [ph for _, ph in timeline]


# ----------------------------------------------------------------- one name, one meaning


def test_a_top_level_name_is_no_metric_of_other_figures():
    # reports.md: a function exported at the top level and one in `metrics` never share a
    # name with different figures; the same function under both names is fine
    clashes = {
        name for name in set(la.__all__) & set(la.metrics.METRICS)
        if getattr(la, name) is not la.metrics.METRICS[name].function
    }
    assert clashes == set()
    assert "time_in_phase" in la.metrics.METRICS                   # the metric keeps its name
    assert "time_in_phase" not in la.__all__ and not hasattr(la, "time_in_phase")
    assert la.phase_durations is history.phase_durations
