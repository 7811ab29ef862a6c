"""`bonuses list` rule by rule (bonus-rules.md); expected values written by hand from the spec."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from bonus_agency import SCHEMES, Agency, ams
from click.testing import CliRunner

import leadanalytics as la
from leadanalytics.bonuses import BONUS_LIST_COLUMNS, bonus_states, bonuses_list
from leadanalytics.cli import cli

CASES = __import__("pathlib").Path(__file__).parent.parent / "cases" / "bonuses"
D = dt.date.fromisoformat


def row(w, lead_id, as_of):
    df = bonuses_list(w, D(as_of))
    found = df[df.lead_id == lead_id]
    if found.empty:
        return None
    r = found.iloc[0].to_dict()
    return {k: (None if v is None or v != v else v) for k, v in r.items()}


# The example table of bonus-rules.md, row by row: (as_of, H, status, earned_on, payout_date)
SPEC_EXAMPLE = [
    ("2026-03-01", "0.00", "pending", None, None),
    ("2026-03-02", "40.00", "pending", None, None),
    ("2026-03-09", "80.00", "pending", None, None),
    ("2026-03-15", "80.00", "pending", None, None),
    ("2026-03-16", "100.00", "earned", "2026-03-16", "2026-04-25"),
    ("2026-03-19", "100.00", "earned", "2026-03-16", "2026-04-25"),
    ("2026-03-20", "99.00", "withdrawn", None, None),
    ("2026-03-22", "99.00", "withdrawn", None, None),
    ("2026-03-23", "107.00", "earned", "2026-03-23", "2026-04-25"),
    ("2026-12-31", "107.00", "earned", "2026-03-23", "2026-04-25"),
]


def spec_example(a: Agency) -> str:
    asg = a.lead("L-1", submitted="2026-02-02", won="2026-02-20")
    a.lines([("wk1", asg, "40", "2026-03-02"), ("wk2", asg, "40", "2026-03-09"),
             ("wk3", asg, "20", "2026-03-16"), ("wk3", asg, "19", "2026-03-20", 2),
             ("wk4", asg, "8", "2026-03-23")])
    return asg


@pytest.mark.parametrize(("as_of", "hours", "status", "earned_on", "payout"), SPEC_EXAMPLE)
def test_spec_example_row_by_row(warehouse, agency, as_of, hours, status, earned_on, payout):
    spec_example(agency)
    r = row(warehouse, "L-1", as_of)
    assert r == {
        "lead_id": "L-1", "submitter_id": "P-EMP", "assignment_id": "A-L-1", "scheme": "2026",
        "trigger": "hours", "threshold_hours": Decimal("100.00"), "invoiced_hours": Decimal(hours),
        "earned_on": D(earned_on) if earned_on else None,
        "payout_date": D(payout) if payout else None,
        "amount_eur": Decimal("250.00"), "status": status, "dispute": None,
    }


def test_columns_and_types(warehouse, agency):
    spec_example(agency)
    df = bonuses_list(warehouse, D("2026-03-31"))
    assert tuple(df.columns) == BONUS_LIST_COLUMNS
    assert isinstance(df.amount_eur[0], Decimal) and isinstance(df.invoiced_hours[0], Decimal)
    pl_df = bonuses_list(warehouse, D("2026-03-31"), output="polars")
    assert str(pl_df.schema["amount_eur"]).startswith("Decimal")


def test_thirds_reach_the_threshold_exactly(warehouse, agency):
    asg = agency.lead("L-1", won="2026-02-20")
    agency.lines([(f"l{i}", asg, h, "2026-03-02") for i, h in enumerate(["33.33", "33.33", "33.34"])])
    r = row(warehouse, "L-1", "2026-03-02")
    assert (r["invoiced_hours"], r["status"], r["earned_on"]) == (
        Decimal("100.00"), "earned", D("2026-03-02"))
    agency.line("l2", asg, "33.33", "2026-03-03", revision=2)
    assert row(warehouse, "L-1", "2026-03-03")["status"] == "withdrawn"


@pytest.mark.parametrize(("utc", "scheme", "submitted_on"), [
    ("2026-12-31T22:59:59+00:00", "2026", "2026-12-31"),   # 23:59:59 in Amsterdam (CET)
    ("2026-12-31T23:00:00+00:00", "2027", "2027-01-01"),   # midnight in Amsterdam
    ("2026-12-31T23:30:00+00:00", "2027", "2027-01-01"),   # just after midnight
])
def test_submission_date_is_taken_in_amsterdam(warehouse, agency, utc, scheme, submitted_on):
    agency.lead("L-1", submitted=dt.datetime.fromisoformat(utc), won="2027-01-10")
    s = bonus_states(warehouse, D("2027-01-31"), "L-1")
    assert (s.scheme[0], s.submitted_on[0]) == (scheme, D(submitted_on))


def test_summer_time_submission_and_won_dates(warehouse, agency):
    # 22:30 UTC on 30 June is 00:30 on 1 July in Amsterdam (CEST, UTC+2)
    agency.lead("L-1", submitted=dt.datetime.fromisoformat("2026-06-30T22:30:00+00:00"),
                won=dt.datetime.fromisoformat("2026-07-31T22:15:00+00:00"), permanent=True)
    s = bonus_states(warehouse, D("2026-08-01"), "L-1")
    assert (s.submitted_on[0], s.won_on[0], s.earned_on[0]) == (
        D("2026-07-01"), D("2026-08-01"), D("2026-08-01"))
    assert row(warehouse, "L-1", "2026-07-31") is None        # not won yet that day


@pytest.mark.parametrize(("submitted", "scheme"), [
    ("2026-01-01", "2026"), ("2026-12-31", "2026"), ("2027-01-01", "2027"), ("2031-05-05", "2027"),
])
def test_scheme_validity_is_inclusive(warehouse, agency, submitted, scheme):
    agency.lead("L-1", submitted=submitted, won="2031-06-01")
    assert row(warehouse, "L-1", "2031-06-01")["scheme"] == scheme


def test_lead_without_scheme_is_review_with_empty_cells(warehouse, agency):
    asg = agency.lead("L-1", submitted="2025-12-31", won="2026-01-10")
    agency.line("l", asg, "120", "2026-02-02")
    assert row(warehouse, "L-1", "2026-03-01") == {
        "lead_id": "L-1", "submitter_id": "P-EMP", "assignment_id": asg, "scheme": None,
        "trigger": None, "threshold_hours": None, "invoiced_hours": None, "earned_on": None,
        "payout_date": None, "amount_eur": None, "status": "review", "dispute": None,
    }


@pytest.mark.parametrize(("fields", "trigger", "threshold", "amount"), [
    ({}, "hours", "100.00", "250.00"),
    ({"business_unit": "Interim juristen"}, "hours", "100.00", "400.00"),
    ({"extension": True}, "hours", "40.00", "150.00"),
    ({"extension": True, "business_unit": "Interim juristen"}, "hours", "40.00", "150.00"),
    ({"permanent": True}, "placement", None, "500.00"),
    ({"permanent": True, "extension": True}, "placement", None, "500.00"),
])
def test_amount_rule_and_trigger(warehouse, agency, fields, trigger, threshold, amount):
    agency.lead("L-1", won="2026-03-05", **fields)
    r = row(warehouse, "L-1", "2026-03-05")
    assert (r["trigger"], r["threshold_hours"], r["amount_eur"]) == (
        trigger, Decimal(threshold) if threshold else None, Decimal(amount))


def test_placement_is_earned_on_the_won_date_with_empty_hours(warehouse, agency):
    asg = agency.lead("L-1", won="2026-03-05", permanent=True)
    agency.line("l", asg, "12", "2026-03-09")
    r = row(warehouse, "L-1", "2026-03-10")
    assert (r["status"], r["earned_on"], r["payout_date"], r["invoiced_hours"]) == (
        "earned", D("2026-03-05"), D("2026-04-25"), None)


def test_section_without_threshold_falls_back_to_the_scheme(warehouse, tmp_path):
    f = tmp_path / "s.toml"
    f.write_text(
        '[[scheme]]\nname = "x"\nvalid_from = 2026-01-01\nthreshold_hours = 80\n'
        'default_amount_eur = 100\npayout_day = 1\npayout_lag_months = 1\n'
        '[scheme.permanent_role]\namount_eur = 700\n[scheme.hours_extension]\namount_eur = 50\n')
    a = Agency(warehouse, schemes=f)
    asg = a.lead("L-P", won="2026-03-02", permanent=True)
    asg2 = a.lead("L-E", won="2026-03-02", extension=True)
    a.line("p", asg, "80", "2026-03-09")
    a.line("e", asg2, "79.99", "2026-03-09")
    p, e = row(warehouse, "L-P", "2026-03-31"), row(warehouse, "L-E", "2026-03-31")
    assert (p["trigger"], p["threshold_hours"], p["status"], p["payout_date"]) == (
        "hours", Decimal("80.00"), "earned", D("2026-04-01"))
    assert (e["threshold_hours"], e["status"], e["amount_eur"]) == (
        Decimal("80.00"), "pending", Decimal("50.00"))


@pytest.mark.parametrize(("won", "hours_on", "earned_on", "payout"), [
    ("2027-01-05", "2027-01-15", "2027-01-15", "2027-03-31"),   # day 31, lag 2 -> March 31
    ("2027-02-01", "2027-02-10", "2027-02-10", "2027-04-30"),   # April has 30 days
    ("2027-10-01", "2027-12-20", "2027-12-20", "2028-02-29"),   # leap February, year wraps
])
def test_payout_day_beyond_month_end_is_clamped(warehouse, agency, won, hours_on, earned_on,
                                                payout):
    asg = agency.lead("L-1", submitted="2027-01-02", won=won)
    agency.line("l", asg, "120", hours_on)
    r = row(warehouse, "L-1", "2028-12-31")
    assert (r["scheme"], r["earned_on"], r["payout_date"]) == ("2027", D(earned_on), D(payout))


def test_payout_in_december_pays_in_january(warehouse, agency):
    asg = agency.lead("L-1", won="2026-11-02")
    agency.line("l", asg, "100", "2026-12-07")
    assert row(warehouse, "L-1", "2026-12-31")["payout_date"] == D("2027-01-25")


def test_hours_before_the_won_date_count_but_earned_on_is_the_won_date(warehouse, agency):
    agency.line("early", "A-L-1", "100", "2026-03-02")     # loaded before any lead reached it
    agency.lead("L-1", won="2026-03-10")
    assert row(warehouse, "L-1", "2026-03-09") is None
    r = row(warehouse, "L-1", "2026-03-10")
    assert (r["status"], r["earned_on"]) == ("earned", D("2026-03-10"))


def test_only_invoiced_lines_count_and_late_data_is_not_backdated(warehouse, agency):
    asg = agency.lead("L-1", won="2026-03-01")
    agency.lines([("a", asg, "60", "2026-03-02", 1, "approved_director"),
                  ("b", asg, "60", "2026-03-02", 1, "submitted"), ("c", asg, "60", "2026-03-02")])
    agency.line("a", asg, "60", "2026-03-12", revision=2)          # invoiced later
    assert row(warehouse, "L-1", "2026-03-11")["invoiced_hours"] == Decimal("60.00")
    r = row(warehouse, "L-1", "2026-03-12")
    assert (r["invoiced_hours"], r["earned_on"]) == (Decimal("120.00"), D("2026-03-12"))


def test_a_revision_moving_a_line_to_another_assignment(warehouse, agency):
    asg = agency.lead("L-1", won="2026-03-01")
    agency.line("a", asg, "100", "2026-03-02")
    agency.line("a", "A-OTHER", "100", "2026-03-05", revision=2)
    assert row(warehouse, "L-1", "2026-03-04")["status"] == "earned"
    r = row(warehouse, "L-1", "2026-03-05")
    assert (r["status"], r["invoiced_hours"]) == ("withdrawn", Decimal("0.00"))


def test_rejected_revision_loses_the_hours(warehouse, agency):
    asg = agency.lead("L-1", won="2026-03-01")
    agency.line("a", asg, "100", "2026-03-02")
    agency.line("a", asg, "100", "2026-03-04", revision=2, status="rejected")
    assert row(warehouse, "L-1", "2026-03-04")["status"] == "withdrawn"


def test_lead_not_won_is_not_listed(warehouse, agency):
    agency.lead("L-1")
    assert bonuses_list(warehouse, D("2026-12-31")).empty


def test_carerix_opportunity_won_counts_for_its_lead(db_path):
    w = la.init(db_path, pipeline="carerix")
    a = Agency(w, schemes=SCHEMES)
    a.lead("L-9", submitted="2026-02-02")
    a.sql("insert into store.opportunities values ('O-1', 'L-9', 'carerix', ?)",
          [ams("2026-02-10")])
    opp = w.sql("select code from phases where entity = 'opportunity' and outcome = 'won' "
                "and requires_assignment_id")["code"][0]
    a.event("opportunity", "O-1", ams("2026-03-01"), None, opp, "A-9")
    a.line("x", "A-9", "100", "2026-03-16")
    r = row(w, "L-9", "2026-03-31")
    assert (r["assignment_id"], r["status"], r["earned_on"]) == ("A-9", "earned", D("2026-03-16"))


def test_exact_csv_of_a_small_case(committed, warehouse, agency, db_path):
    a = agency
    a.many([("insert into store.people (person_id, name, role) values (?, ?, 'employee')",
             [p, p]) for p in ("P-A", "P-B", "P-C")])
    spec_example(a)                                                       # L-1, P-EMP
    a.lead("L-2", submitter="P-A", won="2026-03-04", permanent=True)
    asg3 = a.lead("L-3", submitter="P-B", won="2026-03-05", business_unit="Interim juristen")
    a.line("x", asg3, "55.5", "2026-03-30")
    a.lead("L-4", submitter="P-C", submitted="2025-11-03", won="2026-03-06")
    a.lead("L-5", submitter="P-C", won="2026-04-01")                     # won after the date
    asg6 = a.lead("L-6", submitter="P-A", won="2026-03-01", extension=True)
    a.line("y", asg6, "40", "2026-03-02")
    a.line("y", asg6, "39.75", "2026-03-03", revision=2)
    out = db_path.parent / "list.csv"
    r = CliRunner().invoke(cli, ["--db", str(db_path), "bonuses", "list", "--as-of", "2026-03-31",
                                 "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text() == (CASES / "list_2026-03-31.csv").read_text()
    assert "5 won lead(s)" in r.stderr


def test_forecast_of_pending_bonuses(warehouse, agency):
    a1 = agency.lead("L-1", won="2026-02-02")
    agency.lines([("old", a1, "20", "2026-02-02"),                # before the 4 weeks
                  ("w1", a1, "10", "2026-03-09"), ("w2", a1, "10", "2026-03-16"),
                  ("w3", a1, "10", "2026-03-23"), ("w4", a1, "10", "2026-03-30")])
    agency.lead("L-2", won="2026-02-02")                          # no hours: no projection
    f = la.bonus_forecast(warehouse, D("2026-03-31")).set_index("lead_id")
    # 60 of 100 h; 40 h in the last 4 weeks = 10 h a week; 40 missing -> 28 days
    assert f.loc["L-1", "hours_missing"] == Decimal("40.00")
    assert f.loc["L-1", "weekly_hours"] == Decimal("10.00")
    assert f.loc["L-1", "projected_earned_on"] == D("2026-04-28")
    assert f.loc["L-2", "projected_earned_on"] is None


def test_business_unit_amount_matches_the_lookup_code_of_a_label(tmp_path):
    """The sample scheme names "Interim juristen" (a label); leads carry the code
    `interim_juristen` from the lookup table: the unit's amount (400.00) applies to both."""
    import datetime as dt
    from decimal import Decimal

    import leadanalytics as la

    w = la.connect(tmp_path / "bu.duckdb", create=True)
    la.install_bonus_schemes(w)  # the shipped sample
    with w.transaction() as tx:
        for lead, unit in (("L-1", "interim_juristen"), ("L-2", "Interim juristen"),
                           ("L-3", "interim_secretaresses")):
            tx.sql("""insert into store.leads (lead_id, pipeline, created_at, submitter_id,
                      branch_id, business_unit, client_name, title)
                      values ($l, 'public_support', '2026-02-02 10:00', 'P', 'B', $u, 'C', 'T')""",
                   l=lead, u=unit)
            for seq, (frm, to, asg) in enumerate([(None, "concept", None),
                                                  ("concept", "ingediend", None),
                                                  ("ingediend", "actief_als_lead", None),
                                                  ("actief_als_lead", "actief_als_opdracht", "A" + lead)], 1):
                tx.sql("""insert into store.phase_events (entity, record_id, seq, "at", from_phase,
                          to_phase, verb, actor_id, assignment_id)
                          values ('lead', $l, $s, TIMESTAMPTZ '2026-02-02 10:00' + to_days($s),
                                  $f, $t, 'x', 'P', $a)""", l=lead, s=seq, f=frm, t=to, a=asg)
    got = la.bonuses_list(w, dt.date(2026, 3, 1))
    assert dict(zip(got["lead_id"], got["amount_eur"], strict=True)) == {
        "L-1": Decimal("400.00"), "L-2": Decimal("400.00"), "L-3": Decimal("250.00"),
    }


