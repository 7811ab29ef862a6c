"""Trigger rules at work: find each rule's new occurrences and act on them, once each.

Occurrences come from one SQL query per event kind (``sql/queries/trigger_occurrences.sql``);
a firing is recorded with its outcome, so running the evaluation twice does nothing twice.
Notices go to the outbox; moves go through the lifecycle with every rule a person meets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from leadanalytics.access.roles import to_day
from leadanalytics.config.triggers import TriggerRule, load_trigger_rules
from leadanalytics.db.warehouse import TIMEZONE, Transaction, Warehouse
from leadanalytics.exceptions import ConfigError, LeadAnalyticsError
from leadanalytics.install import active_phase_pipeline
from leadanalytics.notify.outbox import render


@dataclass(frozen=True)
class Firing:
    """One rule meeting one occurrence: what it did (or would do, in a dry run)."""

    rule: str
    lead_id: str
    occurrence_key: str
    action: str
    outcome: str  # done | refused | would fire
    detail: str = ""


def install_triggers(
    w: Warehouse, path: str | Path | None = None, *, since: dt.datetime | None = None
) -> list[str]:
    """Install trigger rules (the shipped sample unless ``path``); names are checked against
    the active phase pipeline. A rule reacts only to what happens after it was installed
    (or after ``since``); reinstalling an unchanged rule keeps its moment.

    Examples:
        >>> install_triggers(w)  # doctest: +SKIP
        ['active_lead_to_submitter', 'rejected_to_follow_up', 'stale_lead_to_director']
    """
    rules = load_trigger_rules(path)
    source = str(path or "triggers.toml")
    lead = active_phase_pipeline(w).lead
    phases = {p.code for p in lead.phases}
    groups = {g.code for g in lead.groups}
    for r in rules:
        for phase in (r.phase, r.target_phase):
            if phase is not None and phase not in phases:
                raise ConfigError(source, f"rule {r.name!r}: phase {phase!r} is not in the pipeline")
        if r.event == "phase_group_changed" and r.group not in groups:
            raise ConfigError(source, f"rule {r.name!r}: phase group {r.group!r} is not in the pipeline")
        if r.event == "stale" and r.group is not None and r.group not in groups:
            raise ConfigError(source, f"rule {r.name!r}: phase group {r.group!r} is not in the pipeline")
        if r.action == "notify" and not _has_template(r.template):
            raise ConfigError(source, f"rule {r.name!r}: no template {r.template!r} (nl and en)")
    now = since or dt.datetime.now(dt.UTC)
    with w.transaction() as tx:
        for r in rules:
            tx.run("queries/leads/trigger_rule_upsert", rule_name=r.name, definition=r.definition(),
                   installed_at=now)
    return sorted(r.name for r in rules)


def _has_template(name: str) -> bool:
    folder = resources.files("leadanalytics.notify") / "templates"
    return all((folder / f"{name}.{lang}.j2").is_file() for lang in ("nl", "en"))


def installed_rules(w: Warehouse) -> list[tuple[TriggerRule, dt.datetime]]:
    """The installed rules with the moment each was installed."""
    import json

    return [(TriggerRule(**json.loads(d)), at) for _, d, at in w.rows("queries/leads/trigger_rules")]


def run_triggers(
    w: Warehouse, as_of: dt.date | str | None = None, *, dry_run: bool = False,
    lead_id: str | None = None,
) -> list[Firing]:
    """Evaluate every installed rule as of a day (default today); each occurrence fires once.

    ``dry_run`` lists what would fire and writes nothing. ``lead_id`` limits the evaluation to
    one lead (as after a lifecycle change).

    Examples:
        >>> [f.rule for f in run_triggers(w, "2026-03-01", dry_run=True)]  # doctest: +SKIP
        ['stale_lead_to_director']
    """
    day = to_day(as_of)
    firings: list[Firing] = []
    for rule, installed_at in installed_rules(w):
        for lead, key, occurred_at in _occurrences(w, rule, day, installed_at, lead_id):
            if dry_run:
                firings.append(Firing(rule.name, lead, key, rule.action, "would fire"))
                continue
            firings.append(_fire(w, rule, lead, key, occurred_at, acting_moment(day)))
    return firings


def acting_moment(day: dt.date) -> dt.datetime:
    """When a run as of ``day`` acts: now, or the last second of a past day (a walked calendar)."""
    now = dt.datetime.now(dt.UTC)
    end_of_day = dt.datetime.combine(day, dt.time(23, 59, 59), ZoneInfo(TIMEZONE))
    return min(now, end_of_day)


def _occurrences(w: Warehouse, rule: TriggerRule, day: dt.date, since: dt.datetime,
                 lead_id: str | None) -> list[tuple]:
    if rule.event == "bonus_earned":
        return w.rows("queries/leads/trigger_bonus_earned", as_of=day, rule=rule.name, lead_id=lead_id)
    return w.rows(
        "queries/leads/trigger_occurrences", event=rule.event, rule=rule.name, as_of=day,
        since=since, lead_id=lead_id, phase=rule.phase, group=rule.group, days=rule.days,
    )


def _fire(w: Warehouse, rule: TriggerRule, lead_id: str, key: str, occurred_at,
          fired_at: dt.datetime) -> Firing:
    """Do one rule's action for one occurrence and record it, in one transaction."""
    outcome, detail = "done", ""
    try:
        with w.transaction() as tx:
            detail = _act(w, tx, rule, lead_id, key, occurred_at, fired_at)
            tx.run("queries/leads/trigger_firing_insert", rule=rule.name, occurrence_key=key,
                   lead_id=lead_id, occurred_at=occurred_at, fired_at=fired_at,
                   outcome="done", detail=detail)
    except LeadAnalyticsError as exc:  # a refused move is recorded, not retried forever
        outcome, detail = "refused", str(exc)
        with w.transaction() as tx:
            tx.run("queries/leads/trigger_firing_insert", rule=rule.name, occurrence_key=key,
                   lead_id=lead_id, occurred_at=occurred_at, fired_at=fired_at,
                   outcome=outcome, detail=detail)
    return Firing(rule.name, lead_id, key, rule.action, outcome, detail)


