"""The bonus accrual: the cost finance should expect per payout month (bonus-rules.md, "Accrual").

Certain cost (earned, unpaid bonuses by payout date) and expected cost (pending hours bonuses
times a Kaplan-Meier probability of being earned in time for each month's payout) come from SQL
(``sql/queries/bonuses/accrual_months.sql`` over the macros ``bonus_projections`` and
``bonus_earn_curves``); this module only asks for them and warns when there is no curve. It holds
no estimator and no loop over leads.
"""

from __future__ import annotations

import datetime as dt
import warnings

from leadanalytics.db.warehouse import Output, Warehouse, decimal_frame

#: A (scheme, business unit) gets a curve of its own from this many won hours leads on.
MIN_GROUP_LEADS = 30

ACCRUAL_COLUMNS = ("payout_month", "certain_eur", "expected_eur", "total_eur")


class AccrualWarning(UserWarning):
    """The accrual could not estimate part of what it reports (the message says what and why)."""


def _no_curve_message(as_of: dt.date) -> str:
    return (f"expected_eur is empty: no lead was won with an hours-trigger bonus before {as_of}, "
            "so there is no Kaplan-Meier curve of the days from won to earned to estimate it "
            "from; total_eur holds the certain cost only")


def bonus_accrual(warehouse: Warehouse, as_of: dt.date, months: int = 12, scope: str = "all",
                  output: Output = "pandas", as_person: str | None = None):
    """The bonus cost per payout month from ``as_of``'s month on, for ``months`` months:
    ``payout_month`` (``YYYY-MM``), ``certain_eur``, ``expected_eur``, ``total_eur`` (exact
    decimals).

    ``certain_eur``: bonuses earned by ``as_of``, batched or not, not yet paid, in the month of
    their payout date (one past it counts in ``as_of``'s month). ``expected_eur``: pending hours
    bonuses, each its amount times the probability of being earned in the month whose payout
    that is, given not earned by ``as_of``; from the Kaplan-Meier curve of days from won to
    earned over the leads won before ``as_of`` (whole warehouse; per scheme and business unit
    where that group has at least 30 such leads, else overall). ``scope`` (``all``,
    ``branch:ID``, ``person:ID``) chooses the bonuses counted, never the curve. With no such
    lead, ``expected_eur`` is empty and an :class:`AccrualWarning` says why.

    Examples:
        >>> bonus_accrual(w, dt.date(2026, 3, 31), months=3)            # doctest: +SKIP
          payout_month certain_eur expected_eur total_eur
        0      2026-03        0.00         0.00      0.00
        1      2026-04      500.00        83.33    583.33
        2      2026-05        0.00        41.67     41.67
    """
    from leadanalytics.access.scopes import resolve_scope

    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 240:
        raise ValueError(f"months must be a whole number from 1 to 240, not {months!r}")
    chosen = resolve_scope(warehouse, scope, as_person=as_person, day=as_of)
    frame = decimal_frame(warehouse, "queries/bonuses/accrual_months", output, as_of=as_of,
                          months=months, min_group=MIN_GROUP_LEADS, **chosen.params())
    expected = frame["expected_eur"]
    if len(frame) and (expected.is_null().all() if output == "polars" else expected.isna().all()):
        warnings.warn(_no_curve_message(as_of), AccrualWarning, stacklevel=2)
    return frame


def bonus_earn_curves(warehouse: Warehouse, as_of: dt.date, output: Output = "pandas"):
    """The Kaplan-Meier curves behind :func:`bonus_accrual` as of ``as_of``: ``curve_id`` (0 is
    the overall curve), ``curve_scheme``, ``curve_business_unit``, ``overall``, ``group_leads``,
    ``days``, ``at_risk``, ``earned``, ``censored``, ``survival``.

    Examples:
        >>> bonus_earn_curves(w, dt.date(2026, 3, 31)).query("overall")  # doctest: +SKIP
    """
    return decimal_frame(warehouse, "queries/bonuses/accrual_curves", output, as_of=as_of,
                         min_group=MIN_GROUP_LEADS)
