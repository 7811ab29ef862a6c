"""Loading reference data (branches, people, delegations, assignments) from CSV, Parquet, XLSX.

Set-based: the file is staged, each row checked by one SQL query (`sql/queries/*_checked.sql`),
bad rows quarantined with their rule, good rows upserted by id; nothing is deleted. One
transaction per file, the `loads` row written last; the same file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from leadanalytics.db.warehouse import Warehouse
from leadanalytics.exceptions import InputFileError

from .loads import LoadResult, new_load_id, now, record_load, record_refused
from .reading import content_hash, drop_staged, stage_file


@dataclass(frozen=True)
class ReferenceKind:
    """What one kind of reference file holds and which SQL checks and writes it."""

    kind: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    notes_sql: str | None = None
    note: str = ""

    @property
    def checked_sql(self) -> str:
        return _CHECKED_SQL[self.kind]

    @property
    def upsert_sql(self) -> str:
        return _UPSERT_SQL[self.kind]


# explicit names, so that a test can prove every SQL file is used
_CHECKED_SQL = {
    "branches": "queries/ingest/branches_checked", "people": "queries/ingest/people_checked",
    "delegations": "queries/ingest/delegations_checked",
    "assignments": "queries/ingest/assignments_checked",
}
_UPSERT_SQL = {
    "branches": "queries/ingest/branches_upsert", "people": "queries/ingest/people_upsert",
    "delegations": "queries/ingest/delegations_upsert",
    "assignments": "queries/ingest/assignments_upsert",
}


KINDS = {
    "branches": ReferenceKind("branches", ("branch_id", "name"), ("parent_id",)),
    "people": ReferenceKind(
        "people", ("person_id", "name", "role"),
        ("email", "branch_id", "active", "language", "payroll_id"),
    ),
    "delegations": ReferenceKind(
        "delegations", ("delegator_id", "delegate_id", "start_date", "end_date"), ("role",)
    ),
    "assignments": ReferenceKind(
        "assignments",
        ("assignment_id", "start_date"),
        ("end_date", "contact_name", "contact_email", "contact_language"),
        notes_sql="queries/ingest/assignments_without_lead",
        note="assignment {} is not reached by any lead yet (loaded)",
    ),
}


def load_reference(w: Warehouse, kind: str, path: str | Path) -> LoadResult:
    """Load one reference file (``kind``: branches, people, delegations or assignments).

    Examples:
        >>> result = load_reference(w, "branches", "branches.csv")  # doctest: +SKIP
        >>> result.rows_loaded, result.rows_quarantined  # doctest: +SKIP
        (12, 0)
    """
    spec = KINDS[kind]
    started = now()
    try:
        with w.transaction() as tx:
            staged = stage_file(tx.con, path, "staged", spec.required, spec.optional)
            load_id = new_load_id(tx)
            tx.run(spec.checked_sql)
            tx.run(
                "queries/ingest/quarantine_checked_rows",
                load_id=load_id, kind=kind, source_file=str(path),
            )
            tx.run(spec.upsert_sql, load_id=load_id)
            read, loaded, skipped, quarantined = tx.fetchone("queries/ingest/checked_counts")
            by_rule = dict(tx.fetchall("queries/ingest/checked_rules"))
            notes = [spec.note.format(*r) for r in tx.fetchall(spec.notes_sql)] if spec.notes_sql else []
            result = LoadResult(
                load_id, kind, str(path), "loaded", read, loaded, skipped, quarantined, by_rule,
                notes=notes,
            )
            record_load(tx, result, staged.content_hash, started)
            tx.sql("DROP TABLE IF EXISTS checked")
            drop_staged(tx.con, staged)
        return result
    except InputFileError as exc:
        digest = content_hash(path) if Path(path).is_file() else None
        return record_refused(w, kind, path, exc, digest, started)


def load_branches(w: Warehouse, path: str | Path) -> LoadResult:
    """Load ``branches.csv`` (branch_id, name, parent_id); a cycle or unknown parent is quarantined."""
    return load_reference(w, "branches", path)


def load_people(w: Warehouse, path: str | Path) -> LoadResult:
    """Load ``people.csv`` (person_id, name, role; optional email, branch_id, active, language,
    payroll_id)."""
    return load_reference(w, "people", path)


def load_delegations(w: Warehouse, path: str | Path) -> LoadResult:
    """Load ``delegations.csv`` (delegator_id, delegate_id, role, start_date, end_date)."""
    return load_reference(w, "delegations", path)


def load_assignments(w: Warehouse, path: str | Path) -> LoadResult:
    """Load ``assignments.csv`` (assignment_id, start_date, end_date, timesheet contact).

    An assignment that no lead has reached yet is loaded and named in the result's notes.
    """
    return load_reference(w, "assignments", path)
