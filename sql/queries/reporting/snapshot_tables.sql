-- The tables whose rows make a report's input fingerprint: every table of the warehouse but
-- store.written_files (the record of the files written, to which each build adds its own).
SELECT schema_name, table_name
FROM duckdb_tables()
WHERE NOT temporary AND NOT (schema_name = 'store' AND table_name = 'written_files')
ORDER BY schema_name, table_name;
