"""Write the demo agency's input files in the formats of ``data-contracts.md``.

``write_inputs`` draws the whole agency (organisation, leads and their history, assignments,
timesheets) from one seed and writes it with DuckDB: the same seed and scale give the same
bytes. ``write_timesheet_rows`` is the quick entry for benchmarks.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from leadanalytics.config import load_lookups, load_phase_pipeline
from leadanalytics.db.warehouse import load_sql
from leadanalytics.demo.agency import build_agency
from leadanalytics.demo.leads import build_leads
from leadanalytics.demo.timesheets import (
    STATUSES,
    bad_rows,
    lines_for_assignments,
    month_key,
    week_key,
)
from leadanalytics.outputs import check_target

REFERENCE_DATE = dt.date(2026, 11, 23)  # the demo's "today": a Monday; data ends the day before
HISTORY_WEEKS = 46                      # leads are created from this many weeks before it
LEADS_PER_SCALE = 400
DEFAULT_SEED = 20260105
PHASE_PIPELINE = "public_support"
TIMESHEET_COLUMNS = (
    "line_id", "revision", "assignment_id", "employee_id", "week", "hours", "status",
    "status_date", "source",
)
VMS_COLUMNS = {"Opdracht": "assignment_id", "Medewerker": "employee_id", "Week": "week",
               "Uren": "hours", "Status": "status", "Statusdatum": "status_date"}
VMS_STATUS = {"submitted": "Ingediend", "approved_director": "Goedgekeurd",
              "invoiced": "Gefactureerd", "rejected": "Afgekeurd"}

# the demo's own SQL ships beside it, in leadanalytics/demo/sql/
_HERE = "leadanalytics.demo"


@dataclass
class DemoInputs:
    """What ``write_inputs`` wrote: the folder, each file, and row counts."""

    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    timesheet_files: list[Path] = field(default_factory=list)
    vms_files: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    reference_date: dt.date = REFERENCE_DATE
    start_date: dt.date = REFERENCE_DATE
    finance_ids: list[str] = field(default_factory=list)  # head-office finance people
    example_region: str | None = None  # a region with a director, for a scoped report


def _rngs(seed: int):
    seq = np.random.SeedSequence(seed)
    return [np.random.default_rng(s) for s in seq.spawn(4)]


def _write_csv(
    con: duckdb.DuckDBPyConnection, query: str, path: Path, sep: str = ",", **params
) -> None:
    """One CSV file from a query with an ORDER BY (same input, same bytes); an input file the
    demo draws, streamed by DuckDB, but never over a DuckDB database (the output guard)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    check_target(path)
    con.sql(query, params=params or None).write_csv(str(path), header=True, sep=sep)


