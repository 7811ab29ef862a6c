-- The rows of the checked file that load: they pass every column rule and have no verdict.
INSERT INTO store.timesheet_lines
SELECT c.line_id, c.revision, c.assignment_id, c.employee_id, c.week, c.hours, c.status,
       c.status_date, c.source, $load_id
FROM ts_checked c
WHERE c.fail_mask = 0
  AND NOT EXISTS (SELECT 1 FROM ts_verdicts v WHERE v.row_number = c.row_number);
