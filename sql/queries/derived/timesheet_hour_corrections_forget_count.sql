-- Forget the recorded row count of store.timesheet_lines (timesheet_hour_corrections_record
-- writes the new one next).
DELETE FROM store.timesheet_hour_corrections_state;
