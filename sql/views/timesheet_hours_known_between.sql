-- Table macro: per assignment, the hours of its timesheet lines that became known after the end
-- of day `after_day` and by the end of day `through_day`, invoiced and of every status: the rule
-- of timesheet_lines_known_at stated as sums. Every revision adds its hours on its status_date,
-- and one that a higher revision supersedes has them taken away again on that revision's day by
-- its stored correction (store.timesheet_hour_corrections, all statuses): a filtered sum, no
-- window over the lines. DATE '-infinity' / DATE 'infinity' leave a side open.
-- Usage: SELECT * FROM timesheet_hours_known_between(DATE '2026-03-01', DATE 'infinity')
CREATE OR REPLACE MACRO main.timesheet_hours_known_between(after_day, through_day) AS TABLE
SELECT assignment_id,
       sum(hours) FILTER (WHERE status = 'invoiced') AS invoiced_hours,
       sum(hours) AS known_hours
FROM (
    SELECT assignment_id, status, hours
    FROM store.timesheet_lines
    WHERE status_date > after_day AND status_date <= through_day AND hours <> 0
    UNION ALL
    SELECT assignment_id, status, delta
    FROM store.timesheet_hour_corrections
    WHERE day > after_day AND day <= through_day
)
GROUP BY assignment_id;
