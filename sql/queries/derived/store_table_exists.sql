-- Whether the file has the table store.$table (a derived table that a later migration creates:
-- its refresh is skipped on a file that does not have it yet).
SELECT count(*) > 0 FROM duckdb_tables()
WHERE schema_name = 'store' AND table_name = $table;
