-- The negative half of bonus_hour_deltas: an invoiced revision that a higher revision of its line
-- supersedes loses its hours on the first status_date of a higher revision; if that date is not
-- after its own status_date it was never known, and its hours are taken away on its own
-- status_date (the day bonus_hour_deltas added them). A higher revision has revision > 1, so
-- the join's build side is the few corrections, not every line (no sort of every line); the
-- probe reads only line_id and revision, the other columns are fetched for the hits alone.
CREATE OR REPLACE VIEW main.bonus_hour_corrections AS
WITH superseded AS (
    SELECT t.rowid AS row_id, min(h.status_date) AS superseded_on
    FROM store.timesheet_lines t
    JOIN store.timesheet_lines h ON h.line_id = t.line_id AND h.revision > t.revision
    WHERE h.revision > 1
    GROUP BY t.rowid
)
SELECT t.assignment_id, greatest(t.status_date, s.superseded_on) AS day, -t.hours AS delta
FROM store.timesheet_lines t
JOIN superseded s ON s.row_id = t.rowid
WHERE t.status = 'invoiced' AND t.hours <> 0;
