-- ts_busy_lines: the lines of the checked file that have another valid row in this file, a
-- loaded row (ts_line_history) or a quarantined row. Only their rows can be skipped or break a
-- rule beyond the columns (timesheet_row_verdicts), and only their rows can supersede or be
-- superseded (timesheet_hour_corrections_of_load): a line outside it has one row in all.
-- Run after timesheet_line_history.
CREATE OR REPLACE TEMP TABLE ts_busy_lines AS
SELECT line_id FROM ts_checked_rows WHERE fail_mask = 0 GROUP BY line_id HAVING count(*) > 1
UNION
SELECT line_id FROM ts_line_history
UNION
SELECT line_id FROM store.timesheet_rejected_rows WHERE line_id IS NOT NULL;
