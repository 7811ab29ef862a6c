"""`leadanalytics bonuses ...`: bonus states, payout batches, statements, explain."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

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
from leadanalytics.cli.tables import emit_table


def _text(v: Any) -> Any:
    """A cell as the CSV shows it: money and hours with two decimals, dates ISO, empty as empty."""
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, Decimal):
        return f"{v:.2f}"
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def _batch_data(b) -> dict[str, Any]:
    return {k: _text(v) if not isinstance(v, int) else v for k, v in vars(b).items()}


@click.group("bonuses")
def bonuses_group() -> None:
    """Bonuses of lead submitters: states, payout batches, statements.

    Example: leadanalytics bonuses list --as-of 2026-03-31 --out bonuses.csv
    """


@bonuses_group.command("list")
@as_of_option
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="CSV file to write.")
@scope_option
@json_option
@fail_on_package_errors
def list_command(as_of: dt.datetime | None, out: str | None, scope: str) -> None:
    """Every lead won by the as-of date with its bonus state, sorted by lead_id.

    Example: leadanalytics bonuses list --as-of 2026-03-31 --scope branch:R-WST --out bonuses.csv
    """
    from leadanalytics.bonuses import bonuses_list
    from leadanalytics.exceptions import ScopeViolation

    day = as_of_date(as_of)
    try:
        frame = bonuses_list(state().warehouse(), day, scope=scope)
    except ScopeViolation as exc:
        raise click.UsageError(str(exc)) from exc
    text = frame.map(_text).astype(object).where(frame.notna(), None)
    counts = frame["status"].value_counts().to_dict() if len(frame) else {}
    summary = f"{len(frame)} won lead(s) as of {day}: " + (
        ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "none")
    emit_table(frame, out, summary, {"as_of": day.isoformat(), "leads": len(frame),
                                     "by_status": counts}, json_frame=text)


@bonuses_group.command("forecast")
@as_of_option
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="CSV file to write.")
@scope_option
@json_option
@fail_on_package_errors
def forecast_command(as_of: dt.datetime | None, out: str | None, scope: str) -> None:
    """Pending bonuses: hours missing and a projected earn date from the last 4 weeks' pace.

    Example: leadanalytics bonuses forecast --as-of 2026-03-31 --scope person:P-000017
    """
    from leadanalytics.bonuses import bonus_forecast
    from leadanalytics.exceptions import ScopeViolation

    day = as_of_date(as_of)
    try:
        frame = bonus_forecast(state().warehouse(), day, scope=scope)
    except ScopeViolation as exc:
        raise click.UsageError(str(exc)) from exc
    text = frame.map(_text).astype(object).where(frame.notna(), None)
    emit_table(frame, out, f"{len(frame)} pending bonus(es) as of {day} (projections, not promises)",
               {"as_of": day.isoformat(), "pending": len(frame)}, json_frame=text)


@bonuses_group.command("close-period")
@click.argument("period")
@click.option("--by", "by", required=True, help="The finance person who closes the period.")
@click.option("--dry-run", is_flag=True, help="Show what the batch would hold; write nothing.")
@json_option
@fail_on_package_errors
def close_period_command(period: str, by: str, dry_run: bool) -> None:
    """Make the payout batch of a month (YYYY-MM); running it again returns the same batch.

    Example: leadanalytics bonuses close-period 2026-04 --by P-FIN1 --dry-run
    """
    from leadanalytics.bonuses import close_period

    r = close_period(state().warehouse(), period, by, dry_run=dry_run)
    data = {
        "period": r.period, "batch_id": r.batch.batch_id if r.batch else None,
        "created": r.created, "dry_run": r.dry_run, "items": len(r.items),
        "total_eur": _text(r.total_eur), "earned_later": r.earned_later,
        "earliest_month": r.earliest_month, "pending": r.pending,
        "lines": [{k: _text(v) for k, v in i.items()} for i in r.items],
    }
    if dry_run and r.items and not state().as_json:
        for i in r.items:
            click.echo(f"{i['lead_id']},{i['kind']},{i['submitter_id']},{_text(i['amount_eur'])}")
    emit(r.summary(), data)


def _batch_step(action: str):
    @click.argument("batch")
    @click.option("--by", "by", required=True, help="The finance person taking this step.")
    @json_option
    @fail_on_package_errors
    def command(batch: str, by: str) -> None:
        from leadanalytics import bonuses

        fn = bonuses.approve_batch if action == "approve" else bonuses.mark_batch_paid
        b = fn(state().warehouse(), batch, by)
        emit(f"batch {b.batch_id} ({b.period}) is {b.status}: {b.items} item(s), "
             f"{b.total_eur:.2f} EUR", _batch_data(b))

    return command


approve_command = bonuses_group.command(
    "approve",
    help="Approve a prepared batch (finance, not the person who closed the period).\n\n"
         "Example: leadanalytics bonuses approve B-2026-04 --by P-FIN2",
)(_batch_step("approve"))
mark_paid_command = bonuses_group.command(
    "mark-paid",
    help="Record that an approved batch was paid.\n\n"
         "Example: leadanalytics bonuses mark-paid B-2026-04 --by P-FIN1",
)(_batch_step("mark-paid"))


@bonuses_group.command("resolve")
@click.argument("lead_id")
@click.option("--keep", "decision", flag_value="keep", help="Keep the bonus as batched.")
@click.option("--clawback", "decision", flag_value="clawback",
              help="A negative line for the same amount in the next batch.")
@click.option("--by", "by", required=True, help="The finance person deciding.")
@json_option
@fail_on_package_errors
def resolve_command(lead_id: str, decision: str | None, by: str) -> None:
    """Finance's decision on a `review` bonus: --keep or --clawback.

    Example: leadanalytics bonuses resolve L-104 --clawback --by P-FIN1
    """
    if decision is None:
        raise click.UsageError("say --keep or --clawback")
    from leadanalytics.bonuses import resolve_bonus

    r = resolve_bonus(state().warehouse(), lead_id, decision, by)
    emit(f"lead {lead_id}: {decision} recorded by {by} (loss since {_text(r['loss_since'])}, "
         f"batch {r['batch_id']})", {k: _text(v) for k, v in r.items()})


@bonuses_group.command("export")
@click.argument("batch")
@click.option("--out", type=click.Path(dir_okay=False), required=True,
              help="FILE.csv or FILE.xlsx")
@json_option
@fail_on_package_errors
def export_command(batch: str, out: str) -> None:
    """Write the payout statement of a batch (any state) as CSV or XLSX.

    Example: leadanalytics bonuses export B-2026-04 --out april.xlsx
    """
    from leadanalytics.bonuses.statements import export_statement

    r = export_statement(state().warehouse(), batch, out)
    emit(f"statement of {r['batch_id']}: {r['items']} item(s), {r['total_eur']:.2f} EUR -> {out}",
         {k: _text(v) for k, v in r.items()})


@bonuses_group.command("explain")
@click.argument("lead_id")
@as_of_option
@json_option
@fail_on_package_errors
def explain_command(lead_id: str, as_of: dt.datetime | None) -> None:
    """The derivation of one bonus, step by step.

    Example: leadanalytics bonuses explain L-104 --as-of 2026-03-31
    """
    from leadanalytics.bonuses.explain import explain_bonus

    day = as_of_date(as_of)
    e = explain_bonus(state().warehouse(), lead_id, day)
    if state().as_json:
        click.echo(json.dumps({
            "state": {k: _text(v) for k, v in e["state"].items()},
            "timeline": [{k: _text(v) for k, v in t.items()} for t in e["timeline"]],
            "batches": [{k: _text(v) for k, v in b.items()} for b in e["batches"]],
            "steps": e["steps"],
        }, default=str))
        return
    click.echo("\n".join(e["steps"]))
