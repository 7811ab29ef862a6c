"""Timesheet requests: asking a client's timesheet contact for missing or corrected weeks.

domain.md, "Assignments and timesheet requests". Which weeks are asked for, reminded, overdue,
received or cancelled is decided in set-based SQL (``sql/queries/timesheet_request*.sql``) on
the one list of missing weeks (``timesheets_missing.sql``); here the numbers of the
configuration are bound, the e-mails rendered (``notify/templates/timesheet_*.j2``) and queued
in the outbox, all in one transaction per run. The timesheet ingest calls :func:`mark_received`
inside the transaction of each load.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from leadanalytics import clock
from leadanalytics.access import ANONYMOUS
from leadanalytics.access.roles import roles_in_branch
from leadanalytics.clock import as_of_day
from leadanalytics.db.warehouse import Output, Transaction, Warehouse, load_sql
from leadanalytics.exceptions import NotAllowed, NotFound, RuleViolation
from leadanalytics.notify.outbox import Message, queue_messages, recipient_languages, render
from leadanalytics.timesheets.hours import DEFAULT_GRACE_DAYS, DEFAULT_LOOKBACK_WEEKS

#: The numbers of the request flow: settings keys and their defaults (domain.md).
DEFAULTS = {
    "timesheet_request_reminder_days": 7,
    "timesheet_request_max_reminders": 3,
    "timesheet_request_overdue_days": 28,
}
#: Settings key: JSON list of client names whose requests wait for approval (``concept``).
APPROVAL_CLIENTS = "timesheet_request_approval_clients"
ACTIVE = ("concept", "open", "overdue")
ASKING_ROLES = frozenset({"regional_director", "finance"})

# Anonymising a contact reaches their requests through access/personal_data.toml, which declares
# the request columns and their SQL (queries/access/privacy_contact_request*.sql).


@dataclass
class RequestRun:
    """What one ``request`` run did (or, dry, would do).

    ``created``, ``reminded`` and ``overdue`` are request ids of this run; ``open`` counts the
    concept, open and overdue requests after it; ``messages`` are the e-mails queued.
    """

    as_of: dt.date
    dry_run: bool
    created: list[int] = field(default_factory=list)
    reminded: list[int] = field(default_factory=list)
    overdue: list[int] = field(default_factory=list)
    cancelled: int = 0
    open: int = 0
    messages: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The JSON summary of data-contracts.md (counts), with the ids and messages."""
        return {"as_of": self.as_of.isoformat(), "dry_run": self.dry_run,
                "created": len(self.created), "reminded": len(self.reminded),
                "overdue": len(self.overdue), "open": self.open,
                "request_ids": {"created": self.created, "reminded": self.reminded,
                                "overdue": self.overdue},
                "messages": self.messages}


class _DryRun(Exception):
    """Raised inside the run's transaction to roll back a dry run."""


def _setting_int(tx: Transaction, key: str, default: int) -> int:
    row = tx.sql("SELECT value FROM store.settings WHERE key = $k", k=key).fetchall()
    return int(row[0][0]) if row else default


def _approval_clients(tx: Transaction) -> list[str]:
    row = tx.sql("SELECT value FROM store.settings WHERE key = $k", k=APPROVAL_CLIENTS).fetchall()
    return list(json.loads(row[0][0])) if row else []


def configure_requests(w: Warehouse, *, reminder_days: int | None = None,
                       max_reminders: int | None = None, overdue_days: int | None = None,
                       requires_approval: list[str] | None = None) -> None:
    """Set the numbers of the request flow and the clients whose requests need approval.

    Examples:
        >>> configure_requests(w, reminder_days=7, requires_approval=["Gemeente Utrecht"])  # doctest: +SKIP
    """
    values = {"timesheet_request_reminder_days": reminder_days,
              "timesheet_request_max_reminders": max_reminders,
              "timesheet_request_overdue_days": overdue_days}
    for key, value in values.items():
        if value is not None and int(value) < 1:
            raise RuleViolation("request_config", f"{key} must be at least 1, not {value}")
    with w.transaction() as tx:
        for key, value in values.items():
            if value is not None:
                tx.run("queries/config/setting_put", key=key, value=str(int(value)))
        if requires_approval is not None:
            tx.run("queries/config/setting_put", key=APPROVAL_CLIENTS,
                   value=json.dumps(sorted(set(requires_approval))))


