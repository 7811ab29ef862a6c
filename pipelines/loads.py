"""Recording loads: a load id first, the `loads` row last, refused files in their own write.

Every loader of the package records its loads through these functions, so `loads` always
answers "what came in, when, and what became of it".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path

from leadanalytics import clock
from leadanalytics.db import derived
from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.exceptions import InputFileError


@dataclass
class LoadResult:
    """What became of one file: the counts of `loads` and the quarantined rows per rule."""

    load_id: int
    kind: str
    source_file: str
    status: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_skipped: int = 0
    rows_quarantined: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)
    message: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing was quarantined and the file was not refused."""
        return self.status == "loaded" and self.rows_quarantined == 0

    def as_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        if self.status == "refused":
            return f"{self.source_file}: refused: {self.message}"
        text = (
            f"{self.source_file}: read {self.rows_read}, loaded {self.rows_loaded}, "
            f"skipped {self.rows_skipped}, quarantined {self.rows_quarantined}"
        )
        if self.by_rule:
            text += " (" + ", ".join(f"{k}: {v}" for k, v in sorted(self.by_rule.items())) + ")"
        for note in self.notes:
            text += f"\n  note: {note}"
        return text


def now() -> dt.datetime:
    """The clock's now (``leadanalytics.clock``): a load's stamps."""
    return clock.now()


def new_load_id(tx: Transaction) -> int:
    """A fresh load id (from the warehouse's sequence)."""
    return tx.fetchone("queries/ingest/load_next_id")[0]


def record_load(tx: Transaction, result: LoadResult, content_hash: str | None,
                started_at: dt.datetime) -> None:
    """Write the `loads` row of a load: the last write of its transaction.

    The derived tables (db/derived.py) are brought up to date first, so that nothing the
    commit does comes after this row.
    """
    derived.bring_up_to_date(tx)
    tx.run(
        "queries/ingest/load_record",
        load_id=result.load_id, kind=result.kind, source_file=result.source_file,
        content_hash=content_hash, rows_read=result.rows_read, rows_loaded=result.rows_loaded,
        rows_skipped=result.rows_skipped, rows_quarantined=result.rows_quarantined,
        started_at=started_at, status=result.status, message=result.message, now=now(),
    )


def record_refused(w: Warehouse, kind: str, path: str | Path, error: InputFileError,
                   content_hash: str | None, started_at: dt.datetime) -> LoadResult:
    """Record a file that loaded nothing (unreadable, empty, missing a column) as `refused`."""
    with w.transaction() as tx:
        result = LoadResult(new_load_id(tx), kind, str(path), "refused", message=error.fault)
        record_load(tx, result, content_hash, started_at)
    return result
