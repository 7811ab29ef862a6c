"""``leadanalytics report``: build report notebooks as self-contained HTML (and PDF), and run
the report schedule (reports.md)."""

from __future__ import annotations

from pathlib import Path

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
@click.option("--lang", "lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="The language of every word in the report.")
@click.option("--pdf", "pdf", is_flag=True,
              help="Also write NAME.pdf (A4, page numbers; needs Chromium).")
@click.option("--show-code", is_flag=True, help="Show the code cells in the HTML.")
@json_option
@fail_on_package_errors
def build_command(name: str, as_of, scope: str, out: str, lang: str, pdf: bool,
                  show_code: bool) -> None:
    """Run a report notebook for a scope and date; write HTML, notebook, CSVs, manifest (and
    PDF), and the folder's index.html.

    Example: leadanalytics report build lead_conversion --as-of 2026-03-31 --scope branch:NORTH --lang en --pdf --out out/
    """
    from leadanalytics.reporting import build_report

    try:
        manifest = build_report(
            state().warehouse(), name, as_of_date(as_of), scope, out, show_code=show_code,
            lang=lang, pdf=pdf,
        )
    except ScopeViolation as exc:
        raise click.UsageError(str(exc)) from exc
    made = ", ".join(f for f in manifest["files"] if f.endswith((".html", ".pdf")))
    emit(f"built {name} for {manifest['parameters']['scope']} as of {manifest['data_as_of']} "
         f"in {out}: {made} (index.html lists the folder)", manifest)


@report_group.command("run-due")
@click.option("--schedule", "schedule_path", envvar="LEADANALYTICS_SCHEDULE",
              default="report_schedule.toml", show_default=True,
              type=click.Path(dir_okay=False),
              help="The schedule file (TOML); 'sample' is the one shipped with the package.")
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
    from leadanalytics.config.report_schedule import SAMPLE, load_report_schedule
    from leadanalytics.reporting.schedules import run_due

    if schedule_path != SAMPLE and not Path(schedule_path).exists():
        raise click.UsageError(
            f"no schedule file {schedule_path}: write one (leadanalytics report sample-schedule "
            f"> {schedule_path} gives the sample to start from), or use --schedule {SAMPLE}")
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


@report_group.command("sample-schedule")
def sample_schedule_command() -> None:
    """Print the sample schedule shipped with the package (every notebook, weekly per region,
    monthly for finance), to copy and adapt.

    Example: leadanalytics report sample-schedule > report_schedule.toml
    """
    from leadanalytics.config.report_schedule import sample_schedule_path

    click.echo(sample_schedule_path().read_text(encoding="utf-8"), nl=False)
