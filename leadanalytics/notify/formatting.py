"""Money, hours and days as a reader of one language writes them (babel): for e-mail text.

``€ 250,00`` and ``25 december 2026`` in nl, ``€250.00`` and ``25 December 2026`` in en. The
functions take the values the warehouse gives (``Decimal``, ``date``, an aware ``datetime``);
they never turn money into a float. This module holds no SQL and no templates.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from leadanalytics.clock import AMSTERDAM
from leadanalytics.config.languages import LANGS, Lang

Language = Lang
LANGUAGES: tuple[Language, ...] = LANGS   # the package's languages (config.languages)
#: The default language of e-mails when neither the person nor the warehouse says otherwise.
DEFAULT_LANGUAGE: Language = "nl"
# en_GB: the day before the month ("25 December 2026"), as in nl; the euro sign as in en.
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
_DAY_PATTERN = "d MMMM y"
_HOURS_PATTERN = "#,##0.##"
# babel puts a no-break space between the sign and the amount in nl; e-mail text gets a plain
# one, so that what a reader sees is what a search for "€ 250,00" finds.
_NO_BREAK = str.maketrans({"\u00a0": " ", "\u202f": " "})


def check_language(language: object) -> Language:
    """``language`` if it is ``nl`` or ``en``; otherwise ValueError naming it.

    Examples:
        >>> check_language("en")
        'en'
        >>> check_language("de")
        Traceback (most recent call last):
        ...
        ValueError: language must be 'nl' or 'en', not 'de'
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be 'nl' or 'en', not {language!r}")
    return language  # type: ignore[return-value]


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def format_money(amount: Decimal | int | str | None, language: Language) -> str:
    """An amount in euros, with cents, as the reader writes it; empty text for no amount.

    Examples:
        >>> format_money(Decimal("250"), "nl"), format_money(Decimal("250"), "en")
        ('€ 250,00', '€250.00')
        >>> format_money(Decimal("-1234.5"), "nl"), format_money(Decimal("-1234.5"), "en")
        ('€ -1.234,50', '-€1,234.50')
    """
    if _empty(amount):
        return ""
    text = format_currency(Decimal(str(amount)), "EUR", locale=_LOCALES[check_language(language)])
    return text.translate(_NO_BREAK)


def format_hours(hours: Decimal | int | str | None, language: Language) -> str:
    """A number of hours: decimal comma in nl, at most two decimals, no trailing zeros.

    Examples:
        >>> format_hours(Decimal("99.00"), "nl"), format_hours(Decimal("1237.50"), "nl")
        ('99', '1.237,5')
        >>> format_hours(Decimal("1237.50"), "en")
        '1,237.5'
    """
    if _empty(hours):
        return ""
    text = format_decimal(Decimal(str(hours)), format=_HOURS_PATTERN,
                          locale=_LOCALES[check_language(language)])
    return text.translate(_NO_BREAK)


def _day(value: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(value, dt.datetime):  # a moment is the day it is in Amsterdam
        return value.astimezone(AMSTERDAM).date() if value.tzinfo else value.date()
    if isinstance(value, dt.date):
        return value
    return _day(dt.datetime.fromisoformat(value) if len(value) > 10 else dt.date.fromisoformat(value))


def format_day(value: dt.date | dt.datetime | str | None, language: Language) -> str:
    """A day with its month's name: ``25 december 2026`` (nl), ``25 December 2026`` (en).

    A datetime is the day it is in Europe/Amsterdam; ISO text is read as a date or datetime;
    None is empty text.

    Examples:
        >>> format_day(dt.date(2026, 12, 25), "nl"), format_day(dt.date(2026, 12, 25), "en")
        ('25 december 2026', '25 December 2026')
        >>> format_day(dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC), "nl")  # 00:30 in Amsterdam
        '2 maart 2026'
    """
    if _empty(value):
        return ""
    return format_date(_day(value), _DAY_PATTERN, locale=_LOCALES[check_language(language)])


def format_week(monday: dt.date | str | None, language: Language) -> str:
    """An ISO week with the day it starts: ``2026-W07 (9 februari 2026)``.

    Examples:
        >>> format_week(dt.date(2026, 2, 9), "nl"), format_week(dt.date(2026, 2, 9), "en")
        ('2026-W07 (9 februari 2026)', '2026-W07 (9 February 2026)')
    """
    if _empty(monday):
        return ""
    day = _day(monday)
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d} ({format_day(day, language)})"


#: A bonus's status (`bonuses list`, bonus-rules.md "States") as a reader of each language says it.
STATUS_LABELS = {
    "nl": {"pending": "in afwachting", "earned": "verdiend", "withdrawn": "ingetrokken",
           "in_batch": "in een uitbetalingsrun", "approved": "goedgekeurd", "paid": "uitbetaald",
           "review": "ter beoordeling", "clawed_back": "teruggevorderd"},
    "en": {"pending": "pending", "earned": "earned", "withdrawn": "withdrawn",
           "in_batch": "in a payout batch", "approved": "approved", "paid": "paid",
           "review": "in review", "clawed_back": "clawed back"},
}


def format_status(status: str | None, language: Language) -> str:
    """A bonus status in words of the reader's language (the code itself if unknown).

    Examples:
        >>> format_status("approved", "nl"), format_status("clawed_back", "en")
        ('goedgekeurd', 'clawed back')
    """
    if status is None:
        return ""
    return STATUS_LABELS[check_language(language)].get(status, status)


def format_value(value: Any, language: Language) -> Any:
    """What a template prints for a value it shows without a filter: a day as
    :func:`format_day`, another Decimal as a number with two decimals, None as empty text.

    Examples:
        >>> format_value(dt.date(2026, 3, 2), "en"), format_value(Decimal("1234.5"), "nl")
        ('2 March 2026', '1.234,50')
        >>> format_value(None, "nl"), format_value(3, "nl")
        ('', 3)
    """
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_day(value, language)
    if isinstance(value, Decimal):
        text = format_decimal(value, format="#,##0.00", locale=_LOCALES[check_language(language)])
        return text.translate(_NO_BREAK)
    return value


#: The Jinja2 filters of the templates, by name: ``{{ amount_eur | money }}``.
FILTERS = {"money": format_money, "hours": format_hours, "day": format_day, "week": format_week}
