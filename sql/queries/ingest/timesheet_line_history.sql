-- ts_line_history: the loaded rows (by rowid) of every line that appears in the checked file.
-- The rules ask which lines are "busy" (timesheet_row_verdicts) and the hour corrections of
-- those lines are recomputed after the load (timesheet_hour_corrections_of_load): one scan of
-- store.timesheet_lines' line_id serves both.
CREATE OR REPLACE TEMP TABLE ts_line_history AS
SELECT l.rowid AS row_id, l.line_id
FROM store.timesheet_lines l
SEMI JOIN ts_checked c ON c.line_id = l.line_id;
