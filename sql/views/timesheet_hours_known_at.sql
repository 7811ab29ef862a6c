-- Table macro: per assignment, the hours of its timesheet lines as known at the end of day
-- `as_of`, invoiced and of every status: the rule of timesheet_lines_known_at stated as sums.
-- Every revision adds its hours on its status_date, and one that a higher revision supersedes
-- has them taken away again by its stored correction (store.timesheet_hour_corrections, all
-- statuses): a filtered sum instead of a window over every line.
-- Usage: SELECT * FROM timesheet_hours_known_at(DATE '2026-03-01')
CREATE OR REPLACE MACRO main.timesheet_hours_known_at(as_of) AS TABLE
SELECT assignment_id,
       sum(hours) FILTER (WHERE status = 'invoiced') AS invoiced_hours,
       sum(hours) AS known_hours
FROM (
    SELECT assignment_id, status, hours
    FROM store.timesheet_lines
    WHERE status_date <= as_of AND hours <> 0
    UNION ALL
    SELECT assignment_id, status, delta
    FROM store.timesheet_hour_corrections
    WHERE day <= as_of
)
GROUP BY assignment_id;
