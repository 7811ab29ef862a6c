-- The stored hour corrections of the lines that had loaded rows before this load (the only
-- ones that can have any): timesheet_hour_corrections_of_load puts them back, recomputed.
DELETE FROM store.timesheet_hour_corrections
WHERE line_id IN (SELECT line_id FROM ts_line_history);
