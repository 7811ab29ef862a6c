-- Invoiced hours of each assignment and week as of $as_of (the revision known at that date).
SELECT assignment_id, week, CAST(sum(hours) AS DECIMAL(18, 2)) AS invoiced_hours,
       count(*) AS lines
FROM timesheet_lines_known_at(CAST($as_of AS DATE))
WHERE status = 'invoiced'
GROUP BY assignment_id, week
ORDER BY assignment_id, week;
