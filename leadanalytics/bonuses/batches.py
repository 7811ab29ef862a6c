"""Payout batches: close a period, approve (four eyes), mark paid, resolve a `review` bonus.

Every step is one transaction, recorded with who and when; a bonus is in at most one batch ever
(the table's key enforces it); closing a month twice returns the same batch. What a batch holds
comes from the SQL macro ``bonus_period_due`` (``sql/views/bonus_period_due.sql``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

from leadanalytics import clock
from leadanalytics.bonuses.roles import require_finance
from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.exceptions import BatchStateError, NotAllowed, NotFound, RuleViolation

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
Decision = Literal["keep", "clawback"]
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
        if self.batch is not None and not self.created and not self.dry_run:
            b = self.batch
            return (f"period {self.period} was already closed: batch {b.batch_id} ({b.status}, "
                    f"{b.items} items, {b.total_eur:.2f} EUR), unchanged")
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
    due by then, plus pending clawback lines. Idempotent: a closed month returns its batch.

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
        tx.run("queries/bonuses/bonus_batch_items_insert", batch_id=batch_id, period_end=last)
        made = _batch(tx, batch_id)
        return CloseResult(period, made, created=True, dry_run=False, items=_items(tx, batch_id))


def _items(tx: Transaction, batch_id: str) -> list[dict[str, Any]]:
    rows = tx.fetchall("queries/bonuses/bonus_batch_items_of", batch_id=batch_id)
    return [dict(zip(_ITEM_COLUMNS, r, strict=True)) for r in rows]


def approve_batch(warehouse: Warehouse, batch: str, by: str, *, at: dt.datetime | None = None
                  ) -> Batch:
    """Approve a prepared batch: finance, and not the person who closed the period.

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
        tx.run("queries/bonuses/bonus_batch_approve", batch_id=b.batch_id, by=by, at=now)
        return _batch(tx, b.batch_id)


def mark_batch_paid(warehouse: Warehouse, batch: str, by: str, *, at: dt.datetime | None = None
                    ) -> Batch:
    """Record that an approved batch was paid.

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
        tx.run("queries/bonuses/bonus_batch_mark_paid", batch_id=b.batch_id, by=by, at=now)
        return _batch(tx, b.batch_id)


def resolve_bonus(warehouse: Warehouse, lead_id: str, decision: Decision, by: str, *,
                  at: dt.datetime | None = None) -> dict[str, Any]:
    """Finance's decision on a `review` bonus: ``keep`` it, or ``clawback`` (a negative line in
    the next batch). Returns the recorded resolution.

    Examples:
        >>> resolve_bonus(w, "L-104", "keep", by="P-FIN1")          # doctest: +SKIP
        {'lead_id': 'L-104', 'decision': 'keep', 'loss_since': datetime.date(2026, 3, 20), ...}
    """
    if decision not in ("keep", "clawback"):
        raise ValueError(f"decision must be 'keep' or 'clawback', not {decision!r}")
    now = _now(at)
    with warehouse.transaction() as tx:
        require_finance(tx, by, f"resolve the bonus of lead {lead_id}", now.date())
        cur = tx.run("queries/bonuses/bonus_states", as_of=now.date(), lead_id=lead_id)
        cols = [d[0] for d in cur.description]
        rows = cur.fetchall()
        if not rows:
            raise NotFound("won lead with a bonus", lead_id)
        state = dict(zip(cols, rows[0], strict=True))
        if state["status"] != "review" or state["batch_id"] is None:
            raise RuleViolation("resolve_needs_review",
                                f"lead {lead_id}: only a batched bonus in `review` can be resolved; "
                                f"its status as of {now.date()} is {state['status']}")
        if state["clawback_decided"]:
            raise RuleViolation("resolve_after_clawback",
                                f"lead {lead_id}: its bonus is already being clawed back "
                                f"(batch {state['clawback_batch_id'] or 'not yet closed'})")
        tx.run("queries/bonuses/bonus_resolution_insert", lead_id=lead_id, decision=decision,
               loss_since=state["loss_since"], by=by, at=now)
        return {"lead_id": lead_id, "decision": decision, "loss_since": state["loss_since"],
                "resolved_by": by, "resolved_at": now, "batch_id": state["batch_id"]}
