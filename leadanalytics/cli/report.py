"""``leadanalytics report``: build report notebooks as self-contained HTML (reports.md)."""

from __future__ import annotations

import click

from leadanalytics.cli.common import (
    as_of_date,
    as_of_option,
    emit,
    fail_on_package_errors,
    json_option,
    scope_option,
    state,
)
from leadanalytics.exceptions import ScopeViolation


@click.group("report")
def report_group() -> None:
    """Build report notebooks as HTML.

    Example: leadanalytics report build phase_group_dashboard --as-of 2026-03-31 --out out/
    """


@report_group.command("build")
@click.argument("name")
@as_of_option
@scope_option
@click.option("--out", "out", type=click.Path(file_okay=False), required=True,
              help="Directory for NAME.html, NAME.ipynb and NAME.manifest.json.")
@click.option("--show-code", is_flag=True, help="Show the code cells in the HTML.")
@json_option
@fail_on_package_errors
def build_command(name: str, as_of, scope: str, out: str, show_code: bool) -> None:
    """Run a report notebook for a scope and date; write HTML, notebook and manifest.

    Example: leadanalytics report build lead_conversion --as-of 2026-03-31 --scope branch:NORTH --out out/
    """
    from leadanalytics.reporting import build_report

    try:
        manifest = build_report(
            state().warehouse(), name, as_of_date(as_of), scope, out, show_code=show_code
        )
    except ScopeViolation as exc:
        raise click.UsageError(str(exc)) from exc
    emit(f"built {name} for {manifest['parameters']['scope']} as of {manifest['data_as_of']} "
         f"in {out}/{name}.html", manifest)


@report_group.command("run-due")
@click.option("--schedule", "schedule_path", envvar="LEADANALYTICS_SCHEDULE",
              default="report_schedule.toml", show_default=True,
              type=click.Path(dir_okay=False), help="The schedule file (TOML).")
@click.option("--out", "out", default="reports", show_default=True,
              type=click.Path(file_okay=False), help="Root directory of the built reports.")
@click.option("--now", "now", default=None, help="Act as of this time (ISO, for tests).")
@json_option
@fail_on_package_errors
def run_due_command(schedule_path: str, out: str, now: str | None) -> None:
    """Build every scheduled report that is due, once; safe from cron and in parallel.

    Example: leadanalytics report run-due --schedule report_schedule.toml --out reports/
    """
    from leadanalytics.clock import as_of_moment
    from leadanalytics.config.report_schedule import load_report_schedule
    from leadanalytics.reporting.schedules import run_due

    at = as_of_moment(now, end_of_day=False) if now else None  # no offset: Europe/Amsterdam
    results = run_due(state().warehouse(), load_report_schedule(schedule_path), out, at)
    counts: dict[str, int] = {}
    for r in results:
        counts[r["outcome"]] = counts.get(r["outcome"], 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "nothing due"
    emit(f"report run-due: {summary}", {"runs": results, **counts})
    if counts.get("failed") or counts.get("blocked"):
        raise SystemExit(1)


@report_group.command("approve")
@click.argument("run_id", type=int)
@click.option("--by", "by", required=True, help="The approving person (finance or director).")
@json_option
@fail_on_package_errors
def approve_command(run_id: int, by: str) -> None:
    """Send a report that was built as concept, once a named approver approves it.

    Example: leadanalytics report approve 12 --by P-FIN
    """
    from leadanalytics.reporting.schedules import approve_run

    result = approve_run(state().warehouse(), run_id, by)
    emit(f"report run {run_id} approved by {by}: sent to {len(result['recipients'])} recipients",
         result)
