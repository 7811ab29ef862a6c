-- timesheet_lines_insert for a checked file in which no row got a verdict (ts_verdicts empty):
-- every row that passes the column rules loads. Without the anti-join the insert keeps the
-- scan's order and runs on every thread (10 M rows: about 4 s instead of 7 s).
INSERT INTO store.timesheet_lines
SELECT c.line_id, c.revision, c.assignment_id, c.employee_id, c.week, c.hours, c.status,
       c.status_date, c.source, $load_id
FROM ts_checked c
WHERE c.fail_mask = 0;
