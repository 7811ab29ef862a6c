"""Payout batches: close a period, approve (four eyes), mark paid, resolve a `review` bonus.

Every step is one transaction, recorded with who and when; a bonus's lines alternate bonus,
clawback, reinstatement (positions 1, 2, 3, ... per lead: the table's key), so its bonus line is
in one batch ever; closing a month twice returns the same batch. What a batch holds comes from
the SQL macro ``bonuses_due`` (``sql/views/bonuses_due.sql``); no approval or payment while a
bonus in the batch is `review` (bonus-rules.md, "Controls before money moves").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

from leadanalytics import clock
from leadanalytics.bonuses import audit
from leadanalytics.bonuses.roles import require_finance
from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.exceptions import (
    BatchInReview,
    BatchStateError,
    NotAllowed,
    NotFound,
    RuleViolation,
)
from leadanalytics.notify.outbox import Message, queue_messages, recipient_language, render

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
Decision = Literal["keep", "clawback", "reinstate"]
_ANSWERS = {"clawback": "loss", "reinstate": "recovery"}   # the change each line answers
_LINE_KIND = {"clawback": "clawback", "reinstate": "reinstatement"}
_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_ITEM_COLUMNS = ("lead_id", "kind", "submitter_id", "assignment_id", "scheme", "trigger",
                 "threshold_hours", "invoiced_hours", "earned_on", "payout_date", "amount_eur")


@dataclass(frozen=True)
class Batch:
    """A payout batch as stored: status and every dated step."""

    batch_id: str
    period: str
    status: str
    prepared_by: str
    prepared_at: dt.datetime
    approved_by: str | None
    approved_at: dt.datetime | None
    paid_by: str | None
    paid_at: dt.datetime | None
    items: int
    total_eur: Decimal


@dataclass(frozen=True)
class CloseResult:
    """What ``close_period`` did (or, with ``dry_run``, would do)."""

    period: str
    batch: Batch | None
    created: bool
    dry_run: bool
    items: list[dict[str, Any]] = field(default_factory=list)
    earned_later: int = 0
    earliest_month: str | None = None
    pending: int = 0

    @property
    def total_eur(self) -> Decimal:
        return sum((i["amount_eur"] for i in self.items), Decimal("0.00"))

    def summary(self) -> str:
        """One line for people: what was made, or why nothing was."""
        if self.batch is not None and not self.created:
            b = self.batch
            return (f"period {self.period} was already closed: batch {b.batch_id} ({b.status}, "
                    f"{b.items} items, {b.total_eur:.2f} EUR), unchanged"
                    + (" (dry run, nothing written)" if self.dry_run else ""))
        if not self.items:
            later = (f"{self.earned_later} bonus(es) earned but due in a later month"
                     + (f" (earliest {self.earliest_month})" if self.earliest_month else ""))
            return (f"nothing due for {self.period}: no batch made, the month stays open; "
                    f"{later}; {self.pending} pending")
        what = "would hold" if self.dry_run else f"batch {self.batch.batch_id} holds"
        return (f"period {self.period}: {what} {len(self.items)} item(s), "
                f"{self.total_eur:.2f} EUR" + (" (dry run, nothing written)" if self.dry_run else ""))


def _now(at: dt.datetime | None) -> dt.datetime:
    return (at or clock.now()).astimezone(AMSTERDAM)


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of a ``YYYY-MM`` period.

    Examples:
        >>> period_bounds("2026-02")
        (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    """
    m = _PERIOD.match(period or "")
    if not m:
        raise RuleViolation("period_format", f"period {period!r} is not YYYY-MM (e.g. 2026-04)")
    first = dt.date(int(m.group(1)), int(m.group(2)), 1)
    nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def _batch(tx: Transaction, key: str) -> Batch | None:
    cur = tx.run("queries/bonuses/bonus_batch", batch_id=key)
    cols = [d[0] for d in cur.description]
    rows = cur.fetchall()
    return Batch(**dict(zip(cols, rows[0], strict=True))) if rows else None


def get_batch(warehouse: Warehouse, batch: str) -> Batch:
    """A batch by id (``B-2026-04``) or by period (``2026-04``); ``NotFound`` otherwise."""
    with warehouse.reader() as con:
        found = _batch(Transaction(con), batch)
    if found is None:
        raise NotFound("bonus batch", batch)
    return found


