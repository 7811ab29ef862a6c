-- The frame great-expectations validates (pipelines/expectations/timesheets.json): each row as
-- read (the raw text where a column rule failed, the typed value as text otherwise) with the
-- typed values the pipeline derived; a seeded sample of $sample_rows rows of a larger file.
-- The sample is chosen on the row numbers alone; the columns are built for its rows only,
-- fetched by rowid (`rid`).
WITH sample AS (
    SELECT rid, row_number,
           CASE WHEN $rows_in_file > $sample_rows THEN hash(row_number, $seed) END AS pick
    FROM ts_checked
    ORDER BY pick, row_number
    LIMIT $sample_rows
)
SELECT line_id,
       coalesce(revision_raw, CAST(revision AS VARCHAR)) AS revision,
       assignment_id, employee_id,
       coalesce(week_raw, strftime(week, '%Y-%m-%d')) AS week,
       coalesce(hours_raw, CAST(hours AS VARCHAR)) AS hours,
       status,
       coalesce(status_date_raw, strftime(status_date, '%Y-%m-%d')) AS status_date,
       source,
       CAST(revision AS BIGINT) AS revision_value,
       CAST(hours AS DOUBLE) AS hours_value,
       CASE WHEN coalesce(week_raw, CAST(week AS VARCHAR)) IS NULL THEN NULL
            WHEN week IS NULL THEN 0 ELSE isodow(week) END AS week_weekday,
       CAST(week AS TIMESTAMP) AS week_monday,
       CAST(status_date AS TIMESTAMP) AS status_date_value,
       c.row_number
FROM sample s
JOIN ts_checked c USING (rid)
ORDER BY s.pick, c.row_number;
