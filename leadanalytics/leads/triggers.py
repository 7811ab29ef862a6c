"""Trigger rules at work: find each rule's new occurrences and act on them, once each.

Occurrences come from one SQL query per event kind (``sql/queries/trigger_occurrences.sql``);
a firing is recorded with its outcome, so running the evaluation twice does nothing twice.
Notices go to the outbox; moves go through :mod:`leadanalytics.leads.moves` with every rule a
person meets. Two ways in: :func:`run_triggers`, the scheduled run (``triggers run``), each
firing in its own transaction; and :func:`fire_triggers`, the last step of a lifecycle verb,
inside the verb's own transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from leadanalytics import clock
from leadanalytics.clock import as_of_day
from leadanalytics.config.triggers import TriggerRule, load_trigger_rules
from leadanalytics.db.warehouse import TIMEZONE, Transaction, Warehouse
from leadanalytics.exceptions import ConfigError, LeadAnalyticsError, RuleViolation
from leadanalytics.leads.moves import move_lead
from leadanalytics.leads.phase_pipelines import active_phase_pipeline
from leadanalytics.notify.outbox import Message, queue_messages, recipient_languages, render


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
    now = since or clock.now()
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
    one lead (as after a lifecycle change). A rule that moves or regroups leads fires each
    occurrence in its own transaction (a refused move is recorded and the others go on); a
    rule that sends notices queues all of its occurrences' notices in one transaction, with
    one query for the leads and one for the recipients (thousands of notices in seconds).

    Examples:
        >>> [f.rule for f in run_triggers(w, "2026-03-01", dry_run=True)]  # doctest: +SKIP
        ['stale_lead_to_director']
    """
    day = as_of_day(as_of)
    firings: list[Firing] = []
    for rule, installed_at in installed_rules(w):
        occurrences = _occurrences(w, rule, day, installed_at, lead_id)
        if dry_run:
            firings += [Firing(rule.name, lead, key, rule.action, "would fire")
                        for lead, key, _ in occurrences]
        elif rule.action == "notify":
            firings += _fire_notices(w, rule, occurrences, acting_moment(day))
        else:
            for lead, key, occurred_at in occurrences:
                firings.append(_fire(w, rule, lead, key, occurred_at, acting_moment(day)))
    return firings


def fire_triggers(w: Warehouse, tx: Transaction, lead_id: str) -> list[Firing]:
    """Evaluate every installed rule for one lead, as of today, inside ``tx``: the last step of a
    lifecycle verb, in the verb's own transaction (domain.md, "Triggers").

    One pass, rules in name order, each seeing what the earlier ones did. A move a rule asks for
    is recorded by :func:`leadanalytics.leads.moves.move_lead`, which fires no rule itself: a
    trigger's move starts no new evaluation (later rules of this pass and the next
    ``triggers run`` see it). A move the rules refuse (:class:`RuleViolation`) is recorded as
    ``refused`` and the verb still commits; any other error propagates and rolls the whole verb
    back.

    Examples:
        >>> with w.transaction() as tx:  # doctest: +SKIP
        ...     fire_triggers(w, tx, "L-1")
    """
    day = as_of_day(None)
    firings: list[Firing] = []
    for rule, installed_at in installed_rules(w):
        for lead, key, occurred_at in _occurrences(w, rule, day, installed_at, lead_id):
            fired_at = acting_moment(day)
            outcome, detail = "done", ""
            try:
                detail = _act(w, tx, rule, lead, key, occurred_at, fired_at)
            except RuleViolation as exc:  # nothing was written: the rules raise before the event
                outcome, detail = "refused", str(exc)
            _record_firing(tx, rule, lead, key, occurred_at, fired_at, outcome, detail)
            firings.append(Firing(rule.name, lead, key, rule.action, outcome, detail))
    return firings


def acting_moment(day: dt.date) -> dt.datetime:
    """When a run as of ``day`` acts: now, or the last second of a past day (a walked calendar)."""
    now = clock.now()
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
            _record_firing(tx, rule, lead_id, key, occurred_at, fired_at, outcome, detail)
    except LeadAnalyticsError as exc:  # a refused move is recorded, not retried forever
        outcome, detail = "refused", str(exc)
        with w.transaction() as tx:
            _record_firing(tx, rule, lead_id, key, occurred_at, fired_at, outcome, detail)
    return Firing(rule.name, lead_id, key, rule.action, outcome, detail)


