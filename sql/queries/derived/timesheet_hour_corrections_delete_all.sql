-- Drop every stored hour correction (a rebuild recomputes them all next).
DELETE FROM store.timesheet_hour_corrections;
