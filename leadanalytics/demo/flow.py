"""The demo flow: write the agency's input files, then take them through the package.

Each stage is a small function that calls the package's public API, the same calls an
operator's commands make. A stage is in the flow only once the package has the function it
calls; nothing here imitates a step that does not exist yet.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from leadanalytics.clock import ENV_NOW
from leadanalytics.db.warehouse import TIMEZONE, Warehouse, load_sql
from leadanalytics.demo.build import DEFAULT_SEED, DemoInputs, write_inputs
from leadanalytics.exceptions import LeadAnalyticsError, RuleViolation
from leadanalytics.outputs import ensure_folder, write, write_text

AMSTERDAM = ZoneInfo(TIMEZONE)
TRIGGERS_ON_FOR = dt.timedelta(days=14)  # the trigger rules were installed this long ago
REGIONAL_REPORT = "phase_group_dashboard"  # also built for one region, as its director sees it

MARKER = ".leadanalytics-demo"     # written into the input folder the demo owns
DEMO_SETTING = "demo_seed"         # set in a warehouse the demo built
# The documented views whose row counts the demo reports (those that exist are counted).
COUNTED_VIEWS = (
    "branches", "people", "delegations", "leads", "phase_events", "lead_changes",
    "opportunities", "assignments", "timesheet_lines", "loads", "quarantine", "bonus_batches",
    "bonus_batch_items", "outbox", "timesheet_requests",
)

# the demo's own SQL ships beside it, in leadanalytics/demo/sql/
_HERE = "leadanalytics.demo"


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
    reports: list[Path] = field(default_factory=list)
    outbox_dir: Path | None = None
    on_progress: Callable[[str], None] | None = None
    validate: bool = True  # run the great-expectations suite on every timesheet load

    def progress(self, message: str) -> None:
        """Tell the caller what a long stage is doing (a progress bar's label)."""
        if self.on_progress:
            self.on_progress(message)

    @property
    def as_of(self) -> dt.date:
        """The demo's "today": its data ends the day before."""
        return self.inputs.reference_date

    def as_dict(self) -> dict:
        return {
            "db": str(self.db_path), "input": str(self.input_dir),
            "reports": str(self.reports_dir), "seed": self.seed, "scale": self.scale,
            "reference_date": str(self.inputs.reference_date) if self.inputs else None,
            "stages": [{"name": s.name, "seconds": round(s.seconds, 2), "detail": s.detail}
                       for s in self.stages],
            "files": {k: int(v) for k, v in (self.inputs.counts if self.inputs else {}).items()},
            "counts": self.counts,
            "reports_written": [str(p) for p in self.reports],
            "outbox": str(self.outbox_dir) if self.outbox_dir else None,
        }


# --------------------------------------------------------------------------- stages
# Each takes the run and returns a one-line detail.


def stage_generate(run: DemoRun) -> str:
    """Write the input files (organisation, leads, events, assignments, timesheets)."""
    run.inputs = write_inputs(run.input_dir, scale=run.scale, seed=run.seed)
    write_text(f"seed={run.seed} scale={run.scale}\n", run.input_dir / MARKER)
    c = run.inputs.counts
    return (f"{c['leads']} leads, {c['lead_events']} events, {c['assignments']} assignments, "
            f"{c['timesheet_rows']} timesheet rows in {len(run.inputs.timesheet_files)} files")


def stage_init(run: DemoRun) -> str:
    """Create the warehouse (default phase pipeline), mark it as the demo's, and install the
    sample bonus schemes and trigger rules. The rules were switched on two weeks before the
    demo's "today" (one day at scales above 10, so that a big agency does not queue tens of
    thousands of e-mails): they react to what happened since then, as in a real agency."""
    from leadanalytics.bonuses import install_bonus_schemes
    from leadanalytics.install import init
    from leadanalytics.leads.triggers import install_triggers

    w = init(run.db_path)
    with w.transaction() as tx:
        tx.run("queries/config/setting_put", key=DEMO_SETTING, value=str(run.seed))
    schemes = install_bonus_schemes(w)
    window = TRIGGERS_ON_FOR if run.scale <= 10 else dt.timedelta(days=1)  # fewer e-mails
    since = dt.datetime.combine(run.as_of - window, dt.time(), AMSTERDAM)
    rules = install_triggers(w, since=since)
    return (f"schema version {w.schema_version()}, phase pipeline "
            f"{w.setting('phase_pipeline')}, bonus schemes {', '.join(schemes)}, "
            f"{len(rules)} trigger rules")


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


def stage_leads(run: DemoRun) -> str:
    """Load the leads and their history (lead_events.csv), every lifecycle rule checked."""
    from leadanalytics.pipelines.lead_history import load_lead_events, load_leads

    w = Warehouse(run.db_path)
    results = [load_leads(w, run.inputs.files["leads"]),
               load_lead_events(w, run.inputs.files["lead_events"])]
    return "; ".join(_loaded(r) for r in results)


def stage_timesheets(run: DemoRun) -> str:
    """Ingest the timesheet files in the order they arrived (bad rows go to quarantine)."""
    from leadanalytics.pipelines.timesheets import ingest_timesheets

    def on_file(path: str, result) -> None:
        if result is None:
            run.progress(f"ingest {Path(path).name}")

    w = Warehouse(run.db_path)
    files = run.inputs.timesheet_files
    results = ingest_timesheets(w, files[:-1], on_file=on_file, validate=run.validate)
    asked = _request_late_weeks(w)
    results += ingest_timesheets(w, files[-1:], on_file=on_file, validate=run.validate)
    loaded = sum(r.rows_loaded for r in results)
    skipped = sum(r.rows_skipped for r in results)
    quarantined = sum(r.rows_quarantined for r in results)
    return (f"{len(results)} files: {loaded} rows loaded, {skipped} skipped, "
            f"{quarantined} quarantined; {asked}")


def _request_late_weeks(w: Warehouse) -> str:
    """Before the last timesheet file arrives, ask the contacts for the weeks still missing as
    of the last status date loaded; the last file then fulfils some of those requests."""
    from leadanalytics.timesheets.requests import request_timesheets

    day = w.sql("select max(status_date) as d from timesheet_lines").d[0]
    if day is None or str(day) == "NaT":
        return "no timesheet requests"
    created = request_timesheets(w, day.date() if hasattr(day, "date") else day).created
    return f"{len(created)} timesheet requests as of {str(day)[:10]}"


def stage_vms(run: DemoRun) -> str:
    """Ingest the vendor platform's export (Dutch headers) through its shipped mapping."""
    from leadanalytics.pipelines.vms import ingest_vms_export

    w = Warehouse(run.db_path)
    results = [ingest_vms_export(w, path, validate=run.validate) for path in run.inputs.vms_files]
    return "; ".join(_loaded(r) for r in results) or "no export"


def stage_assignments(run: DemoRun) -> str:
    """Load assignment dates and timesheet contacts (assignments.csv)."""
    from leadanalytics.pipelines.reference import load_assignments

    result = load_assignments(Warehouse(run.db_path), run.inputs.files["assignments"])
    waiting = len(result.notes)
    return _loaded(result) + (f" ({waiting} not reached by a loaded lead yet)" if waiting else "")


def _months(first: dt.date, last: dt.date) -> list[str]:
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def stage_bonuses(run: DemoRun) -> str:
    """Walk the payroll calendar: finance closes each month on the 20th, a second finance
    person approves the next day, and the batch is paid on the 25th (steps after the demo's
    "today" are left undone). Writes the bonus list and each batch's statement."""
    from leadanalytics.bonuses import (
        approve_batch,
        bonuses_list,
        close_period,
        mark_batch_paid,
    )
    from leadanalytics.bonuses.statements import export_statement

    w = Warehouse(run.db_path)
    preparer, approver = run.inputs.finance_ids[:2]
    batches = []
    for period in _months(run.inputs.start_date, run.as_of):
        year, month = map(int, period.split("-"))
        closing = dt.datetime(year, month, 20, 9, 0, tzinfo=AMSTERDAM)
        if closing.date() >= run.as_of:
            break
        run.progress(f"bonuses: close {period}")
        result = close_period(w, period, by=preparer, at=closing)
        if result.batch is None:
            continue
        batch = result.batch.batch_id
        approve_batch(w, batch, by=approver, at=closing + dt.timedelta(days=1))
        paying = closing.replace(day=25, hour=14)
        if paying.date() < run.as_of:
            mark_batch_paid(w, batch, by=preparer, at=paying)
        batches.append(batch)
    ensure_folder(run.reports_dir)
    frame = bonuses_list(w, run.as_of)
    listing = run.reports_dir / f"bonuses_list_{run.as_of}.csv"
    write(frame, listing)
    run.reports.append(listing)
    for batch in batches:
        statement = run.reports_dir / f"statement_{batch}.csv"
        export_statement(w, batch, statement)
        run.reports.append(statement)
    states = frame["status"].value_counts().sort_index()
    return (f"{len(batches)} payout batches; as of {run.as_of}: "
            + ", ".join(f"{k} {v}" for k, v in states.items()))


def stage_notifications(run: DemoRun) -> str:
    """Evaluate the trigger rules and the bonus e-mails as of the demo's today, and write the
    outbox as .eml files (a dry run: nothing is sent)."""
    from leadanalytics.leads.triggers import run_triggers
    from leadanalytics.notify.outbox import queue_bonus_notifications
    from leadanalytics.notify.sender import send_outbox

    w = Warehouse(run.db_path)
    fired = run_triggers(w, run.as_of)
    queued = queue_bonus_notifications(w, run.as_of)
    run.outbox_dir = run.out_dir / "outbox"
    written = send_outbox(w, dry_run_dir=run.outbox_dir)["written"]
    return (f"{len(fired)} trigger firings, "
            + ", ".join(f"{k} {v}" for k, v in queued.items())
            + f"; {written} messages written to {run.outbox_dir}")


def stage_reports(run: DemoRun) -> str:
    """Build every shipped report for the whole agency as of the demo's today, and the phase
    group dashboard of one region as its regional director gets it."""
    from leadanalytics.reporting import REPORTS, build_report

    w = Warehouse(run.db_path)
    built = []
    for name in REPORTS:
        run.progress(f"report {name}")
        manifest = build_report(w, name, run.as_of, "all", run.reports_dir)
        built += [run.reports_dir / f for f in manifest["files"] if f.endswith(".html")]
    region = run.inputs.example_region
    if region and REGIONAL_REPORT in REPORTS:
        run.progress(f"report {REGIONAL_REPORT} for branch:{region}")
        folder = run.reports_dir / f"branch_{region}"
        manifest = build_report(w, REGIONAL_REPORT, run.as_of, f"branch:{region}", folder)
        built += [folder / f for f in manifest["files"] if f.endswith(".html")]
    run.reports += built
    return f"{len(built)} HTML reports in {run.reports_dir}"


Stage = tuple[str, Callable[[DemoRun], str]]

STAGES: tuple[Stage, ...] = (
    ("generate input files", stage_generate),
    ("create the warehouse", stage_init),
    ("load reference data", stage_reference),
    ("load leads and history", stage_leads),
    ("load assignments", stage_assignments),
    ("ingest timesheets", stage_timesheets),
    ("ingest vendor export", stage_vms),
    ("bonuses and payouts", stage_bonuses),
    ("triggers and e-mails", stage_notifications),
    ("reports", stage_reports),
)


# --------------------------------------------------------------------------- the run


def run_demo(
    out_dir: str | Path = "demo",
    db_path: str | Path | None = None,
    scale: float = 1,
    seed: int = DEFAULT_SEED,
    on_stage: Callable[[int, int, str], None] | None = None,
    on_progress: Callable[[str], None] | None = None,
    validate: bool = True,
) -> DemoRun:
    """Build the demo agency in ``out_dir``: input files in ``out_dir/input``, the warehouse
    (``db_path``, default ``out_dir/leadanalytics.duckdb``) and, once they exist, reports.

    An existing warehouse is replaced only when the demo built it; an input folder only when
    the demo wrote it. ``on_stage(i, n, name)`` is called as each stage starts and
    ``on_progress(message)`` within long stages. ``validate=False`` skips the
    great-expectations pass of the timesheet ingest (the SQL rules always run).

    Once its files are written, the run sets ``LEADANALYTICS_NOW`` to the agency's "today"
    (``run.as_of``, 12:00 Europe/Amsterdam), so that its loads, e-mails and reports are stamped
    on that day and its data-quality report shows them; the variable is restored afterwards.

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
        on_progress=on_progress,
        validate=validate,
    )
    _clear_previous(run)
    saved_now = os.environ.get(ENV_NOW)
    try:
        for i, (name, stage) in enumerate(STAGES, start=1):
            if on_stage:
                on_stage(i, len(STAGES), name)
            t0 = time.perf_counter()
            detail = stage(run)
            if run.inputs is not None:  # the agency's "today" is known once its files exist
                os.environ[ENV_NOW] = run.as_of.isoformat()
            run.stages.append(StageResult(name, time.perf_counter() - t0, detail))
        run.counts = table_counts(Warehouse(run.db_path))
    finally:  # the simulated clock is the demo's own: the caller's comes back
        if saved_now is None:
            os.environ.pop(ENV_NOW, None)
        else:
            os.environ[ENV_NOW] = saved_now
    return run


def table_counts(w: Warehouse) -> dict[str, int]:
    """Rows in each documented view the warehouse has."""
    with w.reader() as con:
        present = {r[0] for r in con.execute(load_sql("sql/demo_views_present", package=_HERE)).fetchall()}
        return {
            v: int(con.execute(load_sql("sql/demo_view_count", package=_HERE), {"view": v}).fetchall()[0][0])
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

