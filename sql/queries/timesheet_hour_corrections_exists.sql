-- Whether the file has the table store.timesheet_hour_corrections (schema version 13 or later).
SELECT count(*) > 0 FROM duckdb_tables()
WHERE schema_name = 'store' AND table_name = 'timesheet_hour_corrections_state'
