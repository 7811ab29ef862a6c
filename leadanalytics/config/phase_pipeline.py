"""Phase pipelines: TOML files in, validated frozen objects out.

A phase pipeline lists, per entity (lead, opportunity), the phase groups, the phases and the
verbs of the lifecycle. Validation names the fault and the file. No SQL, no I/O beyond the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from leadanalytics.exceptions import PipelineConfigError

Outcome = Literal["open", "won", "lost"]
ENTITIES = ("lead", "opportunity")
LANGUAGES = ("nl", "en")
_PHASE_KEYS = {
    "code", "index", "group", "active", "default", "end", "default_end", "outcome",
    "requires_reason", "requires_assignment_id", "color", "label", "next", "code_fields",
}
_ENTITY_KEYS = {"groups", "phases", "verbs", "mandatory_fields", "converts_to"}
_LEAD_FIELDS = {
    "business_unit", "client_name", "contact_name", "contact_email", "title", "description",
    "submitter_id", "branch_id", "source", "priority", "category",
}


@dataclass(frozen=True)
class PhaseGroup:
    code: str
    position: int
    labels: dict[str, str]


@dataclass(frozen=True)
class Phase:
    code: str
    index: int
    group: str
    outcome: Outcome
    next: tuple[str, ...] = ()
    active: bool = True
    is_default: bool = False
    is_end: bool = False
    is_default_end: bool = False
    requires_reason: bool = False
    requires_assignment_id: bool = False
    color: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    code_fields: dict[str, Any] = field(default_factory=dict)

    def label(self, language: str = "nl") -> str:
        return self.labels.get(language) or self.code


@dataclass(frozen=True)
class Verb:
    verb: str
    to: tuple[str, ...]
    by: tuple[str, ...]


@dataclass(frozen=True)
class EntityPipeline:
    """The phases of one entity (lead or opportunity) in one phase pipeline."""

    entity: str
    groups: tuple[PhaseGroup, ...]
    phases: tuple[Phase, ...]
    verbs: tuple[Verb, ...]
    mandatory_fields: tuple[str, ...] = ()
    converts_to: str | None = None

    def phase(self, code: str) -> Phase:
        for p in self.phases:
            if p.code == code:
                return p
        raise KeyError(code)

    @property
    def default_phase(self) -> Phase:
        return next(p for p in self.phases if p.is_default)

    @property
    def default_end_phase(self) -> Phase | None:
        return next((p for p in self.phases if p.is_default_end), None)

    @property
    def won_phases(self) -> tuple[Phase, ...]:
        return tuple(p for p in self.phases if p.outcome == "won")

    def verb_for(self, to_phase: str) -> str:
        """The verb that leads to a phase (``move`` when no verb names it)."""
        for v in self.verbs:
            if to_phase in v.to:
                return v.verb
        return "move"


@dataclass(frozen=True)
class PhasePipeline:
    """A phase pipeline file: one or two entities.

    Examples:
        >>> p = load_phase_pipeline("public_support")
        >>> p.lead.default_phase.code
        'concept'
    """

    name: str
    path: str
    entities: dict[str, EntityPipeline]
    description: str = ""
    text: str = field(default="", repr=False)

    @property
    def lead(self) -> EntityPipeline:
        return self.entities["lead"]

    @property
    def opportunity(self) -> EntityPipeline | None:
        return self.entities.get("opportunity")


def shipped_pipelines() -> list[str]:
    """Names of the phase pipelines that ship with the package."""
    folder = resources.files("leadanalytics.config") / "phase_pipelines"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_phase_pipeline(name_or_path: str | Path) -> PhasePipeline:
    """Read and validate a phase pipeline by shipped name or by file path."""
    text_path = str(name_or_path)
    if text_path in shipped_pipelines():
        node = resources.files("leadanalytics.config") / "phase_pipelines" / f"{text_path}.toml"
        return parse_phase_pipeline(node.read_text(encoding="utf-8"), f"{text_path}.toml")
    path = Path(name_or_path)
    if not path.is_file():
        raise PipelineConfigError(
            path, f"no such pipeline file (shipped pipelines: {', '.join(shipped_pipelines())})"
        )
    return parse_phase_pipeline(path.read_text(encoding="utf-8"), str(path))


def parse_phase_pipeline(text: str, path: str) -> PhasePipeline:
    """Validate the TOML text of a phase pipeline; ``path`` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PipelineConfigError(path, f"not valid TOML: {exc}") from exc

    def fail(fault: str):
        raise PipelineConfigError(path, fault)

    name = data.get("name")
    if not isinstance(name, str) or not name:
        fail("missing top-level key 'name'")
    unknown = set(data) - {"name", "description", *ENTITIES}
    if unknown:
        fail(f"unknown top-level keys {sorted(unknown)}")
    if "lead" not in data:
        fail("no [lead] table: a pipeline needs phases for leads")
    entities = {e: _parse_entity(e, data[e], fail) for e in ENTITIES if e in data}
    lead = entities["lead"]
    if lead.converts_to:
        target = entities.get(lead.converts_to)
        if target is None:
            fail(f"lead.converts_to names entity {lead.converts_to!r}, which has no table")
        if lead.default_end_phase is None:
            fail("lead.converts_to needs a lead phase with default_end = true")
    return PhasePipeline(
        name=name, path=path, entities=entities, description=data.get("description", ""),
        text=text,
    )


