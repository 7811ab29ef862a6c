"""Privacy: anonymising a person or a client's contact (domain.md, "Privacy"), an admin's act.

Names and e-mail addresses become ``***``; ids, counts and amounts stay; who did it and when is
recorded in ``privacy_log``. Both acts are idempotent, and a reloaded file never brings the data
back (the loaders keep ``***``). Which columns hold personal data, and which SQL anonymises each,
is declared once in ``access/personal_data.toml``: both acts run the steps it lists and refuse
when a declared column has none; nothing is added at import time.

Files the package wrote that mention the subject (``store.written_files``, found before the
steps run) are handled after the transaction and before the warehouse file is rewritten:
e-mails and reports removed, statements written again through ``rewrite_statement`` (the
bonuses room's ``export_statement``; the faces pass it), lists kept; each noted on the act's
``privacy_log`` row and returned in :attr:`Anonymized.files`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

from leadanalytics import clock
from leadanalytics.access import ANONYMOUS
from leadanalytics.access.written_files import (
    FileAction,
    IndexWriter,
    StatementWriter,
    WrittenFile,
    erase_files,
    files_of_contact,
    files_of_person,
    record_erasure,
)
from leadanalytics.clock import as_of_day
from leadanalytics.db.rewrite import rewrite_file
from leadanalytics.db.warehouse import Transaction, Warehouse, load_sql
from leadanalytics.exceptions import ConfigError, LeadAnalyticsError, NotAllowed, NotFound

__all__ = ["ANONYMOUS", "Anonymized", "FileAction", "PersonalData", "Step", "anonymize", "anonymize_contact",
           "personal_data", "parse_personal_data"]

Subject = Literal["person", "contact"]
DECLARATION = "leadanalytics/access/personal_data.toml"
_NEVER = r"[^\s\S]"  # a regular expression that matches nothing


@dataclass(frozen=True)
class Anonymized:
    """What one anonymisation changed (``rows_changed`` 0 when it had been done before), and
    what it did with each written file that mentioned the subject."""

    kind: str
    subject: str
    by: str
    rows_changed: int
    already_done: bool
    files: tuple[FileAction, ...] = field(default=())


def _require_admin(w: Warehouse, by: str, action: str, at: dt.datetime) -> None:
    holds = w.rows("queries/access/holds_role_anywhere", person_id=by, role="admin", on=as_of_day(at))
    if not holds or not holds[0][0]:
        raise NotAllowed(by, action, "admin_only", "only an admin may anonymise personal data")


def _name_pattern(name: str) -> str:
    """A regular expression for a full name as free text writes it (any spacing)."""
    return r"\b" + r"\s+".join(re.escape(part) for part in name.split()) + r"\b"


@dataclass(frozen=True)
class Step:
    """One SQL file of an act (``sql/<sql>.sql``, in ``queries/access/``) and the columns it anonymises."""

    sql: str
    covers: tuple[str, ...]
    each: Literal["name"] | None = None
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PersonalData:
    """``personal_data.toml``: the personal columns, the steps of each act, what is not personal."""

    columns: dict[str, tuple[str, ...]]  # "table.column" -> whose data ("person", "contact")
    steps: dict[str, tuple[Step, ...]]   # "person" / "contact" -> the act's steps, in order
    not_personal: dict[str, str]         # "table.column" -> why not

    def uncovered(self) -> list[str]:
        """``kind: table.column`` for each declared column that no step of that act anonymises."""
        covered = {kind: {c for step in steps for c in step.covers} for kind, steps in self.steps.items()}
        return [f"{kind}: {column}" for column, whose in sorted(self.columns.items())
                for kind in whose if column not in covered.get(kind, set())]


def parse_personal_data(data: dict[str, Any], source: str = DECLARATION) -> PersonalData:
    """Validate the parsed TOML of the declaration; raises :class:`ConfigError` on any fault."""

    def fault(text: str) -> ConfigError:
        return ConfigError(source, text)

    columns: dict[str, tuple[str, ...]] = {}
    for column, entry in data.get("columns", {}).items():
        whose = tuple(entry.get("whose", ()))
        if not whose or set(whose) - {"person", "contact"}:
            raise fault(f"column {column}: whose must list person and/or contact, not {whose}")
        columns[column] = whose
    steps: dict[str, tuple[Step, ...]] = {}
    for kind in ("person", "contact"):
        parsed = []
        for entry in data.get("anonymize", {}).get(kind, []):
            sql = entry.get("sql")
            if not sql:
                raise fault(f"a step of anonymize.{kind} names no sql file")
            each = entry.get("each")
            if each not in (None, "name"):
                raise fault(f"anonymize.{kind} step {sql}: each must be \"name\", not {each!r}")
            unknown = [c for c in entry.get("covers", []) if c not in columns]
            if unknown:
                raise fault(f"anonymize.{kind} step {sql} covers {unknown}, not declared under [columns]")
            parsed.append(Step(sql, tuple(entry.get("covers", [])), each,
                               tuple(sorted(entry.get("params", {}).items()))))
        steps[kind] = tuple(parsed)
    not_personal = dict(data.get("not_personal", {}))
    both = sorted(set(columns) & set(not_personal))
    if both:
        raise fault(f"{both} declared both personal and not personal")
    return PersonalData(columns, steps, not_personal)


@cache
def personal_data() -> PersonalData:
    """The declaration shipped with the package (``leadanalytics/access/personal_data.toml``).

    Examples:
        >>> "people.email" in personal_data().columns
        True
    """
    text = (resources.files("leadanalytics.access") / "personal_data.toml").read_text(encoding="utf-8")
    return parse_personal_data(tomllib.loads(text))


def _steps(kind: Subject) -> tuple[Step, ...]:
    """The act's steps; refuses (before anything changes) when the declaration is incomplete."""
    declared = personal_data()
    missing = declared.uncovered()
    if missing:
        raise ConfigError(DECLARATION, "personal columns with no SQL to anonymise them: "
                          + ", ".join(missing) + "; add a step under [[anonymize.<kind>]] that covers each")
    for step in declared.steps[kind]:
        try:
            load_sql(step.sql)
        except LeadAnalyticsError as exc:
            raise ConfigError(DECLARATION, f"anonymize.{kind} step {step.sql}: {exc}") from exc
    return declared.steps[kind]