def _rows(cursor) -> list[dict[str, Any]]:
    cols = [d[0] for d in cursor.description]
    return [dict(zip(cols, r, strict=True)) for r in cursor.fetchall()]


def _message(run: RequestRun | None, *, kind: str, dedupe_key: str, language: str,
             to_address: str, to_person_id: str | None, ref: int, **values: Any) -> Message:
    """One rendered e-mail of the request flow (noted in ``run``'s messages)."""
    subject, body = render(kind, language, **values)
    if run is not None:
        run.messages.append({"kind": kind, "to": to_address, "subject": subject,
                             "request_id": ref, "dedupe_key": dedupe_key})
    return Message(dedupe_key, kind, to_person_id, to_address, language, subject, body, str(ref))


def _queue_to_contact(tx: Transaction, run: RequestRun | None, ids: list[int],
                      reminder: bool = False) -> None:
    """Queue the request (or reminder) e-mail of each of ``ids`` to its contact, in one insert."""
    if not ids:
        return
    messages = []
    for r in _rows(tx.run("queries/timesheets/timesheet_request_messages", request_ids=ids)):
        kind = "timesheet_correction" if r["kind"] == "correction" else "timesheet_request"
        key = f"{kind}:{r['request_id']}"
        if reminder:
            key += f":reminder:{r['reminders']}"
        messages.append(_message(
            run, kind=kind, dedupe_key=key, language=r["contact_language"],
            to_address=r["contact_email"], to_person_id=None, ref=r["request_id"],
            contact_name=r["contact_name"] or "", assignment_id=r["assignment_id"],
            client_name=r["client_name"] or "", weeks=r["weeks"], reason=r["reason"] or "",
            reminder=r["reminders"] if reminder else 0))
    queue_messages(tx, messages, clock.now())


def _queue_overdue_notices(tx: Transaction, run: RequestRun, ids: list[int]) -> None:
    """Queue one notice per overdue request of ``ids`` to the lead's regional director(s)."""
    if not ids:
        return
    rows = [r for r in _rows(tx.run("queries/timesheets/timesheet_request_overdue_notices",
                                    request_ids=ids))
            if r["email"] and r["email"] != ANONYMOUS]
    languages = recipient_languages(tx, {r["person_id"] for r in rows})
    queue_messages(tx, [_message(
        run, kind="timesheet_request_overdue",
        dedupe_key=f"timesheet_request_overdue:{r['request_id']}:{r['person_id']}",
        language=languages[r["person_id"]], to_address=r["email"], to_person_id=r["person_id"],
        ref=r["request_id"], request_id=r["request_id"], name=r["name"] or "",
        assignment_id=r["assignment_id"], lead_id=r["lead_id"] or "", sent_on=r["sent_on"],
        weeks=r["weeks"]) for r in rows], clock.now())


def _settle(tx: Transaction, load_id: int | None) -> None:
    tx.run("queries/timesheets/timesheet_requests_settle", load_id=load_id, now=clock.now())


def _stage_missing(tx: Transaction, as_of: dt.date) -> None:
    """``tr_missing``: the one list of missing weeks (``timesheets_missing.sql``) as of ``as_of``."""
    text = load_sql("queries/timesheets/timesheets_missing").strip().rstrip(";")
    tx.sql("CREATE OR REPLACE TEMP TABLE tr_missing AS\n" + text, as_of=as_of,
           lookback_weeks=_setting_int(tx, "timesheet_lookback_weeks", DEFAULT_LOOKBACK_WEEKS),
           grace_days=_setting_int(tx, "timesheet_grace_days", DEFAULT_GRACE_DAYS))


