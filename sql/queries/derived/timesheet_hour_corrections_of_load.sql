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
    -- per row, the earliest status date of a higher revision of its line: a window over each
    -- line's few rows from the highest revision down (a join to the higher revisions and a
    -- GROUP BY over six columns cost twice as much)
    SELECT line_id, revision, assignment_id, hours, status, status_date,
           min(status_date) OVER (PARTITION BY line_id ORDER BY revision DESC
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
               AS superseded_on
    FROM touched
)
SELECT line_id, revision, assignment_id, greatest(status_date, superseded_on), -hours, status
FROM superseded
WHERE hours <> 0 AND superseded_on IS NOT NULL;
