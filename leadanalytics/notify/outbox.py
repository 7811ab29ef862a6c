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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
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


def recipient_languages(tx: Transaction, person_ids: Iterable[str | None]) -> dict[str | None, Language]:
    """The language each of ``person_ids`` reads e-mails in, in one query: their own
    (people.language), else the warehouse's setting ``language``, else ``nl``.

    Examples:
        >>> with w.transaction() as tx:  # doctest: +SKIP
        ...     recipient_languages(tx, ["P-17", "P-18"])
        {'P-17': 'en', 'P-18': 'nl'}
    """
    rows = tx.fetchall("queries/notify/recipient_languages", person_ids=list(person_ids))
    return {person_id: check_language(language) for person_id, language in rows}


def recipient_language(tx: Transaction, person_id: str | None) -> Language:
    """The language ``person_id`` reads e-mails in (:func:`recipient_languages` for one).

    Examples:
        >>> with w.transaction() as tx:  # doctest: +SKIP
        ...     recipient_language(tx, "P-17")
        'en'
    """
    return recipient_languages(tx, [person_id])[person_id]


@dataclass(frozen=True)
class Message:
    """One e-mail to queue: who gets it, in which language, and its rendered text."""

    dedupe_key: str
    kind: str
    to_person_id: str | None
    to_address: str | None
    language: Language
    subject: str
    body: str
    ref: str | None


def queue_messages(tx: Transaction, messages: Sequence[Message], now: dt.datetime) -> None:
    """Queue ``messages`` in the outbox in one statement, stamped ``now``; a ``dedupe_key``
    already queued is skipped."""
    if not messages:
        return
    tx.run("queries/notify/outbox_insert", now=now,
           dedupe_keys=[m.dedupe_key for m in messages], kinds=[m.kind for m in messages],
           to_person_ids=[m.to_person_id for m in messages],
           to_addresses=[m.to_address for m in messages],
           languages=[m.language for m in messages], subjects=[m.subject for m in messages],
           bodies=[m.body for m in messages], refs=[m.ref for m in messages])


def _rows(cur) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _rendered(rows: list[dict[str, Any]], kind: Callable[[dict], str],
              key: Callable[[dict], str], person: str, languages: dict,
              forced: Language | None) -> list[Message]:
    """One e-mail per row, to ``row[person]`` in their language (the only loop: Jinja renders
    one text at a time)."""
    messages = []
    for r in rows:
        lang = forced or languages[r[person]]
        subject, body = render(kind(r), lang, **r)
        messages.append(Message(key(r), kind(r), r[person], r["email"], lang, subject, body,
                                r["lead_id"]))
    return messages


def queue_bonus_notifications(warehouse: Warehouse, as_of: dt.date,
                              language: Language | None = None) -> dict[str, int]:
    """Queue the e-mails due as of ``as_of``: to the submitter when a bonus is first seen
    earned (amount and payout date) or withdrawn; to every active finance person with an
    address when a bonus in a batch is `review` (once per change: its review_change and
    review_since); and to the regional director(s) of leads submitted in the last 7 days up to
    ``as_of``. Idempotent. Returns counts per kind (messages queued).

    Each e-mail is in its recipient's language (:func:`recipient_languages`); ``language``
    writes every one of this run in that language instead. What is due comes from one query per
    kind and the recipients' languages from one more; all the e-mails are queued in one
    statement, so 20,000 notices cost seconds, not a statement each.

    Examples:
        >>> queue_bonus_notifications(w, dt.date(2026, 3, 31))      # doctest: +SKIP
        {'bonus_earned': 2, 'bonus_withdrawn': 0, 'bonus_review': 0, 'lead_submitted': 1}
    """
    forced = check_language(language) if language else None
    now = clock.now()
    since = as_of - dt.timedelta(days=SUBMITTED_LOOKBACK_DAYS)
    with warehouse.transaction() as tx:
        bonus = _rows(tx.run("queries/notify/bonus_notices_due", as_of=as_of))
        review = _rows(tx.run("queries/notify/bonus_review_notices_due", as_of=as_of))
        submitted = _rows(tx.run("queries/notify/lead_submitted_notices_due", as_of=as_of,
                                 since=since))
        languages = {} if forced else recipient_languages(
            tx, {r["submitter_id"] for r in bonus} | {r["person_id"] for r in review + submitted})
        messages = (
            _rendered(bonus, lambda r: f"bonus_{r['notice']}",
                      lambda r: f"bonus_{r['notice']}:{r['lead_id']}:{r['notice_number']}",
                      "submitter_id", languages, forced)
            + _rendered(review, lambda r: "bonus_review", lambda r: r["dedupe_key"],
                        "person_id", languages, forced)
            + _rendered(submitted, lambda r: "lead_submitted", lambda r: r["dedupe_key"],
                        "person_id", languages, forced))
        queue_messages(tx, messages, now)
        if bonus:
            tx.run("queries/notify/bonus_notices_record", on=as_of,
                   lead_ids=[r["lead_id"] for r in bonus], kinds=[r["notice"] for r in bonus],
                   notices=[r["notice_number"] for r in bonus])
    counts = {"bonus_earned": 0, "bonus_withdrawn": 0, "bonus_review": 0, "lead_submitted": 0}
    for m in messages:
        counts[m.kind] += 1
    return counts