def _run_steps(tx: Transaction, kind: Subject, names: list[str], **params: Any) -> int:
    """Run every declared step of the act; return the rows they changed.

    ``names`` are the subject's full names (none when unknown or already ``***``); ``params``
    the act's parameters, to which the patterns of names and address are added here.
    """
    email = params.get("email", "")
    email_pattern = re.escape(email) if email and email != ANONYMOUS else _NEVER
    name_patterns = [_name_pattern(n) for n in names]
    params["name_pattern"] = "|".join(f"(?:{p})" for p in name_patterns) or _NEVER
    params["email_pattern"] = email_pattern
    params["text_pattern"] = "|".join(f"(?:{p})" for p in [*name_patterns, email_pattern])
    changed = 0
    for step in _steps(kind):
        name = step.sql
        values = {**params, **dict(step.params)}
        if step.each == "name":
            for pattern in name_patterns:
                changed += _count(tx.run(name, **{**values, "name_pattern": pattern}))
        else:
            changed += _count(tx.run(name, **values))
    return changed


def _count(cursor) -> int:
    rows = cursor.fetchall()
    return int(rows[0][0]) if rows and rows[0] and isinstance(rows[0][0], int) else 0


def _handle_files(w: Warehouse, kind: Subject, subject: str, at: dt.datetime,
                  files: list[WrittenFile], rewrite_statement: StatementWriter | None,
                  rewrite_index: IndexWriter | None = None) -> tuple[FileAction, ...]:
    """After the act's transaction: remove, rewrite or keep each file, and record what was done."""
    if not files:
        return ()
    actions = erase_files(w, files, rewrite_statement, rewrite_index)
    record_erasure(w, kind, subject, at, files, actions)
    return tuple(actions)


def anonymize(w: Warehouse, person_id: str, by: str, at: dt.datetime | None = None, *,
              rewrite_statement: StatementWriter | None = None,
              rewrite_index: IndexWriter | None = None) -> Anonymized:
    """Replace a person's name and e-mail with ``***`` everywhere; an admin's act; idempotent.

    Written files that mention the person are removed (e-mails, reports) or written again
    (statements, through ``rewrite_statement``; without it they are noted ``not rewritten``);
    a report folder that lost a report gets its ``index.html`` written again through
    ``rewrite_index`` (without it, the index is removed).

    Examples:
        >>> anonymize(w, "P-17", by="P-ADMIN")  # doctest: +SKIP
        Anonymized(kind='person', subject='P-17', by='P-ADMIN', rows_changed=4, already_done=False)
    """
    at = at or clock.now()
    _require_admin(w, by, f"anonymise {person_id}", at)
    with w.transaction() as tx:
        row = tx.fetchone("queries/access/privacy_person_name", person_id=person_id)
        if row is None:
            raise NotFound("person", person_id)
        name, email, anonymized_at = row
        if anonymized_at is not None:
            return Anonymized("person", person_id, by, 0, True)
        names = [name] if name and name != ANONYMOUS else []
        files = files_of_person(tx, person_id)
        changed = _run_steps(tx, "person", names, person_id=person_id, at=at, by=by, email=email or "")
        tx.run("queries/access/privacy_log_insert", kind="person", subject_key=person_id, by=by, at=at,
               rows_changed=changed)
    done = _handle_files(w, "person", person_id, at, files, rewrite_statement, rewrite_index)
    w.when_committed(lambda: rewrite_file(w))  # old values stay in free blocks until then
    return Anonymized("person", person_id, by, changed, False, done)


def anonymize_contact(w: Warehouse, email: str, by: str, at: dt.datetime | None = None, *,
                      rewrite_statement: StatementWriter | None = None,
              rewrite_index: IndexWriter | None = None) -> Anonymized:
    """Replace a client contact's name and e-mail (found by address, any case) with ``***``.

    Every column ``personal_data.toml`` declares for contacts (leads, assignments, requests, the
    outbox, free text) is changed in one transaction. An admin's act; idempotent.
    """
    at = at or clock.now()
    email = email.strip().lower()
    _require_admin(w, by, "anonymise a contact", at)
    with w.transaction() as tx:
        names = [r[0] for r in tx.fetchall("queries/access/privacy_contact_names", email=email)]
        files = files_of_contact(tx, email) if email and email != ANONYMOUS else []
        changed = _run_steps(tx, "contact", names, person_id="", email=email)
        subject = hashlib.sha256(email.encode()).hexdigest()
        if changed or files:
            tx.run("queries/access/privacy_log_insert", kind="contact", subject_key=subject, by=by, at=at,
                   rows_changed=changed)
    done = _handle_files(w, "contact", subject, at, files, rewrite_statement, rewrite_index)
    if changed or files:
        w.when_committed(lambda: rewrite_file(w))  # old values stay in free blocks until then
    return Anonymized("contact", subject, by, changed, changed == 0 and not files, done)
