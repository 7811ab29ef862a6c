"""`leadanalytics privacy`: anonymising a person or a client's contact (an admin's act)."""

from __future__ import annotations

import click

from leadanalytics.cli.common import emit, fail_on_package_errors, json_option, state


@click.group("privacy")
def privacy_group() -> None:
    """Replace personal data with *** (domain.md, "Privacy")."""


@privacy_group.command("anonymize")
@click.argument("person")
@click.option("--by", required=True, help="The admin who does it.")
@json_option
@fail_on_package_errors
def anonymize_command(person: str, by: str) -> None:
    """Replace a person's name and e-mail with *** in people, leads' free text and the outbox.

    Example: leadanalytics privacy anonymize P-17 --by P-ADMIN
    """
    from leadanalytics.access.privacy import anonymize

    done = anonymize(state().warehouse(), person, by)
    word = "was already anonymised" if done.already_done else f"anonymised ({done.rows_changed} rows)"
    emit(f"person {person} {word}", vars(done))


@privacy_group.command("anonymize-contact")
@click.argument("email")
@click.option("--by", required=True, help="The admin who does it.")
@json_option
@fail_on_package_errors
def anonymize_contact_command(email: str, by: str) -> None:
    """Replace a client contact's name and e-mail with *** (found by e-mail address).

    Example: leadanalytics privacy anonymize-contact els@klant.nl --by P-ADMIN
    """
    from leadanalytics.access.privacy import anonymize_contact

    done = anonymize_contact(state().warehouse(), email, by)
    word = "nothing left to anonymise" if done.already_done else f"anonymised ({done.rows_changed} rows)"
    emit(f"contact: {word}", vars(done))
