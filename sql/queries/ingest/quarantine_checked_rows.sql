-- Every row of the temp table `checked` whose status is 'quarantine', with the raw staged row.
INSERT INTO store.quarantine
SELECT $load_id, $kind, $source_file, c.row_number, c.record_key, c.rule, c.detail, to_json(st)
FROM checked c
JOIN staged st USING (row_number)
WHERE c.status = 'quarantine'
ORDER BY c.row_number;
