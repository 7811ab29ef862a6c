-- The row of `loads`: written last, so a load without it never happened.
INSERT INTO store.loads VALUES (
    $load_id, $kind, $source_file, $content_hash, $rows_read, $rows_loaded, $rows_skipped,
    $rows_quarantined, $started_at, $now, $status, $message
);
