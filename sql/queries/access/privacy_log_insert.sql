INSERT INTO store.privacy_log (kind, subject_key, done_by, done_at, rows_changed, files)
VALUES ($kind, $subject_key, $by, $at, $rows_changed, []);
