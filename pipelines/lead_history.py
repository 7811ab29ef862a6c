"""Loading leads and their lifecycle events (``leads.csv``, ``lead_events.csv``; CSV, Parquet, XLSX).

Set-based: the file is staged, column rules and every lifecycle rule are checked in SQL (the
lifecycle rules by the same query that checks a single move, ``queries/leads/checked_events``), a lead
whose history breaks a rule is quarantined whole with the rule and the other leads load. One
transaction per file, the ``loads`` row written last; the same file twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from leadanalytics.db.warehouse import Warehouse
from leadanalytics.exceptions import InputFileError
from leadanalytics.leads import event_check
from leadanalytics.leads.phase_pipelines import active_phase_pipeline

from .loads import LoadResult, new_load_id, now, record_load, record_refused
from .reading import content_hash, drop_staged, stage_file

LEAD_COLUMNS = (
    "lead_id", "created_at", "submitter_id", "branch_id", "business_unit", "client_name",
    "contact_name", "contact_email", "title", "description", "is_permanent_role",
    "is_hours_extension", "source", "priority", "category",
)
LEAD_REQUIRED = ("lead_id", "created_at", "submitter_id", "branch_id")
EVENT_REQUIRED = ("lead_id", "at", "phase")
EVENT_OPTIONAL = ("actor_id", "reason", "assignment_id")


def _stage(tx, path, required, columns):
    """Stage the file as view ``staged`` with every contract column (absent ones NULL)."""
    staged = stage_file(tx.con, path, "staged_raw", required, [c for c in columns if c not in required])
    absent = [c for c in columns if c not in staged.columns]
    nulls = "".join(f", CAST(NULL AS VARCHAR) AS {c}" for c in absent)
    tx.sql(f"CREATE OR REPLACE TEMP VIEW staged AS SELECT *{nulls} FROM staged_raw")  # noqa: S608
    return staged


def _finish(tx, kind: str, path, staged, load_id: int, started) -> LoadResult:
    tx.run("queries/ingest/quarantine_checked_rows", load_id=load_id, kind=kind, source_file=str(path))
    read, loaded, skipped, quarantined = tx.fetchone("queries/ingest/checked_counts")
    by_rule = dict(tx.fetchall("queries/ingest/checked_rules"))
    result = LoadResult(load_id, kind, str(path), "loaded", read, loaded, skipped, quarantined,
                        by_rule)
    record_load(tx, result, staged.content_hash, started)
    for name in ("checked", "checked_events", "candidate_events", "lead_event_rows"):
        tx.sql(f"DROP TABLE IF EXISTS {name}")
    tx.sql("DROP VIEW IF EXISTS staged")
    drop_staged(tx.con, staged)
    return result


def _open_opportunities(w: Warehouse, tx, load_id: int) -> None:
    """Leads converted by this load (carerix style) get their opportunity, as the API does."""
    converting = [
        name for (name,) in tx.sql("SELECT DISTINCT pipeline FROM store.phases").fetchall()
        if active_phase_pipeline(w, name).lead.converts_to
    ]
    if not converting:
        return
    tx.run("queries/ingest/opportunities_from_conversions", converting=converting)
    event_check.stage(tx)
    tx.run("queries/ingest/opportunity_creations_stage")
    event_check.check(w, tx)
    event_check.write_clean(tx, load_id)


def load_leads(w: Warehouse, path: str | Path) -> LoadResult:
    """Load ``leads.csv``: new leads start in the default phase at ``created_at``.

    A loaded lead's fields are updated by id (nothing is deleted, anonymised text stays
    ``***``, ``created_at`` never changes); a row that breaks a column rule is quarantined.

    Examples:
        >>> load_leads(w, "leads.csv").rows_loaded  # doctest: +SKIP
        120
    """
    started = now()
    try:
        with w.transaction() as tx:
            staged = _stage(tx, path, LEAD_REQUIRED, LEAD_COLUMNS)
            load_id = new_load_id(tx)
            pipeline = w.setting("phase_pipeline")
            tx.run("queries/ingest/leads_checked")
            event_check.stage(tx)
            tx.run("queries/ingest/lead_creations_stage", pipeline=pipeline)
            tx.run("queries/ingest/leads_upsert", pipeline=pipeline, load_id=load_id)
            event_check.check(w, tx)
            event_check.write_clean(tx, load_id)
            result = _finish(tx, "leads", path, staged, load_id, started)
        return result
    except InputFileError as exc:
        digest = content_hash(path) if Path(path).is_file() else None
        return record_refused(w, "leads", path, exc, digest, started)


def load_lead_events(w: Warehouse, path: str | Path) -> LoadResult:
    """Load ``lead_events.csv``: each lead's events in ``at`` order (same ``at``: file order).

    Every lifecycle rule applies (``next`` phases, end phases, reasons, assignment ids, one lead
    per assignment, mandatory fields at submission, the actor's role in the lead's branch on the
    event's day). A lead whose new events break a rule has all of them quarantined under that
    rule; its earlier history stays, and the other leads load. Events loaded before are skipped.

    Examples:
        >>> r = load_lead_events(w, "lead_events.csv")  # doctest: +SKIP
        >>> r.by_rule  # doctest: +SKIP
        {'reason_required': 2}
    """
    started = now()
    try:
        with w.transaction() as tx:
            staged = _stage(tx, path, EVENT_REQUIRED, EVENT_REQUIRED + EVENT_OPTIONAL)
            load_id = new_load_id(tx)
            tx.run("queries/ingest/lead_event_rows")
            event_check.stage(tx)
            tx.run("queries/ingest/lead_events_stage")
            event_check.check(w, tx)
            tx.run("queries/ingest/lead_events_checked")
            event_check.write_clean(tx, load_id)
            _open_opportunities(w, tx, load_id)
            result = _finish(tx, "lead-events", path, staged, load_id, started)
        return result
    except InputFileError as exc:
        digest = content_hash(path) if Path(path).is_file() else None
        return record_refused(w, "lead-events", path, exc, digest, started)
