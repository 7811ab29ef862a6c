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
    events: dict | None = None  # the scripted review of the payroll calendar, once it ran
    calendar: list[dict] = field(default_factory=list)  # every payroll step, refusals included

    def step(self, at: dt.datetime, step: str, by: str, batch_id: str | None = None,
             lead_id: str | None = None, outcome: str = "done", detail: str = "") -> None:
        """Note one step of the payroll calendar (``reports/payroll_calendar.csv``)."""
        self.calendar.append({"at": at.astimezone(AMSTERDAM).strftime("%Y-%m-%d %H:%M"),
                              "step": step, "batch_id": batch_id or "", "lead_id": lead_id or "",
                              "by": by, "outcome": outcome, "detail": detail})

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
            "events": ({k: (str(v) if v is not None else None) for k, v in self.events.items()}
                       if self.events else None),
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
    "today" are left undone). In the first closed batch that is paid by "today" and has a
    bonus that fits, a scripted review (``_review_scene``): a correction refuses the approval,
    a clawback nets in the same batch, a dispute is opened and answered. Writes the bonus list,
    every step (refusals included) to ``payroll_calendar.csv`` and each batch's statement (its
    items and its ``.per_person.csv``)."""
    import pandas as pd

    from leadanalytics.access.written_files import record_list
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
            run.step(closing, "close_period", preparer, outcome="nothing due",
                     detail=result.summary())
            continue
        run.step(closing, "close_period", preparer, result.batch.batch_id, detail=result.summary())
        batch = result.batch.batch_id
        paying = closing.replace(day=25, hour=14)
        if not run.events and paying.date() < run.as_of:   # one scripted review, the first fit
            run.events = _review_scene(run, w, batch, closing, preparer, approver)
        if not (run.events and run.events["batch_id"] == batch):
            approve_batch(w, batch, by=approver, at=closing + dt.timedelta(days=1))
            run.step(closing + dt.timedelta(days=1), "approve", approver, batch)
        if paying.date() < run.as_of:
            mark_batch_paid(w, batch, by=preparer, at=paying)
            run.step(paying, "mark_paid", preparer, batch)
        batches.append(batch)
    ensure_folder(run.reports_dir)
    frame = bonuses_list(w, run.as_of)
    listing = run.reports_dir / f"bonuses_list_{run.as_of}.csv"
    write(frame, listing)
    record_list(w, listing, frame, ref="bonuses list")
    calendar = run.reports_dir / "payroll_calendar.csv"
    write(pd.DataFrame(run.calendar, columns=["at", "step", "batch_id", "lead_id", "by",
                                              "outcome", "detail"]), calendar)
    run.reports += [listing, calendar]
    for batch in batches:
        statement = run.reports_dir / f"statement_{batch}.csv"
        export_statement(w, batch, statement)
        run.reports += [statement, statement.with_name(f"{statement.stem}.per_person.csv")]
    states = frame["status"].value_counts().sort_index()
    scene = f"; {run.events['summary']}" if run.events else "; no bonus fit the scripted review"
    return (f"{len(batches)} payout batches{scene}; as of {run.as_of}: "
            + ", ".join(f"{k} {v}" for k, v in states.items()))


# The demo's scripted review (README, "Corrections and controls"): right after a month is
# closed, the client of one bonus's assignment corrects its latest weeks to 0.00 h (a higher
# revision, dated the day of the approval), so the bonus drops below its threshold for good.
CORRECTION_DAY = 21            # the approval day of the payroll calendar
MAX_CORRECTED_WEEKS = 3        # a bonus needing more corrected weeks than this is not chosen
DISPUTE = "the interim worked those weeks; the client's correction is wrong"
ANSWER = "the client confirmed the corrected timesheets; the clawback stands"
TIMESHEET_COLUMNS = ("line_id", "revision", "assignment_id", "employee_id", "week", "hours",
                     "status", "status_date", "source")


def _pick_correction(w: Warehouse, batch: str, day: dt.date) -> tuple[dict, list[dict]] | None:
    """The bonus of ``batch`` that the fewest corrected weeks (latest first, at most
    ``MAX_CORRECTED_WEEKS``) take below its threshold once all data is in (ties: lowest lead
    id), with those lines; None when no bonus of the batch fits."""
    rows = w.sql(load_sql("sql/demo_review_candidates", package=_HERE), batch_id=batch, day=day)
    best = None
    for lead_id, lines in rows.groupby("lead_id", sort=True):
        first = lines.iloc[0]
        if first.hours_now is None or first.hours_now != first.hours_now:  # nothing invoiced
            continue
        hours, chosen = first.hours_now, []
        for line in lines[lines.correctable].itertuples(index=False):
            if hours < first.threshold_hours or len(chosen) == MAX_CORRECTED_WEEKS:
                break
            hours -= line.hours
            chosen.append(line._asdict())
        if hours < first.threshold_hours and (best is None or len(chosen) < len(best[1])):
            best = ({"lead_id": lead_id, "assignment_id": first.assignment_id,
                     "threshold_hours": first.threshold_hours, "hours_after": hours}, chosen)
    return best


def _review_scene(run: DemoRun, w: Warehouse, batch: str, closing: dt.datetime, preparer: str,
                  approver: str) -> dict | None:
    """Script the controls on ``batch`` just closed, if one of its bonuses fits: the correction
    arrives, the approval is refused (``BatchInReview``), finance answers with a clawback that
    nets in the same batch, the approval goes through, and the submitter disputes the clawback,
    which finance answers. Returns what happened (``summary`` in words), or None."""
    import pandas as pd

    from leadanalytics.bonuses import answer_dispute, approve_batch, open_dispute, resolve_bonus
    from leadanalytics.exceptions import BatchInReview
    from leadanalytics.pipelines.timesheets import ingest_timesheets

    day = closing.date().replace(day=CORRECTION_DAY)
    picked = _pick_correction(w, batch, day)
    if picked is None:
        return None
    bonus, lines = picked
    lead = bonus["lead_id"]
    run.progress(f"bonuses: correction of {lead} before approving {batch}")
    folder = ensure_folder(run.input_dir / "corrections")
    path = folder / f"timesheet_correction_{day}.csv"
    frame = pd.DataFrame([
        {"line_id": ln["line_id"], "revision": str(int(ln["revision"]) + 1),
         "assignment_id": ln["assignment_id"],
         "employee_id": ln["employee_id"], "week": str(ln["week"])[:10], "hours": "0.00",
         "status": "invoiced", "status_date": day.isoformat(), "source": ln["source"]}
        for ln in lines], columns=list(TIMESHEET_COLUMNS))
    write(frame, path)
    [loaded] = ingest_timesheets(w, [path], validate=run.validate)
    weeks = ", ".join(sorted(str(ln["week"])[:10] for ln in lines))
    arrived = dt.datetime.combine(day, dt.time(8, 0), AMSTERDAM)
    run.step(arrived, "timesheet_correction", "client", None, lead,
             detail=f"{path.name}: weeks {weeks} of {bonus['assignment_id']} corrected to 0.00 h "
                    f"({loaded.rows_loaded} rows loaded)")
    events: dict = {"batch_id": batch, "lead_id": lead, "correction": str(path),
                    "corrected_weeks": weeks, "correction_loaded": loaded.rows_loaded}
    approving = closing.replace(day=CORRECTION_DAY)
    try:
        approve_batch(w, batch, by=approver, at=approving)
        events["refused"] = None
        run.step(approving, "approve", approver, batch)
    except BatchInReview as refused:
        events["refused"] = str(refused)
        for lead_id, why in refused.leads:
            run.step(approving, "approve", approver, batch, lead_id, outcome="refused",
                     detail=f"{lead_id} in review: {why}")
    reason = (f"client corrected weeks {weeks} of {bonus['assignment_id']} to 0.00 h: "
              f"{bonus['hours_after']:.2f} h invoiced, below {bonus['threshold_hours']:.2f} h")
    resolution = resolve_bonus(w, lead, "clawback", by=preparer, reason=reason,
                               at=approving + dt.timedelta(hours=1))
    run.step(approving + dt.timedelta(hours=1), "resolve", preparer, resolution["batch_id"], lead,
             outcome="clawback", detail=reason)
    approve_batch(w, batch, by=approver, at=approving + dt.timedelta(hours=2))
    run.step(approving + dt.timedelta(hours=2), "approve", approver, batch)
    submitter = w.sql("select submitter_id from bonus_batch_items where batch_id = $b "
                      "and lead_id = $l and kind = 'bonus'", b=batch, l=lead).submitter_id[0]
    opened = open_dispute(w, lead, DISPUTE, by=submitter, at=approving + dt.timedelta(days=1))
    run.step(opened["opened_at"], "dispute", submitter, None, lead, outcome="open",
             detail=DISPUTE)
    answered = answer_dispute(w, lead, ANSWER, by=approver, at=approving + dt.timedelta(days=2))
    run.step(answered["answered_at"], "answer_dispute", approver, None, lead,
             outcome="answered", detail=ANSWER)
    net = w.sql("select sum(amount_eur) as n from bonus_batch_items where batch_id = $b "
                "and lead_id = $l", exact=True, b=batch, l=lead).n[0]
    refused = (f"approval of {batch} refused: {lead} in review" if events["refused"]
               else f"approval of {batch} not refused (unexpected)")
    events.update(
        resolution=resolution["decision"], clawback_batch=resolution["batch_id"],
        net_eur=net, disputed_by=submitter,
        summary=(f"{refused} (weeks {weeks} corrected to 0.00 h on {day}); resolved "
                 f"--clawback (line in {resolution['batch_id']}, net {net:.2f} EUR for {lead}); "
                 f"approved; dispute by {submitter} opened {day + dt.timedelta(days=1)}, "
                 f"answered {day + dt.timedelta(days=2)}"))
    return events


ACCRUAL_WINDOW = 3   # payout months after each month-end that the accrual is set against


def _month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """The last days of the months from ``first``'s to ``last``'s that end by ``last``."""
    ends = []
    for period in _months(first, last):
        year, month = map(int, period.split("-"))
        end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        if end <= last:
            ends.append(end)
    return ends


def stage_accrual(run: DemoRun) -> str:
    """Set the bonus accrual as of each month-end (the next ``ACCRUAL_WINDOW`` payout months)
    next to what was then earned for those months, as the warehouse answers on the last day of
    data; written to ``reports/accrual_vs_earned.csv``. ``complete`` says whether every bonus of
    those payout months could be earned by the last day of data (the back-test of the README's
    "Bonus accrual" counts only those rows)."""
    import warnings
    from decimal import Decimal

    import pandas as pd

    from leadanalytics.bonuses import AccrualWarning, bonus_accrual

    w = Warehouse(run.db_path)
    truth = run.as_of - dt.timedelta(days=1)       # the last day of data
    earned_sql = load_sql("sql/demo_earned_by_payout_month", package=_HERE)

    def total(values) -> Decimal:
        return sum((v for v in values if not pd.isna(v)), Decimal("0.00"))

    rows = []
    for as_of in _month_ends(run.inputs.start_date, truth):
        run.progress(f"accrual as of {as_of}")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", AccrualWarning)
            acc = bonus_accrual(w, as_of, months=ACCRUAL_WINDOW + 1).iloc[1:]  # after D's month
        months = list(acc["payout_month"])
        earned = w.sql(earned_sql, exact=True, as_of=as_of, truth=truth)
        earned = earned[earned["payout_month"].isin(months)]
        last = dt.date(*map(int, months[-1].split("-")), 1)      # earned by the month before
        rows.append({
            "as_of": as_of.isoformat(), "payout_months": f"{months[0]}..{months[-1]}",
            "certain_eur": total(acc["certain_eur"]), "expected_eur": total(acc["expected_eur"]),
            "accrual_eur": total(acc["total_eur"]), "earned_eur": total(earned["earned_eur"]),
            "of_which_earned_at_d": total(earned["earned_at_d_eur"]),
            "of_which_pending_at_d": total(earned["pending_at_d_eur"]),
            "of_which_won_after_d": total(earned["won_after_d_eur"]),
            "complete": last - dt.timedelta(days=1) <= truth,
        })
    ensure_folder(run.reports_dir)
    path = run.reports_dir / "accrual_vs_earned.csv"
    frame = pd.DataFrame(rows, columns=[
        "as_of", "payout_months", "certain_eur", "expected_eur", "accrual_eur", "earned_eur",
        "of_which_earned_at_d", "of_which_pending_at_d", "of_which_won_after_d", "complete"])
    write(frame, path)
    run.reports.append(path)
    done = frame[frame["complete"]]
    return (f"accrual as of {len(frame)} month-ends next to what was earned for the "
            f"{ACCRUAL_WINDOW} payout months after each ({len(done)} complete: accrual "
            f"{total(done['accrual_eur']):.2f} EUR, earned {total(done['earned_eur']):.2f} EUR) "
            f"in {path.name}")


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


#: When the demo's cron runs ``report run-due`` on its "today" (a Monday): after the sample's
#: weekly 07:00 slot, so the weekly reports are as of that day, not of the Monday before.
MORNING_RUN = dt.time(9, 0)


def stage_scheduled_reports(run: DemoRun) -> str:
    """Run the sample schedule shipped with the package (``report run-due --schedule sample``)
    at 09:00 on the demo's "today": the reports due are built, with their PDFs, into
    ``reports/scheduled``; the second finance person approves the monthly finance concept; and
    the report e-mails, each with its PDF attached, are written to the outbox."""
    import dataclasses

    from leadanalytics.config.report_schedule import SAMPLE, load_report_schedule
    from leadanalytics.notify.sender import send_outbox
    from leadanalytics.reporting import REPORTS
    from leadanalytics.reporting.schedules import approve_run, run_due

    w = Warehouse(run.db_path)
    schedule = load_report_schedule(SAMPLE)
    schedule = dataclasses.replace(
        schedule, reports=tuple(e for e in schedule.reports if e.notebook in REPORTS))
    run.progress("report run-due --schedule sample")
    # the one clock stands at the morning run for this stage: runs, builds, approval and the
    # sending of the outbox agree
    morning = dt.datetime.combine(run.as_of, MORNING_RUN, AMSTERDAM)  # after Monday's 07:00 slot
    day_clock = os.environ.get(ENV_NOW)
    os.environ[ENV_NOW] = morning.isoformat()
    try:
        results = run_due(w, schedule, run.reports_dir / "scheduled")
        failed = [r for r in results if r["outcome"] == "failed"]
        if failed:
            raise RuntimeError("scheduled report failed: " + "; ".join(
                f"{r['schedule']} ({r['scope']}): {r['error']}" for r in failed))
        for r in results:
            if r["outcome"] == "concept":
                approve_run(w, r["run_id"], by=run.inputs.finance_ids[-1])
        run.outbox_dir = run.outbox_dir or run.out_dir / "outbox"
        written = send_outbox(w, dry_run_dir=run.outbox_dir)["written"]
    finally:
        if day_clock is None:
            os.environ.pop(ENV_NOW, None)
        else:
            os.environ[ENV_NOW] = day_clock
    mails = int(w.rows("queries/reporting/report_outbox_count")[0][0])
    outcomes: dict[str, int] = {}
    for r in results:
        outcomes[r["outcome"]] = outcomes.get(r["outcome"], 0) + 1
    return (f"{len(results)} scheduled reports ("
            + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
            + f"; concepts approved by {run.inputs.finance_ids[-1]}) in "
            f"{run.reports_dir / 'scheduled'}; {mails} report e-mails (PDF attached) among the "
            f"{written} messages written to {run.outbox_dir}")


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
    ("bonus accrual", stage_accrual),
    ("triggers and e-mails", stage_notifications),
    ("reports", stage_reports),
    ("scheduled reports", stage_scheduled_reports),
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
    (``run.as_of``, 00:00 Europe/Amsterdam), so that its loads, e-mails and reports are stamped
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

