"""Queueing messages in the outbox: the bonus e-mails and the lead-submitted e-mail.

What is due comes from SQL (``bonus_notices_due``, ``bonus_review_notices_due``,
``lead_submitted_notices_due``); here it is
rendered with the Jinja2 templates (first line the subject, then the body) and queued, in one
transaction. A message has a ``dedupe_key``: queueing twice queues nothing twice. Each e-mail is
in its reader's language (:func:`recipient_language`), money and days written as that reader
writes them (:mod:`leadanalytics.notify.formatting`).
"""

from __future__ import annotations

import datetime as dt
from functools import cache, partial
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from leadanalytics import clock
from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.notify.formatting import (
    FILTERS,
    Language,
    check_language,
    format_value,
)

SUBMITTED_LOOKBACK_DAYS = 7

# Anonymising a person or a contact reaches the outbox through leadanalytics.access.privacy itself
# (queries/access/privacy_person_outbox, queries/access/privacy_contact_outbox).


@cache
def _env(language: Language) -> Environment:
    """The templates of one language: filters ``money``, ``hours``, ``day`` and ``week`` write
    in it, and a day or Decimal printed without a filter is written in it too."""
    env = Environment(loader=PackageLoader("leadanalytics.notify", "templates"),
                      undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
                      finalize=partial(format_value, language=language))
    env.filters.update({name: partial(fn, language=language) for name, fn in FILTERS.items()})
    return env


def render(kind: str, language: Language, **values: Any) -> tuple[str, str]:
    """Render template ``kind`` in ``language``; return (subject, body).

    Pass values as the warehouse gives them (``Decimal`` amounts, ``date`` days): the template
    formats them for its language (``€ 250,00``, ``16 maart 2026`` in nl).

    Examples:
        >>> from decimal import Decimal
        >>> subject, body = render("bonus_earned", "en", lead_id="L-1", name="Ann",
        ...     assignment_id="A-1", amount_eur=Decimal("250"), earned_on=dt.date(2026, 3, 16),
        ...     payout_date=dt.date(2026, 4, 25))
        >>> subject
        'Your bonus for lead L-1 has been earned'
        >>> "€250.00 was earned on 16 March 2026" in " ".join(body.split())
        True
    """
    template = _env(check_language(language)).get_template(f"{kind}.{language}.j2")
    text = template.render(**values)
    subject, _, body = text.partition("\n")
    return subject.strip(), body


def recipient_language(tx: Transaction, person_id: str | None) -> Language:
    """The language ``person_id`` reads e-mails in: their own (people.language), else the
    warehouse's setting ``language``, else ``nl``.

    Examples:
        >>> with w.transaction() as tx:  # doctest: +SKIP
        ...     recipient_language(tx, "P-17")
        'en'
    """
    row = tx.fetchone("queries/notify/recipient_language", person_id=person_id)
    return check_language(row[0] if row else "nl")


def _rows(cur) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def queue_bonus_notifications(warehouse: Warehouse, as_of: dt.date,
                              language: Language | None = None) -> dict[str, int]:
    """Queue the e-mails due as of ``as_of``: to the submitter when a bonus is first seen
    earned (amount and payout date) or withdrawn; to every active finance person with an
    address when a bonus in a batch is `review` (once per change: its review_change and
    review_since); and to the regional director(s) of leads submitted in the last 7 days up to
    ``as_of``. Idempotent. Returns counts per kind (messages queued).

    Each e-mail is in its recipient's language (:func:`recipient_language`); ``language``
    writes every one of this run in that language instead.

    Examples:
        >>> queue_bonus_notifications(w, dt.date(2026, 3, 31))      # doctest: +SKIP
        {'bonus_earned': 2, 'bonus_withdrawn': 0, 'bonus_review': 0, 'lead_submitted': 1}
    """
    forced = check_language(language) if language else None
    counts = {"bonus_earned": 0, "bonus_withdrawn": 0, "bonus_review": 0, "lead_submitted": 0}
    with warehouse.transaction() as tx:
        for r in _rows(tx.run("queries/notify/bonus_notices_due", as_of=as_of)):
            kind = f"bonus_{r['notice']}"
            lang = forced or recipient_language(tx, r["submitter_id"])
            subject, body = render(kind, lang, **r)
            tx.run("queries/notify/outbox_insert", dedupe_key=f"{kind}:{r['lead_id']}:{r['notice_number']}",
                   kind=kind, to_person_id=r["submitter_id"], to_address=r["email"],
                   language=lang, subject=subject, body=body, ref=r["lead_id"], now=clock.now())
            tx.run("queries/notify/bonus_notice_record", lead_id=r["lead_id"], kind=r["notice"],
                   notices=r["notice_number"], on=as_of)
            counts[kind] += 1
        for r in _rows(tx.run("queries/notify/bonus_review_notices_due", as_of=as_of)):
            lang = forced or recipient_language(tx, r["person_id"])
            subject, body = render("bonus_review", lang, **r)
            tx.run("queries/notify/outbox_insert", dedupe_key=r["dedupe_key"], kind="bonus_review",
                   to_person_id=r["person_id"], to_address=r["email"], language=lang,
                   subject=subject, body=body, ref=r["lead_id"], now=clock.now())
            counts["bonus_review"] += 1
        since = as_of - dt.timedelta(days=SUBMITTED_LOOKBACK_DAYS)
        for r in _rows(tx.run("queries/notify/lead_submitted_notices_due", as_of=as_of, since=since)):
            lang = forced or recipient_language(tx, r["person_id"])
            subject, body = render("lead_submitted", lang, **r)
            tx.run("queries/notify/outbox_insert", dedupe_key=r["dedupe_key"], kind="lead_submitted",
                   to_person_id=r["person_id"], to_address=r["email"], language=lang,
                   subject=subject, body=body, ref=r["lead_id"], now=clock.now())
            counts["lead_submitted"] += 1
    return counts
