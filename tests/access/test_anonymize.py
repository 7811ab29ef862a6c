"""Anonymising people and contacts: exactly the fields of domain.md, admins only, idempotent."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from leadanalytics.pipelines.reference import load_assignments, load_branches, load_people

from leadanalytics.access.privacy import anonymize, anonymize_contact
from leadanalytics.cli import cli
from leadanalytics.exceptions import NotAllowed
from tests.helpers import CASES

REF = CASES / "reference"


@pytest.fixture
def org(warehouse, tmp_path):
    load_branches(warehouse, REF / "branches.csv")
    people = tmp_path / "people.csv"
    people.write_text(
        (REF / "people.csv").read_text() + "ADM,Ada Admin,ada@pro.nl,admin,NL,true\n"
    )
    load_people(warehouse, people)
    with warehouse.transaction() as tx:
        tx.sql("""insert into store.leads (lead_id, pipeline, created_at, submitter_id, branch_id,
                  client_name, contact_name, contact_email, title, description)
                  values ('L1', 'public_support', '2026-02-01 10:00', 'P1', 'AMS', 'Gemeente X',
                          'Els Visser', 'Els@Klant.nl', 'Secretaresse via Sanne  de Vries',
                          'Sanne de Vries kent Els Visser al jaren'),
                         ('L2', 'public_support', '2026-02-02 10:00', 'P1', 'AMS', 'Bank Y',
                          'Piet Puk', 'piet@bank.nl', 'Jurist', 'geen namen')""")
    load_assignments(warehouse, REF / "assignments.csv")
    return warehouse


def test_anonymize_person_replaces_name_and_email_keeps_ids(org):
    done = anonymize(org, "P1", by="ADM")
    assert not done.already_done
    person = org.sql("select name, email, anonymized_by from people where person_id = 'P1'")
    assert person.values.tolist() == [["***", "***", "ADM"]]
    lead = org.sql("select lead_id, submitter_id, title, description from leads where lead_id = 'L1'")
    assert lead.values.tolist() == [["L1", "P1", "Secretaresse via ***", "*** kent Els Visser al jaren"]]
    log = org.sql("select kind, subject_key, done_by from privacy_log")
    assert log.values.tolist() == [["person", "P1", "ADM"]]


def test_anonymize_person_is_idempotent(org):
    anonymize(org, "P1", by="ADM")
    again = anonymize(org, "P1", by="ADM")
    assert again.already_done and again.rows_changed == 0
    assert len(org.sql("select * from privacy_log")) == 1


def test_only_an_admin_may_anonymize(org):
    with pytest.raises(NotAllowed) as err:
        anonymize(org, "P1", by="P2")
    assert err.value.person_id == "P2" and err.value.rule == "admin_only"
    assert org.sql("select name from people where person_id = 'P1'")["name"][0] == "Sanne de Vries"


def test_anonymize_contact_in_leads_and_assignments(org):
    done = anonymize_contact(org, "els@KLANT.nl", by="ADM")
    assert done.rows_changed > 0
    lead = org.sql("select contact_name, contact_email, description from leads where lead_id = 'L1'")
    assert lead.values.tolist() == [["***", "***", "Sanne de Vries kent *** al jaren"]]
    other = org.sql("select contact_name from leads where lead_id = 'L2'")["contact_name"][0]
    assert other == "Piet Puk"
    a = org.sql("select contact_name, contact_email from assignments where assignment_id = 'A-1'")
    assert a.values.tolist() == [["***", "***"]]
    log = org.sql("select kind, subject_key from privacy_log")
    assert log["kind"].tolist() == ["contact"]
    assert "els" not in log["subject_key"][0]  # the record holds no personal data
    again = anonymize_contact(org, "els@klant.nl", by="ADM")
    assert again.already_done
    # reloading the assignments file does not bring the contact back
    load_assignments(org, REF / "assignments.csv")
    a = org.sql("select contact_name, contact_email from assignments where assignment_id = 'A-1'")
    assert a.values.tolist() == [["***", "***"]]


def test_recorded_lead_changes_are_anonymised_too(org):
    """lead_changes keeps what update_lead replaced: an old contact, names in old free text."""
    with org.transaction() as tx:
        tx.sql("""insert into store.lead_changes (lead_id, "at", field, old_value, new_value)
                  values ('L2', '2026-02-03 09:00', 'contact_email', 'Kees@Klant.nl', 'piet@bank.nl'),
                         ('L2', '2026-02-03 09:00', 'contact_name', 'Kees Klaassen', 'Piet Puk'),
                         ('L2', '2026-02-04 09:00', 'description', 'bel Kees  Klaassen', 'geen namen'),
                         ('L2', '2026-02-05 09:00', 'title', 'Jurist voor Sanne de Vries', 'Jurist')""")
    anonymize_contact(org, "kees@klant.nl", by="ADM")  # known only from the recorded change
    anonymize(org, "P1", by="ADM")                     # Sanne de Vries in tests/cases/reference
    changes = org.sql("""select field, old_value, new_value from lead_changes
                         where lead_id = 'L2' order by "at", field""")
    assert changes.values.tolist() == [
        ["contact_email", "***", "piet@bank.nl"],
        ["contact_name", "***", "Piet Puk"],
        ["description", "bel ***", "geen namen"],
        ["title", "Jurist voor ***", "Jurist"],
    ]


def test_cli_privacy(org):
    runner = CliRunner()
    refused = runner.invoke(cli, ["--db", str(org.path), "privacy", "anonymize", "P1", "--by", "P2"])
    assert refused.exit_code == 1 and "P2 may not anonymise P1" in refused.stderr
    ok = runner.invoke(cli, ["--db", str(org.path), "privacy", "anonymize", "P1", "--by", "ADM", "--json"])
    assert ok.exit_code == 0
    assert json.loads(ok.stdout)["subject"] == "P1"
    usage = runner.invoke(cli, ["--db", str(org.path), "privacy", "anonymize", "P1"])
    assert usage.exit_code == 2


def test_outbox_is_anonymised_and_unsent_mail_to_a_contact_cancelled(org):
    with org.transaction() as tx:
        tx.sql("""insert into store.outbox (dedupe_key, kind, to_person_id, to_address, language,
                  subject, body, ref, created_at) values
                  ('k1', 'bonus_earned', 'P1', 'sanne@pro.nl', 'nl', 'Bonus voor Sanne de Vries',
                   'Beste Sanne de Vries, (sanne@pro.nl)', 'L1', now()),
                  ('k2', 'request', null, 'els@klant.nl', 'nl', 'Urenbriefjes', 'Beste Els Visser,', 'A-1', now()),
                  ('k3', 'other', 'P2', 'jan@pro.nl', 'nl', 'Over Els Visser', 'mail els@klant.nl', 'L1', now())""")
    anonymize(org, "P1", by="ADM")
    anonymize_contact(org, "els@klant.nl", by="ADM")
    got = org.sql("select dedupe_key, to_address, subject, body, error from outbox order by 1").values.tolist()
    assert got == [
        ["k1", "***", "Bonus voor ***", "Beste ***, (***)", None],
        ["k2", "***", "Urenbriefjes", "Beste ***,", "cancelled: contact anonymised"],
        ["k3", "jan@pro.nl", "Over ***", "mail ***", None],
    ]
    unsent = org.rows("queries/notify/outbox_unsent")
    assert sorted(r[0] for r in unsent) == [3]  # nothing goes to *** (message ids 1..3)
