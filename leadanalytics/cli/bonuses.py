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
    closed = r.batch is not None and not r.created
    data = {
        "period": r.period, "batch_id": r.batch.batch_id if r.batch else None,
        "already_closed": closed, "status": r.batch.status if r.batch else None,
        "created": r.created, "dry_run": r.dry_run, "items": len(r.items),
        "total_eur": _text(r.total_eur), "earned_later": r.earned_later,
        "earliest_month": r.earliest_month, "pending": r.pending,
        "lines": [{k: _text(v) for k, v in i.items()} for i in r.items],
    }
    if dry_run and r.items and not closed and not state().as_json:
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
        from leadanalytics.bonuses.disputes import open_disputes_of_batch

        w = state().warehouse()
        fn = bonuses.approve_batch if action == "approve" else bonuses.mark_batch_paid
        b = fn(w, batch, by)
        disputes = open_disputes_of_batch(w, b.batch_id) if action == "approve" else []
        summary = (f"batch {b.batch_id} ({b.period}) is {b.status}: {b.items} item(s), "
                   f"{b.total_eur:.2f} EUR")
        if disputes:  # listed, never holding back anyone's pay
            summary += f"; {len(disputes)} open dispute(s), paid as they are: " + "; ".join(
                f"{d['lead_id']} (by {d['opened_by']} on {d['opened_at']:%Y-%m-%d}: {d['reason']})"
                for d in disputes)
        data = _batch_data(b)
        if action == "approve":
            data["open_disputes"] = [
                {**d, "opened_at": d["opened_at"].isoformat()} for d in disputes]
        emit(summary, data)

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
@click.option("--keep", "decision", flag_value="keep",
              help="Leave the lines as they are (a kept loss stays paid, a kept recovery stays "
                   "clawed back).")
@click.option("--clawback", "decision", flag_value="clawback",
              help="Answer a loss: a negative line in the bonus's unpaid batch, else the next.")
@click.option("--reinstate", "decision", flag_value="reinstate",
              help="Answer a recovery after a clawback: a positive line, likewise.")
@click.option("--reason", default=None, help="Why (the submitter is told it).")
@click.option("--by", "by", required=True, help="The finance person deciding.")
@json_option
@fail_on_package_errors
def resolve_command(lead_id: str, decision: str | None, reason: str | None, by: str) -> None:
    """Finance's answer to a `review` bonus: --keep, --clawback or --reinstate.

    Example: leadanalytics bonuses resolve L-104 --clawback --reason "week 12 corrected" --by P-FIN1
    """
    if decision is None:
        raise click.UsageError("say --keep, --clawback or --reinstate")
    from leadanalytics.bonuses import resolve_bonus

    r = resolve_bonus(state().warehouse(), lead_id, decision, by, reason=reason)
    if decision == "keep":
        where = f"lines left as they are (the {r['change']} since {_text(r['loss_since'])} kept)"
    else:
        where = (f"{r['kind']} line {_text(r['amount_eur'])} EUR into batch {r['batch_id']}"
                 + (" (its approval withdrawn: it needs approving again)"
                    if r["approval_withdrawn"] else "")
                 if r["batch_id"] else
                 f"{r['kind']} line {_text(r['amount_eur'])} EUR waits for the next period closed")
    emit(f"lead {lead_id}: {decision} recorded by {by}: {where}",
         {k: _text(v) for k, v in r.items()})


@bonuses_group.command("export")
@click.argument("batch")
@click.option("--out", type=click.Path(dir_okay=False), required=True,
              help="FILE.xlsx (sheets header, items, per_person) or FILE.csv (items; "
                   "per_person beside it in FILE.per_person.csv)")
@click.option("--by", "by", default=None,
              help="Who exports it (recorded in bonus_audit; empty when omitted).")
