-- Record the row count of store.timesheet_lines the stored hour corrections are computed for
-- (after timesheet_hour_corrections_forget_count).
INSERT INTO store.timesheet_hour_corrections_state VALUES ($lines);
