"""decision_summary: per group the Kaplan-Meier median of the days to decision with its 95%
interval and the cumulative incidence of assignment at 30/60/90 days, against a hand-computed
case and against lifelines (KaplanMeierFitter, median_survival_times(confidence_interval_),
AalenJohansenFitter), per group; one call with ``by`` equals the single-group calls."""

from __future__ import annotations

import datetime as dt
import math
import random

import pandas as pd
import pytest

import leadanalytics as la
from leadanalytics.exceptions import UsageError
from tests.helpers import add_lead, add_org

AS_OF = "2026-03-31"
COLUMNS = ["leads", "median_days", "median_low", "median_high", "assigned_30", "assigned_60",
           "assigned_90"]


def _row(frame: pd.DataFrame, i: int = 0) -> tuple:
    return tuple(None if (isinstance(v, float) and math.isnan(v)) else v
                 for v in (frame[c].iloc[i] for c in COLUMNS))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """The survival fixture of test_metrics.py: six started leads, ties, S(10) = 0.5 exactly."""
    w = la.connect(tmp_path_factory.mktemp("tiny") / "t.duckdb", create=True)
    add_org(w)
    add_lead(w, "S1", [("2026-02-20", "concept"), ("2026-03-01", "ingediend"),
                       ("2026-03-05", "actief_als_lead"),
                       ("2026-03-11", "actief_als_opdracht", None, "A-S1")])
    add_lead(w, "S2", [("2026-03-01", "ingediend"), ("2026-03-11", "afgewezen", "x")])
    add_lead(w, "S3", [("2026-03-21", "ingediend")])
    add_lead(w, "S4", [("2026-03-06", "actief_als_lead"),
                       ("2026-03-11", "actief_als_opdracht", None, "A-S4")])
    add_lead(w, "S5", [("2026-02-01", "concept"), ("2026-03-01", "ingediend")])
    add_lead(w, "S6", [("2026-03-16", "ingediend"), ("2026-03-31", "geannuleerd", "y")])
    add_lead(w, "S7", [("2026-03-01", "concept"), ("2026-03-02", "geannuleerd", "never started")])
    return w


def test_decision_summary_by_hand(tiny):
    s = la.metrics.decision_summary(tiny, AS_OF)
    assert list(s.columns) == COLUMNS
    # durations (days, event): S4 (5, won), S1 (10, won), S2 (10, lost), S3 (10, open),
    # S6 (15, lost), S5 (30, open); S7 never started.
    # KM: day 5 n=6 d=1 -> 5/6; day 10 n=5 d=2 -> 1/2 (median 10); day 15 n=2 d=1 -> 1/4.
    # Greenwood V: 1/30 on day 5, + 2/15 on day 10, + 1/2 on day 15.
    # Lower band on day 5: exp(-exp(ln(-ln 5/6) + 1.96 sqrt(1/30) / -ln 5/6)) = 0.273 <= 0.5.
    # Upper band: 0.975 (day 5), 0.804 (day 10), 0.646 (day 15 and after): never <= 0.5.
    # Assigned: 1/6 on day 5, + 5/6 * 1/5 on day 10 = 1/3; known to day 30 (S5 followed 30
    # days), not to 60 or 90 (S5 still open).
    assert _row(s) == (6, 10.0, 5.0, None, 0.333333, None, None)


def test_decision_summary_of_no_leads_is_one_empty_row(tiny):
    s = la.metrics.decision_summary(tiny, "2026-01-01")
    assert _row(s) == (0, None, None, None, None, None, None)
    assert len(la.metrics.decision_summary(tiny, "2026-01-01", by="branch_id")) == 0


def test_decision_summary_refuses_an_unknown_by(tiny):
    with pytest.raises(UsageError, match="business_unit"):
        la.metrics.decision_summary(tiny, AS_OF, by="title")


@pytest.fixture(scope="module")
def grouped(tmp_path_factory):
    """240 seeded random histories in groups (business unit, branch, submitter); durations and
    outcomes computed here, independently of the SQL."""
    w = la.connect(tmp_path_factory.mktemp("grouped") / "g.duckdb", create=True)
    add_org(w)
    rng = random.Random(11)
    as_of = dt.date(2026, 6, 30)
    truth = []
    with w.transaction():
        for i in range(240):
            unit = rng.choice(["A", "B", "C", None])
            branch = rng.choice(["B1", "B2A", "B3"])
            submitter = rng.choice(["E1", "E2", "E3"])
            start = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(175))
            # group C decides slowly, so its groups differ
            end = start + dt.timedelta(days=rng.randrange(0, 140 if unit == "C" else 70))
            kind = rng.choice(["won", "lost", "open", "won"])
            events = [(start.isoformat(), "ingediend")]
            if end <= as_of and kind in ("won", "lost"):
                events.append((end.isoformat(), "actief_als_lead"))
                if kind == "won":
                    events.append((end.isoformat(), "actief_als_opdracht", None, f"A{i}"))
                else:
                    events.append((end.isoformat(), "afgewezen", "r"))
                truth.append(((end - start).days, 1 if kind == "won" else 2))
            else:
                truth.append(((as_of - start).days, 0))
            add_lead(w, f"G{i:03d}", events, submitter_id=submitter, branch_id=branch,
                     business_unit=unit)
            truth[-1] += (unit, branch, submitter)
    return w, as_of, pd.DataFrame(truth, columns=["days", "event", "business_unit",
                                                  "branch_id", "submitter_id"])


