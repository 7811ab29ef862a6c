-- The hour corrections (see timesheet_hour_corrections_all) of every line this load touches,
-- from all its rows: the ones loaded before (ts_line_history, fetched by rowid) and the ones
-- this load just wrote (checked rows without a verdict, as timesheet_lines_insert takes them;
-- of busy lines only, ts_busy_lines: a line with one row in all has no correction).
-- Run after timesheet_lines_insert and timesheet_hour_corrections_delete_of_load.
INSERT INTO store.timesheet_hour_corrections
WITH touched AS (
    SELECT l.line_id, l.revision, l.assignment_id, l.hours, l.status, l.status_date
    FROM store.timesheet_lines l
    JOIN ts_line_history h ON h.row_id = l.rowid
    UNION ALL
    SELECT c.line_id, c.revision, c.assignment_id, c.hours, c.status, c.status_date
    FROM ts_checked c SEMI JOIN ts_busy_lines b ON b.line_id = c.line_id  -- the others: one row
    WHERE c.fail_mask = 0
      AND NOT EXISTS (SELECT 1 FROM ts_verdicts v WHERE v.row_number = c.row_number)
),
superseded AS (
    -- one join: the rows with hours (probe side) against the higher revisions of their line
    -- (build side: the few rows with revision > 1), the superseded row's columns carried along
    SELECT t.line_id, t.revision, t.assignment_id, t.hours, t.status, t.status_date,
           min(h.status_date) AS superseded_on
    FROM touched t
    JOIN (SELECT line_id, revision, status_date FROM touched WHERE revision > 1) h
      ON h.line_id = t.line_id AND h.revision > t.revision
    WHERE t.hours <> 0
    GROUP BY ALL
)
SELECT line_id, revision, assignment_id, greatest(status_date, superseded_on), -hours, status
FROM superseded;
