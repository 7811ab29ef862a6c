"""Trigger rules (domain.md, "Triggers"): TOML in, validated frozen rules out.

An event (created, moved to a phase, phase group changed, added to a group, stale for N days,
bonus earned) and an action (notify a person or a role with a template, add to or remove from a
lead group, move to a phase through the normal checks). Names are checked against the phase
pipeline when the rules are installed.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from leadanalytics.exceptions import ConfigError

Event = Literal[
    "created", "moved_to_phase", "phase_group_changed", "added_to_group", "stale", "bonus_earned"
]
Action = Literal["notify", "add_to_group", "remove_from_group", "move_to_phase"]
EVENTS = ("created", "moved_to_phase", "phase_group_changed", "added_to_group", "stale",
          "bonus_earned")
ACTIONS = ("notify", "add_to_group", "remove_from_group", "move_to_phase")
_KEYS = {"name", "event", "phase", "group", "days", "action", "to", "template", "target_group",
         "target_phase", "by", "reason", "description"}


@dataclass(frozen=True)
class TriggerRule:
    """One rule: when ``event`` happens to a lead, do ``action``."""

    name: str
    event: Event
    action: Action
    phase: str | None = None        # moved_to_phase
    group: str | None = None        # phase_group_changed (phase group), added_to_group (lead
    #                                 group), stale (optional: only leads in that phase group)
    days: int | None = None         # stale
    to: str | None = None           # notify: submitter | regional_director | a role | a person id
    template: str | None = None     # notify
    target_group: str | None = None  # add_to_group / remove_from_group
    target_phase: str | None = None  # move_to_phase
    by: str | None = None           # move_to_phase / groups: the person the action acts as
    reason: str | None = None       # move_to_phase into a phase that needs a reason
    description: str = ""

    def definition(self) -> str:
        """The rule as canonical JSON (a changed rule is a new rule)."""
        return json.dumps(asdict(self), sort_keys=True)


def load_trigger_rules(path: str | Path | None = None) -> tuple[TriggerRule, ...]:
    """Read trigger rules: the shipped sample ``triggers.toml`` unless a path is given.

    Examples:
        >>> [r.event for r in load_trigger_rules()][:2]
        ['stale', 'moved_to_phase']
    """
    if path is None:
        name = "triggers.toml"
        text = (resources.files("leadanalytics.config") / name).read_text(encoding="utf-8")
    else:
        name = str(path)
        if not Path(path).is_file():
            raise ConfigError(name, "no such trigger rules file")
        text = Path(path).read_text(encoding="utf-8")
    return parse_trigger_rules(text, name)


def parse_trigger_rules(text: str, source: str) -> tuple[TriggerRule, ...]:
    """Validate trigger rules TOML (a list of ``[[rule]]`` tables); errors name rule and key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(source, f"not valid TOML: {exc}") from exc
    if set(data) - {"rule"}:
        raise ConfigError(source, f"unknown top-level keys {sorted(set(data) - {'rule'})}")
    rules, names = [], set()
    for n, raw in enumerate(data.get("rule", []), start=1):
        label = f"rule {raw.get('name', f'#{n}')!r}"

        def fail(fault: str, label: str = label):
            raise ConfigError(source, f"{label}: {fault}")

        unknown = set(raw) - _KEYS
        if unknown:
            fail(f"unknown keys {sorted(unknown)}")
        if not raw.get("name"):
            fail("needs a name")
        if raw["name"] in names:
            fail("duplicate rule name")
        names.add(raw["name"])
        if raw.get("event") not in EVENTS:
            fail(f"event must be one of {', '.join(EVENTS)}, not {raw.get('event')!r}")
        if raw.get("action") not in ACTIONS:
            fail(f"action must be one of {', '.join(ACTIONS)}, not {raw.get('action')!r}")
        needs = {
            "moved_to_phase": ["phase"], "phase_group_changed": ["group"],
            "added_to_group": ["group"], "stale": ["days"],
            "notify": ["to", "template"], "add_to_group": ["target_group"],
            "remove_from_group": ["target_group"], "move_to_phase": ["target_phase", "by"],
        }
        for key in needs.get(raw["event"], []) + needs.get(raw["action"], []):
            if raw.get(key) in (None, ""):
                fail(f"{raw['event'] if key in needs.get(raw['event'], []) else raw['action']} needs {key!r}")
        if raw.get("days") is not None and (not isinstance(raw["days"], int) or raw["days"] <= 0):
            fail("days must be a whole number above 0")
        rules.append(TriggerRule(**raw))
    return tuple(rules)
