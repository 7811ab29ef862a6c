-- One demo timesheet file: the rows of one period in the order they were drawn, with the
-- bad, repeated and conflicting rows placed after the rows they were copied from. With
-- $iso_weeks the good rows write their week as an ISO week (2026-W07), as one sender does.
SELECT line_id, revision, assignment_id, employee_id, week, hours, status, status_date, source
FROM (
    SELECT * REPLACE (
        CASE WHEN $iso_weeks THEN strftime(CAST(week AS DATE), '%G-W%V') ELSE week END AS week)
    FROM demo_good_rows
    WHERE file = $file
    UNION ALL BY NAME
    SELECT * EXCLUDE (kind) FROM demo_extra_rows WHERE file = $file
)
ORDER BY "order", line_id, revision, hours, status, status_date, week, assignment_id
