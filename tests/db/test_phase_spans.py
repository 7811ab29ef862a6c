"""store.lead_phase_spans (migration 0012): each lead event with its span and what the lead had
reached by then, kept by every write and backfilled for older files. Expected rows by hand from
the public_support pipeline (steps ingediend 20, actief_als_lead 30, actief_als_opdracht 40)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

import leadanalytics as la
from leadanalytics.leads import lifecycle as lc
from tests.helpers import add_lead, add_org, as_version

D = dt.date
COLUMNS = ("seq, phase, entered_on, left_on, created_on, started_on, max_step_position, won_on, "
           "ended_on, end_outcome, assigned_on, last_assignment_id")


def spans(w: la.Warehouse, lead_id: str) -> list[tuple]:
    with w.reader() as con:
        return con.execute(
            f"select {COLUMNS} from store.lead_phase_spans where lead_id = ? order by seq", [lead_id]
        ).fetchall()


WON = [  # L1: concept 03-01, ingediend 03-02, actief_als_lead 03-05, actief_als_opdracht 03-20
    (1, "concept", D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 1), None, None, None, None, None,
     None, None),
    (2, "ingediend", D(2026, 3, 2), D(2026, 3, 5), D(2026, 3, 1), D(2026, 3, 2), 20, None, None,
     None, None, None),
    (3, "actief_als_lead", D(2026, 3, 5), D(2026, 3, 20), D(2026, 3, 1), D(2026, 3, 2), 30, None,
     None, None, None, None),
    (4, "actief_als_opdracht", D(2026, 3, 20), None, D(2026, 3, 1), D(2026, 3, 2), 40,
     D(2026, 3, 20), D(2026, 3, 20), "won", D(2026, 3, 20), "A-1"),
]


def _won_lead(w):
    add_org(w)
    add_lead(w, "L1", [("2026-03-01", "concept"), ("2026-03-02", "ingediend"),
                       ("2026-03-05", "actief_als_lead"),
                       ("2026-03-20", "actief_als_opdracht", None, "A-1")])


def test_events_written_straight_into_the_log_are_spanned_when_the_transaction_commits(warehouse):
    _won_lead(warehouse)
    assert spans(warehouse, "L1") == WON


def test_a_later_event_closes_the_open_span_and_keeps_what_was_reached(warehouse):
    add_org(warehouse)
    add_lead(warehouse, "L2", [("2026-03-01", "concept"), ("2026-03-03", "ingediend"),
                               ("2026-03-10", "actief_als_lead")])
    with warehouse.transaction() as tx:  # rejected after being active: a lost end
        tx.sql("insert into store.phase_events (entity, record_id, seq, \"at\", from_phase, "
               "to_phase, verb, reason) values ('lead', 'L2', 4, "
               "timestamptz '2026-03-31 23:30:00+00', 'actief_als_lead', 'afgewezen', 'load', "
               "'no budget')")
    assert spans(warehouse, "L2")[2:] == [
        (3, "actief_als_lead", D(2026, 3, 10), D(2026, 4, 1), D(2026, 3, 1), D(2026, 3, 3), 30,
         None, None, None, None, None),
        # 23:30 UTC on 31 March is 1 April in Amsterdam; the furthest step stays actief_als_lead
        (4, "afgewezen", D(2026, 4, 1), None, D(2026, 3, 1), D(2026, 3, 3), 30, None,
         D(2026, 4, 1), "lost", None, None),
    ]


def test_lifecycle_moves_keep_the_spans(warehouse):
    add_org(warehouse)
    add_lead(warehouse, "L3", [("2026-03-02", "concept")], submitter_id="E1", branch_id="B1")
    lc.submit(warehouse, "L3", "E1", at="2026-03-04T09:00:00+01:00")
    assert spans(warehouse, "L3") == [
        (1, "concept", D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 2), None, None, None, None, None,
         None, None),
        (2, "ingediend", D(2026, 3, 4), None, D(2026, 3, 2), D(2026, 3, 4), 20, None, None, None,
         None, None),
    ]
    with warehouse.reader() as con:
        submitted = con.execute("select submitted_at from store.lead_phase_spans "
                                "where lead_id = 'L3' and seq = 2").fetchall()[0][0]
    assert submitted == dt.datetime(2026, 3, 4, 8, 0, tzinfo=dt.UTC)


def test_migration_backfills_the_spans_of_an_older_file(db_path):
    w = la.connect(db_path, create=True)
    _won_lead(w)
    con = duckdb.connect(str(db_path))  # the file as version 10 left it: no spans table
    as_version(con, 11)
    con.close()
    w = la.connect(db_path)
    assert spans(w, "L1") == WON


def _keys(w: la.Warehouse) -> dict[str, tuple[int, set[int]]]:
    """Each lead's key with the keys its spans carry."""
    with w.reader() as con:
        got = con.execute("select l.lead_id, l.lead_key, list(distinct s.lead_key) "
                          "from store.leads l left join store.lead_phase_spans s using (lead_id) "
                          "group by all").fetchall()
    return {lead: (key, set(span_keys)) for lead, key, span_keys in got}


def test_every_lead_gets_its_own_key_and_its_spans_carry_it(warehouse):
    _won_lead(warehouse)                                  # written straight into the tables
    lc.create_lead(warehouse, "L9", "E1", branch_id="B1", at="2026-03-03T10:00:00+01:00")
    keys = _keys(warehouse)
    assert set(keys) == {"L1", "L9"}
    assert keys["L1"][0] != keys["L9"][0]
    assert all(key is not None and span_keys == {key} for key, span_keys in keys.values())


def test_migration_17_keys_the_leads_and_spans_of_an_older_file(db_path):
    w = la.connect(db_path, create=True)
    _won_lead(w)
    add_lead(w, "L2", [("2026-03-01", "concept"), ("2026-03-03", "ingediend")])
    before = la.metrics.leads(w, "2026-03-31")
    con = duckdb.connect(str(db_path))  # the file as version 16 left it: no lead keys
    as_version(con, 16)
    con.close()
    w = la.connect(db_path)
    keys = _keys(w)
    assert sorted(k for k, _ in keys.values()) == [1, 2]
    assert all(span_keys == {key} for key, span_keys in keys.values())
    pd.testing.assert_frame_equal(la.metrics.leads(w, "2026-03-31"), before)
    add_lead(w, "L3", [("2026-03-04", "concept")])       # a later lead: the next key
    assert _keys(w)["L3"] == (3, {3})


def test_installing_the_configuration_again_recomputes_the_spans(warehouse):
    _won_lead(warehouse)
    with warehouse.transaction() as tx:
        tx.sql("update store.lead_phase_spans set max_step_position = null, won_on = null")
    la.init(warehouse, pipeline="public_support")
    assert spans(warehouse, "L1") == WON
