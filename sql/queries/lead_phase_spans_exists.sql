-- Whether the file has the table store.lead_phase_spans (schema version 12 or later).
SELECT count(*) > 0 FROM duckdb_tables()
WHERE schema_name = 'store' AND table_name = 'lead_phase_spans'