def close_period(
    warehouse: Warehouse, period: str, by: str, *, dry_run: bool = False,
    at: dt.datetime | None = None,
) -> CloseResult:
    """Make the payout batch of ``period`` (``YYYY-MM``): bonuses earned as of its last day and
    due by then, plus the decided lines (clawback, reinstatement) waiting for the next batch.
    Idempotent: a closed month returns its batch (with ``dry_run`` too: it says so).

    Examples:
        >>> r = close_period(w, "2026-04", by="P-FIN1")              # doctest: +SKIP
        >>> r.batch.batch_id, len(r.items)                           # doctest: +SKIP
        ('B-2026-04', 3)
    """
    now = _now(at)
    first, last = period_bounds(period)
    if first > now.date().replace(day=1):
        raise RuleViolation("period_in_future",
                            f"period {period} is after the current month {now:%Y-%m}: "
                            "close it once it has begun")
    with warehouse.transaction() as tx:
        require_finance(tx, by, "close a period", now.date())
        existing = _batch(tx, period)
        if existing is not None:
            items = _items(tx, existing.batch_id)
            return CloseResult(period, existing, created=False, dry_run=dry_run, items=items)
        cur = tx.run("queries/bonuses/bonus_period_due", period_end=last)
        due = [dict(zip(_ITEM_COLUMNS, r, strict=True)) for r in cur.fetchall()]
        if not due:
            later, earliest, pending = tx.fetchone("queries/bonuses/bonus_period_not_due", period_end=last)
            return CloseResult(period, None, created=False, dry_run=dry_run,
                               earned_later=later, earliest_month=earliest, pending=pending)
        if dry_run:
            return CloseResult(period, None, created=False, dry_run=True, items=due)
        batch_id = f"B-{period}"
        tx.run("queries/bonuses/bonus_batch_insert", batch_id=batch_id, period=period, by=by, at=now)
        tx.run("queries/bonuses/bonus_batch_items_insert", batch_id=batch_id, period_end=last,
               by=by, at=now)
        audit.record(tx, "close_period", batch_id=batch_id, by=by, what=f"period {period}", at=now)
        made = _batch(tx, batch_id)
        return CloseResult(period, made, created=True, dry_run=False, items=_items(tx, batch_id))


def _items(tx: Transaction, batch_id: str) -> list[dict[str, Any]]:
    rows = tx.fetchall("queries/bonuses/bonus_batch_items_of", batch_id=batch_id)
    return [dict(zip(_ITEM_COLUMNS, r, strict=True)) for r in rows]


def _review_why(row: dict[str, Any]) -> str:
    """Why a bonus is `review`: the hours now against the threshold and since when."""
    if row["scheme"] is None:
        return "no scheme applies"
    hours = (f"{row['invoiced_hours']:.2f} h invoiced"
             if row["invoiced_hours"] is not None else "placement bonus")
    threshold = (f"the threshold of {row['threshold_hours']:.2f} h"
                 if row["threshold_hours"] is not None else "its condition")
    since = row["review_since"].isoformat() if row["review_since"] else "its won date"
    if row["review_change"] == "loss":
        return f"{hours}, below {threshold} since {since} (a loss not yet answered)"
    return (f"{hours}, at or above {threshold} since {since} "
            "(a recovery after a clawback not yet answered)")


def _refuse_while_review(tx: Transaction, b: Batch, action: str, day: dt.date) -> None:
    cur = tx.run("queries/bonuses/bonus_batch_review", batch_id=b.batch_id, as_of=day)
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    if rows:
        raise BatchInReview(b.batch_id, action, day.isoformat(),
                            [(r["lead_id"], _review_why(r)) for r in rows])


def approve_batch(warehouse: Warehouse, batch: str, by: str, *, at: dt.datetime | None = None
                  ) -> Batch:
    """Approve a prepared batch: finance, neither the person who closed the period nor anyone
    who added a line to it; refused while a bonus in it is `review` (``BatchInReview``).

    Examples:
        >>> approve_batch(w, "B-2026-04", by="P-FIN2").status        # doctest: +SKIP
        'approved'
    """
    now = _now(at)
    with warehouse.transaction() as tx:
        b = _batch(tx, batch)
        if b is None:
            raise NotFound("bonus batch", batch)
        require_finance(tx, by, f"approve batch {b.batch_id}", now.date())
        if b.status != "prepared":
            raise BatchStateError(b.batch_id, b.status, "approve",
                                  f"it was approved by {b.approved_by} at {b.approved_at:%Y-%m-%d %H:%M}")
        if b.prepared_by == by:
            raise NotAllowed(by, f"approve batch {b.batch_id}", "four_eyes",
                             "the person who closed the period may not approve its batch; "
                             "ask another finance person")
        if by in {r[0] for r in tx.fetchall("queries/bonuses/bonus_batch_adders",
                                             batch_id=b.batch_id)}:
            raise NotAllowed(by, f"approve batch {b.batch_id}", "four_eyes",
                             "the person who added a line to the batch may not approve it; "
                             "ask another finance person")
        _refuse_while_review(tx, b, "approve it", now.date())
        tx.run("queries/bonuses/bonus_batch_approve", batch_id=b.batch_id, by=by, at=now)
        audit.record(tx, "approve", batch_id=b.batch_id, by=by, at=now)
        return _batch(tx, b.batch_id)


