-- Stored great-expectations results with their load, newest first (one load when given).
SELECT v.load_id, l.source_file, v.suite, v.success, v.rows_validated, v.rows_in_file,
       v.sampled, v.evaluated, v.failed, v.validated_at, CAST(v.result AS VARCHAR) AS result
FROM store.validation_results v
LEFT JOIN store.loads l USING (load_id)
WHERE $load_id IS NULL OR v.load_id = $load_id
ORDER BY v.load_id DESC;