def request_timesheets(w: Warehouse, as_of: dt.date, dry_run: bool = False) -> RequestRun:
    """Create requests for missing weeks, send due reminders, mark overdue ones; one transaction.

    Per assignment, every missing week that no concept, open or overdue request covers goes
    into one new request with one e-mail in the contact's language (``concept`` and no e-mail
    for a client that requires approval). Reminder k is due ``reminder_days`` × k days after the
    request was sent (at most ``max_reminders``, one per run); after ``overdue_days`` an
    unfulfilled request becomes ``overdue`` and the lead's regional director gets one notice.
    Weeks after an assignment's end are cancelled. Running it twice the same day changes
    nothing. ``dry_run`` does all of it and rolls it back.

    Examples:
        >>> run = request_timesheets(w, dt.date(2026, 3, 31))  # doctest: +SKIP
        >>> run.summary()["created"], run.summary()["open"]  # doctest: +SKIP
        (2, 5)
    """
    run = RequestRun(as_of, dry_run)
    try:
        with w.transaction() as tx:
            numbers = {k: _setting_int(tx, k, v) for k, v in DEFAULTS.items()}
            tx.run("queries/timesheets/timesheet_request_weeks_cancel_ended")
            _settle(tx, None)
            run.overdue = [r[0] for r in tx.fetchall(
                "queries/timesheets/timesheet_requests_mark_overdue", as_of=as_of,
                overdue_days=numbers["timesheet_request_overdue_days"])]
            _queue_overdue_notices(tx, run, run.overdue)
            run.reminded = [r[0] for r in tx.fetchall(
                "queries/timesheets/timesheet_requests_remind", as_of=as_of,
                reminder_days=numbers["timesheet_request_reminder_days"],
                max_reminders=numbers["timesheet_request_max_reminders"])]
            _queue_to_contact(tx, run, sorted(run.reminded), reminder=True)
            _stage_missing(tx, as_of)
            tx.run("queries/timesheets/timesheet_request_new_weeks")
            tx.run("queries/timesheets/timesheet_request_new_ids")
            tx.run("queries/timesheets/timesheet_requests_insert_new", as_of=as_of,
                   approval_clients=_approval_clients(tx))
            tx.run("queries/timesheets/timesheet_request_weeks_insert_new")
            run.created = [r[0] for r in tx.sql(
                "SELECT request_id FROM tr_new ORDER BY request_id").fetchall()]
            sent = [r[0] for r in tx.sql(
                "SELECT n.request_id FROM tr_new n JOIN store.timesheet_requests r "
                "USING (request_id) WHERE r.status = 'open' ORDER BY 1").fetchall()]
            _queue_to_contact(tx, run, sent)
            run.open = tx.fetchone("queries/timesheets/timesheet_requests_active_count")[0]
            for t in ("tr_missing", "tr_new_weeks", "tr_new"):
                tx.sql(f"DROP TABLE IF EXISTS {t}")
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return run


def mark_received(tx: Transaction, load_id: int) -> None:
    """Inside a timesheet load's transaction: requested weeks that load ``load_id`` brings
    become ``received`` (a correction: only by a higher revision), and requests with no week
    still requested are settled (``fulfilled`` with this load, or ``cancelled``).

    Examples:
        >>> with w.transaction() as tx:  # doctest: +SKIP
        ...     mark_received(tx, 42)
    """
    waiting = tx.sql("SELECT count(*) FROM store.timesheet_requests "
                     "WHERE status IN ('concept', 'open', 'overdue')").fetchall()[0][0]
    if waiting:
        tx.run("queries/timesheets/timesheet_request_weeks_receive", load_id=load_id)
        _settle(tx, load_id)


def _require_role(w: Warehouse, person: str, branch_id: str | None, action: str,
                  on: dt.date) -> None:
    roles = roles_in_branch(w, person, branch_id or "", on) if branch_id else frozenset()
    if not roles & ASKING_ROLES:
        raise NotAllowed(person, action, "regional_director_or_finance",
                         f"only a regional director of branch {branch_id} (or above it, "
                         "delegation included) or finance may do this")


