"""Money and days in the reader's language (babel), every template in nl and en, the language
of each person, and the stale-lead e-mail's "unchanged since" day. Expected texts by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from leadanalytics.pipelines.reference import load_branches, load_people

from leadanalytics.leads import lifecycle
from leadanalytics.leads.triggers import install_triggers, run_triggers
from leadanalytics.notify.formatting import (
    format_day,
    format_hours,
    format_money,
    format_value,
    format_week,
)
from leadanalytics.notify.outbox import recipient_language, recipient_languages, render
from leadanalytics.notify.preferences import prepare_outbox, set_preference
from tests.helpers import CASES

AMS = ZoneInfo("Europe/Amsterdam")
XMAS = dt.date(2026, 12, 25)


# --------------------------------------------------------------------------- the formats
@pytest.mark.parametrize(("amount", "nl", "en"), [
    (Decimal("250"), "€ 250,00", "€250.00"),
    (Decimal("250.00"), "€ 250,00", "€250.00"),
    (Decimal("1234.5"), "€ 1.234,50", "€1,234.50"),
    (Decimal("0.05"), "€ 0,05", "€0.05"),
    (Decimal("-250"), "€ -250,00", "-€250.00"),
    (Decimal("1000000"), "€ 1.000.000,00", "€1,000,000.00"),
])
def test_money(amount, nl, en):
    assert format_money(amount, "nl") == nl
    assert format_money(amount, "en") == en


def test_money_keeps_every_cent_of_a_decimal():
    # 0.1 + 0.2 as floats is 0.30000000000000004; as Decimals it is 0.3 exactly
    assert format_money(Decimal("0.1") + Decimal("0.2"), "nl") == "€ 0,30"


@pytest.mark.parametrize(("day", "nl", "en"), [
    (XMAS, "25 december 2026", "25 December 2026"),
    (dt.date(2026, 3, 1), "1 maart 2026", "1 March 2026"),
    (dt.date(2026, 5, 9), "9 mei 2026", "9 May 2026"),
    # a moment is the day it is in Amsterdam: 23:30 UTC on 31 Dec is 1 Jan there
    (dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC), "1 januari 2027", "1 January 2027"),
    ("2026-12-25", "25 december 2026", "25 December 2026"),
])
def test_days(day, nl, en):
    assert format_day(day, "nl") == nl
    assert format_day(day, "en") == en


def test_hours_weeks_and_plain_values():
    assert (format_hours(Decimal("99.00"), "nl"), format_hours(Decimal("99.00"), "en")) == ("99", "99")
    assert format_hours(Decimal("1037.50"), "nl") == "1.037,5"
    assert format_hours(Decimal("1037.50"), "en") == "1,037.5"
    assert format_week(dt.date(2026, 12, 28), "nl") == "2026-W53 (28 december 2026)"
    assert format_week(dt.date(2027, 1, 4), "en") == "2027-W01 (4 January 2027)"
    assert format_value(XMAS, "nl") == "25 december 2026"
    assert format_value(None, "en") == "" and format_money(None, "nl") == ""
    with pytest.raises(ValueError, match="language must be 'nl' or 'en', not 'de'"):
        format_money(Decimal("1"), "de")


# --------------------------------------------------------------------------- every template
def body_text(kind, language, **values):
    """The message as one line of text: line breaks of the template do not matter."""
    subject, body = render(kind, language, **values)
    return subject, " ".join(body.split())


BONUS = dict(lead_id="L-1", name="Ann", assignment_id="A-1", amount_eur=Decimal("1250.5"),
             earned_on=dt.date(2026, 3, 16), payout_date=XMAS,
             invoiced_hours=Decimal("99.50"), threshold_hours=Decimal("100.00"))


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", ["je bonus van € 1.250,50 is verdiend op 16 maart 2026",
            "en wordt uitbetaald op 25 december 2026."]),
    ("en", ["your bonus of €1,250.50 was earned on 16 March 2026",
            "and will be paid on 25 December 2026."]),
])
def test_bonus_earned(language, expected):
    _, text = body_text("bonus_earned", language, **BONUS)
    assert all(e in text for e in expected), text
    assert "EUR" not in text and "2026-" not in text


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", ["onder de drempel (99,5 van 100 uur)",
            "De eerder gemelde bonus van € 1.250,50 is daarom ingetrokken"]),
    ("en", ["below the threshold (99.5 of 100 hours)",
            "The bonus of €1,250.50 announced earlier is therefore withdrawn"]),
])
def test_bonus_withdrawn(language, expected):
    _, text = body_text("bonus_withdrawn", language, **BONUS)
    assert all(e in text for e in expected), text
    assert "EUR" not in text


@pytest.mark.parametrize(("language", "subject", "expected"), [
    ("nl", "Dagelijks overzicht van 25 december 2026: 2 berichten",
     "Hieronder de berichten van 25 december 2026. == Eerste bericht"),
    ("en", "Daily digest of 25 December 2026: 2 messages",
     "Below are the messages of 25 December 2026. == Eerste bericht"),
])
def test_digest(language, subject, expected):
    got_subject, text = body_text("digest", language, day=XMAS, count=2, name="Ann",
                                  messages=[("Eerste bericht", "a"), ("Tweede", "b")])
    assert got_subject == subject
    assert expected in text


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", "Piet heeft op 25 december 2026 lead L-1 ingediend voor Gemeente Utrecht"),
    ("en", "Piet submitted lead L-1 on 25 December 2026 for Gemeente Utrecht"),
])
def test_lead_submitted(language, expected):
    _, text = body_text("lead_submitted", language, lead_id="L-1", title="Jurist", name="Ann",
                        submitter_name="Piet", submitted_on=XMAS, client_name="Gemeente Utrecht",
                        business_unit="interim_juristen", branch_id="AMS")
    assert expected in text, text


WEEKS = [dt.date(2026, 12, 21), dt.date(2026, 12, 28)]


@pytest.mark.parametrize("kind", ["timesheet_request", "timesheet_correction"])
@pytest.mark.parametrize(("language", "weeks"), [
    ("nl", ["- week 2026-W52 (21 december 2026)", "- week 2026-W53 (28 december 2026)"]),
    ("en", ["- week 2026-W52 (21 December 2026)", "- week 2026-W53 (28 December 2026)"]),
])
def test_timesheet_requests(kind, language, weeks):
    _, body = render(kind, language, contact_name="Els", assignment_id="A-1",
                     client_name="Gemeente Utrecht", weeks=WEEKS, reason="te veel uren",
                     reminder=0)
    assert [line for line in body.splitlines() if line.startswith("- week")] == weeks


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", "gevraagd op 25 december 2026, ondanks herinneringen"),
    ("en", "that we asked for on 25 December 2026, despite reminders"),
])
def test_timesheet_request_overdue(language, expected):
    _, body = render("timesheet_request_overdue", language, request_id=7, name="Ann",
                     assignment_id="A-1", lead_id="L-1", sent_on=XMAS, weeks=WEEKS[:1])
    assert expected in body
    assert body.count("- week 2026-W52 (21 ") == 1


TRIGGER = dict(lead_id="L-1", title="Jurist", client_name="Gemeente Utrecht", name="Ann",
               days=14, phase_label="Ingediend", occurred_on=XMAS, changed_on=dt.date(2026, 12, 11))


@pytest.mark.parametrize(("kind", "language", "expected"), [
    ("trigger_phase_changed", "nl", 'staat sinds 25 december 2026 in de fase "Ingediend"'),
    ("trigger_phase_changed", "en", 'has been in phase "Ingediend" since 25 December 2026.'),
    ("trigger_stale_lead", "nl", "is sinds 11 december 2026 niet meer gewijzigd"),
    ("trigger_stale_lead", "en", "has not changed since 11 December 2026 and"),
])
def test_triggers(kind, language, expected):
    _, text = body_text(kind, language, **TRIGGER)
    assert expected in text, text


# --------------------------------------------------------------------------- whose language
REF = CASES / "reference"
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)  # a Monday


@pytest.fixture
def org(warehouse, tmp_path, monkeypatch):
    """The reference organisation; Jan Jansen (P2, the regional director of AMS) reads English.
    The clock stands before every stale moment below, so only explicit runs fire."""
    monkeypatch.setenv("LEADANALYTICS_NOW", "2026-03-02T12:00")
    people = tmp_path / "people.csv"
    people.write_text("person_id,name,email,role,branch_id,active,language\n"
                      "P1,Sanne de Vries,sanne@pro.nl,employee,AMS,true,\n"
                      "P2,Jan Jansen,jan@pro.nl,regional_director,NOORD,ja,EN\n"
                      "P3,Fatima El Amrani,fatima@pro.nl,finance|analyst,NL,1,\n"
                      "P4,Kees Bakker,kees@pro.nl,regional_director,ZUID,yes,\n")
    load_branches(warehouse, REF / "branches.csv")
    result = load_people(warehouse, people)
    assert (result.rows_loaded, result.rows_quarantined) == (4, 0)
    install_triggers(warehouse, CASES / "triggers" / "rules.toml", since=T0)
    return warehouse


def languages(w):
    return dict(w.sql("select person_id, language from people order by 1").values.tolist())


def test_the_language_column_of_people_loads(org, tmp_path):
    assert languages(org) == {"P1": None, "P2": "en", "P3": None, "P4": None}
    bad = tmp_path / "bad.csv"
    bad.write_text("person_id,name,email,role,branch_id,active,language\n"
                   "P5,Els,els@pro.nl,employee,AMS,true,de\n")
    result = load_people(org, bad)
    assert result.by_rule == {"unknown_language": 1}
    # a file without the column keeps the languages already stored
    load_people(org, REF / "people.csv")
    assert languages(org)["P2"] == "en"


def test_each_person_in_their_language_else_the_warehouse_setting(org):
    with org.transaction() as tx:
        assert recipient_language(tx, "P2") == "en"        # their own
        assert recipient_language(tx, "P1") == "nl"        # no setting: nl
        tx.run("queries/config/setting_put", key="language", value="en")
        assert recipient_language(tx, "P1") == "en"        # the warehouse's setting
        assert recipient_language(tx, "nobody") == "en"
        tx.sql("update store.people set language = 'nl' where person_id = 'P1'")
        assert recipient_language(tx, "P1") == "nl"        # their own beats the setting


def test_many_recipients_languages_in_one_query(org):
    with org.transaction() as tx:
        tx.run("queries/config/setting_put", key="language", value="en")
        tx.sql("update store.people set language = 'nl' where person_id = 'P1'")
        assert recipient_languages(tx, ["P1", "P2", "P3", "nobody", None, "P1"]) == {
            "P1": "nl", "P2": "en", "P3": "en", "nobody": "en", None: "en"}
        assert recipient_languages(tx, []) == {}


def outbox(w):
    return w.sql("select kind, to_person_id, language, subject, body from outbox "
                 "order by message_id").values.tolist()


def test_stale_notice_says_the_day_of_the_last_change_in_english(org):
    """L1: created and submitted on 2 March; its description changed at 23:30 Amsterdam time on
    20 March (22:30 UTC), its last change. 14 days later, 3 April 23:30 (summer time by then),
    it is stale: the notice says "unchanged since 20 March 2026", not 3 April nor 21 March."""
    lifecycle.create_lead(org, "L1", "P1", branch_id="AMS", at=T0, business_unit="interim_juristen",
                          client_name="Gemeente Utrecht", title="Jurist omgevingsrecht")
    lifecycle.submit(org, "L1", "P1", at=T0 + dt.timedelta(hours=1))
    lifecycle.update_lead(org, "L1", "P1", at=dt.datetime(2026, 3, 20, 23, 30, tzinfo=AMS),
                          description="nog steeds actueel")
    assert run_triggers(org, "2026-04-02") == []
    assert [f.rule for f in run_triggers(org, "2026-04-03")] == ["stale"]
    (kind, to, language, subject, body), = outbox(org)
    assert (kind, to, language) == ("trigger:stale", "P2", "en")   # Jan reads English
    assert subject == "Lead L1 has not moved for 14 days"
    assert "has not changed since 20 March 2026 and is in phase" in " ".join(body.split())


def test_stale_notice_in_dutch_and_the_digest_in_the_readers_language(org):
    """L2 was last changed when it was submitted, 2 March 10:00 UTC; stale on 16 March."""
    with org.transaction() as tx:
        tx.sql("update store.people set language = 'nl' where person_id = 'P2'")
    set_preference(org, "P2", "*", "daily")
    lifecycle.create_lead(org, "L2", "P1", branch_id="AMS", at=T0, business_unit="interim_juristen",
                          client_name="Gemeente Utrecht", title="Jurist")
    lifecycle.submit(org, "L2", "P1", at=T0 + dt.timedelta(hours=1))
    assert [f.rule for f in run_triggers(org, "2026-03-16")] == ["stale"]
    (_, _, language, subject, body), = outbox(org)
    assert language == "nl" and subject == "Lead L2 staat al 14 dagen stil"
    assert "is sinds 2 maart 2026 niet meer gewijzigd" in " ".join(body.split())
    # the notice was queued on 2 March by the clock; P2 now reads English: the digest is English
    with org.transaction() as tx:
        tx.sql("update store.people set language = 'en' where person_id = 'P2'")
    assert prepare_outbox(org, "2026-03-03")["digests"] == 1
    digest = outbox(org)[-1]
    assert digest[:3] == ["digest", "P2", "en"]
    assert digest[3] == "Daily digest of 2 March 2026: 1 message"
    assert "Lead L2 staat al 14 dagen stil" in digest[4]


@pytest.mark.parametrize(("status", "nl", "en"), [
    ("pending", "in afwachting", "pending"), ("in_batch", "in een uitbetalingsrun", "in a payout batch"),
    ("review", "ter beoordeling", "in review"), ("clawed_back", "teruggevorderd", "clawed back"),
])
def test_a_bonus_status_in_words(status, nl, en):
    from leadanalytics.notify.formatting import format_status

    assert (format_status(status, "nl"), format_status(status, "en")) == (nl, en)
