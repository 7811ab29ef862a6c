-- Migration 13: the invoiced hours that a higher revision of their line takes away again
-- (bonus-rules.md, "When it is earned"; the negative half of bonus_hour_deltas), kept as a small
-- derived table so that `bonuses list` scans it instead of probing every timesheet line.
-- Maintained in the timesheet ingest's own transaction for the lines a load touches
-- (leadanalytics/hour_corrections.py); `lines_counted` is the row count of
-- store.timesheet_lines the table was computed for, so a writer that bypassed the ingest is
-- seen (count differs) and hour_corrections.refresh recomputes everything.
CREATE TABLE store.timesheet_hour_corrections (
    line_id       VARCHAR NOT NULL,
    revision      INTEGER NOT NULL,       -- the superseded revision
    assignment_id VARCHAR NOT NULL,
    day           DATE NOT NULL,          -- when its hours are taken away
    delta         DECIMAL(9, 2) NOT NULL  -- minus its hours
);

CREATE TABLE store.timesheet_hour_corrections_state (
    lines_counted BIGINT NOT NULL
);

INSERT INTO store.timesheet_hour_corrections
WITH superseded AS (
    SELECT t.rowid AS row_id, min(h.status_date) AS superseded_on
    FROM store.timesheet_lines t
    JOIN store.timesheet_lines h ON h.line_id = t.line_id AND h.revision > t.revision
    WHERE h.revision > 1
    GROUP BY t.rowid
)
SELECT t.line_id, t.revision, t.assignment_id, greatest(t.status_date, s.superseded_on), -t.hours
FROM store.timesheet_lines t
JOIN superseded s ON s.row_id = t.rowid
WHERE t.status = 'invoiced' AND t.hours <> 0;

INSERT INTO store.timesheet_hour_corrections_state SELECT count(*) FROM store.timesheet_lines;
