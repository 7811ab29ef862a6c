"""Back-test of `bonuses accrual` on a warehouse (README, "Bonus accrual").

For each month-end D whose next ``--window`` payout months are known by the last day of data,
the accrual as of D against what was actually earned for those payout months, as the warehouse
answers at that last day (``bonus_states``: earned, batched or paid, by payout month): in total,
and split by what each bonus was at D: earned (what ``certain_eur`` counts), `pending` (what the
Kaplan-Meier ``expected_eur`` predicts) or not yet won (never in the accrual).

    .venv/bin/leadanalytics --db /tmp/acc/leadanalytics.duckdb demo --out /tmp/acc
    .venv/bin/python benchmarks/accrual_backtest.py --db /tmp/acc/leadanalytics.duckdb
"""

from __future__ import annotations

import argparse
import datetime as dt
import warnings
from decimal import Decimal

import pandas as pd

import leadanalytics as la
from leadanalytics.bonuses import AccrualWarning, bonus_accrual

ACTUAL = """
SELECT strftime(t.payout_date, '%Y-%m') AS payout_month, sum(t.amount_eur) AS actual_eur,
       sum(t.amount_eur) FILTER (WHERE d.status IN ('earned', 'in_batch', 'approved'))
           AS from_earned_eur,
       sum(t.amount_eur) FILTER (WHERE d.status = 'pending') AS from_pending_eur,
       sum(t.amount_eur) FILTER (WHERE d.lead_id IS NULL) AS won_after_eur
FROM bonus_states($truth) t
LEFT JOIN bonus_states($as_of) d ON d.lead_id = t.lead_id
WHERE t.status IN ('earned', 'in_batch', 'approved', 'paid', 'review')
  AND t.payout_date > $as_of
GROUP BY 1
"""


def month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    out, m = [], dt.date(first.year, first.month, 1)
    while True:
        nxt = dt.date(m.year + m.month // 12, m.month % 12 + 1, 1)
        end = nxt - dt.timedelta(days=1)
        if end > last:
            return out
        out.append(end)
        m = nxt


def backtest(w: la.Warehouse, window: int = 3) -> list[dict]:
    truth = w.sql("select max(status_date) as d from timesheet_lines")["d"][0]
    truth = dt.date.fromisoformat(str(truth)[:10])
    first = w.sql("select min(won_on) as d from bonus_leads")["d"][0]
    first = dt.date.fromisoformat(str(first)[:10])
    rows = []
    for as_of in month_ends(first, truth):
        # payout month m is known when the month it is earned in (m - 1) ended by `truth`
        last_payout = dt.date(as_of.year + (as_of.month + window - 1) // 12,
                              (as_of.month + window - 1) % 12 + 1, 1)
        earn_end = dt.date(last_payout.year, last_payout.month, 1) - dt.timedelta(days=1)
        if earn_end > truth:
            break
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", AccrualWarning)
            acc = bonus_accrual(w, as_of, months=window + 1).iloc[1:]   # the months after D's
        months = list(acc["payout_month"])
        actual = w.sql(ACTUAL, truth=truth, as_of=as_of)
        actual = actual[actual["payout_month"].isin(months)]

        def total(values) -> Decimal:
            return sum((v for v in values if not pd.isna(v)), Decimal("0.00"))

        rows.append({
            "as_of": as_of.isoformat(), "payout_months": f"{months[0]}..{months[-1]}",
            "certain_eur": total(acc["certain_eur"]), "expected_eur": total(acc["expected_eur"]),
            "accrual_eur": total(acc["total_eur"]), "actual_eur": total(actual["actual_eur"]),
            "of_which_earned_at_d": total(actual["from_earned_eur"]),
            "of_which_pending_at_d": total(actual["from_pending_eur"]),
            "of_which_won_after_d": total(actual["won_after_eur"]),
        })
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="demo/leadanalytics.duckdb")
    parser.add_argument("--window", type=int, default=3, help="payout months after D's")
    args = parser.parse_args()
    rows = backtest(la.connect(args.db), args.window)
    cols = list(rows[0]) if rows else []
    print("| " + " | ".join(cols) + " |")
    print("|" + " --- |" * len(cols))
    for r in rows:
        print("| " + " | ".join(f"{v:.2f}" if isinstance(v, Decimal) else str(v)
                                for v in r.values()) + " |")


if __name__ == "__main__":
    main()
