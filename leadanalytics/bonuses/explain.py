"""`bonuses explain`: the derivation of one bonus, step by step, for finance.

Every figure comes from the same SQL as `bonuses list` (the ``bonus_states`` macro and the
``bonus_hours_timeline`` view); this module only puts the steps into words.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.exceptions import NotFound

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, Decimal):
        return f"{v:.2f}"
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ", timespec="seconds")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _dicts(cur) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def explain_bonus(warehouse: Warehouse, lead_id: str, as_of: dt.date) -> dict[str, Any]:
    """The bonus of ``lead_id`` as of ``as_of`` with every step: scheme and why, amount rule,
    invoiced hours known per date, threshold reached or lost, payout date, batch history.

    Returns a dict with ``state`` (the row of ``bonus_states``), ``timeline`` (one dict per day
    the known invoiced hours changed), ``batches`` (the lead's batch items and steps) and
    ``answers`` (finance's `keep` answers and approvals withdrawn by its lines) and ``steps``
    (the derivation in words, numbered once each). Lines and answers after ``as_of`` are left
    out.

    Examples:
        >>> print("\\n".join(explain_bonus(w, "L-1", dt.date(2026, 3, 31))["steps"]))  # doctest: +SKIP
    """
    with warehouse.reader() as con:
        tx = Transaction(con)
        state = _dicts(tx.run("queries/bonuses/bonus_states", as_of=as_of, lead_id=lead_id))
        if not state:
            raise NotFound("lead won by " + as_of.isoformat(), lead_id)
        s = state[0]
        timeline = _dicts(tx.run("queries/bonuses/bonus_explain_timeline", as_of=as_of,
                                 assignment_id=s["assignment_id"],
                                 threshold=s["threshold_hours"]))
        batches = _dicts(tx.run("queries/bonuses/bonus_explain_batches", lead_id=lead_id))
        answers = _dicts(tx.run("queries/bonuses/bonus_explain_answers", lead_id=lead_id))
    batches = [b if b["added_at"] is None or _by(b["added_at"], as_of) else {**b, "batch_id": None}
               for b in batches if _by(b["decided_at"] or b["added_at"], as_of)]  # waiting then
    answers = [a for a in answers if _by(a["at"], as_of)]
    return {"state": s, "timeline": timeline, "batches": batches, "answers": answers,
            "steps": _steps(s, timeline, batches, answers, as_of)}


def _by(at: dt.datetime | None, as_of: dt.date) -> bool:
    """Whether a moment falls by the end of ``as_of`` (Europe/Amsterdam)."""
    return at is not None and at.astimezone(AMSTERDAM).date() <= as_of


def _steps(s: dict, timeline: list[dict], batches: list[dict], answers: list[dict],
           as_of: dt.date) -> list[str]:
    out = [f"Bonus of lead {s['lead_id']} as of {as_of} (submitter {_fmt(s['submitter_id'])})"]
    out.append(f"1. Won: {s['won_entity']} event into won phase {s['won_phase']} at "
               f"{_fmt(s['won_at'])} (won on {_fmt(s['won_on'])}), assignment {s['assignment_id']}.")
    out.append(f"2. Submitted on {_fmt(s['submitted_on'])} (Europe/Amsterdam; first event leaving "
               f"the default phase, at {_fmt(s['submitted_at'])}).")
    if s["scheme"] is None:
        out.append("3. Scheme: none is valid on the submission date, so the status is review and "
                   "no amount applies. Add a scheme whose validity covers it.")
        out.append(f"Status: {s['status']}.")
        return out
    out.append(f"3. Scheme {s['scheme']}: valid {_fmt(s['valid_from'])} to "
               f"{_fmt(s['valid_to']) if s['valid_to'] else 'open'}, which contains the "
               "submission date.")
    out.append(f"4. Amount rule {s['amount_rule']}: {_fmt(s['scheme_amount_eur'])} EUR "
               f"(business unit {_fmt(s['business_unit'])}); trigger {s['trigger']}"
               + (f", threshold {_fmt(s['threshold_hours'])} h." if s["trigger"] == "hours" else "."))
    if s["trigger"] == "placement":
        out.append(f"5. Placement trigger: earned on the won date {_fmt(s['won_on'])}.")
    else:
        out.append("5. Invoiced hours known per date (status dates, never backdated):")
        for t in timeline:
            note = {"reached": " -> threshold reached", "lost": " -> below threshold (lost)"}.get(
                t["crossing"] or "", "")
            out.append(f"   {_fmt(t['changed_on'])}: {_fmt(t['invoiced_hours'])} h{note}")
        if not timeline:
            out.append("   (no invoiced hours known yet)")
        out.append(f"   As of {as_of}: {_fmt(s['invoiced_hours'])} h; condition "
                   f"{'holds' if s['holds'] else 'does not hold'}.")
        if s["holds"]:
            out.append(f"   Current run above the threshold began {_fmt(s['run_started_on'])}; "
                       f"never before the won date {_fmt(s['won_on'])}, so earned on "
                       f"{_fmt(s['computed_earned_on'])}.")
        elif s["ever_reached"]:
            out.append(f"   Reached before, lost on {_fmt(s['loss_since'])} through a correction.")
    if s["computed_earned_on"] is not None:
        out.append(f"6. Payout: day {s['payout_day']} of the month {s['payout_lag_months']} "
                   f"month(s) after {_fmt(s['computed_earned_on'])} (clamped to the month's end).")
    if batches:
        out.extend(_lines(s, batches, answers, as_of))
    out.append(f"Status: {s['status']}; earned_on {_fmt(s['earned_on'])}, payout_date "
               f"{_fmt(s['payout_date'])}, amount {_fmt(s['amount_eur'])} EUR.")
    return out


def _lines(s: dict, batches: list[dict], answers: list[dict], as_of: dt.date) -> list[str]:
    """Steps 7 and 8: the bonus's lines in payout batches, and their sum against the condition."""
    out = ["7. Lines in payout batches (bonus, then clawback / reinstatement as finance decided; "
           "their sum is the amount or zero):"]
    for b in batches:
        where = (f"batch {b['batch_id']} ({b['period']}; prepared by {b['prepared_by']} at "
                 f"{_fmt(b['prepared_at'])}; approved by {_fmt(b['approved_by'])} at "
                 f"{_fmt(b['approved_at'])}; paid by {_fmt(b['paid_by'])} at "
                 f"{_fmt(b['paid_at'])})" if b["batch_id"] else "waiting for the next period closed")
        decided = (f"; decided by {b['decided_by']} at {_fmt(b['decided_at'])}"
                   + (f": {b['reason']}" if b["reason"] else "") if b["decided_by"] else "")
        out.append(f"   {b['position']}. {b['kind']} {_fmt(b['amount_eur'])} EUR, earned_on "
                   f"{_fmt(b['earned_on'])}, payout {_fmt(b['payout_date'])}, in {where}"
                   f"{decided}.")
    for a in answers:
        if a["what"] == "keep":
            out.append(f"   Kept by {a['who']} at {_fmt(a['at'])}: the {a['change']} since "
                       f"{_fmt(a['since'])} left as it was" + (f" ({a['reason']})." if a["reason"]
                                                               else "."))
        else:
            out.append(f"   Approval of batch {a['batch_id']} by {_fmt(a['approved_by'])} withdrawn "
                       f"by {a['who']} at {_fmt(a['at'])}: {a['reason']}.")
    total = _fmt(s["items_sum_eur"])
    if s["review_change"] is None:
        verdict = "agrees with the condition"
    elif s["review_kept"]:
        verdict = (f"disagrees (a {s['review_change']} since {_fmt(s['review_since'])}), and "
                   "finance kept it")
    else:
        verdict = (f"disagrees: a {s['review_change']} since {_fmt(s['review_since'])} not yet "
                   "answered, so the status is review (`bonuses resolve --keep | --clawback | "
                   "--reinstate`)")
    out.append(f"8. Sum of the lines as of {as_of}: {total} EUR; the condition "
               f"{'holds' if s['holds'] else 'does not hold'}; the sum {verdict}.")
    return out
