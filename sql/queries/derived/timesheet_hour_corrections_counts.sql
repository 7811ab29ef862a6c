-- The row count of store.timesheet_lines the stored hour corrections were computed for (NULL
-- before the first), and the row count now.
SELECT (SELECT max(lines_counted) FROM store.timesheet_hour_corrections_state),
       (SELECT count(*) FROM store.timesheet_lines);
