-- ts_checked: the checked rows (ts_checked_rows) with their `row_number` in the file (data rows
-- from 1), from the rowids of the table, which keep the order it was filled in (the file's);
-- the status as text (from its position in ts_statuses for a row that passes the column rules);
-- the raw text of the typed columns where a column rule failed (else NULL). `rid` (the rowid)
-- is for joins that pick a few rows: DuckDB narrows the scan to the rowids it is joined with.
CREATE OR REPLACE TEMP VIEW ts_checked AS
SELECT rowid AS rid,
       CAST(rowid - (SELECT min(rowid) FROM ts_checked_rows) + 1 AS BIGINT) AS row_number,
       line_id, revision, assignment_id, employee_id, week, hours,
       CASE WHEN fail_mask = 0 THEN (SELECT statuses FROM ts_statuses)[status_code]
            ELSE raw[5] END AS status,
       status_date, source, fail_mask,
       raw[1] AS revision_raw, raw[2] AS week_raw, raw[3] AS hours_raw,
       raw[4] AS status_date_raw
FROM ts_checked_rows;