def request_correction(w: Warehouse, assignment_id: str, week: dt.date, reason: str, by: str,
                       as_of: dt.date) -> int:
    """Ask the contact for a corrected timesheet of one week that has lines; returns its id.

    Only a regional director of the lead's branch (or above it, delegation included) or
    finance may ask; a second correction of a week with one waiting is refused; a client that
    requires approval gets a ``concept``. It is fulfilled by a line of that week with a revision
    higher than the highest loaded now.

    Raises:
        NotFound: unknown assignment.
        NotAllowed: ``by`` may not ask.
        RuleViolation: no lines that week, a correction already waiting, no usable contact.

    Examples:
        >>> request_correction(w, "A-1", dt.date(2026, 3, 2), "hours of Friday missing",
        ...                    by="P-RD", as_of=dt.date(2026, 3, 20))  # doctest: +SKIP
        7
    """
    if week.weekday() != 0:
        raise RuleViolation("week_is_monday", f"week {week} is not a Monday; give the "
                            "week's Monday (YYYY-MM-DD)")
    if not reason or not reason.strip():
        raise RuleViolation("reason_required", "a correction request needs a --reason")
    with w.transaction() as tx:
        target = tx.fetchall("queries/timesheets/timesheet_request_correction_target",
                             assignment_id=assignment_id, week=week)
        if not target:
            raise NotFound("assignment", assignment_id)
        (_, lead_id, branch_id, name, email, language, client, base_revision,
         waiting) = target[0]
        _require_role(w, by, branch_id, f"ask a corrected timesheet of {assignment_id} {week}",
                      as_of)
        if base_revision is None:
            raise RuleViolation("correction_needs_lines",
                                f"{assignment_id} has no timesheet line in week {week}: ask "
                                "for the missing week with `timesheets request` instead")
        if waiting:
            raise RuleViolation("one_correction_per_week",
                                f"a correction of {assignment_id} week {week} is already "
                                "waiting; wait for it or let it be cancelled first")
        if not email or email == ANONYMOUS:
            raise RuleViolation("contact_unusable",
                                f"the timesheet contact of {assignment_id} was anonymised or "
                                "has no e-mail address; load assignments.csv with a contact")
        concept = client in _approval_clients(tx)
        request_id = tx.fetchone(
            "queries/timesheets/timesheet_request_correction_insert", assignment_id=assignment_id,
            lead_id=lead_id, branch_id=branch_id, contact_name=name, contact_email=email,
            contact_language=language, status="concept" if concept else "open", as_of=as_of,
            sent_on=None if concept else as_of, reason=reason.strip(), asked_by=by)[0]
        tx.run("queries/timesheets/timesheet_request_correction_week_insert", request_id=request_id,
               week=week, base_revision=base_revision)
        if not concept:
            _queue_to_contact(tx, None, [request_id])
    return int(request_id)


def approve_request(w: Warehouse, request_id: int, by: str, as_of: dt.date) -> None:
    """Approve a ``concept`` request: it becomes ``open`` and its e-mail is queued today.

    The approver is finance or the regional director of the request's branch (delegation
    included), and not the person who asked for it.

    Raises:
        NotFound: no such request.
        NotAllowed: the wrong person.
        RuleViolation: the request is not a ``concept``.

    Examples:
        >>> approve_request(w, 7, by="P-FIN", as_of=dt.date(2026, 3, 21))  # doctest: +SKIP
    """
    with w.transaction() as tx:
        row = tx.fetchall("queries/timesheets/timesheet_request_one", request_id=request_id)
        if not row:
            raise NotFound("timesheet request", str(request_id))
        _, status, asked_by, branch_id, assignment_id, _ = row[0]
        action = f"approve timesheet request {request_id}"
        if asked_by is not None and asked_by == by:
            raise NotAllowed(by, action, "four_eyes",
                             "the person who asked for a request may not approve it; ask "
                             "finance or the branch's regional director")
        _require_role(w, by, branch_id, action, as_of)
        if status != "concept":
            raise RuleViolation("only_concept_approved",
                                f"timesheet request {request_id} of {assignment_id} is "
                                f"{status}, not concept: there is nothing to approve")
        tx.run("queries/timesheets/timesheet_request_approve", request_id=request_id, by=by, as_of=as_of,
               now=clock.now())
        _queue_to_contact(tx, None, [request_id])


def request_ages(w: Warehouse, as_of: dt.date | str, scope: str = "all",
                 output: Output = "pandas", as_person: str | None = None):
    """The requests of a scope's leads with their age and time to fulfilment (data quality).

    Examples:
        >>> request_ages(w, "2026-03-31", "branch:AMS")  # doctest: +SKIP
    """
    from leadanalytics.access.scopes import resolve_scope

    s = resolve_scope(w, scope, as_person=as_person)
    return w.query("queries/timesheets/timesheet_request_ages", output=output, as_of=as_of_day(as_of),
                   **s.params())


def timesheet_requests(w: Warehouse, output: Output = "pandas"):
    """The ``timesheet_requests`` view (one row per requested week), sorted by request and week.

    Examples:
        >>> timesheet_requests(w)  # doctest: +SKIP
    """
    return w.sql("SELECT * FROM timesheet_requests ORDER BY request_id, week", output=output)
