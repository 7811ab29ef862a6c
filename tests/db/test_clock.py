"""The one clock (architecture.md, rule 3): the as-of parsers, ``LEADANALYTICS_NOW`` and the
stamps the package writes with it. Every expected value is written out by hand."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from leadanalytics.pipelines.reference import load_branches

from leadanalytics import clock
from leadanalytics.bonuses import install_bonus_schemes
from leadanalytics.exceptions import ClockError, LeadAnalyticsError
from leadanalytics.reporting import metrics
from tests.helpers import CASES

AMS = ZoneInfo("Europe/Amsterdam")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def _wall_clock(monkeypatch):
    """Each test starts on the wall clock, whatever the shell set."""
    monkeypatch.delenv("LEADANALYTICS_NOW", raising=False)


# --------------------------------------------------------------------------- the day of an as-of


@pytest.mark.parametrize(("value", "day"), [
    (dt.date(2026, 3, 1), dt.date(2026, 3, 1)),
    ("2026-03-01", dt.date(2026, 3, 1)),
    (dt.datetime(2026, 3, 1, 23, 30), dt.date(2026, 3, 1)),             # no offset: its own day
    ("2026-03-01T23:30", dt.date(2026, 3, 1)),
    # 23:30 UTC is 00:30 the next day in Amsterdam (winter time, +01:00)
    (dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC), dt.date(2026, 3, 2)),
    ("2026-03-01T23:30:00+00:00", dt.date(2026, 3, 2)),
    # 20:00 in New York (-05:00) is 02:00 the next day in Amsterdam
    (dt.datetime(2026, 3, 1, 20, 0, tzinfo=NEW_YORK), dt.date(2026, 3, 2)),
    # 22:30 UTC in summer is 00:30 in Amsterdam (+02:00)
    (dt.datetime(2026, 7, 14, 22, 30, tzinfo=dt.UTC), dt.date(2026, 7, 15)),
    # 00:30 in Amsterdam is still the day before in UTC: the Amsterdam day counts
    (dt.datetime(2026, 7, 15, 0, 30, tzinfo=AMS), dt.date(2026, 7, 15)),
])
def test_as_of_day(value, day):
    assert clock.as_of_day(value) == day


@pytest.mark.parametrize(("value", "moment"), [
    ("2026-03-01", dt.datetime(2026, 3, 1, 23, 59, 59, 999999, tzinfo=AMS)),
    (dt.date(2026, 3, 29), dt.datetime(2026, 3, 29, 23, 59, 59, 999999, tzinfo=AMS)),
    ("2026-03-01T10:00", dt.datetime(2026, 3, 1, 10, 0, tzinfo=AMS)),
    (dt.datetime(2026, 3, 1, 10, 0), dt.datetime(2026, 3, 1, 10, 0, tzinfo=AMS)),
    ("2026-03-01T10:00:00+00:00", dt.datetime(2026, 3, 1, 11, 0, tzinfo=AMS)),
])
def test_as_of_moment_is_the_end_of_a_day_or_the_moment_itself(value, moment):
    got = clock.as_of_moment(value)
    assert got == moment
    assert got.tzinfo is not None


def test_an_acts_day_is_its_start():
    assert clock.as_of_moment("2026-03-01", end_of_day=False) == dt.datetime(2026, 3, 1, 0, 0, tzinfo=AMS)


@pytest.mark.parametrize("text", ["1 March", "2026-13-01", "yesterday", "2026-03-01T25:00"])
def test_bad_text_names_the_value(text):
    for parse in (clock.as_of_day, clock.as_of_moment):
        with pytest.raises(ClockError, match=f"as-of '{text}' is not an ISO date") as caught:
            parse(text)
        assert isinstance(caught.value, LeadAnalyticsError)
        assert isinstance(caught.value, ValueError)  # as the parsers it replaced raised
        assert caught.value.value == text


# --------------------------------------------------------------------------- LEADANALYTICS_NOW


def test_a_bare_date_is_the_start_of_that_day_in_amsterdam_and_the_clock_stands_still(monkeypatch):
    # reports.md, "Decided details": a date alone means 00:00 Europe/Amsterdam
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-11-23")
    assert clock.now() == dt.datetime(2026, 11, 23, 0, 0, tzinfo=AMS)
    assert clock.now().isoformat() == "2026-11-23T00:00:00+01:00"
    assert clock.now() == clock.now()
    assert clock.today() == dt.date(2026, 11, 23)
    assert clock.as_of_day(None) == dt.date(2026, 11, 23)
    assert clock.as_of_moment(None) == dt.datetime(2026, 11, 23, 0, 0, tzinfo=AMS)
    # what is stamped "now" is seen by an as-of of that day (its end)
    assert clock.now() <= clock.as_of_moment(clock.today())
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-03-29")  # the day summer time starts
    assert clock.now().isoformat() == "2026-03-29T00:00:00+01:00"


def test_a_datetime_with_an_offset_sets_the_amsterdam_day(monkeypatch):
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-03-31T23:30:00+00:00")
    assert clock.now() == dt.datetime(2026, 4, 1, 1, 30, tzinfo=AMS)
    assert clock.now().utcoffset() == dt.timedelta(hours=2)
    assert clock.today() == dt.date(2026, 4, 1)


def test_a_datetime_without_an_offset_is_amsterdam_time(monkeypatch):
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-01-05T08:15")
    assert clock.now() == dt.datetime(2026, 1, 5, 8, 15, tzinfo=AMS)
    assert clock.now().isoformat() == "2026-01-05T08:15:00+01:00"


@pytest.mark.parametrize("text", ["next tuesday", "2026-02-30", "23-11-2026"])
def test_bad_leadanalytics_now_names_the_variable_and_value(monkeypatch, text):
    monkeypatch.setenv("LEADANALYTICS_NOW", text)
    with pytest.raises(ClockError, match=f"LEADANALYTICS_NOW='{text}' is not an ISO date"):
        clock.now()


def test_unset_or_empty_is_the_wall_clock(monkeypatch):
    before = dt.datetime.now(dt.UTC)
    got = clock.now()
    monkeypatch.setenv("LEADANALYTICS_NOW", "")
    got_empty = clock.now()
    after = dt.datetime.now(dt.UTC)
    assert before <= got <= got_empty <= after
    assert got.tzinfo is not None


# --------------------------------------------------------------------------- stamps written


def test_a_load_and_a_scheme_install_are_stamped_with_the_overridden_now(warehouse, monkeypatch):
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-03-02T10:15:00+01:00")
    load_branches(warehouse, CASES / "reference" / "branches.csv")
    install_bonus_schemes(warehouse)
    stamp = dt.datetime(2026, 3, 2, 10, 15, tzinfo=AMS)
    loads = warehouse.sql("select started_at, finished_at from store.loads")
    assert list(loads.started_at) == [stamp]
    assert list(loads.finished_at) == [stamp]
    loaded = set(warehouse.sql("select loaded_at from store.bonus_schemes").loaded_at)
    assert loaded == {stamp}
    # the default as-of is the clock's day too: the load is on the loads report of "today"
    report = metrics.loads(warehouse)
    assert list(report.kind) == ["branches"]
    assert str(report.last_load[0])[:10] == "2026-03-02"
