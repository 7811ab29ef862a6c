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

-- No backfill here: the migration runs in a write transaction, and every write transaction
-- brings the corrections up to date before it commits (hour_corrections.refresh_if_stale: the
-- empty state table records no row count, so everything is computed with
-- sql/queries/timesheet_hour_corrections_all.sql).