@json_option
@fail_on_package_errors
def export_command(batch: str, out: str, by: str | None) -> None:
    """Write the payout statement of a batch (any state): a header, one row per item, the net
    per person; a batch not yet approved is marked `concept — not approved`.

    Example: leadanalytics bonuses export B-2026-04 --out april.xlsx --by P-FIN1
    """
    from leadanalytics.bonuses.statements import export_statement

    r = export_statement(state().warehouse(), batch, out, by=by)
    files = r["out"] + (f" and {r['per_person']}" if r["per_person"] else "")
    emit(f"statement of {r['batch_id']} ({r['status']}): {r['items']} item(s), "
         f"{r['people']} person(s), {r['total_eur']:.2f} EUR -> {files}",
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


@bonuses_group.command("accrual")
@as_of_option
@click.option("--months", type=click.IntRange(1, 240), default=12, show_default=True,
              help="Payout months to show, from the as-of date's month on.")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="CSV (or .xlsx) file to write.")
@scope_option
@json_option
@fail_on_package_errors
def accrual_command(as_of: dt.datetime | None, months: int, out: str | None, scope: str) -> None:
    """The bonus cost to expect per payout month: certain (earned, unpaid) and expected
    (pending, Kaplan-Meier from the days won leads took to earn; a projection, not a promise).

    Example: leadanalytics bonuses accrual --as-of 2026-03-31 --months 6 --out accrual.csv
    """
    import warnings

    from leadanalytics.bonuses import bonus_accrual
    from leadanalytics.exceptions import ScopeViolation

    day = as_of_date(as_of)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = bonus_accrual(state().warehouse(), day, months=months, scope=scope)
        except ScopeViolation as exc:
            raise click.UsageError(str(exc)) from exc
    notes = [str(c.message) for c in caught if issubclass(c.category, UserWarning)]
    text = frame.map(_text).astype(object).where(frame.notna(), None)
    total = sum(frame["total_eur"], Decimal("0.00"))
    summary = (f"bonus accrual as of {day}, {months} payout month(s): {total:.2f} EUR "
               "(expected: a projection, not a promise)")
    for note in notes:
        if not state().as_json:
            click.echo(f"warning: {note}", err=True)
    emit_table(frame, out, summary, {"as_of": day.isoformat(), "months": months,
                                     "total_eur": f"{total:.2f}", "warnings": notes},
               json_frame=text)


@bonuses_group.command("dispute")
@click.argument("lead_id")
@click.option("--reason", required=True, help="What is contested and why.")
@click.option("--by", "by", required=True,
              help="The lead's submitter, or a regional director over its branch.")
@json_option
@fail_on_package_errors
def dispute_command(lead_id: str, reason: str, by: str) -> None:
    """Contest the state or amount of a won lead's bonus; finance is notified.

    One open dispute per bonus; it changes no amount (finance acts with `bonuses resolve`).

    Example: leadanalytics bonuses dispute L-104 --reason "March hours are missing" --by P-000017
    """
    from leadanalytics.bonuses import open_dispute

    r = open_dispute(state().warehouse(), lead_id, reason, by)
    emit(f"lead {lead_id}: dispute {r['dispute_id']} opened by {by} (bonus {r['status']}); "
         "finance is notified", {k: _text(v) for k, v in r.items()})


@bonuses_group.command("answer-dispute")
@click.argument("lead_id")
@click.option("--reason", required=True, help="Finance's answer, sent to the submitter.")
@click.option("--by", "by", required=True, help="The finance person answering.")
@json_option
@fail_on_package_errors
def answer_dispute_command(lead_id: str, reason: str, by: str) -> None:
    """Answer the open dispute on a bonus (finance); the submitter is notified.

    Example: leadanalytics bonuses answer-dispute L-104 --reason "hours arrived on 2 April" --by P-FIN1
    """
    from leadanalytics.bonuses import answer_dispute

    r = answer_dispute(state().warehouse(), lead_id, reason, by)
    emit(f"lead {lead_id}: dispute {r['dispute_id']} answered by {by}; the submitter is notified",
         {k: _text(v) for k, v in r.items()})
