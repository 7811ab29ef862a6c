-- An earlier load of the same kind and content (a file sent again), if any. A load that
-- quarantined a row under a rule of the day ($day_rules: status_date_in_future,
-- week_out_of_range) does not count: that row's verdict depends on the day of the load.
SELECT load_id, rows_read
FROM store.loads l
WHERE kind = $kind AND content_hash = $content_hash AND status IN ('loaded', 'partial')
  AND NOT EXISTS (SELECT 1 FROM store.quarantine q
                  WHERE q.load_id = l.load_id AND list_contains($day_rules, q.rule))
ORDER BY load_id
LIMIT 1;
