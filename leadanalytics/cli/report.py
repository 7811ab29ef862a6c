"""``leadanalytics report``: build report notebooks as self-contained HTML (reports.md)."""

from __future__ import annotations

import click

from leadanalytics.cli.common import (
    as_of_date,
    as_of_option,
    emit,
    fail_on_package_errors,
    json_option,
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
@click.option("--scope", default="all", show_default=True,
              help="all, branch:ID (that branch and below) or person:ID.")
@click.option("--out", "out", type=click.Path(file_okay=False), required=True,
              help="Directory for NAME.html, NAME.ipynb and NAME.manifest.json.")
@click.option("--show-code", is_flag=True, help="Show the code cells in the HTML.")
@json_option
@fail_on_package_errors
def build_command(name: str, as_of, scope: str, out: str, show_code: bool) -> None:
    """Run a report notebook for a scope and date; write HTML, notebook and manifest.

    Example: leadanalytics report build lead_conversion --as-of 2026-03-31 --scope branch:NORTH --out out/
    """
    from leadanalytics.reports import build_report

    try:
        manifest = build_report(
            state().warehouse(), name, as_of_date(as_of), scope, out, show_code=show_code
        )
    except ScopeViolation as exc:
        raise click.UsageError(str(exc)) from exc
    emit(f"built {name} for {manifest['parameters']['scope']} as of {manifest['data_as_of']} "
         f"in {out}/{name}.html", manifest)
