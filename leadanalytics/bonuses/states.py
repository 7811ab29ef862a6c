"""Bonus states as of a date: `bonuses list` and the full derivation behind it.

The rules live in SQL (the macro ``bonus_states`` in ``sql/views/bonus_states.sql``); this module
only asks for them and hands back DataFrames whose money and hours stay ``Decimal``.
"""

from __future__ import annotations

import datetime as dt

from leadanalytics.db.warehouse import Output, Warehouse, decimal_frame

BONUS_LIST_COLUMNS = (
    "lead_id", "submitter_id", "assignment_id", "scheme", "trigger", "threshold_hours",
    "invoiced_hours", "earned_on", "payout_date", "amount_eur", "status", "dispute",
)


def bonuses_list(warehouse: Warehouse, as_of: dt.date, output: Output = "pandas",
                 scope: str = "all", as_person: str | None = None):
    """Every lead won by ``as_of`` with its bonus state: the columns of `bonuses list`.

    ``scope`` is ``all``, ``branch:ID`` or ``person:ID``; with ``as_person`` the person must be
    allowed that scope (``ScopeViolation`` otherwise).

    Examples:
        >>> df = bonuses_list(w, dt.date(2026, 3, 31))             # doctest: +SKIP
        >>> df.loc[0, ["lead_id", "status", "amount_eur"]].tolist()  # doctest: +SKIP
        ['L-1', 'earned', Decimal('250.00')]
    """
    from leadanalytics.access.scopes import resolve_scope

    chosen = resolve_scope(warehouse, scope, as_person=as_person, day=as_of)
    return decimal_frame(warehouse, "queries/bonuses/bonuses_list", output, as_of=as_of,
                         **chosen.params())


def bonus_states(warehouse: Warehouse, as_of: dt.date, lead_id: str | None = None,
                 output: Output = "pandas"):
    """The bonus state of every won lead (or one) as of ``as_of``, with every derivation step.

    Examples:
        >>> bonus_states(w, dt.date(2026, 3, 31), "L-1")["run_started_on"][0]  # doctest: +SKIP
        datetime.date(2026, 3, 23)
    """
    return decimal_frame(warehouse, "queries/bonuses/bonus_states", output, as_of=as_of, lead_id=lead_id)


def bonus_forecast(warehouse: Warehouse, as_of: dt.date, output: Output = "pandas",
                   scope: str = "all", as_person: str | None = None):
    """Pending bonuses with the hours still missing, the weekly pace of the last 4 weeks (by
    status date) and a projected earn date at that pace (a projection, never a promise).

    Examples:
        >>> bonus_forecast(w, dt.date(2026, 3, 31))[["lead_id", "projected_earned_on"]]  # doctest: +SKIP
    """
    from leadanalytics.access.scopes import resolve_scope

    chosen = resolve_scope(warehouse, scope, as_person=as_person, day=as_of)
    return decimal_frame(warehouse, "queries/bonuses/bonus_forecast", output, as_of=as_of,
                         **chosen.params())
