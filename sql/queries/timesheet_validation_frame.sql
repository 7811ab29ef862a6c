-- The frame great-expectations validates (pipelines/expectations/timesheets.json): the staged
-- rows as read, with the typed values the pipeline derived; a seeded sample of $sample_rows
-- rows when the file is larger.
SELECT st.line_id, st.revision, st.assignment_id, st.employee_id, st.week, st.hours,
       lower(st.status) AS status, st.status_date, st.source,
       CAST(c.revision AS BIGINT) AS revision_value,
       CAST(c.hours AS DOUBLE) AS hours_value,
       CASE WHEN st.week IS NULL THEN NULL WHEN c.week IS NULL THEN 0
            ELSE isodow(c.week) END AS week_weekday,
       CAST(c.week AS TIMESTAMP) AS week_monday,
       CAST(c.status_date AS TIMESTAMP) AS status_date_value,
       st.row_number
FROM ts_staged st
JOIN ts_checked c USING (row_number)
ORDER BY CASE WHEN $rows_in_file > $sample_rows THEN hash(st.row_number, $seed) END,
         st.row_number
LIMIT $sample_rows;
