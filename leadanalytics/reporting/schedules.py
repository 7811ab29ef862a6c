"""Scheduled reports: ``run_due`` builds each due slot once, ``approve_run`` sends a concept.

A slot is claimed by inserting its row in ``store.report_runs`` (unique per schedule entry,
scope and cron time) in a short transaction, so that two processes started by cron at once
never both build it: the second finds the row and skips. The build itself runs outside any
transaction on a snapshot (``build_report``). A failed or gate-blocked slot, or one whose claim
expired (the build died), is taken again by the next call. Messages go to the outbox.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from leadanalytics import clock
from leadanalytics.access.scopes import Scope, resolve_scope
from leadanalytics.config.report_schedule import ReportSchedule, ScheduledReport
from leadanalytics.db.warehouse import TIMEZONE, Warehouse
from leadanalytics.exceptions import NotAllowed, NotFound, RuleViolation
from leadanalytics.reporting.build import build_report, day_words, scope_words, title_of

AMS = ZoneInfo(TIMEZONE)


def due_slot(cron: str, now: dt.datetime) -> dt.datetime:
    """The latest cron time at or before ``now``, read in Europe/Amsterdam.

    Examples:
        >>> due_slot("0 7 * * 1", dt.datetime(2026, 3, 4, 12, tzinfo=AMS)).isoformat()
        '2026-03-02T07:00:00+01:00'
    """
    from croniter import croniter

    local = now.astimezone(AMS) + dt.timedelta(seconds=1)
    return croniter(cron, local).get_prev(dt.datetime)


def check_recipients(w: Warehouse, schedule: ReportSchedule, on: dt.date | None = None) -> None:
    """Every recipient may have every scope of their entry (domain.md "Scopes"), else an error."""
    for entry in schedule.reports:
        for scope in entry.scopes:
            for person in entry.recipients:
                resolve_scope(w, scope, as_person=person, day=on)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text)


def _claim(w: Warehouse, entry: ScheduledReport, scope: str, slot: dt.datetime,
           now: dt.datetime, claim_minutes: int) -> int | None:
    until = now + dt.timedelta(minutes=claim_minutes)
    with w.transaction() as tx:
        row = tx.fetchone("queries/reporting/report_run_of_slot", schedule=entry.name, scope=scope, slot=slot)
        if row is None:
            return tx.fetchone(
                "queries/reporting/report_run_claim_new", schedule=entry.name, report=entry.notebook,
                scope=scope, slot=slot, now=now, claimed_until=until,
                recipients=list(entry.recipients),
            )[0]
        again = tx.fetchone("queries/reporting/report_run_claim_again", run_id=row[0], now=now,
                            claimed_until=until)
        return again[0] if again else None


def _finish(w: Warehouse, run_id: int, status: str, now: dt.datetime,
            out_dir: str | None = None, error: str | None = None) -> None:
    with w.transaction() as tx:
        tx.run("queries/reporting/report_run_finish", run_id=run_id, status=status, now=now,
               out_dir=out_dir, error=error)


_MESSAGE = {
    "nl": ("{title} · {scope} · {day}",
           "Het rapport {title} voor {scope} (peildatum {day}) staat klaar: {page}\n{pdf}",
           "De PDF staat in de bijlage.\n"),
    "en": ("{title} · {scope} · {day}",
           "The report {title} for {scope} (as of {day}) is ready: {page}\n{pdf}",
           "The PDF is attached.\n"),
}


def _queue(tx, run_id: int, report: str, scope: str, slot: dt.datetime, out_dir: str,
           recipients, now: dt.datetime) -> None:
    """Queue the report's e-mail to each recipient, in the report's language (its manifest)."""
    folder = Path(out_dir)
    try:
        manifest = json.loads((folder / f"{report}.manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    lang = manifest.get("lang", "nl")
    subject, body, attached = _MESSAGE[lang]
    words = {"title": title_of(report, lang),
             "scope": scope_words(manifest.get("scope_name"), lang) if manifest else scope,
             "day": day_words(manifest.get("data_as_of", slot.astimezone(AMS).date().isoformat()),
                              lang),
             "page": str(folder / f"{report}.html"),
             "pdf": attached if (folder / f"{report}.pdf").exists() else ""}
    for person in recipients:
        tx.run("queries/reporting/report_outbox_insert", run_id=run_id, person_id=person,
               subject=subject.format(**words), body=body.format(**words), language=lang,
               now=now)


def run_due(
    w: Warehouse, schedule: ReportSchedule, out_root: str | Path, now: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """Build every scheduled report whose latest slot has not been built yet; one dict per try.

    Outcomes: ``sent`` (queued to the recipients), ``concept`` (waits for approval),
    ``blocked`` (the data-quality gate failed: the reason is recorded, nothing is sent),
    ``failed`` (the error is recorded; retried next call) and ``skipped`` (already done or
    being built by another process).

    Examples:
        >>> run_due(w, load_report_schedule("schedule.toml"), "reports/")  # doctest: +SKIP
    """
    now = (now or clock.now()).astimezone(AMS)
    check_recipients(w, schedule, now.date())
    results = []
    for entry in schedule.reports:
        slot = due_slot(entry.cron, now)
        for scope in entry.scopes:
            result = {"schedule": entry.name, "report": entry.notebook, "scope": scope,
                      "slot": slot.isoformat()}
            run_id = _claim(w, entry, scope, slot, now, schedule.claim_minutes)
            if run_id is None:
                results.append({**result, "outcome": "skipped"})
                continue
            result["run_id"] = run_id
            gate = w.rows("queries/reporting/report_gate", at=now)
            if gate:
                why = "; ".join(f"latest {k} load {lid} ({f}) was refused: {fault}"
                                for k, lid, f, fault in gate)
                _finish(w, run_id, "blocked", now, error=f"data-quality gate: {why}")
                results.append({**result, "outcome": "blocked", "error": why})
                continue
            out_dir = Path(out_root) / _slug(entry.name) / slot.strftime("%Y%m%dT%H%M") / _slug(scope)
            try:
                build_report(w, entry.notebook, slot.date(), scope, out_dir, run_id=run_id,
                             lang=entry.lang, pdf=entry.pdf)
            except Exception as exc:  # any failure is recorded and retried next call
                _finish(w, run_id, "failed", now, error=f"{type(exc).__name__}: {exc}")
                results.append({**result, "outcome": "failed", "error": str(exc)})
                continue
            status = "concept" if entry.approval else "sent"
            with w.transaction() as tx:
                tx.run("queries/reporting/report_run_finish", run_id=run_id, status=status, now=now,
                       out_dir=str(out_dir), error=None)
                if status == "sent":
                    _queue(tx, run_id, entry.notebook, scope, slot, str(out_dir),
                           entry.recipients, now)
            results.append({**result, "outcome": status, "out_dir": str(out_dir)})
    return results


def approve_run(w: Warehouse, run_id: int, by: str, now: dt.datetime | None = None) -> dict:
    """Send a report built as ``concept``: finance, or the regional director of its scope.

    Raises:
        NotFound: no such run. RuleViolation: the run is not a concept (``removed``: an
        anonymisation removed its files; build the report again).
        NotAllowed: ``by`` is neither finance nor a regional director over the scope.

    Examples:
        >>> approve_run(w, 12, by="P-FIN")  # doctest: +SKIP
    """
    from leadanalytics.access.roles import roles_in_branch

    now = (now or clock.now()).astimezone(AMS)
    row = w.rows("queries/reporting/report_run", run_id=run_id)
    if not row:
        raise NotFound("report run", str(run_id))
    _, schedule, report, scope_text, slot, status, out_dir, recipients, _ = row[0]
    if status == "removed":
        raise RuleViolation("report_approval",
                            f"report run {run_id} was removed: its files mentioned a person or "
                            "contact who was anonymised; build the report again to send it")
    if status != "concept":
        raise RuleViolation("report_approval",
                            f"report run {run_id} is {status}, not concept: nothing to approve")
    scope = Scope.parse(scope_text)
    today = now.date()
    allowed = w.rows("queries/access/person_holds_role_on", person_id=by, role="finance", day=today)[0][0]
    if not allowed and scope.kind != "all":
        branch = scope.id if scope.kind == "branch" else (
            w.sql("SELECT branch_id FROM people WHERE person_id = $p", p=scope.id)["branch_id"]
            .iloc[0])
        allowed = branch is not None and "regional_director" in roles_in_branch(w, by, branch, today)
    if not allowed:
        raise NotAllowed(by, f"approve report run {run_id}", "report_approval",
                         f"only finance, or a regional director over {scope_text}, approves a "
                         "concept report")
    with w.transaction() as tx:
        tx.run("queries/reporting/report_run_approve", run_id=run_id, by=by, now=now)
        _queue(tx, run_id, report, scope_text, slot, out_dir, recipients or [], now)
    return {"run_id": run_id, "status": "sent", "approved_by": by, "recipients": list(recipients or [])}
