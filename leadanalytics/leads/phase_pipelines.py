"""The phase pipeline stored in a warehouse: writing one into it, and reading the active one.

The configuration files themselves are read by ``leadanalytics.config.phase_pipeline``.
"""

from __future__ import annotations

import json

from leadanalytics.config.phase_pipeline import (
    PhasePipeline,
    load_phase_pipeline,
    parse_phase_pipeline,
)
from leadanalytics.db.warehouse import Transaction, Warehouse

DEFAULT_PIPELINE = "public_support"
_DELETE_PHASE_PIPELINE = (
    "queries/config/config_delete_phases", "queries/config/config_delete_phase_groups",
    "queries/config/config_delete_phase_transitions", "queries/config/config_delete_phase_verbs",
)


def write_phase_pipeline(tx: Transaction, p: PhasePipeline) -> None:
    """Replace the stored configuration of one phase pipeline and make it the active one."""
    for delete in _DELETE_PHASE_PIPELINE:
        tx.run(delete, pipeline=p.name)
    for entity, ep in p.entities.items():
        for g in ep.groups:
            tx.run(
                "queries/config/config_insert_phase_group", pipeline=p.name, entity=entity, code=g.code,
                position=g.position, label_nl=g.labels.get("nl"), label_en=g.labels.get("en"),
            )
        for ph in ep.phases:
            tx.run(
                "queries/config/config_insert_phase", pipeline=p.name, entity=entity, code=ph.code,
                position=ph.index, phase_group=ph.group, active=ph.active,
                is_default=ph.is_default, is_end=ph.is_end, is_default_end=ph.is_default_end,
                outcome=ph.outcome, requires_reason=ph.requires_reason,
                requires_assignment_id=ph.requires_assignment_id, color=ph.color,
                label_nl=ph.labels.get("nl"), label_en=ph.labels.get("en"),
                code_fields=json.dumps(ph.code_fields),
            )
            for nxt in ph.next:
                tx.run(
                    "queries/config/config_insert_phase_transition", pipeline=p.name, entity=entity,
                    from_phase=ph.code, to_phase=nxt,
                )
        for v in ep.verbs:
            for to in v.to:
                tx.run(
                    "queries/config/config_insert_phase_verb", pipeline=p.name, entity=entity,
                    verb=v.verb, to_phase=to, actors=list(v.by),
                )
    tx.run("queries/config/setting_put", key="phase_pipeline", value=p.name)
    tx.run("queries/config/setting_put", key=f"phase_pipeline_toml:{p.name}", value=p.text)
    # the lead phase spans follow before the commit (db/derived.py: store.phases is a source)


def active_phase_pipeline(warehouse: Warehouse, name: str | None = None) -> PhasePipeline:
    """The phase pipeline stored in the warehouse (the active one unless ``name`` is given)."""
    name = name or warehouse.setting("phase_pipeline") or DEFAULT_PIPELINE
    stored = warehouse.setting(f"phase_pipeline_toml:{name}")
    if stored:
        return parse_phase_pipeline(stored, f"{name} (stored in {warehouse.path})")
    return load_phase_pipeline(name)
