"""The languages the package speaks to people (reports, charts, labels, schedules): nl and en.

One check for every ``lang`` parameter, so that each refuses another language the same way.
"""

from __future__ import annotations

from typing import Literal

from leadanalytics.exceptions import UsageError

Lang = Literal["nl", "en"]
#: The languages a report, chart, label or scope name can be in; the first is the default.
LANGS: tuple[Lang, ...] = ("nl", "en")


def check_lang(lang: object) -> Lang:
    """``lang`` itself when it is "nl" or "en"; anything else raises :class:`UsageError`.

    Examples:
        >>> check_lang("en")
        'en'
        >>> check_lang("de")
        Traceback (most recent call last):
        ...
        leadanalytics.exceptions.UsageError: lang='de' is not allowed; use one of: nl, en
    """
    if lang not in LANGS:
        raise UsageError("lang", lang, LANGS)
    return lang  # type: ignore[return-value]
