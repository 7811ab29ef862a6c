INSERT INTO store.privacy_log VALUES ($kind, $subject_key, $by, $at, $rows_changed);
