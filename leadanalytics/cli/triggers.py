"""`leadanalytics triggers`: install the rules and evaluate them once per occurrence."""

from __future__ import annotations

from dataclasses import asdict

import click

from leadanalytics.cli.common import (
    as_of_date,
    as_of_option,
    emit,
    fail_on_package_errors,
    json_option,
    state,
)


@click.group("triggers")
def triggers_group() -> None:
    """Trigger rules: on lead events, notify, regroup or move (domain.md, "Triggers").

    Example: leadanalytics triggers run --dry-run
    """


@triggers_group.command("install")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@json_option
@fail_on_package_errors
def install_command(file: str | None) -> None:
    """Install trigger rules from FILE (the shipped sample when omitted).

    Example: leadanalytics triggers install triggers.toml
    """
    from leadanalytics.leads.triggers import install_triggers

    names = install_triggers(state().warehouse(), file)
    emit(f"{len(names)} trigger rules installed: {', '.join(names)}", {"rules": names})


@triggers_group.command("run")
@as_of_option
@click.option("--dry-run", is_flag=True, help="List what would fire; write nothing.")
@json_option
@fail_on_package_errors
def run_command(as_of, dry_run: bool) -> None:
    """Evaluate every rule as of a day; each occurrence fires once. A real run also queues the
    bonus e-mails of bonus-rules.md (earned, withdrawn) and the lead-submitted notices.

    Example: leadanalytics triggers run --as-of 2026-03-31 --dry-run
    """
    from leadanalytics.leads.triggers import run_triggers
    from leadanalytics.notify import queue_bonus_notifications

    w = state().warehouse()
    day = as_of_date(as_of)
    firings = run_triggers(w, day, dry_run=dry_run)
    queued = {} if dry_run else queue_bonus_notifications(w, day)
    word = "would fire" if dry_run else "fired"
    lines = [f"{len(firings)} {word}"] + [
        f"  {f.rule} {f.lead_id}: {f.outcome} {f.detail}".rstrip() for f in firings
    ]
    if queued:
        lines.append("queued: " + ", ".join(f"{k} {v}" for k, v in queued.items()))
    emit("\n".join(lines), {"dry_run": dry_run, "firings": [asdict(f) for f in firings],
                            "queued": queued})