def mark_batch_paid(warehouse: Warehouse, batch: str, by: str, *, at: dt.datetime | None = None
                    ) -> Batch:
    """Record that an approved batch was paid; refused while a bonus in it is `review`.

    Examples:
        >>> mark_batch_paid(w, "B-2026-04", by="P-FIN1").status      # doctest: +SKIP
        'paid'
    """
    now = _now(at)
    with warehouse.transaction() as tx:
        b = _batch(tx, batch)
        if b is None:
            raise NotFound("bonus batch", batch)
        require_finance(tx, by, f"mark batch {b.batch_id} paid", now.date())
        if b.status == "prepared":
            raise BatchStateError(b.batch_id, b.status, "mark it paid",
                                  "a batch is paid only after another finance person approved it")
        if b.status == "paid":
            raise BatchStateError(b.batch_id, b.status, "mark it paid",
                                  f"it was marked paid by {b.paid_by} at {b.paid_at:%Y-%m-%d %H:%M}")
        _refuse_while_review(tx, b, "mark it paid", now.date())
        tx.run("queries/bonuses/bonus_batch_mark_paid", batch_id=b.batch_id, by=by, at=now)
        audit.record(tx, "mark_paid", batch_id=b.batch_id, by=by, at=now)
        return _batch(tx, b.batch_id)


def resolve_bonus(warehouse: Warehouse, lead_id: str, decision: Decision, by: str, *,
                  reason: str | None = None, at: dt.datetime | None = None) -> dict[str, Any]:
    """Finance's answer to a `review` bonus: ``keep`` (the lines stay as they are: a kept loss
    stays paid, a kept recovery stays clawed back), ``clawback`` (answers a loss: a -amount line)
    or ``reinstate`` (answers a recovery after a clawback: a +amount line earned on the day H
    crossed back above the threshold). A line goes into the batch of the bonus's latest line if
    that batch is not paid (an approval of it is withdrawn, recorded), else it waits for the next
    period closed. A clawback or reinstatement queues one notice to the submitter (outbox, in
    their language) with ``reason``, the text finance gives. Returns the recorded resolution.

    Examples:
        >>> resolve_bonus(w, "L-104", "keep", by="P-FIN1")          # doctest: +SKIP
        {'lead_id': 'L-104', 'decision': 'keep', 'loss_since': datetime.date(2026, 3, 20), ...}
    """
    if decision not in ("keep", "clawback", "reinstate"):
        raise ValueError(f"decision must be 'keep', 'clawback' or 'reinstate', not {decision!r}")
    now = _now(at)
    with warehouse.transaction() as tx:
        require_finance(tx, by, f"resolve the bonus of lead {lead_id}", now.date())
        cur = tx.run("queries/bonuses/bonus_states", as_of=now.date(), lead_id=lead_id)
        cols = [d[0] for d in cur.description]
        rows = cur.fetchall()
        if not rows:
            raise NotFound("won lead with a bonus", lead_id)
        state = dict(zip(cols, rows[0], strict=True))
        if state["status"] != "review" or not state["lines"]:
            raise RuleViolation("resolve_needs_review",
                                f"lead {lead_id}: only a batched bonus in `review` can be resolved; "
                                f"its status as of {now.date()} is {state['status']}")
        change = state["review_change"]
        if decision != "keep" and _ANSWERS[decision] != change:
            other = "--clawback" if change == "loss" else "--reinstate"
            raise RuleViolation("resolve_answers_other_change",
                                f"lead {lead_id}: --{decision} answers a {_ANSWERS[decision]}, but "
                                f"its review is a {change}: {_review_why(state)}; "
                                f"answer it with {other} or --keep")
        done = {"lead_id": lead_id, "decision": decision, "change": change,
                "loss_since": state["review_since"], "reason": reason, "resolved_by": by,
                "resolved_at": now, "position": state["lines"], "batch_id": None,
                "approval_withdrawn": False, "kind": None, "amount_eur": None,
                "earned_on": None, "payout_date": None}
        if decision != "keep":
            done.update(_add_line(tx, state, decision, by, reason or "", now))
        tx.run("queries/bonuses/bonus_resolution_insert", lead_id=lead_id, decision=decision,
               loss_since=state["review_since"], by=by, at=now, reason=reason, change=change,
               position=done["position"], earned_on=done["earned_on"],
               payout_date=done["payout_date"], amount_eur=done["amount_eur"],
               batch_id=done["batch_id"])
        audit.record(tx, "resolve", lead_id=lead_id, by=by, reason=reason, what=decision, at=now)
        if decision != "keep":
            _notify_submitter(tx, state, done, by, now)
        return done