def write_inputs(
    folder: str | Path,
    scale: float = 1,
    seed: int = DEFAULT_SEED,
    reference_date: dt.date = REFERENCE_DATE,
    file_period: str = "month",
    on_step: Callable[[str], None] | None = None,
) -> DemoInputs:
    """Draw the demo agency and write its input files into ``folder``.

    ``scale`` 1 is 400 leads (a second); 2500 is 1 M leads and about 12 M timesheet rows.
    Timesheets go to ``timesheets/timesheets_<month>.csv`` (or ``_<ISO week>`` with
    ``file_period="week"``), named so that loading them in name order is the order they arrived;
    one vendor-platform export goes to ``vms/``.

    Examples:
        >>> import tempfile
        >>> inputs = write_inputs(tempfile.mkdtemp(), scale=0.1)
        >>> sorted(inputs.files)[:3]
        ['assignments', 'branches', 'delegations']
    """
    say = on_step or (lambda _msg: None)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    r_org, r_leads, r_ts, r_bad = _rngs(seed)
    n_leads = max(10, round(LEADS_PER_SCALE * scale))
    start = reference_date - dt.timedelta(weeks=HISTORY_WEEKS)
    start -= dt.timedelta(days=start.weekday())
    pipe = load_phase_pipeline(PHASE_PIPELINE).lead
    out = DemoInputs(folder=folder, reference_date=reference_date, start_date=start)

    t0 = time.perf_counter()
    agency = build_agency(r_org, max(24, n_leads // 15), reference_date)
    lead_set = build_leads(r_leads, agency, pipe, load_lookups(), n_leads, start, reference_date)
    say(f"drew {n_leads} leads in {time.perf_counter() - t0:.1f} s")
    people = agency.people
    head_office = people.branch_id == agency.branches.branch_id.iloc[0]
    out.finance_ids = list(people.person_id[head_office & people.role.str.contains("finance")])
    regions = agency.branches.branch_id[agency.branches.parent_id == agency.branches.branch_id.iloc[0]]
    out.example_region = regions.iloc[-2] if len(regions) > 1 else None

    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true").fetchall()
    con.execute("SET enable_progress_bar = false").fetchall()
    frames = {
        "branches": (agency.branches, "ord"),
        "people": (agency.people, "ord"),
        "delegations": (agency.delegations, "ord"),
        "leads": (lead_set.leads, "lead_id"),
        "lead_events": (lead_set.events, "lead_id, \"at\", ord"),
        "assignments": (lead_set.assignments.drop(
            columns=["hours_extension", "permanent_role"]), "assignment_id"),
    }
    for name, (frame, order) in frames.items():
        frame = frame.assign(ord=np.arange(len(frame)))
        con.register("frame", frame)
        cols = ", ".join(_as_text(c, frame[c]) for c in frame.columns if c != "ord")
        # Column names of our own frames, no user text: composed here rather than in sql/.
        query = f"SELECT {cols} FROM frame ORDER BY {order}"  # noqa: S608
        _write_csv(con, query, folder / f"{name}.csv")
        con.unregister("frame")
        out.files[name] = folder / f"{name}.csv"
        out.counts[name] = len(frame)
    say(f"wrote reference data, leads and events in {time.perf_counter() - t0:.1f} s")

    asg = lead_set.assignments
    del lead_set, frames, agency  # the leads are written: free them before the timesheets
    rows = lines_for_assignments(
        r_ts, asg.start_date.to_numpy(), asg.end_date.to_numpy(dtype="datetime64[D]"),
        asg.hours_extension.to_numpy(), reference_date,
    )
    n_asg = len(asg)
    vms = r_ts.random(n_asg) < 0.05 if n_asg >= 20 else np.zeros(n_asg, bool)
    late = r_ts.random(n_asg) < 0.04
    _write_timesheets(con, out, rows, asg.assignment_id.to_numpy(), vms, late, file_period,
                      reference_date, r_bad)
    say(f"wrote {out.counts['timesheet_rows']} timesheet rows in "
        f"{len(out.timesheet_files)} files in {time.perf_counter() - t0:.1f} s")
    con.close()
    return out


def _as_text(name: str, series: pd.Series) -> str:
    """How a column is written: timestamps ISO 8601 without an offset, dates ISO."""
    col = f'"{name}"'
    if pd.api.types.is_datetime64_any_dtype(series):
        if name.endswith("_date"):
            return f"strftime({col}, '%Y-%m-%d') AS {col}"
        return f"strftime({col}, '%Y-%m-%dT%H:%M:%S') AS {col}"
    if name.endswith("_date"):
        return f"CAST({col} AS DATE) AS {col}"
    return col


def _write_timesheets(con, out, rows, assignment_ids, vms, late, file_period,
                      reference_date, rng_bad) -> None:
    """The casemaster files (one per month or week of ``status_date``; late assignments one
    period later) with a few bad and repeated rows, and one vendor-platform export."""
    folder = out.folder
    in_vms = vms[rows.assignment]
    ref_key = (month_key if file_period == "month" else week_key)(
        np.array([(reference_date - dt.date(1970, 1, 1)).days], np.int32))[0]
    if file_period == "month":
        key = month_key(rows.status_date)
        key = np.where(late[rows.assignment], np.where(key % 100 == 12, key + 89, key + 1), key)
    else:
        key = week_key(rows.status_date)
        key = np.where(late[rows.assignment], key + 7, key)
    key = np.minimum(key, ref_key)
    table = pd.DataFrame(
        {
            "line": rows.line, "revision": rows.revision, "a": rows.assignment,
            "week": rows.week, "hours": rows.hours_cents, "status": rows.status,
            "status_date": rows.status_date, "file": key, "vms": in_vms,
        }
    )
    del rows
    keys = np.unique(key[~in_vms])
    iso_week_file = keys[1] if len(keys) > 2 else None  # one sender writes weeks as 2026-W07
    con.register("ts", table)
    con.register("asg", pd.DataFrame({"a": np.arange(len(assignment_ids)),
                                      "assignment_id": assignment_ids}))
    con.register("demo_statuses", pd.DataFrame({"code": range(len(STATUSES)),
                                                 "name": list(STATUSES)}))
    con.execute(load_sql("sql/demo_timesheet_rows", package=_HERE)).fetchall()
    n_rows = int((~in_vms).sum())
    per_kind = max(1, n_rows // 400_000)
    chosen = np.unique(rng_bad.choice(max(1, int(table.line.max()) + 1 if len(table) else 1), 2000))
    con.register("chosen", pd.DataFrame({"line": chosen}))
    sample = con.execute(load_sql("sql/demo_timesheet_sample", package=_HERE)).fetch_df()
    con.unregister("chosen")
    extra = bad_rows(rng_bad, sample, per_kind)
    repeats = sample.iloc[: max(2, per_kind)].assign(kind="repeated_row")
    repeats["order"] = repeats["order"] + 1
    # A conflicting revision: a later file repeats a loaded (line_id, revision) with other hours.
    conflict = sample[sample.file < sample.file.max()].iloc[-max(1, per_kind):].copy()
    conflict["hours"] = "99.50"
    conflict["kind"] = "conflicting_revision"
    conflict["order"] = conflict["order"] + 1
    conflict["file"] = int(max(keys)) if len(keys) else 0
    con.register("demo_extra_rows", pd.concat([extra, repeats, conflict], ignore_index=True))
    out.counts["timesheet_bad_rows"] = len(extra) + len(conflict)
    out.counts["timesheet_repeated_rows"] = len(repeats)

    for k in keys:
        label = f"{k // 100}-{k % 100:02d}" if file_period == "month" else \
            (dt.date(1970, 1, 1) + dt.timedelta(days=int(k))).strftime("%G-W%V")
        path = folder / "timesheets" / f"timesheets_{label}.csv"
        _write_csv(con, load_sql("sql/demo_timesheet_file", package=_HERE), path, file=int(k),
                   iso_weeks=bool(k == iso_week_file))
        out.timesheet_files.append(path)
    out.counts["timesheet_rows"] = int(n_rows) + out.counts["timesheet_bad_rows"] + len(repeats)
    con.unregister("demo_extra_rows")

    if in_vms.any():
        # The platform exports each line once, in its latest state; Dutch headers, decimal
        # commas, ';' as separator and dd-mm-yyyy status dates.
        label = reference_date.strftime("%Y-%m")
        path = folder / "vms" / f"connecting-expertise_{label}.csv"
        _write_csv(con, load_sql("sql/demo_vms_export", package=_HERE), path, sep=";",
                   statuses=[VMS_STATUS[s] for s in STATUSES])
        out.vms_files.append(path)
        out.counts["vms_rows"] = len(np.unique(table.line.to_numpy()[in_vms]))  # one per line
    con.unregister("ts")
    con.unregister("asg")


def write_timesheet_rows(
    path: str | Path, n_rows: int, seed: int = DEFAULT_SEED,
    reference_date: dt.date = REFERENCE_DATE,
) -> Path:
    """Write exactly ``n_rows`` clean timesheet rows (the contract's columns) to one CSV file.

    For benchmarks: no leads are drawn, only assignments (about one per 40 rows) spread over
    the year before ``reference_date``, and their line revisions. 10 M rows take about a
    minute on two cores.

    Examples:
        >>> import tempfile, os
        >>> p = write_timesheet_rows(os.path.join(tempfile.mkdtemp(), "ts.csv"), 1000)
        >>> sum(1 for _ in open(p)) - 1
        1000
    """
    rng = np.random.default_rng(seed)
    n_asg = max(1, n_rows // 40 + 1)
    ref = np.datetime64(reference_date)
    while True:
        start = ref - rng.integers(14, 364, n_asg).astype("timedelta64[D]")
        end = np.full(n_asg, np.datetime64("NaT"), "datetime64[D]")
        rows = lines_for_assignments(rng, start, end, np.zeros(n_asg, bool), reference_date)
        if len(rows) >= n_rows:
            break
        n_asg *= 2
    table = rows.frame().iloc[:n_rows]
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true").fetchall()
    con.execute("SET enable_progress_bar = false").fetchall()
    con.register("ts", table)
    _write_csv(con, load_sql("sql/demo_benchmark_timesheets", package=_HERE), Path(path),
               statuses=list(STATUSES))
    con.close()
    return Path(path)
