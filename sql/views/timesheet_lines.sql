CREATE OR REPLACE VIEW main.timesheet_lines AS
SELECT line_id, revision, assignment_id, employee_id, week, hours, status, status_date, source,
       load_id
FROM store.timesheet_lines;