def _labels(raw: Any, where: str, fail) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or set(raw) - set(LANGUAGES):
        fail(f"{where}: label must be a table with keys among {list(LANGUAGES)}")
    return {k: str(v) for k, v in raw.items()}


def _parse_entity(entity: str, raw: dict, fail) -> EntityPipeline:
    unknown = set(raw) - _ENTITY_KEYS
    if unknown:
        fail(f"[{entity}] has unknown keys {sorted(unknown)}")
    groups = []
    for pos, g in enumerate(raw.get("groups", []), start=1):
        code = g.get("code")
        if not code:
            fail(f"{entity} group #{pos} has no code")
        groups.append(PhaseGroup(code, pos, _labels(g.get("label"), f"{entity} group {code}", fail)))
    group_codes = [g.code for g in groups]
    dup = {c for c in group_codes if group_codes.count(c) > 1}
    if dup:
        fail(f"{entity}: duplicate group codes {sorted(dup)}")

    phases = []
    for n, p in enumerate(raw.get("phases", []), start=1):
        code = p.get("code")
        if not code:
            fail(f"{entity} phase #{n} has no code")
        unknown = set(p) - _PHASE_KEYS
        if unknown:
            fail(f"{entity} phase {code!r} has unknown keys {sorted(unknown)}")
        outcome = p.get("outcome", "open")
        if outcome not in ("open", "won", "lost"):
            fail(f"{entity} phase {code!r}: outcome must be open, won or lost, not {outcome!r}")
        phases.append(
            Phase(
                code=code,
                index=int(p.get("index", n * 10)),
                group=p.get("group", ""),
                outcome=outcome,
                next=tuple(p.get("next", ())),
                active=bool(p.get("active", True)),
                is_default=bool(p.get("default", False)),
                is_end=bool(p.get("end", False)),
                is_default_end=bool(p.get("default_end", False)),
                requires_reason=bool(p.get("requires_reason", False)),
                requires_assignment_id=bool(p.get("requires_assignment_id", False)),
                color=p.get("color"),
                labels=_labels(p.get("label"), f"{entity} phase {code}", fail),
                code_fields=dict(p.get("code_fields", {})),
            )
        )
    if not phases:
        fail(f"{entity}: no phases")
    codes = [p.code for p in phases]
    dup = {c for c in codes if codes.count(c) > 1}
    if dup:
        fail(f"{entity}: duplicate phase codes {sorted(dup)}")
    defaults = [p.code for p in phases if p.is_default]
    if not defaults:
        fail(f"{entity}: no default phase (exactly one phase needs default = true)")
    if len(defaults) > 1:
        fail(f"{entity}: more than one default phase {defaults}")
    default_ends = [p.code for p in phases if p.is_default_end]
    if len(default_ends) > 1:
        fail(f"{entity}: more than one default end phase {default_ends}")
    for p in phases:
        if p.group not in group_codes:
            fail(f"{entity} phase {p.code!r} is outside every group (group {p.group!r} is not defined)")
        for nxt in p.next:
            if nxt not in codes:
                fail(f"{entity} phase {p.code!r} names unknown phase {nxt!r} in next")
        if p.is_end and p.next:
            fail(f"{entity} end phase {p.code!r} has a next ({', '.join(p.next)})")
        if p.is_default_end and not p.is_end:
            fail(f"{entity} phase {p.code!r} is default_end but not an end phase")
        if p.outcome != "open" and not p.is_end:
            fail(f"{entity} phase {p.code!r} has outcome {p.outcome} but is not an end phase")

    verbs = []
    for v in raw.get("verbs", []):
        verb, to, by = v.get("verb"), tuple(v.get("to", ())), tuple(v.get("by", ()))
        if not verb or not to or not by:
            fail(f"{entity} verb {verb!r} needs verb, to and by")
        for t in to:
            if t not in codes:
                fail(f"{entity} verb {verb!r} leads to unknown phase {t!r}")
        verbs.append(Verb(verb, to, by))
    mandatory = tuple(raw.get("mandatory_fields", ()))
    for f in mandatory:
        if f not in _LEAD_FIELDS:
            fail(f"{entity}: mandatory field {f!r} is not a lead field")
    return EntityPipeline(
        entity=entity,
        groups=tuple(groups),
        phases=tuple(sorted(phases, key=lambda p: p.index)),
        verbs=tuple(verbs),
        mandatory_fields=mandatory,
        converts_to=raw.get("converts_to"),
    )
