"""Loading leads and lead histories: quarantine whole leads with the rule, others load,
idempotent reloads, later files, file order for equal times, CSV/Parquet/XLSX.

Inputs: tests/cases/lifecycle/leads.csv, lead_events.csv, lead_events_later.csv; the expected
counts and rules below are worked out by hand from those files and the organisation.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from leadanalytics.pipelines.lead_history import load_lead_events, load_leads

CASES = Path(__file__).parents[1] / "cases" / "lifecycle"


def rows(w, sql, **params):
    return w.sql(sql, **params).values.tolist()


@pytest.fixture
def loaded(org):
    assert load_leads(org, CASES / "leads.csv").rows_loaded == 5
    return org


def test_leads_start_in_the_default_phase_at_created_at(loaded):
    got = rows(loaded, "select lead_id, phase, strftime(phase_since, '%Y-%m-%d %H:%M') from leads order by 1")
    assert got == [
        ["L-100", "concept", "2026-02-02 09:00"], ["L-101", "concept", "2026-02-02 10:00"],
        ["L-102", "concept", "2026-02-03 09:00"], ["L-103", "concept", "2026-02-03 09:00"],
        ["L-104", "concept", "2026-02-04 09:00"],
    ]
    assert rows(loaded, "select verb, from_phase, actor_id from phase_events where lead_id = 'L-102'") == [
        ["create", None, "E-BRAM"]]
    assert rows(loaded, "select is_permanent_role, is_hours_extension from leads where lead_id = 'L-102'") == [
        [False, True]]
    q = rows(loaded, "select kind, row_number, record_key, rule from quarantine")
    assert q == [["leads", 6, "L-BAD", "bad_timestamp"]]


def test_reloading_leads_changes_nothing_and_updates_by_id(loaded, tmp_path):
    again = load_leads(loaded, CASES / "leads.csv")
    assert (again.rows_read, again.rows_loaded, again.rows_skipped, again.rows_quarantined) == (6, 0, 6, 0)
    assert rows(loaded, "select count(*) from quarantine") == [[1]]
    assert rows(loaded, "select count(*) from phase_events") == [[5]]
    changed = tmp_path / "leads.csv"
    changed.write_text(
        "lead_id,created_at,submitter_id,branch_id,title,priority\n"
        "L-101,2026-02-02T10:00,E-ANNA,AMS,Directiesecretaresse,laag\n"
    )
    result = load_leads(loaded, changed)
    assert (result.rows_loaded, result.rows_quarantined) == (1, 0)
    assert rows(loaded, "select title, priority, client_name from leads where lead_id = 'L-101'") == [
        ["Directiesecretaresse", "laag", None]]
    assert rows(loaded, "select count(*) from leads") == [[5]]          # nothing deleted
    assert rows(loaded, "select count(*) from phase_events") == [[5]]   # no second creation


def test_broken_histories_are_quarantined_whole_and_others_load(loaded):
    r = load_lead_events(loaded, CASES / "lead_events.csv")
    assert (r.rows_read, r.rows_loaded, r.rows_skipped, r.rows_quarantined) == (11, 5, 0, 6)
    assert r.by_rule == {"reason_required": 2, "mandatory_fields": 1, "actor_role": 2,
                         "unknown_record": 1}
    assert rows(loaded, "select lead_id, phase from leads order by 1") == [
        ["L-100", "actief_als_opdracht"],
        ["L-101", "concept"],          # both its rows quarantined, not just the bad one
        ["L-102", "actief_als_lead"],  # approved by E-ANNA as RD-NH's delegate on 3 March
        ["L-103", "concept"],
        ["L-104", "concept"],
    ]
    q = rows(loaded, "select row_number, record_key, rule from quarantine where kind = 'lead-events' order by 1")
    assert q == [[2, "L-101", "reason_required"], [4, "L-101", "reason_required"],
                 [7, "L-103", "mandatory_fields"], [8, "L-104", "actor_role"],
                 [9, "L-104", "actor_role"], [10, "L-999", "unknown_record"]]
    detail = rows(loaded, "select detail from quarantine where row_number = 2 and kind = 'lead-events'")[0][0]
    assert detail == ("lead L-101 quarantined whole: row 4 (ingediend -> afgewezen): "
                      "moving to afgewezen needs a reason")
    assert rows(loaded, "select status, rows_quarantined from loads where kind = 'lead-events'") == [
        ["loaded", 6]]


def test_same_events_file_twice_changes_nothing(loaded):
    load_lead_events(loaded, CASES / "lead_events.csv")
    before = rows(loaded, "select count(*) from phase_events"), rows(loaded, "select count(*) from quarantine")
    again = load_lead_events(loaded, CASES / "lead_events.csv")
    assert (again.rows_read, again.rows_loaded, again.rows_skipped, again.rows_quarantined) == (11, 0, 11, 0)
    after = rows(loaded, "select count(*) from phase_events"), rows(loaded, "select count(*) from quarantine")
    assert after == before
    assert rows(loaded, "select count(*) from loads where kind = 'lead-events'") == [[2]]


def test_later_file_quarantines_only_new_events_of_a_lead(loaded):
    load_lead_events(loaded, CASES / "lead_events.csv")
    r = load_lead_events(loaded, CASES / "lead_events_later.csv")
    assert (r.rows_read, r.rows_loaded, r.rows_skipped, r.rows_quarantined) == (7, 2, 3, 2)
    assert r.by_rule == {"assignment_unique": 1, "event_order": 1}
    assert rows(loaded, "select lead_id, phase from leads order by 1") == [
        ["L-100", "actief_als_opdracht"],
        ["L-101", "afgewezen"],        # corrected history loads now
        ["L-102", "actief_als_lead"],  # its earlier history stays
        ["L-103", "concept"],
        ["L-104", "concept"],
    ]
    again = load_lead_events(loaded, CASES / "lead_events_later.csv")
    assert (again.rows_loaded, again.rows_skipped, again.rows_quarantined) == (0, 7, 0)


def test_events_with_the_same_time_apply_in_file_order(loaded, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("lead_id,at,phase,actor_id\n"
                    "L-100,2026-02-03T09:00,ingediend,E-ANNA\n"
                    "L-100,2026-02-03T09:00,actief_als_lead,RD-AMS\n")
    assert load_lead_events(loaded, good).rows_loaded == 2
    assert rows(loaded, "select seq, to_phase from phase_events where lead_id = 'L-100' order by seq") == [
        [1, "concept"], [2, "ingediend"], [3, "actief_als_lead"]]
    bad = tmp_path / "bad.csv"
    bad.write_text("lead_id,at,phase,actor_id\n"
                   "L-101,2026-02-03T09:00,actief_als_lead,RD-AMS\n"
                   "L-101,2026-02-03T09:00,ingediend,E-ANNA\n")
    r = load_lead_events(loaded, bad)
    assert r.by_rule == {"next_phase": 2}


def test_column_rule_quarantines_the_whole_lead(loaded, tmp_path):
    f = tmp_path / "e.csv"
    f.write_text("lead_id,at,phase,actor_id\n"
                 "L-100,2026-02-03T09:00,ingediend,E-ANNA\n"
                 "L-100,morgen,actief_als_lead,RD-AMS\n")
    r = load_lead_events(loaded, f)
    assert (r.rows_loaded, r.rows_quarantined, r.by_rule) == (0, 2, {"bad_timestamp": 2})


def test_missing_column_refuses_the_file(loaded, tmp_path):
    f = tmp_path / "e.csv"
    f.write_text("lead_id,phase\nL-100,ingediend\n")
    r = load_lead_events(loaded, f)
    assert r.status == "refused" and "at" in r.message
    assert rows(loaded, "select status from loads where kind = 'lead-events'") == [["refused"]]


@pytest.mark.parametrize("suffix", ["parquet", "xlsx"])
def test_parquet_and_xlsx(org, tmp_path, suffix):
    for name in ("leads", "lead_events"):
        src = CASES / f"{name}.csv"
        out = tmp_path / f"{name}.{suffix}"
        if suffix == "parquet":
            duckdb.sql(f"COPY (SELECT * FROM read_csv('{src}', all_varchar = true)) TO '{out}' (FORMAT parquet)")
        else:
            import openpyxl

            wb = openpyxl.Workbook()
            for line in src.read_text().splitlines():
                wb.active.append(line.split(","))
            wb.save(out)
    assert load_leads(org, tmp_path / f"leads.{suffix}").rows_loaded == 5
    r = load_lead_events(org, tmp_path / f"lead_events.{suffix}")
    assert (r.rows_loaded, r.rows_quarantined) == (5, 6)


def test_loaded_conversion_opens_the_opportunity(carerix_org, tmp_path):
    leads = tmp_path / "leads.csv"
    leads.write_text("lead_id,created_at,submitter_id,branch_id,business_unit,client_name,title\n"
                     "C-1,2026-02-02T09:00,E-CAROL,RTD,Interim juristen,Havenbedrijf,Jurist\n")
    assert load_leads(carerix_org, leads).rows_loaded == 1
    events = tmp_path / "events.csv"
    events.write_text("lead_id,at,phase,actor_id\n"
                      "C-1,2026-02-03T09:00,in_behandeling,E-CAROL\n"
                      "C-1,2026-02-04T09:00,gekwalificeerd,RD-ZH\n"
                      "C-1,2026-02-05T09:00,omgezet,RD-ZH\n")
    r = load_lead_events(carerix_org, events)
    assert (r.rows_loaded, r.rows_quarantined) == (3, 0)
    assert rows(carerix_org, "select opportunity_id, lead_id, phase from opportunities") == [
        ["OPP-C-1", "C-1", "kans"]]
    assert load_lead_events(carerix_org, events).rows_skipped == 3
    assert rows(carerix_org, "select count(*) from opportunity_events") == [[1]]


def test_loaded_leads_get_their_own_keys_and_a_reload_keeps_them(loaded, tmp_path):
    keys = dict(rows(loaded, "select lead_id, lead_key from store.leads"))
    assert len(keys) == 5 and None not in keys.values() and len(set(keys.values())) == 5
    changed = tmp_path / "leads.csv"
    changed.write_text(
        "lead_id,created_at,submitter_id,branch_id,title\n"
        "L-101,2026-02-02T10:00,E-ANNA,AMS,Directiesecretaresse\n"   # known: updated in place
        "L-200,2026-02-05T10:00,E-ANNA,AMS,Nieuw\n"                   # new
    )
    assert load_leads(loaded, changed).rows_loaded == 2
    again = dict(rows(loaded, "select lead_id, lead_key from store.leads"))
    assert {k: again[k] for k in keys} == keys
    assert again["L-200"] is not None and again["L-200"] not in keys.values()
    assert rows(loaded, "select count(*) from store.lead_phase_spans s join store.leads l "
                        "on l.lead_id = s.lead_id where s.lead_key is distinct from l.lead_key") == [[0]]
