"""The ``leadanalytics`` command line: a thin skin over the package's functions.

Exit codes: 0 success, 1 input rejected or action refused, 2 usage error. No traceback for a
user's mistake: the group turns every error into one line (``LEADANALYTICS_DEBUG=1`` shows it).
"""

from __future__ import annotations

import errno

import click

from leadanalytics.cli.bonuses import bonuses_group
from leadanalytics.cli.common import State, debugging, report_error
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
from leadanalytics.cli.requests import COMMANDS as REQUEST_COMMANDS
from leadanalytics.cli.setup_commands import init_command
from leadanalytics.cli.triggers import triggers_group
from leadanalytics.exceptions import LeadAnalyticsError


class _Edge(click.Group):
    """The root group, and the one place where an error becomes one line and an exit code.

    click's own usage errors keep exit 2. The package's errors (``LeadAnalyticsError``) and
    the operating system's (``OSError``: a missing path, a folder, no permission) are a user's
    mistake: one line, exit 1. Anything else is a bug: one line naming the command and the
    error, exit 1; with ``LEADANALYTICS_DEBUG=1`` it is raised again with its traceback.
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except LeadAnalyticsError as exc:
            report_error(exc, str(exc))
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # a closed pipe (`| head`): click ends quietly
            report_error(exc, _os_message(exc), path=exc.filename)
        except Exception as exc:
            if debugging():
                raise
            command = _failing_command(exc, ctx)
            text = next((line for line in str(exc).splitlines() if line.strip()), "")
            report_error(
                exc,
                f"{command} failed: {type(exc).__name__}: {text} "
                "(an internal error; LEADANALYTICS_DEBUG=1 shows the traceback)",
                command=command,
            )
        ctx.exit(1)


def _os_message(exc: OSError) -> str:
    if not exc.strerror:
        return str(exc)
    names = [str(n) for n in (exc.filename, exc.filename2) if n is not None]
    return ": ".join([exc.strerror, *names])


def _failing_command(exc: BaseException, root: click.Context) -> str:
    """The command path (``leadanalytics bonuses list``) of the innermost click context that
    the error passed through."""
    import traceback

    found = root
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        ctx = frame.f_locals.get("ctx")
        if isinstance(ctx, click.Context):
            found = ctx
    return found.command_path


@click.group(cls=_Edge, context_settings={"help_option_names": ["-h", "--help"]})
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
for _command in REQUEST_COMMANDS:
    timesheets_group.add_command(_command)
cli.add_command(notify_group)
cli.add_command(metrics_command)
cli.add_command(report_group)


def main() -> None:
    cli(prog_name="leadanalytics")
