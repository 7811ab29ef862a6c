"""`leadanalytics load KIND FILE`: reference data (and, registered by their modules, lead history)."""

from __future__ import annotations

import sys

import click

from leadanalytics.cli.common import emit, fail_on_package_errors, json_option, state


@click.group("load")
def load_group() -> None:
    """Load reference data and lead history from CSV, Parquet or XLSX.

    Example: leadanalytics load branches branches.csv
    """


def report_load(result) -> None:
    """Print a load's summary (or JSON) and exit 1 when rows were quarantined or it was refused."""
    emit(result.summary(), result.as_dict())
    if not result.ok:
        sys.exit(1)


def _reference_command(kind: str, columns: str):
    @click.command(kind, help=f"Load {kind}.csv ({columns}); bad rows are quarantined.\n\n"
                   f"Example: leadanalytics load {kind} {kind}.csv")
    @click.argument("file", type=click.Path(dir_okay=False))
    @json_option
    @fail_on_package_errors
    def command(file: str) -> None:
        from leadanalytics.pipelines.reference import load_reference

        report_load(load_reference(state().warehouse(), kind, file))

    return command


load_group.add_command(_reference_command("branches", "branch_id, name, parent_id"))
load_group.add_command(
    _reference_command("people", "person_id, name, email, role, branch_id, active")
)
load_group.add_command(
    _reference_command("delegations", "delegator_id, delegate_id, role, start_date, end_date")
)
load_group.add_command(
    _reference_command(
        "assignments",
        "assignment_id, start_date, end_date, contact_name, contact_email, contact_language",
    )
)
