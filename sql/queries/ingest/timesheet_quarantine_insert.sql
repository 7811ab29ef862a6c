-- One quarantine row per rejected timesheet row, with the raw staged row.
INSERT INTO store.quarantine
SELECT $load_id, $kind, $source_file, v.row_number, c.line_id, v.rule, v.detail, to_json(st)
FROM ts_verdicts v
JOIN ts_checked c USING (row_number)
JOIN ts_raw st USING (row_number)
WHERE v.verdict = 'quarantine'
ORDER BY v.row_number;
