"""Turn a warehouse file back into what an older schema version left, for migration tests."""

from __future__ import annotations

# the tables each later migration creates (migration 14 only adds a column: its test drops it)
TABLES_OF = {
    12: ["store.lead_phase_spans"],
    13: ["store.timesheet_hour_corrections", "store.timesheet_hour_corrections_state"],
    15: ["store.bonus_hours_crossings", "store.bonus_hours_crossings_subjects",
         "store.bonus_hours_crossings_state"],
}
# the columns a later migration adds to a table an earlier one created
COLUMNS_OF = {
    16: [("store.bonus_hours_crossings_subjects", "invoiced_hours"),
         ("store.bonus_hours_crossings_subjects", "known_hours")],
    17: [("store.leads", "lead_key"), ("store.lead_phase_spans", "lead_key")],
}
# the sequences a later migration creates (dropped after the columns whose default uses them)
SEQUENCES_OF = {17: ["store.lead_keys"]}


def as_version(con, version: int) -> None:
    """Drop what the migrations after ``version`` created and forget that they ran."""
    dropped = {t for m, tables in TABLES_OF.items() if m > version for t in tables}
    for migration, columns in COLUMNS_OF.items():
        if migration > version:
            for table, column in columns:
                if table not in dropped:
                    con.execute(f"alter table {table} drop column {column}")
    for migration, tables in TABLES_OF.items():
        if migration > version:
            for table in tables:
                con.execute(f"drop table {table}")
    for migration, sequences in SEQUENCES_OF.items():
        if migration > version:
            for sequence in sequences:
                con.execute(f"drop sequence {sequence}")
    con.execute("delete from store.schema_version where version > ?", [version])
