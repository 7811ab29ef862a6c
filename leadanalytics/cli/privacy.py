"""`leadanalytics privacy`: anonymising a person or a client's contact (an admin's act)."""

from __future__ import annotations

import click

from leadanalytics.cli.common import emit, fail_on_package_errors, json_option, state


@click.group("privacy")
def privacy_group() -> None:
    """Replace personal data with *** (domain.md, "Privacy")."""


def _report(summary: str, done) -> None:
    """The summary and one line per written file removed, rewritten or kept (or JSON)."""
    lines = [summary, *(f"  {f.action}: {f.kind} {f.path}" for f in done.files)]
    data = {**vars(done), "files": [vars(f) for f in done.files]}
    emit("\n".join(lines), data)


@privacy_group.command("anonymize")
@click.argument("person")
@click.option("--by", required=True, help="The admin who does it.")
@json_option
@fail_on_package_errors
def anonymize_command(person: str, by: str) -> None:
    """Replace a person's name and e-mail with *** in people, leads' free text and the outbox;
    remove the e-mails written as files and the reports that mention them, and write their
    statements again.

    Example: leadanalytics privacy anonymize P-17 --by P-ADMIN
    """
    from leadanalytics.access.privacy import anonymize
    from leadanalytics.bonuses.statements import export_statement
    from leadanalytics.reporting.build import write_index

    done = anonymize(state().warehouse(), person, by, rewrite_statement=export_statement,
                     rewrite_index=write_index)
    word = "was already anonymised" if done.already_done else f"anonymised ({done.rows_changed} rows)"
    _report(f"person {person} {word}", done)


@privacy_group.command("anonymize-contact")
@click.argument("email")
@click.option("--by", required=True, help="The admin who does it.")
@json_option
@fail_on_package_errors
def anonymize_contact_command(email: str, by: str) -> None:
    """Replace a client contact's name and e-mail with *** (found by e-mail address); remove
    the e-mails written as files and the reports that mention them.

    Example: leadanalytics privacy anonymize-contact els@klant.nl --by P-ADMIN
    """
    from leadanalytics.access.privacy import anonymize_contact
    from leadanalytics.bonuses.statements import export_statement
    from leadanalytics.reporting.build import write_index

    done = anonymize_contact(state().warehouse(), email, by, rewrite_statement=export_statement,
                             rewrite_index=write_index)
    word = "nothing left to anonymise" if done.already_done else f"anonymised ({done.rows_changed} rows)"
    _report(f"contact: {word}", done)
