"""`leadanalytics notify ...`: queue the bonus and lead e-mails, deliver the outbox."""

from __future__ import annotations

import datetime as dt

import click

from leadanalytics.cli.common import (
    as_of_date,
    as_of_option,
    emit,
    fail_on_package_errors,
    json_option,
    state,
)


@click.group("notify")
def notify_group() -> None:
    """The outbox: queue notifications and deliver them over SMTP.

    Example: leadanalytics notify send --dry-run outbox/
    """


@notify_group.command("queue")
@as_of_option
@click.option("--language", type=click.Choice(["nl", "en"]), default=None,
              help="Language of the e-mails (default: setting notify_language, else nl).")
@json_option
@fail_on_package_errors
def queue_command(as_of: dt.datetime | None, language: str | None) -> None:
    """Queue the bonus e-mails (earned, withdrawn; `review` notices to finance) and the
    lead-submitted e-mails due as of the date; running it twice queues nothing twice.

    Example: leadanalytics notify queue --as-of 2026-03-31
    """
    from leadanalytics.notify import queue_bonus_notifications

    day = as_of_date(as_of)
    counts = queue_bonus_notifications(state().warehouse(), day, language)
    emit(f"queued as of {day}: " + ", ".join(f"{n} {k}" for k, n in counts.items()),
         {"as_of": day.isoformat(), **counts})


@notify_group.command("send")
@click.option("--dry-run", "dry_run", type=click.Path(file_okay=False), default=None,
              metavar="DIR", help="Write .eml files to DIR instead of sending; change nothing.")
@as_of_option
@json_option
@fail_on_package_errors
def send_command(dry_run: str | None, as_of: dt.datetime | None) -> None:
    """Deliver every unsent message of the outbox over SMTP (LEADANALYTICS_SMTP_HOST, _PORT,
    _STARTTLS, _USER, _PASSWORD, _FROM, or the smtp_* settings); failures stay to be retried.
    People's preferences apply first: `never` messages are suppressed, `daily` ones go out as
    one digest per person the day after (--as-of: the acting day).

    Example: LEADANALYTICS_SMTP_HOST=mail.local leadanalytics notify send
    """
    from leadanalytics.notify import send_outbox
    from leadanalytics.notify.preferences import prepare_outbox

    w = state().warehouse()
    prepared = {"suppressed": 0, "digests": 0} if dry_run else prepare_outbox(w, as_of_date(as_of))
    counts = {**send_outbox(w, dry_run_dir=dry_run), **prepared}
    if dry_run:
        summary = f"dry run: {counts['written']} message(s) written to {dry_run}, nothing sent"
    else:
        summary = f"{counts['sent']} sent, {counts['failed']} failed (kept to retry)"
    emit(summary, counts)
    if counts["failed"]:
        raise SystemExit(1)


@notify_group.command("preference")
@click.argument("person")
@click.argument("kind")
@click.argument("mode", type=click.Choice(["immediately", "daily", "never"]))
@json_option
@fail_on_package_errors
def preference_command(person: str, kind: str, mode: str) -> None:
    """How PERSON gets messages of KIND (an outbox kind such as bonus_earned, or * for all).

    Example: leadanalytics notify preference P-17 "*" daily
    """
    from leadanalytics.notify.preferences import set_preference

    set_preference(state().warehouse(), person, kind, mode)
    emit(f"{person} gets {kind} messages {mode}", {"person": person, "kind": kind, "mode": mode})
