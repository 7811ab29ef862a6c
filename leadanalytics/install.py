"""Creating a warehouse and writing configuration into it (the `init` command)."""

from __future__ import annotations

import json
from pathlib import Path

from leadanalytics.config import load_lookups, load_phase_pipeline
from leadanalytics.config.phase_pipeline import PhasePipeline, parse_phase_pipeline
from leadanalytics.db.warehouse import Transaction, Warehouse, default_path, migrate
from leadanalytics.leads import spans as phase_spans

DEFAULT_PIPELINE = "public_support"
_DELETE_PHASE_PIPELINE = (
    "queries/config/config_delete_phases", "queries/config/config_delete_phase_groups",
    "queries/config/config_delete_phase_transitions", "queries/config/config_delete_phase_verbs",
)


def connect(path: str | Path | None = None, busy_timeout: float | None = None) -> Warehouse:
    """Open (creating or migrating) the warehouse file and return it.

    ``path`` defaults to ``$LEADANALYTICS_DB``, else ``./leadanalytics.duckdb``. A new file gets
    the default phase pipeline and the shipped lookup tables.

    Examples:
        >>> import leadanalytics as la, tempfile, os
        >>> w = la.connect(os.path.join(tempfile.mkdtemp(), "lead.duckdb"))
        >>> w.setting("phase_pipeline")
        'public_support'
    """
    w = Warehouse(default_path() if path is None else path, busy_timeout=busy_timeout)
    migrate(w)
    if w.setting("phase_pipeline") is None:
        init(w)
    return w


def init(
    warehouse: Warehouse | str | Path | None = None,
    pipeline: str | Path | None = None,
    lookups: str | Path | None = None,
) -> Warehouse:
    """Create or migrate the warehouse and install a phase pipeline and lookups; idempotent.

    Examples:
        >>> import leadanalytics as la, tempfile, os
        >>> w = la.init(os.path.join(tempfile.mkdtemp(), "c.duckdb"), pipeline="carerix")
        >>> w.setting("phase_pipeline")
        'carerix'
    """
    w = warehouse if isinstance(warehouse, Warehouse) else Warehouse(
        default_path() if warehouse is None else warehouse
    )
    migrate(w)
    current = w.setting("phase_pipeline")
    chosen = load_phase_pipeline(pipeline or current or DEFAULT_PIPELINE)
    with w.transaction() as tx:
        write_phase_pipeline(tx, chosen)
        if lookups is not None or w.setting("lookups_installed") is None:
            tx.run("queries/config/config_replace_lookups")
            for v in load_lookups(lookups):
                tx.run("queries/config/config_insert_lookup", **vars(v))
            tx.run("queries/config/setting_put", key="lookups_installed", value="yes")
    return w


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
    phase_spans.refresh(tx, pipeline=p.name)  # steps and outcomes of its leads may change


def active_phase_pipeline(warehouse: Warehouse, name: str | None = None) -> PhasePipeline:
    """The phase pipeline stored in the warehouse (the active one unless ``name`` is given)."""
    name = name or warehouse.setting("phase_pipeline") or DEFAULT_PIPELINE
    stored = warehouse.setting(f"phase_pipeline_toml:{name}")
    if stored:
        return parse_phase_pipeline(stored, f"{name} (stored in {warehouse.path})")
    return load_phase_pipeline(name)