def _act(w: Warehouse, tx: Transaction, rule: TriggerRule, lead_id: str, key: str,
         occurred_at, at: dt.datetime) -> str:
    if rule.action == "add_to_group":
        tx.run("queries/leads/lead_group_add", lead_id=lead_id, group=rule.target_group, at=at,
               by=rule.by or f"trigger:{rule.name}")
        return f"added to group {rule.target_group}"
    if rule.action == "remove_from_group":
        tx.run("queries/leads/lead_group_remove", lead_id=lead_id, group=rule.target_group, at=at,
               by=rule.by or f"trigger:{rule.name}")
        return f"removed from group {rule.target_group}"
    if rule.action == "move_to_phase":
        from leadanalytics.leads.lifecycle import move

        move(w, lead_id, rule.target_phase, rule.by, reason=rule.reason, at=at)
        return f"moved to {rule.target_phase}"
    return _notify(w, tx, rule, lead_id, key, occurred_at)


def _notify(w: Warehouse, tx: Transaction, rule: TriggerRule, lead_id: str, key: str,
            occurred_at) -> str:
    context_row = tx.run("queries/leads/trigger_lead_context", lead_id=lead_id)
    names = [d[0] for d in context_row.description]
    lead = dict(zip(names, context_row.fetchall()[0], strict=True))
    phases = {p.code: p for p in active_phase_pipeline(w).lead.phases}
    occurred_on = (
        occurred_at.astimezone(ZoneInfo(TIMEZONE)).date().isoformat() if occurred_at else ""
    )
    sent = []
    for person_id, name, email in tx.fetchall("queries/leads/trigger_recipients", lead_id=lead_id,
                                              to=rule.to):
        language = "nl"
        phase = phases.get(lead["phase"])
        subject, body = render(rule.template, language, **{
            **lead, "name": name, "days": rule.days, "occurred_on": occurred_on,
            "phase_label": phase.label(language) if phase else lead["phase"],
        })
        tx.run("queries/notify/outbox_insert", dedupe_key=f"trigger:{rule.name}:{key}:{person_id}",
               kind=f"trigger:{rule.name}", to_person_id=person_id, to_address=email,
               language=language, subject=subject, body=body, ref=lead_id)
        sent.append(person_id)
    return f"notice queued for {', '.join(sent)}" if sent else "no recipient with an e-mail address"
