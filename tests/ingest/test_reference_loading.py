"""Loading branches, people and delegations: rules, quarantine, idempotence, loads recorded."""

from __future__ import annotations

import json

from click.testing import CliRunner
from leadanalytics.pipelines.reference import load_branches, load_delegations, load_people

from leadanalytics.cli import cli
from tests.helpers import CASES

REF = CASES / "reference"


def rows(w, sql, **params):
    return [tuple(r) for r in w.sql(sql, **params).itertuples(index=False)]


def test_branches_load_and_reload_changes_nothing(warehouse):
    first = load_branches(warehouse, REF / "branches.csv")
    assert (first.rows_read, first.rows_loaded, first.rows_skipped, first.rows_quarantined) == (5, 5, 0, 0)
    second = load_branches(warehouse, REF / "branches.csv")
    assert (second.rows_read, second.rows_loaded, second.rows_skipped) == (5, 0, 5)
    assert rows(warehouse, "select branch_id, parent_id from branches order by 1") == [
        ("AMS", "NOORD"), ("EHV", "ZUID"), ("NL", None), ("NOORD", "NL"), ("ZUID", "NL"),
    ]
    loads = rows(warehouse, "select kind, rows_read, rows_loaded, rows_skipped, status from loads order by load_id")
    assert loads == [("branches", 5, 5, 0, "loaded"), ("branches", 5, 0, 5, "loaded")]


def test_branch_rules_quarantine_with_rule_and_detail(warehouse):
    result = load_branches(warehouse, REF / "branches_bad.csv")
    got = rows(warehouse, "select row_number, rule from quarantine order by row_number")
    # A<->B is a cycle; C names an unknown parent; D twice with different names; row 6 has no id
    assert got == [
        (1, "cycle"), (2, "cycle"), (3, "unknown_parent"), (4, "conflicting_rows"),
        (5, "conflicting_rows"), (6, "branch_id_required"),
    ]
    assert result.rows_quarantined == 6 and result.rows_loaded == 0
    assert not result.ok
    detail = warehouse.sql("select detail, raw from quarantine where row_number = 3")
    assert "parent_id ZZ names no branch" in detail["detail"][0]
    assert json.loads(detail["raw"][0])["name"] == "Gamma"


def test_people_rules_every_failure_in_detail(warehouse):
    load_branches(warehouse, REF / "branches.csv")
    load_people(warehouse, REF / "people.csv")
    result = load_people(warehouse, REF / "people_bad.csv")
    got = rows(warehouse, "select record_key, rule from quarantine order by row_number")
    assert got == [
        ("P9", "name_required"), ("P10", "bad_email"), ("P11", "unknown_role"),
        ("P12", "bad_boolean"),
    ]
    detail = warehouse.sql("select detail from quarantine where record_key = 'P12'")["detail"][0]
    assert "active maybe" in detail and "branch_id NOWHERE names no branch" in detail
    assert (result.rows_read, result.rows_loaded, result.rows_skipped, result.rows_quarantined) == (5, 0, 1, 4)
    roles = dict(rows(warehouse, "select person_id, role from people"))
    assert roles["P3"] == "finance|analyst"


def test_anonymised_person_stays_anonymised_on_reload(warehouse):
    load_branches(warehouse, REF / "branches.csv")
    load_people(warehouse, REF / "people.csv")
    with warehouse.transaction() as tx:
        tx.sql("update store.people set name = '***', email = '***', anonymized_at = now() where person_id = 'P1'")
    result = load_people(warehouse, REF / "people.csv")
    assert result.rows_loaded == 0
    assert rows(warehouse, "select name, email from people where person_id = 'P1'") == [("***", "***")]


def test_delegations(warehouse):
    load_branches(warehouse, REF / "branches.csv")
    load_people(warehouse, REF / "people.csv")
    result = load_delegations(warehouse, REF / "delegations.csv")
    assert rows(warehouse, "select rule from quarantine order by row_number") == [
        ("end_before_start",), ("unknown_person",),
    ]
    assert rows(warehouse, "select delegator_id, delegate_id, role, start_date::varchar, end_date::varchar from delegations") == [
        ("P2", "P4", "regional_director", "2026-07-01", "2026-07-21"),
    ]
    assert result.rows_loaded == 1


