-- Table macro: every timesheet line as known at the end of day `as_of`: its highest revision
-- whose status_date <= as_of (data-contracts.md, "Timesheets"). The one place of that rule.
-- Usage: SELECT * FROM timesheet_lines_known_at(DATE '2026-03-01')
CREATE OR REPLACE MACRO main.timesheet_lines_known_at(as_of) AS TABLE
SELECT line_id, revision, assignment_id, employee_id, week, hours, status, status_date, source,
       load_id
FROM store.timesheet_lines
WHERE status_date <= as_of
QUALIFY row_number() OVER (PARTITION BY line_id ORDER BY revision DESC) = 1;
