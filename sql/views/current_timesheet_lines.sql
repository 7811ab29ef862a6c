-- Each timesheet line's latest revision (its highest; data-contracts.md, "Timesheets"), so a
-- plain join to leads or assignments counts a line's hours once: `timesheet_lines` holds every
-- revision. As known at the end of a past day: timesheet_lines_known_at(DATE).
CREATE OR REPLACE VIEW main.current_timesheet_lines AS
SELECT line_id, revision, assignment_id, employee_id, week, hours, status, status_date, source,
       load_id
FROM store.timesheet_lines
QUALIFY row_number() OVER (PARTITION BY line_id ORDER BY revision DESC) = 1;
