"""`leadanalytics ingest timesheets FILE...` and `leadanalytics timesheets missing`: thin skins
over the timesheet pipeline (``leadanalytics.pipelines.timesheets``) and reads."""

from __future__ import annotations

import sys

import click

from leadanalytics.cli.common import (
    as_of_date,
    as_of_option,
    emit,
    fail_on_package_errors,
    json_option,
    progress,
    scope_option,
    state,
)
from leadanalytics.cli.tables import emit_table


@click.group("ingest")
def ingest_group() -> None:
    """Ingest files through the pipelines (validated, idempotent, one transaction per file).

    Example: leadanalytics ingest timesheets week07.csv week08.xlsx
    """


@ingest_group.command("timesheets")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--source", "source", default="contract", show_default=True,
              help="The files' layout: 'contract' (data-contracts.md) or a vendor mapping name "
                   "such as 'connecting-expertise' (or a mapping TOML file).")
@click.option("--no-validate", is_flag=True,
              help="Skip the great-expectations pass (the SQL rules always run).")
@json_option
@fail_on_package_errors
def ingest_timesheets_command(files: tuple[str, ...], source: str, no_validate: bool) -> None:
    """Load timesheet files, in the order given; a summary per file.

    Exit 1 when any row was quarantined or a file was refused.

    Example: leadanalytics ingest timesheets week07.csv week08.csv --json
    """
    from leadanalytics.pipelines.timesheets import ingest_timesheet_file

    w = state().warehouse()
    stage = None
    if source != "contract":
        from leadanalytics.pipelines.vms import load_mapping, stage_vms_export

        mapping = load_mapping(source)
        kind = mapping.kind

        def stage(tx, path, digest):
            return stage_vms_export(tx, path, mapping, digest)
    else:
        kind = "timesheets"
    results = []
    with progress(files, "ingesting timesheets") as bar:
        for f in bar:
            results.append(ingest_timesheet_file(w, f, validate=not no_validate, kind=kind,
                                                 stage=stage))
    ok = all(r.ok for r in results)
    emit("\n".join(r.summary() for r in results),
         {"ok": ok, "files": [r.as_dict() for r in results]})
    if not ok:
        sys.exit(1)


@ingest_group.command("data-docs")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder for the HTML pages.")
@click.option("--load", "load_id", type=int, default=None, help="Only this load.")
@json_option
@fail_on_package_errors
def data_docs_command(out: str, load_id: int | None) -> None:
    """Write the great-expectations results of timesheet loads as HTML data docs.

    Example: leadanalytics ingest data-docs --out docs/validation
    """
    from leadanalytics.outputs import ensure_folder
    from leadanalytics.pipelines.gx import write_data_docs

    w = state().warehouse()
    ensure_folder(out)
    index = write_data_docs(w, out, load_id)
    emit(f"data docs: {index}", {"index": str(index)})


@click.group("timesheets")
def timesheets_group() -> None:
    """Timesheet reads: missing weeks of active assignments.

    Example: leadanalytics timesheets missing --as-of 2026-03-31
    """


@timesheets_group.command("missing")
@as_of_option
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None,
              help="Write the CSV here instead of standard output.")
@scope_option
@json_option
@fail_on_package_errors
def missing_command(as_of, out: str | None, scope: str) -> None:
    """Every missing timesheet week as of a date, sorted by assignment and week.

    Columns: assignment_id, week, lead_id, branch_id, days_overdue, note.

    Example: leadanalytics timesheets missing --as-of 2026-03-31 --scope branch:R-WST
    """
    from leadanalytics.exceptions import ScopeViolation
    from leadanalytics.reporting.metrics import run_metric

    day = as_of_date(as_of)
    try:   # the documented columns only: without the metric's branch_name
        frame = run_metric(state().warehouse(), "missing_timesheet_weeks", labels=False,
                           as_of=day, scope=scope)
    except ScopeViolation as exc:
        raise click.UsageError(str(exc)) from exc
    if len(frame):
        frame["week"] = frame["week"].astype(str).str.slice(0, 10)
    assignments = frame["assignment_id"].nunique() if len(frame) else 0
    emit_table(frame, out, f"{len(frame)} missing weeks of {assignments} assignments as of {day}",
               {"as_of": str(day), "missing": len(frame), "assignments": int(assignments)})
