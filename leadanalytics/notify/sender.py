"""Delivering the outbox over SMTP, or as ``.eml`` files for a dry run.

Each message is marked sent in its own transaction right after the server accepted it, so a
crash resends at most the one message in flight; a failure keeps the message with its error, to
be retried by the next run. Nothing already sent is sent again. A scheduled report's e-mail
carries the report's PDF as an attachment when its build wrote one (schedule entry ``pdf = true``).
"""

from __future__ import annotations

import os
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Any

from leadanalytics import clock
from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.outputs import ensure_folder, write_bytes

_ENV = "LEADANALYTICS_SMTP_"


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to deliver: from the environment (``LEADANALYTICS_SMTP_HOST``, ``_PORT``,
    ``_STARTTLS``, ``_USER``, ``_PASSWORD``, ``_FROM``), else the warehouse settings
    ``smtp_host``, ``smtp_port``, ... ."""

    host: str = "localhost"
    port: int = 25
    starttls: bool = False
    user: str | None = None
    password: str | None = None
    sender: str = "leadanalytics@localhost"
    timeout: float = 30.0

    @classmethod
    def from_config(cls, warehouse: Warehouse | None = None) -> SmtpSettings:
        def get(key: str, default: str | None = None) -> str | None:
            value = os.environ.get(_ENV + key.upper())
            if value is None and warehouse is not None:
                value = warehouse.setting(f"smtp_{key}")
            return default if value in (None, "") else value

        return cls(
            host=get("host", "localhost"), port=int(get("port", "25")),
            starttls=(get("starttls", "false") or "").lower() in ("1", "true", "yes"),
            user=get("user"), password=get("password"),
            sender=get("from", "leadanalytics@localhost"),
        )


def _message(row: dict[str, Any], settings: SmtpSettings,
             attachment: Path | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = settings.sender
    msg["To"] = row["to_address"]
    msg["Subject"] = row["subject"]
    msg["Date"] = formatdate(clock.now().timestamp(), localtime=True)
    msg["Message-ID"] = f"<outbox-{row['message_id']}@leadanalytics>"
    msg.set_content(row["body"])
    if attachment is not None:
        msg.add_attachment(attachment.read_bytes(), maintype="application", subtype="pdf",
                           filename=attachment.name)
    return msg


def _report_pdfs(warehouse: Warehouse, rows: list[dict[str, Any]]) -> dict[int, Path]:
    """The PDF of each report e-mail among ``rows`` whose build wrote one, by message id."""
    found: dict[int, Path] = {}
    reports = [r for r in rows if r.get("kind") == "report"]
    if not reports:
        return found
    with warehouse.reader() as con:
        tx = Transaction(con)
        for r in reports:
            hit = tx.fetchone("queries/notify/report_attachment", message_id=r["message_id"])
            if hit and hit[0]:
                pdf = Path(hit[0]) / f"{hit[1]}.pdf"
                if pdf.is_file():
                    found[r["message_id"]] = pdf
    return found


def _unsent(warehouse: Warehouse) -> list[dict[str, Any]]:
    with warehouse.reader() as con:
        cur = Transaction(con).run("queries/notify/outbox_unsent")
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def send_outbox(warehouse: Warehouse, settings: SmtpSettings | None = None,
                dry_run_dir: str | Path | None = None) -> dict[str, int]:
    """Deliver every unsent message; with ``dry_run_dir`` write ``<message_id>.eml`` files there
    instead, send nothing and only record the files written (``store.written_files``, with
    whom each mentions: domain.md, "Privacy"). Returns counts ``sent``, ``failed``, ``written``.

    Examples:
        >>> send_outbox(w, SmtpSettings(host="localhost", port=1025))   # doctest: +SKIP
        {'sent': 3, 'failed': 0, 'written': 0}
    """
    settings = settings or SmtpSettings.from_config(warehouse)
    rows = _unsent(warehouse)
    pdfs = _report_pdfs(warehouse, rows)
    counts = {"sent": 0, "failed": 0, "written": 0}
    if dry_run_dir is not None:
        out = ensure_folder(dry_run_dir)
        written: list[tuple[int, str]] = []
        for r in rows:
            if r["to_address"]:
                message = _message(r, settings, pdfs.get(r["message_id"]))
                path = write_bytes(bytes(message), out / f"{r['message_id']}.eml")
                written.append((r["message_id"], os.path.realpath(path)))
        if written:
            with warehouse.transaction() as tx:
                tx.run("queries/notify/eml_files_record", at=clock.now(),
                       message_ids=[m for m, _ in written], paths=[p for _, p in written])
        counts["written"] = len(written)
        return counts
    if not rows:
        return counts
    try:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    except OSError as exc:
        _fail_all(warehouse, rows, f"cannot connect to {settings.host}:{settings.port}: {exc}")
        counts["failed"] = len(rows)
        return counts
    finished: set[int] = set()        # messages sent or failed on their own
    try:
        if settings.starttls:
            smtp.starttls()
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        for r in rows:
            if not r["to_address"]:
                _mark(warehouse, "queries/notify/outbox_mark_failed", r, "no e-mail address for the recipient")
                counts["failed"] += 1
            else:
                try:
                    smtp.send_message(_message(r, settings, pdfs.get(r["message_id"])))
                except smtplib.SMTPRecipientsRefused as exc:
                    _mark(warehouse, "queries/notify/outbox_mark_failed", r, f"recipient refused: {exc}")
                    counts["failed"] += 1
                else:
                    _mark(warehouse, "queries/notify/outbox_mark_sent", r)
                    counts["sent"] += 1
            finished.add(r["message_id"])
    except (smtplib.SMTPException, OSError) as exc:
        # the session broke: the message in flight and every one after it stay unsent
        left = [r for r in rows if r["message_id"] not in finished]
        _fail_all(warehouse, left, f"{type(exc).__name__}: {exc}")
        counts["failed"] += len(left)
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            pass
    return counts


def _mark(warehouse: Warehouse, query: str, row: dict[str, Any], error: str | None = None) -> None:
    with warehouse.transaction() as tx:
        tx.run(query, message_id=row["message_id"], error=error, now=clock.now())


def _fail_all(warehouse: Warehouse, rows: list[dict[str, Any]], error: str) -> None:
    with warehouse.transaction() as tx:
        for r in rows:
            tx.run("queries/notify/outbox_mark_failed", message_id=r["message_id"], error=error,
                   now=clock.now())
