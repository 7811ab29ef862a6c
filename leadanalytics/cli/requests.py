"""`leadanalytics timesheets request|request-correction|approve-request`: thin skins over
``leadanalytics.timesheets.requests``, registered on the ``timesheets`` group."""

from __future__ import annotations

import datetime as dt

import click

from leadanalytics.cli.common import (
    as_of_date,
    as_of_option,
    emit,
    fail_on_package_errors,
    json_option,
    state,
)


@click.command("request")
@as_of_option
@click.option("--dry-run", is_flag=True, help="Show what would be created and sent; write nothing.")
@json_option
@fail_on_package_errors
def request_command(as_of, dry_run: bool) -> None:
    """Ask timesheet contacts for missing weeks; send due reminders; mark overdue requests.

    One request (one e-mail, in the contact's language) per assignment for the missing weeks no
    waiting request covers; reminders every 7 days (at most 3), then overdue and one notice to
    the lead's regional director (numbers in configuration). Safe to run every hour: a second
    run the same day creates and sends nothing. JSON keys: created, reminded, overdue, open.

    Example: leadanalytics timesheets request --as-of 2026-03-31 --dry-run
    """
    from leadanalytics.timesheets.requests import request_timesheets

    day = as_of_date(as_of)
    run = request_timesheets(state().warehouse(), day, dry_run=dry_run)
    data = run.summary()
    lines = [f"{'would create' if dry_run else 'created'} {data['created']} requests, "
             f"reminded {data['reminded']}, overdue {data['overdue']}; "
             f"{data['open']} waiting as of {day}"]
    lines += [f"  {m['kind']} #{m['request_id']} to {m['to']}: {m['subject']}"
              for m in run.messages]
    emit("\n".join(lines), data)


@click.command("request-correction")
@click.argument("assignment")
@click.argument("week", type=click.DateTime(formats=["%Y-%m-%d"]))
@click.option("--reason", required=True, help="Why the week must be corrected (in the e-mail).")
@click.option("--by", "by", required=True, help="The regional director or finance person asking.")
@as_of_option
@json_option
@fail_on_package_errors
def request_correction_command(assignment: str, week: dt.datetime, reason: str, by: str,
                               as_of) -> None:
    """Ask the client's contact for a corrected timesheet of one week (WEEK is its Monday).

    Example: leadanalytics timesheets request-correction A-0001 2026-03-02 --reason "Friday missing" --by P-RD
    """
    from leadanalytics.timesheets.requests import request_correction

    request_id = request_correction(state().warehouse(), assignment, week.date(), reason, by,
                                    as_of_date(as_of))
    emit(f"correction request {request_id} for {assignment} week {week.date()}",
         {"request_id": request_id, "assignment_id": assignment, "week": str(week.date())})


@click.command("approve-request")
@click.argument("request_id", type=int)
@click.option("--by", "by", required=True, help="Finance or the branch's regional director.")
@as_of_option
@json_option
@fail_on_package_errors
def approve_request_command(request_id: int, by: str, as_of) -> None:
    """Approve a concept timesheet request: it is sent (queued in the outbox) today.

    Example: leadanalytics timesheets approve-request 7 --by P-FIN --as-of 2026-03-21
    """
    from leadanalytics.timesheets.requests import approve_request

    day = as_of_date(as_of)
    approve_request(state().warehouse(), request_id, by, day)
    emit(f"timesheet request {request_id} approved by {by} and queued on {day}",
         {"request_id": request_id, "approved_by": by, "sent_on": str(day)})


COMMANDS = (request_command, request_correction_command, approve_request_command)
