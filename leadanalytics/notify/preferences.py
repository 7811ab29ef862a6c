"""Notification preferences: per person and kind of message, immediately, a daily digest, or
never (domain.md, "Notifications"). External contacts are not people: their mail goes as is.

`prepare_outbox` runs before every delivery: it suppresses what people chose never to get and
gathers the previous days' held messages into one digest per person and day.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from leadanalytics import clock
from leadanalytics.db.warehouse import Warehouse
from leadanalytics.exceptions import NotFound
from leadanalytics.notify.outbox import Message, queue_messages, recipient_language, render

Mode = Literal["immediately", "daily", "never"]
MODES = ("immediately", "daily", "never")


def set_preference(w: Warehouse, person_id: str, kind: str, mode: Mode) -> None:
    """Choose how ``person_id`` gets messages of ``kind`` (an outbox kind, or ``*`` for all).

    Examples:
        >>> set_preference(w, "P-17", "*", "daily")  # doctest: +SKIP
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    if not w.sql("select 1 from people where person_id = $p", p=person_id).shape[0]:
        raise NotFound("person", person_id)
    with w.transaction() as tx:
        tx.run("queries/notify/notification_preference_put", person_id=person_id, kind=kind, mode=mode,
               at=clock.now())


def prepare_outbox(w: Warehouse, as_of: dt.date | str | None = None) -> dict[str, int]:
    """Suppress `never` messages and queue one digest per person and day before ``as_of``.

    Idempotent: a digest has a dedupe key per person and day, and its messages point to it.
    Returns counts ``suppressed`` and ``digests``.
    """
    day = clock.as_of_day(as_of)
    now = clock.now()
    with w.transaction() as tx:
        suppressed = tx.run("queries/notify/outbox_suppress_never", at=now).fetchall()[0][0]
        due = tx.fetchall("queries/notify/outbox_digests_due", as_of=day)
        for person_id, held_day, ids, subjects, bodies, address, _ in due:
            name = tx.sql("SELECT name FROM store.people WHERE person_id = $p",
                          p=person_id).fetchall()
            # the digest speaks its reader's language now; the messages in it keep theirs
            language = recipient_language(tx, person_id)
            subject, body = render(
                "digest", language, day=held_day, count=len(ids),
                name=name[0][0] if name else person_id,
                messages=list(zip(subjects, bodies, strict=True)),
            )
            key = f"digest:{person_id}:{held_day.isoformat()}"
            queue_messages(tx, [Message(key, "digest", person_id, address, language, subject,
                                        body, None)], now)
            tx.run("queries/notify/outbox_mark_digested", dedupe_key=key, message_ids=ids)
    return {"suppressed": int(suppressed), "digests": len(due)}
