-- Whether the file has the table store.bonus_hours_crossings_state (schema version 15 or later).
SELECT count(*) > 0 FROM duckdb_tables()
WHERE schema_name = 'store' AND table_name = 'bonus_hours_crossings_state'
