-- The negative half of bonus_hour_deltas: an invoiced revision that a higher revision of its line
-- supersedes loses its hours on the first status_date of a higher revision; if that date is not
-- after its own status_date it was never known, and its hours are taken away on its own
-- status_date (the day bonus_hour_deltas added them). They do not depend on an as-of date, so
-- they are kept in store.timesheet_hour_corrections (migration 13; with every status since 14),
-- maintained by the timesheet ingest for the lines each load touches and recomputed by
-- leadanalytics.timesheets.corrections.refresh after any other write
-- (sql/queries/timesheet_hour_corrections_all.sql says how).
CREATE OR REPLACE VIEW main.bonus_hour_corrections AS
SELECT assignment_id, day, delta
FROM store.timesheet_hour_corrections
WHERE status = 'invoiced';
