-- An exported statement ($path), recorded with whom it names: the submitters of the batch's
-- items. A statement exported again to the same path replaces its record.
INSERT OR REPLACE INTO store.written_files
SELECT $path, 'statement', $at,
       coalesce((SELECT list(DISTINCT submitter_id ORDER BY submitter_id)
                 FROM store.bonus_batch_items
                 WHERE batch_id = $batch_id AND submitter_id IS NOT NULL), []),
       CAST([] AS VARCHAR[]), $batch_id, NULL;
