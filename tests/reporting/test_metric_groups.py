"""``by=`` on stale_leads, time_in_phase, ageing and reasons (the column first, groups ascending,
empty last; a group's rows are those of its leads alone) and the periods of reasons and
stale_leads (``since``, ``until``), counted by hand on small fixtures."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import leadanalytics as la
from leadanalytics.exceptions import UsageError
from tests.helpers import add_lead

AS_OF = "2026-03-31"


def _value(v):
    if isinstance(v, float):
        return None if math.isnan(v) else round(v, 9)
    return None if v is pd.NaT else v


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return [tuple(_value(v) for v in row) for row in frame[columns].itertuples(index=False)]


# ----------------------------------------------------------------------------- by=


def test_stale_leads_by_column_first_groups_ascending_empty_last(funnel_warehouse):
    s = la.metrics.stale_leads(funnel_warehouse, AS_OF, days=20, by="business_unit")
    assert list(s.columns)[:2] == ["business_unit", "lead_id"]
    # open and idle >= 20 days on 31 March: L2 (A, 21 days), L4 (B, 29), L6 (no unit, 28)
    assert _rows(s, ["business_unit", "lead_id", "days_since_change"]) == [
        ("A", "L2", 21), ("B", "L4", 29), (None, "L6", 28)]
    plain = la.metrics.stale_leads(funnel_warehouse, AS_OF, days=20)
    assert "business_unit" not in plain.columns and list(plain["lead_id"]) == ["L4", "L6", "L2"]


def test_ageing_by_column(funnel_warehouse):
    a = la.metrics.ageing(funnel_warehouse, AS_OF, by="business_unit")
    assert list(a.columns)[:2] == ["business_unit", "phase"]
    # L2 active lead since 10 March (21 days), L4 concept since 2 March (29), L6 since 3 March
    assert _rows(a, ["business_unit", "phase", "age_days", "leads"]) == [
        ("A", "actief_als_lead", "15-30", 1), ("B", "concept", "15-30", 1),
        (None, "concept", "15-30", 1)]


def test_time_in_phase_by_column_every_phase_per_group(funnel_warehouse):
    t = la.metrics.time_in_phase(funnel_warehouse, AS_OF, by="business_unit")
    assert list(t.columns)[:2] == ["business_unit", "phase"]
    cols = ["business_unit", "phase", "completed_stays", "median_days", "p90_days",
            "current_leads", "current_median_days"]
    assert _rows(t, cols) == [
        # A: concept stays 1, 2, 3 days (L1 L2 L3); submitted 3, 7, 2 (p90 3 + 0.8 * 4);
        # active lead L1 15 days, L2 there for 21 days
        ("A", "concept", 3, 2.0, 2.8, 0, None),
        ("A", "ingediend", 3, 3.0, 6.2, 0, None),
        ("A", "actief_als_lead", 1, 15.0, 15.0, 1, 21.0),
        # B: L4 a concept for 29 days, L5 submitted 7 days
        ("B", "concept", 0, None, None, 1, 29.0),
        ("B", "ingediend", 1, 7.0, 7.0, 0, None),
        ("B", "actief_als_lead", 0, None, None, 0, None),
        # no unit: L6 a concept for 28 days
        (None, "concept", 0, None, None, 1, 28.0),
        (None, "ingediend", 0, None, None, 0, None),
        (None, "actief_als_lead", 0, None, None, 0, None),
    ]


@pytest.mark.parametrize("metric", ["time_in_phase", "ageing", "stale_leads", "reasons"])
def test_a_groups_rows_are_those_of_its_leads_alone(funnel_warehouse, metric):
    # person scope = the leads a person submitted: the same leads as that submitter's group
    f = getattr(la.metrics, metric)
    kwargs = {"days": 0} if metric == "stale_leads" else {}
    every = f(funnel_warehouse, AS_OF, by="submitter_id", **kwargs)
    assert every["submitter_id"].nunique() >= 2
    for person in ("E1", "E2", "E3"):
        alone = f(funnel_warehouse, AS_OF, scope=f"person:{person}", **kwargs)
        group = every[every["submitter_id"] == person].reset_index(drop=True)
        if metric == "time_in_phase":
            assert len(group) == len(alone)
        pd.testing.assert_frame_equal(
            group[list(alone.columns)], alone[list(alone.columns)], check_dtype=False)


@pytest.mark.parametrize("metric", ["time_in_phase", "ageing", "stale_leads", "reasons"])
def test_unknown_by_is_a_usage_error_naming_the_columns(funnel_warehouse, metric):
    with pytest.raises(UsageError, match="branch_id"):
        getattr(la.metrics, metric)(funnel_warehouse, AS_OF, by="title")
    assert la.metrics.METRICS[metric].groupable


# ----------------------------------------------------------------------------- periods


@pytest.fixture(scope="module")
def ends(tmp_path_factory):
    """Leads that end, reopen, move between lost phases and change fields (as of 31 March)."""
    from tests.helpers import add_org

    w = la.connect(tmp_path_factory.mktemp("ends") / "e.duckdb", create=True)
    add_org(w)
    # rejected on 5 March, reopened on 10 March: not rejected on 31 March
    add_lead(w, "R1", [("2026-03-01", "ingediend"), ("2026-03-05", "afgewezen", "x"),
                       ("2026-03-10", "ingediend")], business_unit="A")
    # rejected on 5 March, then cancelled on 12 March
    add_lead(w, "R2", [("2026-03-01", "ingediend"), ("2026-03-05", "afgewezen", "a"),
                       ("2026-03-12", "geannuleerd", "b")], business_unit="B")
    # cancelled on 20 March
    add_lead(w, "R3", [("2026-03-02", "ingediend"), ("2026-03-20", "geannuleerd", "b")],
             business_unit="A")
    # submitted 1 March, a field changed on 8 March, active lead on 20 March
    add_lead(w, "S1", [("2026-03-01", "ingediend"), ("2026-03-20", "actief_als_lead")],
             business_unit="A")
    with w.transaction() as tx:
        tx.sql("""INSERT INTO store.lead_changes (lead_id, "at", field, old_value, new_value)
                  VALUES ('S1', '2026-03-08 10:00+01', 'title', 'Title S1', 'Nieuw')""")
    return w


def test_reasons_snapshot_and_period(ends):
    snap = la.metrics.reasons(ends, AS_OF)
    # on 31 March: R2 and R3 cancelled; R1 reopened
    assert _rows(snap, ["phase", "reason", "leads"]) == [("geannuleerd", "b", 2)]
    march = la.metrics.reasons(ends, AS_OF, since="2026-03-01", until="2026-03-31")
    # ended in March: R1 (rejected 5 March), R2 (last: cancelled 12 March), R3 (20 March)
    assert _rows(march, ["phase", "reason", "leads"]) == [
        ("afgewezen", "x", 1), ("geannuleerd", "b", 2)]
    early = la.metrics.reasons(ends, AS_OF, until="2026-03-10")
    # up to 10 March (no since: from the first day): R1 and R2 rejected on 5 March
    assert _rows(early, ["phase", "reason", "leads"]) == [
        ("afgewezen", "a", 1), ("afgewezen", "x", 1)]
    late = la.metrics.reasons(ends, AS_OF, since="2026-03-06", by="business_unit")
    # 6 to 31 March: R2 cancelled 12 March (B), R3 20 March (A)
    assert _rows(late, ["business_unit", "phase", "reason", "leads"]) == [
        ("A", "geannuleerd", "b", 1), ("B", "geannuleerd", "b", 1)]
    assert la.metrics.reasons(ends, AS_OF, since="2026-03-13", until="2026-03-19").empty


def test_stale_leads_over_a_period(ends):
    # S1 (days=5): changes on 1, 8 and 20 March -> stale 6-7 March, 13-19 March, from 25 March
    # (R1, reopened on 10 March: stale from 15 March; R2, R3 end before they are stale again)
    s = la.metrics.stale_leads(ends, AS_OF, days=5, since="2026-03-01", until="2026-03-31")
    assert list(s.columns)[:8] == ["lead_id", "title", "submitter_id", "branch_id", "phase",
                                   "last_change_day", "became_stale_on", "stale_through"]
    # one row per lead (S1 for its first stretch), by the day it became stale; R2 is never
    # stale (submitted 1 March, rejected 5 March: 4 days)
    assert _rows(s, ["lead_id", "phase"]) == [("S1", "ingediend"), ("R3", "ingediend"),
                                              ("R1", "ingediend")]
    by_lead = s.set_index("lead_id")
    # R3: submitted 2 March, cancelled 20 March: stale 7-19 March; R1 from 15 March on
    got = {lead: (str(r.last_change_day)[:10], str(r.became_stale_on)[:10],
                  None if pd.isna(r.stale_through) else str(r.stale_through)[:10])
           for lead, r in by_lead.iterrows()}
    assert got == {
        "R3": ("2026-03-02", "2026-03-07", "2026-03-19"),
        "S1": ("2026-03-01", "2026-03-06", "2026-03-07"),
        "R1": ("2026-03-10", "2026-03-15", None),
    }


def test_stale_leads_period_takes_the_first_stretch_reaching_into_it(ends):
    mid = la.metrics.stale_leads(ends, AS_OF, days=5, since="2026-03-10", until="2026-03-15")
    got = {r.lead_id: (str(r.last_change_day)[:10], str(r.became_stale_on)[:10],
                       None if pd.isna(r.stale_through) else str(r.stale_through)[:10])
           for r in mid.itertuples()}
    # S1's stretch after the field change of 8 March (13-19 March) runs past 15 March; R3 was
    # already stale when the period began; R1 became stale on its last day
    assert got == {"R3": ("2026-03-02", "2026-03-07", None),
                   "S1": ("2026-03-08", "2026-03-13", None),
                   "R1": ("2026-03-10", "2026-03-15", None)}
    assert list(mid["lead_id"]) == ["R3", "S1", "R1"]       # by the day it became stale
    # 8 to 12 March: S1 changed on 8 March and is stale again only from 13 March
    gap = la.metrics.stale_leads(ends, AS_OF, days=5, since="2026-03-08", until="2026-03-12")
    assert list(gap["lead_id"]) == ["R3"]


def test_a_one_day_period_is_the_snapshot_of_that_day(funnel_warehouse):
    for day in ("2026-03-09", "2026-03-20", AS_OF):
        snap = la.metrics.stale_leads(funnel_warehouse, day, days=4)
        one = la.metrics.stale_leads(funnel_warehouse, AS_OF, days=4, since=day, until=day)
        assert sorted(one["lead_id"]) == sorted(snap["lead_id"]), day
        joined = snap.set_index("lead_id").join(one.set_index("lead_id"), rsuffix="_p")
        assert (joined["last_change_day"] == joined["last_change_day_p"]).all()


def test_period_arguments_are_checked(ends):
    for metric in (la.metrics.reasons, la.metrics.stale_leads):
        with pytest.raises(UsageError, match="since"):
            metric(ends, AS_OF, since="2026-03-20", until="2026-03-10")
        with pytest.raises(UsageError, match="until"):
            metric(ends, "2026-03-15", since="2026-03-01", until="2026-03-20")


def test_grouping_by_a_column_the_frame_shows_puts_it_first_once(funnel_warehouse):
    s = la.metrics.stale_leads(funnel_warehouse, AS_OF, days=20, by="branch_id")
    assert list(s.columns)[0] == "branch_id"
    assert list(s.columns).count("branch_id") == 1 and list(s.columns).count("branch_name") == 1
    # B1: L4 (29 days), L6 (28); B2A: L2 (21)
    assert _rows(s, ["branch_id", "lead_id"]) == [("B1", "L4"), ("B1", "L6"), ("B2A", "L2")]


def test_every_one_day_period_of_march_is_that_days_snapshot(ends):
    # field changes, reopening and lost phases included: the period's definition and the
    # snapshot's (lead_phases_as_of's last change) agree on every day
    for n in range(1, 32):
        day = f"2026-03-{n:02d}"
        snap = la.metrics.stale_leads(ends, day, days=5)
        one = la.metrics.stale_leads(ends, AS_OF, days=5, since=day, until=day)
        assert sorted(zip(one["lead_id"], one["last_change_day"], strict=True)) == sorted(
            zip(snap["lead_id"], snap["last_change_day"], strict=True)), day