def _lifelines_row(t: pd.DataFrame) -> tuple:
    from lifelines import AalenJohansenFitter, KaplanMeierFitter
    from lifelines.utils import median_survival_times

    km = KaplanMeierFitter().fit(t["days"], t["event"] > 0)
    band = median_survival_times(km.confidence_interval_)
    low, high = band.iloc[0, 0], band.iloc[0, 1]
    # ties broken as in test_metrics.py: each event a distinct tiny step before the end of its
    # day, so the censored leads of a day stay at risk for its events; read at the end of day.
    # Every time one day later, so that a decision on the day of the start (0 days) does not
    # fall before lifelines' time 0 (a shift of every time leaves the estimate as it is).
    events = t["event"] > 0
    offsets = pd.Series(0.0, index=t.index)
    offsets[events] = (pd.Series(range(int(events.sum())), index=t.index[events]) + 1) * 1e-6
    aj = AalenJohansenFitter(calculate_variance=False).fit(
        t["days"] + 1 - offsets, t["event"], event_of_interest=1)
    curve = aj.cumulative_density_.iloc[:, 0]
    curve.index = curve.index - 1
    # the curve is known to day N when a lead was followed N days or no lead is still open
    known = {n: t["days"].max() >= n or km.survival_function_.iloc[-1, 0] == 0
             for n in (30, 60, 90)}
    assigned = [round(curve[curve.index <= n].iloc[-1], 6) if known[n] else None
                for n in (30, 60, 90)]

    def days(x):
        return None if math.isinf(x) else float(x)

    return (len(t), days(km.median_survival_time_), days(low), days(high), *assigned)


def _close(got: tuple, expected: tuple) -> bool:
    return all((g is None and e is None) or (g is not None and e is not None
                                             and g == pytest.approx(e, abs=2e-6))
               for g, e in zip(got, expected, strict=True))


@pytest.mark.parametrize("by", ["business_unit", "branch_id", "submitter_id"])
def test_decision_summary_matches_lifelines_per_group(grouped, by):
    w, as_of, truth = grouped
    s = la.metrics.decision_summary(w, as_of, by=by)
    values = sorted(truth[by].dropna().unique())
    assert list(s[by].iloc[:len(values)]) == values      # ascending, empty last
    assert len(s) == len(values) + int(truth[by].isna().any())
    for i, value in enumerate(list(values) + ([None] if truth[by].isna().any() else [])):
        group = truth[truth[by].isna()] if value is None else truth[truth[by] == value]
        expected = _lifelines_row(group)
        assert _close(_row(s, i), expected), (value, _row(s, i), expected)
    overall = la.metrics.decision_summary(w, as_of)
    assert _close(_row(overall), _lifelines_row(truth))


def test_groups_differ_so_the_comparison_means_something(grouped):
    w, as_of, _ = grouped
    s = la.metrics.decision_summary(w, as_of, by="business_unit").set_index("business_unit")
    assert s.loc["C", "median_days"] > s.loc["A", "median_days"]
    assert s["median_high"].notna().any() and s["assigned_90"].notna().any()


def test_one_call_by_branch_equals_the_single_branch_calls(grouped):
    w, as_of, _ = grouped
    every = la.metrics.decision_summary(w, as_of, by="branch_id")
    assert list(every["branch_id"]) == ["B1", "B2A", "B3"]       # leaf branches: a scope each
    for i, branch in enumerate(every["branch_id"]):
        alone = la.metrics.decision_summary(w, as_of, scope=f"branch:{branch}")
        assert _row(alone) == _row(every, i), branch
    people = la.metrics.decision_summary(w, as_of, by="submitter_id")
    for i, person in enumerate(people["submitter_id"]):
        alone = la.metrics.decision_summary(w, as_of, scope=f"person:{person}")
        assert _row(alone) == _row(people, i), person


def test_decision_summary_names_its_groups_and_is_registered(grouped):
    w, as_of, _ = grouped
    s = la.metrics.decision_summary(w, as_of, by="branch_id", lang="en")
    assert list(s.columns) == ["branch_id", *COLUMNS, "branch_name"]
    assert list(s["branch_name"]) == ["Groningen", "Kampen", "Breda"]
    assert s["median_days"].dtype == "float64" and s["leads"].dtype == "int64"
    assert la.metrics.METRICS["decision_summary"].groupable
    polars = la.metrics.decision_summary(w, as_of, by="branch_id", output="polars")
    assert polars.columns == list(s.columns)
