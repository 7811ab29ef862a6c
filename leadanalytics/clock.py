"""The one clock: "now", "today" and the as-of parsers (architecture.md, rule 3).

Every stamp the package writes and every default as-of come from here, so that the demo, the
tests and a replay agree with the data. ``LEADANALYTICS_NOW`` overrides the wall clock:

* an ISO datetime (``2026-03-31T17:30``, ``2026-03-31T15:30+00:00``) is that moment; without an
  offset it is Europe/Amsterdam time;
* a bare ISO date (``2026-03-31``) is **00:00 Europe/Amsterdam on that day** (reports.md,
  "Decided details"): "today" is that day, and an as-of of that day (its end) sees what was
  stamped on it.

The clock then stands still at that moment. Bad text raises :class:`ClockError`, naming the
variable and its value. This module imports only the standard library and
``leadanalytics.exceptions``: it is the bottom layer.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from leadanalytics.exceptions import ClockError

#: The environment variable that sets the clock (unset or empty: the wall clock).
ENV_NOW = "LEADANALYTICS_NOW"
#: The agency's time zone: days, "today" and naive datetimes are Europe/Amsterdam.
TIMEZONE = "Europe/Amsterdam"
AMSTERDAM = ZoneInfo(TIMEZONE)
#: The time of day a bare date in ``LEADANALYTICS_NOW`` stands for: its start.
START_OF_DAY = dt.time(0, 0)

AsOf = dt.date | dt.datetime | str | None


def now() -> dt.datetime:
    """The current moment, time-zone aware, in Europe/Amsterdam.

    ``LEADANALYTICS_NOW`` (an ISO date or datetime) replaces the wall clock; a bare date is
    00:00 Europe/Amsterdam on that day.

    Raises:
        ClockError: ``LEADANALYTICS_NOW`` is set to text that is no ISO date or datetime.

    Examples:
        >>> import os
        >>> os.environ["LEADANALYTICS_NOW"] = "2026-03-31"
        >>> now().isoformat()
        '2026-03-31T00:00:00+02:00'
        >>> os.environ["LEADANALYTICS_NOW"] = "2026-01-05T08:15:00+00:00"
        >>> now().isoformat()
        '2026-01-05T09:15:00+01:00'
        >>> del os.environ["LEADANALYTICS_NOW"]
    """
    text = os.environ.get(ENV_NOW, "").strip()
    if not text:
        return dt.datetime.now(AMSTERDAM)
    try:
        if len(text) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(text), START_OF_DAY, AMSTERDAM)
        return _aware(dt.datetime.fromisoformat(text)).astimezone(AMSTERDAM)
    except ValueError:
        raise ClockError(ENV_NOW, text, "is not an ISO date (YYYY-MM-DD) or datetime; "
                         "unset it for the wall clock") from None


def today() -> dt.date:
    """The day of :func:`now` in Europe/Amsterdam.

    Examples:
        >>> import os
        >>> os.environ["LEADANALYTICS_NOW"] = "2026-03-31T23:30:00+00:00"  # 01:30 in Amsterdam
        >>> today()
        datetime.date(2026, 4, 1)
        >>> del os.environ["LEADANALYTICS_NOW"]
    """
    return now().date()


def as_of_day(value: AsOf | object) -> dt.date:
    """The day an as-of value stands for, in Europe/Amsterdam.

    None is :func:`today`; a date is itself; a datetime with an offset is its day in
    Europe/Amsterdam, one without is its own day; text is ``YYYY-MM-DD`` or an ISO datetime
    (read as the datetime would be). Anything else is read as its text.

    Raises:
        ClockError: the text is no ISO date or datetime (the message names the value).

    Examples:
        >>> as_of_day("2026-03-01")
        datetime.date(2026, 3, 1)
        >>> as_of_day(dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.timezone.utc))  # 00:30 in Amsterdam
        datetime.date(2026, 3, 2)
        >>> as_of_day("2026-03-01T23:30:00+00:00")
        datetime.date(2026, 3, 2)
        >>> as_of_day("1 March")
        Traceback (most recent call last):
        ...
        leadanalytics.exceptions.ClockError: as-of '1 March' is not an ISO date (YYYY-MM-DD) or datetime
    """
    if value is None:
        return today()
    if isinstance(value, dt.datetime):
        return value.astimezone(AMSTERDAM).date() if value.tzinfo else value.date()
    if isinstance(value, dt.date):
        return value
    parsed = _parse(str(value))
    return as_of_day(parsed)


def as_of_moment(value: AsOf, *, end_of_day: bool = True) -> dt.datetime:
    """The moment an as-of (or an act's ``at``) stands for, time-zone aware.

    None is :func:`now`; a datetime is itself (without an offset: Europe/Amsterdam); a date or
    ``YYYY-MM-DD`` is the end of that day in Europe/Amsterdam (``phase_as_of(w, lead,
    "2026-03-01")``), or its start with ``end_of_day=False`` (a lifecycle act ``at`` a day);
    other text is an ISO datetime.

    Raises:
        ClockError: the text is no ISO date or datetime (the message names the value).

    Examples:
        >>> as_of_moment("2026-03-29").isoformat()   # the day summer time starts
        '2026-03-29T23:59:59.999999+02:00'
        >>> as_of_moment("2026-03-29", end_of_day=False).isoformat()
        '2026-03-29T00:00:00+01:00'
        >>> as_of_moment("2026-03-01T10:00").isoformat()
        '2026-03-01T10:00:00+01:00'
    """
    if value is None:
        return now()
    if isinstance(value, str):
        value = _parse(value)
    if isinstance(value, dt.datetime):
        return _aware(value)
    return dt.datetime.combine(value, dt.time.max if end_of_day else dt.time(), tzinfo=AMSTERDAM)


def _parse(text: str) -> dt.date | dt.datetime:
    """``YYYY-MM-DD`` as a date, longer text as an ISO datetime."""
    try:
        if len(text) <= 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise ClockError("as-of", text, "is not an ISO date (YYYY-MM-DD) or datetime") from None


def _aware(moment: dt.datetime) -> dt.datetime:
    """A datetime without an offset is Europe/Amsterdam time (data-contracts.md)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)
