"""The warehouse file: creation, migration, refusal of newer files, the documented views."""

from __future__ import annotations

import duckdb
import pytest

import leadanalytics as la
from leadanalytics.db.migrate import migrations, schema_version_known
from leadanalytics.db.warehouse import load_sql
from leadanalytics.exceptions import SchemaVersionError, SqlFileMissing

DOCUMENTED_VIEWS = {
    "branches", "people", "delegations", "leads", "phase_events", "timesheet_lines",
    "quarantine", "loads", "opportunities", "opportunity_events",
}


def test_connect_creates_file_with_documented_views(db_path):
    w = la.connect(db_path, create=True)
    assert db_path.exists()
    views = set(w.sql("select view_name from duckdb_views() where schema_name = 'main'")["view_name"])
    assert DOCUMENTED_VIEWS <= views


def test_connect_twice_is_idempotent(db_path):
    la.connect(db_path, create=True)
    w = la.connect(db_path)
    assert w.schema_version() == schema_version_known()
    versions = w.sql("select version from store.schema_version order by 1")["version"].tolist()
    assert versions == [v for v, _ in migrations()]


def test_newer_schema_is_refused(db_path):
    la.connect(db_path, create=True)
    con = duckdb.connect(str(db_path))
    con.execute("insert into store.schema_version values (999, now())")
    con.close()
    with pytest.raises(SchemaVersionError) as err:
        la.connect(db_path)
    assert err.value.found == 999
    assert "999" in str(err.value) and "upgrade" in str(err.value)


def test_older_schema_is_migrated_forward(db_path):
    # a file as the first release wrote it: migration 1 only, no views
    con = duckdb.connect(str(db_path))
    con.execute(load_sql("schema/0001_core"))
    con.execute("insert into store.schema_version values (1, now())")
    con.execute("insert into store.branches values ('AMS', 'Amsterdam', null, null)")
    con.close()
    w = la.connect(db_path)
    assert w.schema_version() == schema_version_known() > 1
    assert "leads" in set(w.sql("select view_name from duckdb_views()")["view_name"])
    assert w.sql("select count(*) as n from assignments")["n"][0] == 0  # from a later migration
    assert w.sql("select name from branches")["name"].tolist() == ["Amsterdam"]  # data kept


def test_missing_sql_file_names_the_file():
    with pytest.raises(SqlFileMissing, match="sql/queries/nope.sql"):
        load_sql("queries/nope")


def test_reads_do_not_hold_the_file(db_path):
    w = la.connect(db_path, create=True)
    w.sql("select 1")
    con = duckdb.connect(str(db_path))  # a writer can open it right after a read
    con.close()


def test_polars_output(warehouse):
    frame = warehouse.sql("select 1 as a", output="polars")
    assert frame.columns == ["a"]
    assert type(frame).__module__.startswith("polars")


def test_sql_binds_parameters_not_text(warehouse):
    frame = warehouse.sql("select $v as v", v="'; drop table store.leads; --")
    assert frame["v"][0] == "'; drop table store.leads; --"
    assert int(warehouse.sql("select count(*) as n from leads")["n"][0]) == 0


def test_sql_exact_keeps_decimals_exact_and_text_as_python_strings(warehouse):
    from decimal import Decimal

    frame = warehouse.sql(
        "select CAST(0.1 AS DECIMAL(9, 2)) + CAST(0.2 AS DECIMAL(9, 2)) as hours, "
        "CAST(NULL AS VARCHAR) as note, 'x' as code, CAST(count(*) AS HUGEINT) as n", exact=True)
    assert frame["hours"][0] == Decimal("0.30")            # exact: never 0.30000000000000004
    assert frame["hours"].sum() == Decimal("0.30")
    assert frame["note"][0] is None and frame["code"][0] == "x"
    assert frame["n"][0] == 1
