"""`leadanalytics lead VERB LEAD --by PERSON` and `load leads|lead-events FILE`: thin skins
over :mod:`leadanalytics.leads.lifecycle`, :mod:`leadanalytics.leads.history` and the lead-history loader."""

from __future__ import annotations

import dataclasses

import click

from leadanalytics.cli.common import emit, fail_on_package_errors, json_option, state
from leadanalytics.cli.tables import emit_table


@click.command("lead")
@click.argument("verb")
@click.argument("lead_id", metavar="LEAD")
@click.option("--by", "by", required=True, help="The person who acts (person_id).")
@click.option("--reason", default=None, help="Reason (required for rejected/cancelled ends).")
@click.option("--assignment", "assignment_id", default=None, help="Assignment id (for the won phase).")
@click.option("--to", "to_phase", default=None, help="Target phase (with VERB move).")
@click.option("--at", "at", default=None,
              help="When it happened (ISO 8601, Europe/Amsterdam without offset); default now.")
@json_option
@fail_on_package_errors
def lead_command(verb: str, lead_id: str, by: str, reason: str | None, assignment_id: str | None,
                 to_phase: str | None, at: str | None) -> None:
    """Move a lead through its lifecycle: VERB is a verb of the phase pipeline (public_support:
    submit, approve, convert, reject, cancel), convert-to-opportunity, or move with --to PHASE.
    A refused move exits 1 with the rule it breaks; nothing is written.

    Example: leadanalytics lead reject L-104 --by P-7 --reason "geen budget"
    """
    from leadanalytics.leads import lifecycle as lc

    w = state().warehouse()
    verb = verb.replace("-", "_")
    if verb == "move":
        if not to_phase:
            raise click.UsageError("move needs --to PHASE")
        event = lc.move(w, lead_id, to_phase, by, reason=reason, assignment_id=assignment_id, at=at)
    elif verb == "convert_to_opportunity":
        event = lc.convert_to_opportunity(w, lead_id, by, at=at)
    elif verb == "convert_to_assignment":
        if not assignment_id:
            raise click.UsageError("convert-to-assignment needs --assignment ID")
        event = lc.convert_to_assignment(w, lead_id, by, assignment_id, at=at)
    else:
        event = lc.apply_verb(w, lead_id, verb, by, reason=reason, assignment_id=assignment_id, at=at)
    data = dataclasses.asdict(event)
    data["at"] = event.at.isoformat()
    extra = f", opportunity {event.opportunity_id}" if event.opportunity_id else ""
    emit(f"lead {lead_id}: {event.from_phase} -> {event.to_phase} ({event.verb} by {by}){extra}",
         data)


@click.command("lead-history")
@click.argument("lead_id", metavar="LEAD")
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="CSV file to write.")
@json_option
@fail_on_package_errors
def lead_history_command(lead_id: str, out: str | None) -> None:
    """Every phase visit of one lead (entered, left, verb, actor, reason) as CSV, in order.

    Example: leadanalytics lead-history L-104 --out l104.csv
    """
    from leadanalytics.leads.history import phase_history

    frame = phase_history(state().warehouse(), lead_id)
    emit_table(frame, out, f"lead {lead_id}: {len(frame)} phase visits")


@click.command("leads")
@click.argument("file", type=click.Path(dir_okay=False))
@json_option
@fail_on_package_errors
def load_leads_command(file: str) -> None:
    """Load leads.csv (lead_id, created_at, submitter_id, branch_id, business_unit, ...);
    new leads start in the default phase; loaded ones are updated by id.

    Example: leadanalytics load leads leads.csv
    """
    from leadanalytics.cli.load import report_load
    from leadanalytics.pipelines.lead_history import load_leads

    report_load(load_leads(state().warehouse(), file))


@click.command("lead-events")
@click.argument("file", type=click.Path(dir_okay=False))
@json_option
@fail_on_package_errors
def load_lead_events_command(file: str) -> None:
    """Load lead_events.csv (lead_id, at, phase, actor_id, reason, assignment_id); a lead whose
    history breaks a rule is quarantined whole with the rule, the other leads load.

    Example: leadanalytics load lead-events lead_events.csv
    """
    from leadanalytics.cli.load import report_load
    from leadanalytics.pipelines.lead_history import load_lead_events

    report_load(load_lead_events(state().warehouse(), file))
