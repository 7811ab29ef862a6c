-- Table macro: per assignment, the hours of its timesheet lines as known at the end of day
-- `as_of`, invoiced and of every status (timesheet_hours_known_between up to as_of). For the
-- assignments the lead log names, subject_hours_known_at gives the same from stored totals.
-- Usage: SELECT * FROM timesheet_hours_known_at(DATE '2026-03-01')
CREATE OR REPLACE MACRO main.timesheet_hours_known_at(as_of) AS TABLE
SELECT * FROM main.timesheet_hours_known_between(DATE '-infinity', as_of);
