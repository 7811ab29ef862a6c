"""``leadanalytics metrics``: any dashboard metric as CSV (reports.md), for schedulers and BI."""

from __future__ import annotations

import click
import pandas as pd

from leadanalytics.cli.common import (
    as_of_date,
    as_of_option,
    fail_on_package_errors,
    json_option,
    scope_option,
    state,
)
from leadanalytics.cli.tables import emit_table
from leadanalytics.exceptions import MetricArgumentError, ScopeViolation


@click.command(
    "metrics",
    context_settings={"ignore_unknown_options": False},
)
@click.argument("name")
@as_of_option
@scope_option
@click.option("--by", "by", default=None, help="Group by a lead column (funnel, cohorts, ...).")
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="CSV file to write.")
@json_option
@fail_on_package_errors
def metrics_command(name: str, as_of, scope: str, by: str | None, out: str | None) -> None:
    """Print one metric as CSV, or `list` to name every metric.

    Example: leadanalytics metrics funnel --as-of 2026-03-31 --scope branch:NORTH --by source
    """
    from leadanalytics.reporting import metrics

    if name == "list":
        rows = pd.DataFrame(
            [(m.name, m.description, m.groupable, metrics.is_available(m.name))
             for m in sorted(metrics.METRICS.values(), key=lambda m: m.name)],
            columns=["metric", "description", "by", "available"],
        )
        emit_table(rows, out, f"{len(rows)} metrics")
        return
    day = as_of_date(as_of)
    try:
        frame = metrics.run_metric(state().warehouse(), name, as_of=day, scope=scope, by=by)
    except (MetricArgumentError, ScopeViolation) as exc:
        raise click.UsageError(str(exc)) from exc
    emit_table(
        frame, out, f"{name} as of {day} for scope {scope}: {len(frame)} rows",
        {"metric": name, "as_of": str(day), "scope": scope, "row_count": len(frame)},
    )