def test_files_people_really_send(warehouse):
    r = load_branches(warehouse, REF / "branches_semicolon_bom.csv")
    assert (r.status, r.rows_loaded) == ("loaded", 2)
    r = load_branches(warehouse, REF / "branches_title_row.xlsx")  # NL again, identical: skipped
    assert (r.status, r.rows_loaded, r.rows_skipped, r.rows_quarantined) == ("loaded", 1, 1, 0)
    r = load_branches(warehouse, REF / "branches.parquet")
    assert (r.status, r.rows_loaded, r.rows_skipped) == ("loaded", 1, 1)
    assert rows(warehouse, "select branch_id from branches order by 1") == [
        ("NL",), ("NOORD",), ("RDM",), ("UTR",),
    ]


def test_header_only_loads_nothing_and_succeeds(warehouse):
    r = load_branches(warehouse, REF / "header_only.csv")
    assert (r.status, r.rows_read, r.ok) == ("loaded", 0, True)


def test_empty_and_missing_column_are_refused_and_recorded(warehouse):
    empty = load_branches(warehouse, REF / "empty.csv")
    assert empty.status == "refused" and "empty file" in empty.message
    missing = load_branches(warehouse, REF / "missing_column.csv")
    assert missing.status == "refused" and "missing required column(s) name" in missing.message
    assert rows(warehouse, "select status, rows_read from loads order by load_id") == [
        ("refused", 0), ("refused", 0),
    ]
    assert rows(warehouse, "select count(*) from branches") == [(0,)]


def test_cli_load_exit_codes_and_json(warehouse, db_path):  # an existing warehouse
    runner = CliRunner()
    ok = runner.invoke(cli, ["--db", str(db_path), "load", "branches", str(REF / "branches.csv")])
    assert ok.exit_code == 0, ok.output
    assert "loaded 5" in ok.stderr
    bad = runner.invoke(cli, ["--db", str(db_path), "load", "branches", str(REF / "branches_bad.csv"), "--json"])
    assert bad.exit_code == 1
    data = json.loads(bad.stdout)
    assert data["rows_quarantined"] == 6 and data["by_rule"]["cycle"] == 2
    refused = runner.invoke(cli, ["--db", str(db_path), "load", "people", str(REF / "empty.csv")])
    assert refused.exit_code == 1 and "refused" in refused.stderr
    usage = runner.invoke(cli, ["--db", str(db_path), "load", "planets", "x.csv"])
    assert usage.exit_code == 2


def test_assignments_rules_and_unreached_note(warehouse):
    from leadanalytics.pipelines.reference import load_assignments

    result = load_assignments(warehouse, REF / "assignments.csv")
    assert rows(warehouse, "select record_key, rule from quarantine order by row_number") == [
        ("A-3", "end_before_start"), ("A-4", "unknown_language"), ("A-5", "bad_email"),
        ("A-6", "bad_date"),
    ]
    assert result.rows_loaded == 2
    assert result.notes == [
        "assignment A-1 is not reached by any lead yet (loaded)",
        "assignment A-2 is not reached by any lead yet (loaded)",
    ]
    got = rows(warehouse, "select assignment_id, lead_id, start_date::varchar, end_date::varchar, contact_email, contact_language from assignments order by 1")
    assert got == [
        ("A-1", None, "2026-01-05", None, "els@klant.nl", "nl"),
        ("A-2", None, "2026-02-02", "2026-06-30", "john@client.com", "en"),
    ]
    again = load_assignments(warehouse, REF / "assignments.csv")
    assert (again.rows_loaded, again.rows_skipped) == (0, 2)


def test_assignment_defaults_for_a_won_lead_without_file(warehouse):
    # a lead won on Thursday 2026-03-05 (Amsterdam) with assignment A-9, no assignments file
    with warehouse.transaction() as tx:
        tx.sql("""insert into store.leads (lead_id, pipeline, created_at, submitter_id, branch_id,
                  contact_name, contact_email)
                  values ('L1', 'public_support', '2026-02-01 10:00', 'P1', 'AMS', 'Ria', 'ria@klant.nl')""")
        tx.sql("""insert into store.phase_events (entity, record_id, seq, "at", from_phase, to_phase,
                  verb, actor_id, assignment_id)
                  values ('lead', 'L1', 1, '2026-03-05 23:30', 'x', 'y', 'convert', 'P2', 'A-9')""")
    got = rows(warehouse, "select assignment_id, lead_id, start_date::varchar, end_date::varchar, contact_name, contact_language, from_file from assignments")
    assert got == [("A-9", "L1", "2026-03-02", None, "Ria", "nl", False)]
