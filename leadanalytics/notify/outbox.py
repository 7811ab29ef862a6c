"""Queueing messages in the outbox: the bonus e-mails and the lead-submitted e-mail.

What is due comes from SQL (``bonus_notices_due``, ``lead_submitted_notices_due``); here it is
rendered with the Jinja2 templates (first line the subject, then the body) and queued, in one
transaction. A message has a ``dedupe_key``: queueing twice queues nothing twice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined

from leadanalytics import clock
from leadanalytics.db.warehouse import Warehouse

Language = Literal["nl", "en"]
SUBMITTED_LOOKBACK_DAYS = 7

# Anonymising a person or a contact reaches the outbox through leadanalytics.access.privacy itself
# (queries/access/privacy_person_outbox, queries/access/privacy_contact_outbox).


@cache
def _env() -> Environment:
    return Environment(loader=PackageLoader("leadanalytics.notify", "templates"),
                       undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


def _plain(v: Any) -> Any:
    if isinstance(v, Decimal):
        return f"{v:.2f}"
    if isinstance(v, dt.date):
        return v.isoformat()
    return "" if v is None else v


def render(kind: str, language: Language, **values: Any) -> tuple[str, str]:
    """Render template ``kind`` in ``language``; return (subject, body).

    Examples:
        >>> subject, body = render("bonus_earned", "en", lead_id="L-1", name="Ann",
        ...     assignment_id="A-1", amount_eur=Decimal("250"), earned_on=dt.date(2026, 3, 16),
        ...     payout_date=dt.date(2026, 4, 25))
        >>> subject
        'Your bonus for lead L-1 has been earned'
    """
    if language not in ("nl", "en"):
        raise ValueError(f"language must be 'nl' or 'en', not {language!r}")
    text = _env().get_template(f"{kind}.{language}.j2").render(
        **{k: _plain(v) for k, v in values.items()})
    subject, _, body = text.partition("\n")
    return subject.strip(), body


def _rows(cur) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def queue_bonus_notifications(warehouse: Warehouse, as_of: dt.date,
                              language: Language | None = None) -> dict[str, int]:
    """Queue the e-mails due as of ``as_of``: to the submitter when a bonus is first seen
    earned (amount and payout date) or withdrawn, and to the regional director(s) of leads
    submitted in the last 7 days up to ``as_of``. Idempotent. Returns counts per kind.

    Examples:
        >>> queue_bonus_notifications(w, dt.date(2026, 3, 31))      # doctest: +SKIP
        {'bonus_earned': 2, 'bonus_withdrawn': 0, 'lead_submitted': 1}
    """
    lang = language or warehouse.setting("notify_language") or "nl"
    counts = {"bonus_earned": 0, "bonus_withdrawn": 0, "lead_submitted": 0}
    with warehouse.transaction() as tx:
        for r in _rows(tx.run("queries/notify/bonus_notices_due", as_of=as_of)):
            kind = f"bonus_{r['notice']}"
            subject, body = render(kind, lang, **r)
            tx.run("queries/notify/outbox_insert", dedupe_key=f"{kind}:{r['lead_id']}:{r['notice_number']}",
                   kind=kind, to_person_id=r["submitter_id"], to_address=r["email"],
                   language=lang, subject=subject, body=body, ref=r["lead_id"], now=clock.now())
            tx.run("queries/notify/bonus_notice_record", lead_id=r["lead_id"], kind=r["notice"],
                   notices=r["notice_number"], on=as_of)
            counts[kind] += 1
        since = as_of - dt.timedelta(days=SUBMITTED_LOOKBACK_DAYS)
        for r in _rows(tx.run("queries/notify/lead_submitted_notices_due", as_of=as_of, since=since)):
            subject, body = render("lead_submitted", lang, **r)
            tx.run("queries/notify/outbox_insert", dedupe_key=r["dedupe_key"], kind="lead_submitted",
                   to_person_id=r["person_id"], to_address=r["email"], language=lang,
                   subject=subject, body=body, ref=r["lead_id"], now=clock.now())
            counts["lead_submitted"] += 1
    return counts