def _notify_submitter(tx: Transaction, state: dict[str, Any], done: dict[str, Any], by: str,
                      now: dt.datetime) -> None:
    """One notice to the submitter of a decided clawback or reinstatement (bonus-rules.md,
    "Corrections after a batch"), with the reason finance gave; none without an address."""
    found = tx.fetchone("queries/bonuses/bonus_correction_recipient",
                        person_id=state["submitter_id"])
    if found is None or not found[2] or found[2] == "***":
        return
    person_id, name, email = found
    language = recipient_language(tx, person_id)
    batch = _batch(tx, done["batch_id"]) if done["batch_id"] else None
    decider = tx.fetchone("queries/bonuses/bonus_person_name", person_id=by)
    subject, body = render(
        "bonus_correction", language, name=name or person_id, lead_id=state["lead_id"],
        assignment_id=state["assignment_id"], line_kind=done["kind"],
        amount_eur=abs(done["amount_eur"]), payout_date=done["payout_date"],
        batch_id=done["batch_id"], batch_period=batch.period if batch else None,
        decided_on=now.date(), decided_by_name=(decider[0] if decider and decider[0] else by),
        reason=(done["reason"] or "").strip() or None)
    queue_messages(tx, [Message(f"bonus_correction:{state['lead_id']}:{done['position']}",
                                "bonus_correction", person_id, email, language, subject, body,
                                state["lead_id"])], now)


def _add_line(tx: Transaction, state: dict[str, Any], decision: str, by: str, reason: str,
              now: dt.datetime) -> dict[str, Any]:
    """The decided line: into the unpaid batch of the bonus's latest line (withdrawing its
    approval), or (``batch_id`` None) waiting for the next period closed."""
    lead_id, kind = state["lead_id"], _LINE_KIND[decision]
    if decision == "clawback":     # takes back the latest positive line, with its dates
        line = {"amount_eur": -state["amount_eur"], "earned_on": state["earned_on"],
                "payout_date": state["payout_date"]}
    else:                          # earned again on the day H crossed back above the threshold
        line = {"amount_eur": state["amount_eur"], "earned_on": state["computed_earned_on"],
                "payout_date": state["computed_payout_date"]}
    line.update(kind=kind, position=state["lines"] + 1, batch_id=None, approval_withdrawn=False)
    latest = _batch(tx, state["batch_id"]) if state["batch_id"] else None
    if latest is None or latest.status == "paid":
        return line
    if latest.status == "approved":
        tx.run("queries/bonuses/bonus_approval_withdrawal_insert", batch_id=latest.batch_id,
               by=by, at=now, lead_id=lead_id,
               reason=f"{kind} line of lead {lead_id} added by {by}"
               + (f": {reason}" if reason else ""))
        tx.run("queries/bonuses/bonus_batch_unapprove", batch_id=latest.batch_id)
        audit.record(tx, "withdraw_approval", batch_id=latest.batch_id, lead_id=lead_id, by=by,
                     reason=reason or None, what=f"{kind} line of lead {lead_id} added", at=now)
        line["approval_withdrawn"] = True
    tx.run("queries/bonuses/bonus_item_add", batch_id=latest.batch_id, lead_id=lead_id,
           position=line["position"], kind=kind, invoiced_hours=state["invoiced_hours"],
           earned_on=line["earned_on"], payout_date=line["payout_date"],
           amount_eur=line["amount_eur"], by=by, at=now)
    line["batch_id"] = latest.batch_id
    return line