def _fire_notices(w: Warehouse, rule: TriggerRule, occurrences: list[tuple],
                  fired_at: dt.datetime) -> list[Firing]:
    """Queue the notices of every occurrence of one ``notify`` rule and record the firings, in
    one transaction; an error of the package records them all as refused."""
    if not occurrences:
        return []
    outcome = "done"
    try:
        with w.transaction() as tx:
            details = _notify_many(w, tx, rule, occurrences)
            _record_firings(tx, rule, occurrences, fired_at, outcome, details)
    except LeadAnalyticsError as exc:
        outcome, details = "refused", [str(exc)] * len(occurrences)
        with w.transaction() as tx:
            _record_firings(tx, rule, occurrences, fired_at, outcome, details)
    return [Firing(rule.name, lead, key, rule.action, outcome, detail)
            for (lead, key, _), detail in zip(occurrences, details, strict=True)]


def _record_firings(tx: Transaction, rule: TriggerRule, occurrences: list[tuple],
                    fired_at: dt.datetime, outcome: str, details: list[str]) -> None:
    tx.run("queries/leads/trigger_firings_insert", rule=rule.name, fired_at=fired_at,
           outcome=outcome, lead_ids=[o[0] for o in occurrences],
           occurrence_keys=[o[1] for o in occurrences],
           occurred_ats=[o[2] for o in occurrences], details=details)


def _record_firing(tx: Transaction, rule: TriggerRule, lead_id: str, key: str, occurred_at,
                   fired_at: dt.datetime, outcome: str, detail: str) -> None:
    _record_firings(tx, rule, [(lead_id, key, occurred_at)], fired_at, outcome, [detail])


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
        move_lead(w, tx, lead_id, rule.target_phase, rule.by, at, reason=rule.reason)
        return f"moved to {rule.target_phase}"
    return _notify(w, tx, rule, lead_id, key, occurred_at)


def _notify(w: Warehouse, tx: Transaction, rule: TriggerRule, lead_id: str, key: str,
            occurred_at) -> str:
    return _notify_many(w, tx, rule, [(lead_id, key, occurred_at)])[0]


def _notify_many(w: Warehouse, tx: Transaction, rule: TriggerRule,
                 occurrences: list[tuple]) -> list[str]:
    """Queue one rule's notice for each (lead, occurrence key, occurred at) to each of its
    recipients, in their language; return per occurrence what was done. The leads, their
    recipients and the languages come from one query each; only the rendering loops."""
    lead_ids = sorted({lead for lead, _, _ in occurrences})
    context = tx.run("queries/leads/trigger_lead_context", lead_ids=lead_ids)
    names = [d[0] for d in context.description]
    leads = {row[0]: dict(zip(names, row, strict=True)) for row in context.fetchall()}
    recipients: dict[str, list[tuple]] = {}
    for lead, person_id, name, email in tx.fetchall("queries/leads/trigger_recipients",
                                                    lead_ids=lead_ids, to=rule.to):
        recipients.setdefault(lead, []).append((person_id, name, email))
    languages = recipient_languages(tx, {r[0] for found in recipients.values() for r in found})
    phases = {p.code: p for p in active_phase_pipeline(w).lead.phases}
    messages: list[Message] = []
    details: list[str] = []
    for lead_id, key, occurred_at in occurrences:
        lead = leads[lead_id]
        occurred = occurred_at.astimezone(ZoneInfo(TIMEZONE)) if occurred_at else None
        # A stale occurrence happens `days` after the lead's last change (trigger_occurrences.sql:
        # last event or field change + days, in Amsterdam calendar days): "unchanged since" is
        # that change's day, not the day the rule noticed it.
        stale = occurred is not None and rule.event == "stale"
        changed = occurred - dt.timedelta(days=rule.days) if stale else occurred
        phase = phases.get(lead["phase"])
        sent = []
        for person_id, name, email in recipients.get(lead_id, []):
            language = languages[person_id]
            subject, body = render(rule.template, language, **{
                **lead, "name": name, "days": rule.days,
                "occurred_on": occurred.date() if occurred else None,
                "changed_on": changed.date() if changed else None,
                "phase_label": phase.label(language) if phase else lead["phase"],
            })
            messages.append(Message(f"trigger:{rule.name}:{key}:{person_id}",
                                    f"trigger:{rule.name}", person_id, email, language,
                                    subject, body, lead_id))
            sent.append(person_id)
        details.append(f"notice queued for {', '.join(sent)}" if sent
                       else "no recipient with an e-mail address")
    queue_messages(tx, messages, clock.now())
    return details
