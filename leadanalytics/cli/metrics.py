"""``leadanalytics metrics``: any dashboard metric as CSV (reports.md), for schedulers and BI."""

from __future__ import annotations

import sys
import warnings

import click
import pandas as pd

from leadanalytics.cli.common import (
    as_of_date,
    as_of_option,
    fail_on_package_errors,
    json_option,
    report_error,
    scope_option,
    state,
)
from leadanalytics.cli.tables import emit_table
from leadanalytics.exceptions import MetricArgumentError, ScopeViolation, UsageError

#: The metrics that count over a period (``--since``/``--until``) as well as on the as-of date.
PERIOD_METRICS = ("reasons", "stale_leads")


@click.command(
    "metrics",
    context_settings={"ignore_unknown_options": False},
)
@click.argument("name")
@as_of_option
@scope_option
@click.option("--by", "by", default=None, help="Group by a lead column (funnel, cohorts, ...).")
@click.option("--lang", default="nl", show_default=True,
              help="Language of the label columns: nl or en.")
@click.option("--since", default=None, metavar="DATE",
              help="reasons, stale_leads: the period's first day (default: from the start).")
@click.option("--until", default=None, metavar="DATE",
              help="reasons, stale_leads: the period's last day (default: --as-of).")
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="CSV file to write.")
@json_option
@fail_on_package_errors
def metrics_command(
    name: str, as_of, scope: str, by: str | None, lang: str, since: str | None,
    until: str | None, out: str | None
) -> None:
    """Print one metric as CSV, or `list` to name every metric.

    Money and hours are written exactly; every metric but funnel, time_to_decision and
    time_to_assignment (whose columns are fixed) ends with label and name columns in --lang.
    A usage error (unknown metric, --by, --scope, --lang) is one line and exit code 2.

    Example: leadanalytics metrics funnel --as-of 2026-03-31 --scope branch:NORTH --by source

    Example: leadanalytics metrics reasons --as-of 2026-10-31 --since 2026-10-01 --by source
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
    period = {k: as_of_date(v) for k, v in (("since", since), ("until", until)) if v}
    try:
        if period and name not in PERIOD_METRICS:
            raise UsageError("--since/--until", name, f"only {', '.join(PERIOD_METRICS)} take a period")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", metrics.AsOfAfterData)
            frame = metrics.run_metric(
                state().warehouse(), name, labels=name not in metrics.EXACT_METRICS,
                as_of=day, scope=scope, by=by, lang=lang, exact=True, **period,
            )
    except (UsageError, MetricArgumentError, ScopeViolation) as exc:
        report_error(exc, str(exc))   # one line, exit 2 as click's own usage errors
        sys.exit(2)
    emit_table(
        frame, out, f"{name} as of {day} for scope {scope}: {len(frame)} rows",
        {"metric": name, "as_of": str(day), "scope": scope, "row_count": len(frame)},
    )
    # after the rows, so that a refused --out stays one line: the error
    for warning in caught:
        if isinstance(warning.message, metrics.AsOfAfterData):
            click.echo(f"warning: {warning.message}", err=True)
        else:
            warnings.showwarning(warning.message, warning.category, warning.filename,
                                 warning.lineno)
