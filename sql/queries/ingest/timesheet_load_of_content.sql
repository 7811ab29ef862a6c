-- An earlier load of the same kind and content (a file sent again), if any.
SELECT load_id, rows_read
FROM store.loads
WHERE kind = $kind AND content_hash = $content_hash AND status IN ('loaded', 'partial')
ORDER BY load_id
LIMIT 1;
