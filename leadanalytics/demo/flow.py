"""The demo flow: write the agency's input files, then take them through the package.

Each stage is a small function that calls the package's public API, the same calls an
operator's commands make. A stage is in the flow only once the package has the function it
calls; nothing here imitates a step that does not exist yet.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from leadanalytics.demo.build import DEFAULT_SEED, DemoInputs, write_inputs
from leadanalytics.exceptions import LeadAnalyticsError, RuleViolation
from leadanalytics.warehouse import Warehouse, load_sql

MARKER = ".leadanalytics-demo"     # written into the input folder the demo owns
DEMO_SETTING = "demo_seed"         # set in a warehouse the demo built
# The documented views whose row counts the demo reports (those that exist are counted).
COUNTED_VIEWS = (
    "branches", "people", "delegations", "leads", "phase_events", "lead_changes",
    "opportunities", "assignments", "timesheet_lines", "loads", "quarantine", "bonus_batches",
    "bonus_batch_items", "outbox", "timesheet_requests",
)


@dataclass
class StageResult:
    name: str
    seconds: float
    detail: str = ""


@dataclass
class DemoRun:
    """Where the demo put things, what each stage did, and the warehouse's row counts."""

    out_dir: Path
    db_path: Path
    input_dir: Path
    reports_dir: Path
    seed: int
    scale: float
    inputs: DemoInputs | None = None
    stages: list[StageResult] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "db": str(self.db_path), "input": str(self.input_dir),
            "reports": str(self.reports_dir), "seed": self.seed, "scale": self.scale,
            "reference_date": str(self.inputs.reference_date) if self.inputs else None,
            "stages": [{"name": s.name, "seconds": round(s.seconds, 2), "detail": s.detail}
                       for s in self.stages],
            "files": {k: int(v) for k, v in (self.inputs.counts if self.inputs else {}).items()},
            "counts": self.counts,
        }


# --------------------------------------------------------------------------- stages
# Each takes the run and returns a one-line detail.


def stage_generate(run: DemoRun) -> str:
    """Write the input files (organisation, leads, events, assignments, timesheets)."""
    run.inputs = write_inputs(run.input_dir, scale=run.scale, seed=run.seed)
    (run.input_dir / MARKER).write_text(f"seed={run.seed} scale={run.scale}\n")
    c = run.inputs.counts
    return (f"{c['leads']} leads, {c['lead_events']} events, {c['assignments']} assignments, "
            f"{c['timesheet_rows']} timesheet rows in {len(run.inputs.timesheet_files)} files")


def stage_init(run: DemoRun) -> str:
    """Create the warehouse with the default phase pipeline and mark it as the demo's."""
    from leadanalytics.install import init

    w = init(run.db_path)
    with w.transaction() as tx:
        tx.run("queries/setting_put", key=DEMO_SETTING, value=str(run.seed))
    return f"schema version {w.schema_version()}, phase pipeline {w.setting('phase_pipeline')}"


def _loaded(result) -> str:
    text = (f"{Path(result.source_file).name}: {result.rows_loaded} loaded, "
            f"{result.rows_skipped} skipped, {result.rows_quarantined} quarantined")
    if result.status == "refused":
        text = f"{Path(result.source_file).name}: refused: {result.message}"
    return text


def stage_reference(run: DemoRun) -> str:
    """Load the organisation: branches, people, delegations."""
    from leadanalytics.pipelines.reference import load_branches, load_delegations, load_people

    w = Warehouse(run.db_path)
    files = run.inputs.files
    results = [load_branches(w, files["branches"]), load_people(w, files["people"]),
               load_delegations(w, files["delegations"])]
    return "; ".join(_loaded(r) for r in results)


def stage_assignments(run: DemoRun) -> str:
    """Load assignment dates and timesheet contacts (assignments.csv)."""
    from leadanalytics.pipelines.reference import load_assignments

    result = load_assignments(Warehouse(run.db_path), run.inputs.files["assignments"])
    waiting = len(result.notes)
    return _loaded(result) + (f" ({waiting} not reached by a loaded lead yet)" if waiting else "")


Stage = tuple[str, Callable[[DemoRun], str]]

STAGES: tuple[Stage, ...] = (
    ("generate input files", stage_generate),
    ("create the warehouse", stage_init),
    ("load reference data", stage_reference),
    ("load assignments", stage_assignments),
)


# --------------------------------------------------------------------------- the run


def run_demo(
    out_dir: str | Path = "demo",
    db_path: str | Path | None = None,
    scale: float = 1,
    seed: int = DEFAULT_SEED,
    on_stage: Callable[[int, int, str], None] | None = None,
) -> DemoRun:
    """Build the demo agency in ``out_dir``: input files in ``out_dir/input``, the warehouse
    (``db_path``, default ``out_dir/leadanalytics.duckdb``) and, once they exist, reports.

    An existing warehouse is replaced only when the demo built it; an input folder only when
    the demo wrote it. ``on_stage(i, n, name)`` is called as each stage starts.

    Examples:
        >>> import tempfile
        >>> run = run_demo(tempfile.mkdtemp(), scale=0.1)
        >>> run.counts["branches"] > 0
        True
    """
    out = Path(out_dir)
    run = DemoRun(
        out_dir=out,
        db_path=Path(db_path) if db_path else out / "leadanalytics.duckdb",
        input_dir=out / "input",
        reports_dir=out / "reports",
        seed=seed,
        scale=scale,
    )
    _clear_previous(run)
    for i, (name, stage) in enumerate(STAGES, start=1):
        if on_stage:
            on_stage(i, len(STAGES), name)
        t0 = time.perf_counter()
        detail = stage(run)
        run.stages.append(StageResult(name, time.perf_counter() - t0, detail))
    run.counts = table_counts(Warehouse(run.db_path))
    return run


def table_counts(w: Warehouse) -> dict[str, int]:
    """Rows in each documented view the warehouse has."""
    with w.reader() as con:
        present = {r[0] for r in con.execute(load_sql("queries/demo_views_present")).fetchall()}
        return {
            v: int(con.execute(load_sql("queries/demo_view_count"), {"view": v}).fetchall()[0][0])
            for v in COUNTED_VIEWS if v in present
        }


def _clear_previous(run: DemoRun) -> None:
    """Remove what an earlier demo run left, refusing to touch anything the demo did not make."""
    if run.input_dir.exists():
        if not (run.input_dir / MARKER).exists():
            raise RuleViolation(
                "demo_owns_its_folder",
                f"{run.input_dir} exists and was not written by the demo: choose another --out",
            )
        shutil.rmtree(run.input_dir)
    if run.db_path.exists():
        if not _is_demo_warehouse(run.db_path):
            raise RuleViolation(
                "demo_owns_its_warehouse",
                f"{run.db_path} is a warehouse the demo did not build: the demo replaces its "
                "own warehouse only; choose another --db or --out",
            )
        run.db_path.unlink()
        wal = run.db_path.with_name(run.db_path.name + ".wal")
        if wal.exists():
            wal.unlink()


def _is_demo_warehouse(path: Path) -> bool:
    try:
        return Warehouse(path).setting(DEMO_SETTING) is not None
    except (LeadAnalyticsError, duckdb.Error):
        return False

