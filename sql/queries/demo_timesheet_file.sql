-- One demo timesheet file: the rows of one period, in the order they were drawn.
SELECT line_id, revision, assignment_id, employee_id, week, hours, status, status_date, source
FROM demo_rows
WHERE file = $file
ORDER BY "order", line_id, revision, hours, status, status_date, week, assignment_id