def test_bonuses_list_within_a_scope(tmp_path):
    """`bonuses list --scope`: a person's own leads, a branch and everything below it; an
    unknown scope is a usage error (exit 2)."""
    import datetime as dt

    from click.testing import CliRunner

    import leadanalytics as la
    from leadanalytics.cli import cli

    w = la.connect(tmp_path / "scope.duckdb", create=True)
    la.install_bonus_schemes(w)
    with w.transaction() as tx:
        tx.sql("""insert into store.branches values ('NL', 'Nederland', null, null),
                  ('N', 'Noord', 'NL', null), ('AMS', 'Amsterdam', 'N', null),
                  ('Z', 'Zuid', 'NL', null)""")
        tx.sql("""insert into store.people (person_id, name, role, branch_id) values
                  ('P-A', 'Anna', 'employee', 'AMS'), ('P-B', 'Bram', 'employee', 'Z')""")
        for lead, who, branch in (("L-1", "P-A", "AMS"), ("L-2", "P-B", "Z")):
            tx.sql("""insert into store.leads (lead_id, pipeline, created_at, submitter_id,
                      branch_id, business_unit, client_name, title)
                      values ($l, 'public_support', '2026-02-02 10:00', $p, $b, 'x', 'C', 'T')""",
                   l=lead, p=who, b=branch)
            for seq, (frm, to, asg) in enumerate([(None, "concept", None),
                                                  ("concept", "ingediend", None),
                                                  ("ingediend", "actief_als_opdracht", "A" + lead)], 1):
                tx.sql("""insert into store.phase_events (entity, record_id, seq, "at", from_phase,
                          to_phase, verb, actor_id, assignment_id)
                          values ('lead', $l, $s, TIMESTAMPTZ '2026-02-02 10:00' + to_days($s),
                                  $f, $t, 'x', 'P', $a)""", l=lead, s=seq, f=frm, t=to, a=asg)
    day = dt.date(2026, 3, 1)
    assert la.bonuses_list(w, day)["lead_id"].tolist() == ["L-1", "L-2"]
    assert la.bonuses_list(w, day, scope="person:P-B")["lead_id"].tolist() == ["L-2"]
    assert la.bonuses_list(w, day, scope="branch:N")["lead_id"].tolist() == ["L-1"]
    # both are pending (no hours yet): the forecast keeps to the scope as well
    assert la.bonus_forecast(w, day)["lead_id"].tolist() == ["L-1", "L-2"]
    assert la.bonus_forecast(w, day, scope="person:P-A")["lead_id"].tolist() == ["L-1"]
    runner = CliRunner()
    ok = runner.invoke(cli, ["--db", str(w.path), "bonuses", "list", "--as-of", "2026-03-01",
                             "--scope", "branch:Z"])
    assert ok.exit_code == 0 and ok.stdout.splitlines()[1].startswith("L-2,")
    bad = runner.invoke(cli, ["--db", str(w.path), "bonuses", "list", "--scope", "region:N"])
    assert bad.exit_code == 2
