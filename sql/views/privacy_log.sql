CREATE OR REPLACE VIEW main.privacy_log AS
SELECT kind, subject_key, done_by, done_at, rows_changed, files FROM store.privacy_log;
