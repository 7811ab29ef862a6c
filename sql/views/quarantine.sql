CREATE OR REPLACE VIEW main.quarantine AS
SELECT load_id, kind, source_file, row_number, record_key, rule, detail, raw
FROM store.quarantine;
