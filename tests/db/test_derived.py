"""The derived-table list (db/derived.py): every change to a source is caught.

For each derived table and each column it declares it reads, an UPDATE of that column on one
row (and a DELETE and an INSERT of a row of each source) must leave the derived table exactly as
a rebuild from scratch makes it; where the table copies the column, it must also have changed
(so the test is not passing on a row the table ignores).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import leadanalytics as la
from leadanalytics.bonuses import install_bonus_schemes
from leadanalytics.db import derived
from leadanalytics.db.derived import DERIVED, writes_of
from tests.helpers import CASES

SCHEMES = CASES / "bonuses" / "schemes.toml"

# The row of each source that the changes hit, chosen so that the derived table uses it.
ROW = {
    "store.phase_events": "entity = 'lead' AND assignment_id IS NOT NULL",
    "store.leads": "lead_id = 'L-1'",
    "store.phases": "entity = 'lead' AND is_default AND pipeline = 'public_support'",
    "store.timesheet_lines": "line_id = 'T-1' AND revision = 1",  # superseded by revision 2
    "store.timesheet_hour_corrections": "line_id = 'T-1'",
    "store.bonus_schemes": "name = '2026'",
    "store.bonus_batch_items": "lead_id = 'L-1'",
}
# How each column is changed: by type, with these exceptions (checks and keys of the schema).
MUTATION = {
    ("store.phases", "outcome"): "CASE outcome WHEN 'open' THEN 'won' ELSE 'open' END",
    ("store.phase_events", "entity"): "'opportunity'",
}
# A new row for each source: its key columns changed, the rest as the chosen row.
NEW_ROW = {
    "store.phase_events": {"event_id": "event_id + 1000000", "seq": "seq + 1000"},
    "store.leads": {"lead_id": "'L-new'", "lead_key": "lead_key + 1000"},
    "store.phases": {"code": "'new_phase'", "is_default": "false"},
    "store.timesheet_lines": {"revision": "revision + 10"},
    "store.timesheet_hour_corrections": {"revision": "revision + 10"},
    "store.bonus_schemes": {"name": "'2099'", "threshold_hours": "threshold_hours + 7"},
    "store.bonus_batch_items": {"lead_id": "'L-new'", "threshold_hours": "threshold_hours + 3"},
}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """Two won leads with assignments, invoiced hours past the threshold with a superseded
    revision, an event with a reason, schemes and a closed batch: a row in every source."""
    path = tmp_path_factory.mktemp("derived") / "template.duckdb"
    w = la.connect(path, create=True)
    install_bonus_schemes(w, SCHEMES)
    pipeline = w.setting("phase_pipeline")
    phases = w.sql("select code, is_default, outcome, requires_assignment_id from phases "
                   "where pipeline = $p and entity = 'lead' order by position", p=pipeline)
    default = phases[phases.is_default].code.iloc[0]
    open_ = phases[(~phases.is_default) & (phases.outcome == "open")].code.iloc[0]
    won = phases[(phases.outcome == "won") & phases.requires_assignment_id].code.iloc[0]
    with w.transaction() as tx:
        tx.sql("INSERT INTO store.people (person_id, name, email, role, branch_id) VALUES "
               "('P-EMP', 'Eva', 'eva@example.nl', 'employee', 'AMS'), "
               "('P-FIN', 'Fin', 'fin@example.nl', 'finance', 'AMS')")
        for n in (1, 2):
            tx.sql("INSERT INTO store.leads (lead_id, pipeline, created_at, submitter_id, "
                   "branch_id, business_unit, client_name, title, is_permanent_role, "
                   "is_hours_extension) VALUES ($l, $p, TIMESTAMPTZ '2026-02-01 10:00+01', "
                   "'P-EMP', 'AMS', 'ICT', 'Client', 'Title', false, false)",
                   l=f"L-{n}", p=pipeline)
            for seq, (frm, to, day, assignment) in enumerate([
                (None, default, "2026-02-01", None), (default, open_, "2026-02-02", None),
                (open_, won, "2026-02-10", f"A-{n}"),
            ], start=1):
                tx.sql("INSERT INTO store.phase_events (entity, record_id, seq, \"at\", "
                       "from_phase, to_phase, verb, actor_id, reason, assignment_id) VALUES "
                       "('lead', $l, $seq, CAST($day AS TIMESTAMPTZ), $frm, $to, 'test', 'P-RD', "
                       "$reason, $a)", l=f"L-{n}", seq=seq, day=f"{day} 10:00+01", frm=frm,
                       to=to, reason="met de klant" if seq == 2 else None, a=assignment)
        lines = [("T-1", 1, "A-1", 60, "2026-02-20"), ("T-1", 2, "A-1", 55, "2026-02-27"),
                 ("T-2", 1, "A-1", 50, "2026-03-06"), ("T-3", 1, "A-2", 120, "2026-03-06")]
        for line, rev, a, hours, day in lines:
            tx.sql("INSERT INTO store.timesheet_lines (line_id, revision, assignment_id, week, "
                   "hours, status, status_date, load_id) VALUES ($line, $rev, $a, "
                   "CAST($day AS DATE) - 4, $hours, 'invoiced', CAST($day AS DATE), 0)",
                   line=line, rev=rev, a=a, hours=hours, day=day)
    la.close_period(w, "2026-04", by="P-FIN")
    with w.reader() as con:
        for table in ROW:
            assert con.execute(f"SELECT count(*) FROM {table} WHERE {ROW[table]}"  # noqa: S608
                               ).fetchall()[0][0] >= 1, table
    return path


def _snapshot(w: la.Warehouse, d) -> list[list[tuple]]:
    tables = (d.table, *d.also)
    with w.reader() as con:
        return [sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr)  # noqa: S608
                for t in tables]


def _mutation(con, table: str, column: str) -> str:
    if (table, column) in MUTATION:
        return MUTATION[(table, column)]
    kind = con.execute(
        "SELECT data_type FROM information_schema.columns WHERE table_schema = 'store' "
        "AND table_name = ? AND column_name = ?", [table.split(".")[1], column]).fetchall()
    assert kind, f"{table}.{column} is declared as a source column but does not exist"
    t = kind[0][0].upper()
    q = f'"{column}"'
    if t == "BOOLEAN":
        return f"NOT {q}"
    if t.startswith(("TIMESTAMP", "DATE")):
        return f"{q} + INTERVAL 1 DAY"
    if t.startswith(("INT", "BIGINT", "DECIMAL", "SMALLINT", "HUGEINT", "DOUBLE")):
        return f"{q} + 1000"
    return f"coalesce({q}, '') || '-changed'"


def _follows(template: Path, tmp_path: Path, d, statement) -> tuple[list, list]:
    """Run ``statement(con)`` -> SQL in one transaction; return (before, after) snapshots after
    checking the derived table equals a rebuild from scratch."""
    shutil.copy(template, tmp_path / "w.duckdb")
    w = la.Warehouse(tmp_path / "w.duckdb")
    before = _snapshot(w, d)
    with w.reader() as con:
        text = statement(con)
    with w.transaction() as tx:
        tx.sql(text)
    after = _snapshot(w, d)
    with w.transaction() as tx:  # only this table: a source may be derived itself
        d.rebuild(tx)
        derived.mark_current(tx, d.table)
    assert after == _snapshot(w, d), f"{d.table} did not follow: {text}"
    return before, after


CASES_UPDATE = [(d, table, column) for d in DERIVED for table, s in d.sources.items()
                for column in s.columns]


@pytest.mark.parametrize(("d", "table", "column"), CASES_UPDATE,
                         ids=[f"{d.name}<-{t}.{c}" for d, t, c in CASES_UPDATE])
def test_an_update_of_each_source_column_is_followed(template, tmp_path, d, table, column):
    def update(con):
        return (f'UPDATE {table} SET "{column}" = {_mutation(con, table, column)} '  # noqa: S608
                f"WHERE rowid = (SELECT min(rowid) FROM {table} WHERE {ROW[table]})")

    before, after = _follows(template, tmp_path, d, update)
    if column in d.sources[table].copied:
        assert before != after, f"{d.table} copies {table}.{column}, yet did not change"


CASES_ROWS = [(d, table) for d in DERIVED for table in d.sources]


@pytest.mark.parametrize(("d", "table"), CASES_ROWS, ids=[f"{d.name}<-{t}" for d, t in CASES_ROWS])
def test_a_delete_from_each_source_is_followed(template, tmp_path, d, table):
    _follows(template, tmp_path, d, lambda con: (
        f"DELETE FROM {table} WHERE rowid = (SELECT min(rowid) FROM {table} "  # noqa: S608
        f"WHERE {ROW[table]})"))


@pytest.mark.parametrize(("d", "table"), CASES_ROWS, ids=[f"{d.name}<-{t}" for d, t in CASES_ROWS])
def test_an_insert_into_each_source_is_followed(template, tmp_path, d, table):
    replaced = ", ".join(f'{e} AS "{c}"' for c, e in NEW_ROW[table].items())
    _follows(template, tmp_path, d, lambda con: (
        f"INSERT INTO {table} SELECT * REPLACE ({replaced}) FROM {table} "  # noqa: S608
        f"WHERE rowid = (SELECT min(rowid) FROM {table} WHERE {ROW[table]})"))


def test_an_event_reason_corrected_shows_in_the_spans(template, tmp_path):
    """The issue's own case, by hand: an UPDATE of a copied column (an event's reason)."""
    shutil.copy(template, tmp_path / "w.duckdb")
    w = la.Warehouse(tmp_path / "w.duckdb")
    with w.transaction() as tx:
        tx.sql("UPDATE store.phase_events SET reason = 'klant belde terug' "
               "WHERE record_id = 'L-2' AND seq = 2")
    with w.reader() as con:
        reasons = con.execute("SELECT reason FROM store.lead_phase_spans "
                              "WHERE lead_id = 'L-2' AND seq = 2").fetchall()
    assert reasons == [("klant belde terug",)]


def test_every_derived_table_and_source_exists(template):
    with la.Warehouse(template).reader() as con:
        tables = {f"store.{t}" for (t,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'store'").fetchall()}
    for d in DERIVED:
        assert {d.table, *d.also, *d.sources} <= tables, d.table
        for table, source in d.sources.items():
            assert set(source.copied) <= set(source.columns), (d.table, table)


def test_a_rebuild_runs_only_for_a_change_the_check_cannot_see(template, tmp_path):
    """Appended events are caught up (the touched leads); an UPDATE rebuilds."""
    shutil.copy(template, tmp_path / "w.duckdb")
    w = la.Warehouse(tmp_path / "w.duckdb")
    with w.transaction() as tx:
        assert derived.bring_up_to_date(tx) == []  # nothing written: nothing recomputed
        tx.sql("UPDATE store.bonus_schemes SET default_amount_eur = 300 WHERE name = '2026'")
        assert derived.bring_up_to_date(tx) == []  # the thresholds in use did not change
        tx.sql("UPDATE store.phase_events SET actor_id = 'P-X' WHERE record_id = 'L-1'")
        assert derived.bring_up_to_date(tx) == ["lead_phase_spans"]
        tx.sql("UPDATE store.timesheet_lines SET hours = 61 WHERE line_id = 'T-1' AND revision = 1")
        assert derived.bring_up_to_date(tx) == ["timesheet_hour_corrections", "bonus_hours_crossings"]


@pytest.mark.parametrize(("sql", "expected"), [
    ("INSERT INTO store.leads VALUES (1)", [("store.leads", "insert")]),
    ("insert or replace into store.bonus_hours_crossings_state values (1)",
     [("store.bonus_hours_crossings_state", "insert")]),
    ("UPDATE store.phase_events SET reason = 'x'", [("store.phase_events", "update")]),
    ("delete from store.timesheet_lines where true", [("store.timesheet_lines", "delete")]),
    ("TRUNCATE store.timesheet_lines", [("store.timesheet_lines", "delete")]),
    ('UPDATE "store"."leads" SET title = 1', [("store.leads", "update")]),
    ("CREATE OR REPLACE TABLE store.x AS SELECT 1", [("store.x", "rewrite")]),
    ("ALTER TABLE store.leads ADD COLUMN y INT", [("store.leads", "rewrite")]),
    ("INSERT INTO store.settings VALUES ('k', 'v') ON CONFLICT (key) DO UPDATE SET value = 'v'",
     [("store.settings", "insert")]),
    ("-- UPDATE store.leads in a comment\nSELECT 1", []),
    ("CREATE TEMP TABLE touched AS SELECT lead_id FROM store.leads", []),
    ("INSERT INTO touched SELECT 1", []),
    ("DELETE FROM store.a; INSERT INTO store.b SELECT 1",
     [("store.a", "delete"), ("store.b", "insert")]),
])
def test_writes_of_names_each_store_table_written(sql, expected):
    assert writes_of(sql) == expected


def test_every_shipped_statement_that_writes_the_store_is_seen():
    """An independent, cruder reading of every SQL file: each store table named right after a
    write verb is among what the door notes for it."""
    import re

    crude = re.compile(r"(?:INSERT\s+(?:OR\s+REPLACE\s+)?INTO|UPDATE|DELETE\s+FROM)\s+store\.(\w+)",
                       re.I)
    root = Path(la.__file__).parent / "sql" if (Path(la.__file__).parent / "sql").exists() \
        else Path(__file__).parents[2] / "sql"
    checked = 0
    for f in sorted(root.rglob("queries/**/*.sql")):
        text = f.read_text()
        named = {f"store.{t.lower()}" for t in crude.findall(re.sub(r"--[^\n]*", "", text))}
        seen = {t for t, _ in writes_of(text)}
        assert named <= seen, f"{f.name}: {sorted(named - seen)}"
        checked += bool(named)
    assert checked > 40
