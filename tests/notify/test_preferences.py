"""Notification preferences: immediately, a daily digest, or never; contacts unaffected."""

from __future__ import annotations

import pytest
from leadanalytics.pipelines.reference import load_branches, load_people

from leadanalytics.exceptions import NotFound
from leadanalytics.notify.preferences import prepare_outbox, set_preference
from tests.helpers import CASES

REF = CASES / "reference"


@pytest.fixture
def w(warehouse):
    load_branches(warehouse, REF / "branches.csv")
    load_people(warehouse, REF / "people.csv")
    with warehouse.transaction() as tx:
        tx.sql("""insert into store.outbox (dedupe_key, kind, to_person_id, to_address, language,
                  subject, body, ref, created_at) values
            ('a', 'bonus_earned', 'P1', 'sanne@pro.nl', 'nl', 'Bonus L1', 'body a', 'L1', '2026-03-02 10:00+01'),
            ('b', 'trigger:stale', 'P1', 'sanne@pro.nl', 'nl', 'Stil L2', 'body b', 'L2', '2026-03-02 23:30+01'),
            ('c', 'trigger:stale', 'P1', 'sanne@pro.nl', 'nl', 'Stil L3', 'body c', 'L3', '2026-03-03 09:00+01'),
            ('d', 'trigger:stale', 'P2', 'jan@pro.nl', 'nl', 'Stil L4', 'body d', 'L4', '2026-03-02 09:00+01'),
            ('e', 'request', null, 'els@klant.nl', 'nl', 'Uren', 'body e', 'A-1', '2026-03-02 09:00+01')""")
    return warehouse


def unsent(w):
    return [r[3] for r in w.rows("queries/notify/outbox_unsent")]


def test_without_preferences_everything_goes_immediately(w):
    assert prepare_outbox(w, "2026-03-03") == {"suppressed": 0, "digests": 0}
    assert unsent(w) == ["Bonus L1", "Stil L2", "Stil L3", "Stil L4", "Uren"]


def test_daily_digest_collects_a_days_messages_once(w):
    set_preference(w, "P1", "*", "daily")
    set_preference(w, "P1", "bonus_earned", "immediately")  # a kind overrides '*'
    # before the day is over nothing of it goes out
    assert prepare_outbox(w, "2026-03-02") == {"suppressed": 0, "digests": 0}
    assert unsent(w) == ["Bonus L1", "Stil L4", "Uren"]
    # the next day: one digest for 2 March (L2), the 3 March message still held
    assert prepare_outbox(w, "2026-03-03") == {"suppressed": 0, "digests": 1}
    assert prepare_outbox(w, "2026-03-03") == {"suppressed": 0, "digests": 0}  # once
    rows = w.rows("queries/notify/outbox_unsent")
    subjects = [r[3] for r in rows]
    assert subjects == ["Bonus L1", "Stil L4", "Uren", "Dagelijks overzicht van 2 maart 2026: 1 bericht"]
    digest_body = rows[-1][4]
    assert "Stil L2" in digest_body and "body b" in digest_body and "Stil L3" not in digest_body
    assert prepare_outbox(w, "2026-03-04")["digests"] == 1  # 3 March's digest


def test_never_suppresses_and_contacts_are_not_people(w):
    set_preference(w, "P2", "trigger:stale", "never")
    assert prepare_outbox(w, "2026-03-03")["suppressed"] == 1
    assert unsent(w) == ["Bonus L1", "Stil L2", "Stil L3", "Uren"]
    kept = w.sql("select suppressed_at is not null as s from outbox where dedupe_key = 'd'")
    assert bool(kept["s"][0])  # kept, not deleted


def test_bad_mode_and_unknown_person(w):
    with pytest.raises(ValueError, match="immediately, daily, never"):
        set_preference(w, "P1", "*", "weekly")
    with pytest.raises(NotFound):
        set_preference(w, "NOBODY", "*", "daily")


def test_cli_preference_and_send_dry_run(w, tmp_path):
    import json

    from click.testing import CliRunner

    from leadanalytics.cli import cli

    runner = CliRunner()
    ok = runner.invoke(cli, ["--db", str(w.path), "notify", "preference", "P1", "*", "never", "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout) == {"person": "P1", "kind": "*", "mode": "never"}
    bad = runner.invoke(cli, ["--db", str(w.path), "notify", "preference", "P1", "*", "weekly"])
    assert bad.exit_code == 2
    assert prepare_outbox(w, "2026-03-03")["suppressed"] == 3
    assert unsent(w) == ["Stil L4", "Uren"]
