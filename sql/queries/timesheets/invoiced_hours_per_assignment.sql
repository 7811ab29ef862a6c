-- Invoiced hours of each assignment as of $as_of: the hours of its lines whose revision known
-- at that date (timesheet_lines_known_at) has status 'invoiced' (data-contracts.md).
SELECT assignment_id, CAST(sum(hours) AS DECIMAL(18, 2)) AS invoiced_hours,
       count(*) AS lines
FROM timesheet_lines_known_at(CAST($as_of AS DATE))
WHERE status = 'invoiced'
GROUP BY assignment_id
ORDER BY assignment_id;
