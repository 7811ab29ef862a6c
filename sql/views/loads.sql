CREATE OR REPLACE VIEW main.loads AS
SELECT load_id, kind, source_file, content_hash, rows_read, rows_loaded, rows_skipped,
       rows_quarantined, started_at, finished_at, status, message
FROM store.loads;
