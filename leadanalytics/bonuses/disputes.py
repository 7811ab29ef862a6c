"""Disputes: an employee contests a bonus, finance answers (bonus-rules.md, "Controls before
money moves").

The submitter of a won lead, or a regional director over its branch, opens a dispute on its
bonus (batched or not; one open at a time); finance answers it. A dispute changes no amount and
holds back nobody's pay: finance acts with ``resolve`` where the bonus must change. Each step is
one transaction with its audit row (``audit.record``) and its notices in the outbox: finance
hears of a dispute, the submitter of the answer. This module holds no bonus rule: the state and
amount it shows come from ``bonus_states``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from leadanalytics import clock
from leadanalytics.bonuses import audit
from leadanalytics.bonuses.roles import require_finance
from leadanalytics.db.warehouse import Transaction, Warehouse, load_sql
from leadanalytics.exceptions import NotAllowed, NotFound, RuleViolation
from leadanalytics.notify.formatting import format_day, format_money, format_status
from leadanalytics.notify.outbox import Message, queue_messages, render

DISPUTE_STATES = ("open", "answered")


def _rows(cur) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _reason(reason: str | None, lead_id: str, action: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise RuleViolation("reason_required",
                            f"lead {lead_id}: {action} needs a reason (--reason TEXT)")
    return text


def _name(tx: Transaction, person_id: str) -> str:
    row = tx.fetchone("queries/bonuses/bonus_person_name", person_id=person_id)
    return (row[0] if row and row[0] else person_id)


def _require_person(tx: Transaction, person_id: str, action: str) -> None:
    person = tx.fetchone("queries/bonuses/bonus_person_active", person_id=person_id)
    if person is None:
        raise NotFound("person", person_id)
    if not person[0]:
        raise NotAllowed(person_id, action, "inactive_person", f"{person_id} is not active")


def _queue(tx: Transaction, kind: str, dedupe_key: str, to: dict[str, Any], ref: str,
           now: dt.datetime, **values: Any) -> None:
    language = to["language"] if to["language"] in ("nl", "en") else "nl"
    texts = {k: (format_money(v, language) if k == "amount" else
                 format_status(v, language) if k == "status" else
                 format_day(v, language) if k.endswith("_on") else v) for k, v in values.items()}
    subject, body = render(kind, language, name=to["name"] or to["person_id"], **texts)
    queue_messages(tx, [Message(dedupe_key, kind, to["person_id"], to["email"], language, subject,
                                body, ref)], now)


def open_dispute(warehouse: Warehouse, lead_id: str, reason: str, by: str, *,
                 at: dt.datetime | None = None) -> dict[str, Any]:
    """Contest the state or amount of the bonus of ``lead_id``: its submitter, or a regional
    director over the lead's branch. Finance is notified. Returns the dispute.

    Raises:
        NotFound: no lead won by today with that id, or no such person.
        NotAllowed: ``by`` is neither the submitter nor a regional director over the branch
            (rule ``submitter_or_regional_director``), or is not active.
        RuleViolation: no reason (``reason_required``), or a dispute on this bonus is still
            open (``one_open_dispute``).

    Examples:
        >>> open_dispute(w, "L-104", "the hours of March are missing", by="P-EMP")  # doctest: +SKIP
        {'dispute_id': 1, 'lead_id': 'L-104', 'dispute': 'open', 'opened_by': 'P-EMP', ...}
    """
    now = (at or clock.now()).astimezone(clock.AMSTERDAM)
    text = _reason(reason, lead_id, "a dispute")
    action = f"dispute the bonus of lead {lead_id}"
    with warehouse.transaction() as tx:
        found = _rows(tx.run("queries/bonuses/bonus_dispute_subject", as_of=now.date(),
                             lead_id=lead_id, by=by))
        if not found:
            raise NotFound("won lead with a bonus", lead_id)
        bonus = found[0]
        _require_person(tx, by, action)
        if by != bonus["submitter_id"] and not bonus["by_regional_director"]:
            raise NotAllowed(by, action, "submitter_or_regional_director",
                             f"only its submitter ({bonus['submitter_id']}) or a regional director "
                             f"over branch {bonus['branch_id']} may dispute a bonus")
        if bonus["open_dispute_id"] is not None:
            raise RuleViolation(
                "one_open_dispute",
                f"lead {lead_id}: the dispute opened by {bonus['open_dispute_by']} on "
                f"{bonus['open_dispute_at'].astimezone(clock.AMSTERDAM):%Y-%m-%d} is still open; "
                "one open dispute per bonus (finance answers it with `bonuses answer-dispute`)")
        dispute_id = tx.fetchone("queries/bonuses/bonus_dispute_insert", lead_id=lead_id, by=by,
                                 at=now, reason=text)[0]
        amount = "" if bonus["amount_eur"] is None else f"{bonus['amount_eur']:.2f} EUR"
        audit.record(tx, "dispute", lead_id=lead_id, by=by, reason=text, at=now,
                     what=f"status {bonus['status']}" + (f", amount {amount}" if amount else ""))
        by_name = _name(tx, by)
        for to in _rows(tx.run("queries/bonuses/bonus_dispute_finance_recipients",
                               on=now.date(), by=by)):
            _queue(tx, "bonus_dispute", f"bonus_dispute:{dispute_id}:{to['person_id']}", to,
                   lead_id, now, lead_id=lead_id, opened_by=by, opened_by_name=by_name,
                   submitter_id=bonus["submitter_id"], status=bonus["status"],
                   amount=bonus["amount_eur"], reason=text, opened_on=now)
    return {"dispute_id": dispute_id, "lead_id": lead_id, "dispute": "open", "opened_by": by,
            "opened_at": now, "reason": text, "status": bonus["status"],
            "amount_eur": bonus["amount_eur"]}


def answer_dispute(warehouse: Warehouse, lead_id: str, reason: str, by: str, *,
                   at: dt.datetime | None = None) -> dict[str, Any]:
    """Finance's answer to the open dispute on the bonus of ``lead_id``: closes it and notifies
    the submitter. Changes no amount (``resolve`` does). Returns the dispute.

    Raises:
        NotFound: no such person.
        NotAllowed: ``by`` is not finance (rule ``finance_only``).
        RuleViolation: no reason (``reason_required``), or no open dispute on this bonus
            (``no_open_dispute``).

    Examples:
        >>> answer_dispute(w, "L-104", "the March hours arrived; see resolve", by="P-FIN1")  # doctest: +SKIP
        {'dispute_id': 1, 'lead_id': 'L-104', 'dispute': 'answered', 'answered_by': 'P-FIN1', ...}
    """
    now = (at or clock.now()).astimezone(clock.AMSTERDAM)
    text = _reason(reason, lead_id, "an answer to a dispute")
    with warehouse.transaction() as tx:
        require_finance(tx, by, f"answer a dispute on the bonus of lead {lead_id}", now.date())
        found = _rows(tx.run("queries/bonuses/bonus_dispute_open", lead_id=lead_id))
        if not found:
            raise RuleViolation("no_open_dispute",
                                f"lead {lead_id}: no open dispute on its bonus to answer")
        d = found[0]
        tx.run("queries/bonuses/bonus_dispute_answer", dispute_id=d["dispute_id"], by=by, at=now,
               reason=text)
        audit.record(tx, "answer_dispute", lead_id=lead_id, by=by, reason=text, at=now,
                     what=f"dispute {d['dispute_id']} opened by {d['opened_by']}")
        if d["email"] and d["email"] != "***":
            to = {"person_id": d["submitter_id"], "name": d["name"], "email": d["email"],
                  "language": d["language"]}
            _queue(tx, "bonus_dispute_answered", f"bonus_dispute_answered:{d['dispute_id']}", to,
                   lead_id, now, lead_id=lead_id, opened_by_name=_name(tx, d["opened_by"]),
                   opened_on=d["opened_at"], answered_on=now, answered_by_name=_name(tx, by),
                   reason=text)
    return {"dispute_id": d["dispute_id"], "lead_id": lead_id, "dispute": "answered",
            "opened_by": d["opened_by"], "opened_at": d["opened_at"], "answered_by": by,
            "answered_at": now, "reason": text}


def open_disputes_of_batch(warehouse: Warehouse, batch_id: str) -> list[dict[str, Any]]:
    """The open disputes on the bonuses of a batch, by lead: `approve` lists them; they hold
    back nobody's pay (finance acts with `bonuses resolve`).

    Examples:
        >>> open_disputes_of_batch(w, "B-2026-04")                      # doctest: +SKIP
        [{'lead_id': 'L-104', 'opened_by': 'P-000017', 'opened_at': ..., 'reason': '...'}]
    """
    with warehouse.reader() as con:
        cur = con.execute(load_sql("queries/bonuses/bonus_batch_open_disputes"),
                          {"batch_id": batch_id})
        return _rows(cur)
