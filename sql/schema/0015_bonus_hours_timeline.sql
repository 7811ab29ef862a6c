-- Migration 15: H(d), the invoiced hours known per day, stored for the assignments the bonus
-- engine can ask about: the rows of the view main.bonus_hours_timeline for every assignment id
-- in the lead event log (main.bonus_timeline_subjects). It does not depend on an as-of date, so
-- bonus_states(as_of) reads it with a filter instead of computing a running sum over every
-- timesheet line per call; each step says until when it is needed (read_until), so that
-- bonus_states reads only the steps it needs with filters on constants. Kept current in the transaction of each write
-- (leadanalytics.bonus_timeline): the timesheet ingest recomputes the assignments its load
-- touches; before any transaction commits, a changed signature (timesheet lines, stored hour
-- corrections, the set of subject assignments, the thresholds in use) recomputes what changed.
CREATE TABLE store.bonus_hours_timeline (
    assignment_id  VARCHAR NOT NULL,
    changed_on     DATE NOT NULL,           -- a day H changes
    invoiced_hours DECIMAL(12, 2) NOT NULL, -- H from that day on
    hours_before   DECIMAL(12, 2) NOT NULL, -- H the day before
    next_changed_on DATE,                   -- the next day H changes (NULL: none yet)
    -- bonus_states(as_of) reads the step while as_of < read_until: next_changed_on (while it
    -- is H at as_of), or always (9999-12-31) if it crosses a threshold in use. One column, so
    -- the filter is a comparison with a constant, applied in the scan.
    read_until     DATE NOT NULL
);

-- The assignments whose timeline is kept (an assignment without invoiced hours has no rows).
CREATE TABLE store.bonus_hours_timeline_subjects (
    assignment_id VARCHAR NOT NULL
);

-- What the table was computed for (one row): row counts of store.timesheet_lines and
-- store.timesheet_hour_corrections, the count and xor of hashes of the subject set, and the
-- thresholds in use (main.bonus_thresholds_in_use, sorted, as text).
CREATE TABLE store.bonus_hours_timeline_state (
    id                  INTEGER PRIMARY KEY,
    lines_counted       BIGINT NOT NULL,
    corrections_counted BIGINT NOT NULL,
    subjects_counted    BIGINT NOT NULL,
    subjects_xor        UBIGINT NOT NULL,
    thresholds          VARCHAR NOT NULL
);

-- No backfill here: the empty state table means stale, and the migration's own transaction
-- computes the whole table before it commits (bonus_timeline.refresh_if_stale).
