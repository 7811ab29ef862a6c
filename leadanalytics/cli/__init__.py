"""The ``leadanalytics`` command line: a thin skin over the package's functions.

Exit codes: 0 success, 1 input rejected or action refused, 2 usage error.
"""

from __future__ import annotations

import click

from leadanalytics.cli.bonuses import bonuses_group
from leadanalytics.cli.common import State
from leadanalytics.cli.demo import demo_command
from leadanalytics.cli.ingest import ingest_group, timesheets_group
from leadanalytics.cli.lead import (
    lead_command,
    lead_history_command,
    load_lead_events_command,
    load_leads_command,
)
from leadanalytics.cli.load import load_group
from leadanalytics.cli.metrics import metrics_command
from leadanalytics.cli.notify import notify_group
from leadanalytics.cli.privacy import privacy_group
from leadanalytics.cli.report import report_group
from leadanalytics.cli.setup_commands import init_command
from leadanalytics.cli.triggers import triggers_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="LEADANALYTICS_DB",
    default=None,
    help="Warehouse file (default: $LEADANALYTICS_DB, else ./leadanalytics.duckdb).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object on standard output.")
@click.version_option(package_name="leadanalytics")
@click.pass_context
def cli(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """Sales leads, timesheets and bonus payouts of an interim-staffing agency.

    Example: leadanalytics --db agency.duckdb init
    """
    ctx.obj = State(db, as_json)


cli.add_command(init_command)
cli.add_command(triggers_group)
cli.add_command(demo_command)
cli.add_command(load_group)
cli.add_command(lead_command)
cli.add_command(lead_history_command)
load_group.add_command(load_leads_command)
load_group.add_command(load_lead_events_command)
cli.add_command(privacy_group)
cli.add_command(bonuses_group)
cli.add_command(ingest_group)
cli.add_command(timesheets_group)
cli.add_command(notify_group)
cli.add_command(metrics_command)
cli.add_command(report_group)


def main() -> None:
    cli(prog_name="leadanalytics")
