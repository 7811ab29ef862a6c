"""Privacy: anonymising a person or a client's contact (domain.md, "Privacy"), an admin's act.

Names and e-mail addresses become ``***``; ids, counts and amounts stay; who did it and when is
recorded in ``privacy_log``. Both acts are idempotent, and a reloaded file never brings the data
back (the loaders keep ``***``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from leadanalytics.access.roles import to_day
from leadanalytics.db.warehouse import Transaction, Warehouse, load_sql
from leadanalytics.exceptions import NotAllowed, NotFound

ANONYMOUS = "***"


@dataclass(frozen=True)
class Anonymized:
    """What one anonymisation changed (``rows_changed`` 0 when it had been done before)."""

    kind: str
    subject: str
    by: str
    rows_changed: int
    already_done: bool


def _require_admin(w: Warehouse, by: str, action: str, at: dt.datetime) -> None:
    holds = w.rows("queries/access/holds_role_anywhere", person_id=by, role="admin", on=to_day(at))
    if not holds or not holds[0][0]:
        raise NotAllowed(by, action, "admin_only", "only an admin may anonymise personal data")


def _name_pattern(name: str) -> str:
    """A regular expression for a full name as free text writes it (any spacing)."""
    return r"\b" + r"\s+".join(re.escape(part) for part in name.split()) + r"\b"


def _anonymize_texts(tx: Transaction, name: str) -> int:
    """A full name becomes ``***`` in leads' free text and in the recorded changes of leads."""
    pattern = _name_pattern(name)
    return (_count(tx.run("queries/access/privacy_anonymize_person_texts", name_pattern=pattern))
            + _count(tx.run("queries/access/privacy_anonymize_lead_changes_texts", name_pattern=pattern)))


def _extra_targets(tx: Transaction, kind: str, **params) -> int:
    """Tables that later modules add (outbox, timesheet requests) register their SQL here."""
    changed = 0
    for sql_name in EXTRA_SQL.get(kind, ()):
        # tx.sql, not tx.run: the parameters include `name`, which is run()'s own first argument
        changed += _count(tx.sql(load_sql(sql_name), **params))
    return changed


#: Further SQL files run by each anonymisation, keyed by kind: modules that hold personal data
#: (the outbox, timesheet requests) add theirs, so privacy stays one act.
EXTRA_SQL: dict[str, list[str]] = {"person": [], "contact": []}


def _count(cursor) -> int:
    rows = cursor.fetchall()
    return int(rows[0][0]) if rows and rows[0] and isinstance(rows[0][0], int) else 0


def anonymize(w: Warehouse, person_id: str, by: str, at: dt.datetime | None = None) -> Anonymized:
    """Replace a person's name and e-mail with ``***`` everywhere; an admin's act; idempotent.

    Examples:
        >>> anonymize(w, "P-17", by="P-ADMIN")  # doctest: +SKIP
        Anonymized(kind='person', subject='P-17', by='P-ADMIN', rows_changed=4, already_done=False)
    """
    at = at or dt.datetime.now(dt.UTC)
    _require_admin(w, by, f"anonymise {person_id}", at)
    with w.transaction() as tx:
        row = tx.fetchone("queries/access/privacy_person_name", person_id=person_id)
        if row is None:
            raise NotFound("person", person_id)
        name, email, anonymized_at = row
        if anonymized_at is not None:
            return Anonymized("person", person_id, by, 0, True)
        changed = _count(tx.run("queries/access/privacy_anonymize_person", person_id=person_id, at=at, by=by))
        if name and name != ANONYMOUS:
            changed += _anonymize_texts(tx, name)
        changed += _count(tx.run(
            "queries/access/privacy_person_outbox", person_id=person_id, email=email or "",
            name_pattern=_name_pattern(name) if name and name != ANONYMOUS else r"[^\s\S]",
        ))
        changed += _extra_targets(tx, "person", name=name, email=email or "", person_id=person_id)
        tx.run("queries/access/privacy_log_insert", kind="person", subject_key=person_id, by=by, at=at,
               rows_changed=changed)
    return Anonymized("person", person_id, by, changed, False)


def anonymize_contact(w: Warehouse, email: str, by: str, at: dt.datetime | None = None) -> Anonymized:
    """Replace a client contact's name and e-mail (found by address, any case) with ``***``.

    Leads, assignments and what later modules register (requests, outbox) are changed in one
    transaction; the contact's name in leads' free text too. An admin's act; idempotent.
    """
    at = at or dt.datetime.now(dt.UTC)
    email = email.strip().lower()
    _require_admin(w, by, "anonymise a contact", at)
    with w.transaction() as tx:
        names = [r[0] for r in tx.fetchall("queries/access/privacy_contact_names", email=email)]
        changed = 0
        for name in names:
            changed += _anonymize_texts(tx, name)
        changed += _count(tx.run("queries/access/privacy_anonymize_contact_leads", email=email))
        changed += _count(tx.run("queries/access/privacy_anonymize_contact_lead_changes", email=email))
        changed += _count(tx.run("queries/access/privacy_anonymize_contact_assignments", email=email))
        for name in names:
            changed += _count(tx.run("queries/access/privacy_person_outbox", person_id="", email="",
                                     name_pattern=_name_pattern(name)))
        changed += _count(tx.run("queries/access/privacy_contact_outbox", email=email,
                                 email_pattern=re.escape(email)))
        changed += _extra_targets(tx, "contact", email=email, names=names)
        subject = hashlib.sha256(email.encode()).hexdigest()
        if changed:
            tx.run("queries/access/privacy_log_insert", kind="contact", subject_key=subject, by=by, at=at,
                   rows_changed=changed)
    return Anonymized("contact", subject, by, changed, changed == 0)
