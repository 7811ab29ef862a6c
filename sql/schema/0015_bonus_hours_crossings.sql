-- Migration 15: the steps of H(d), the invoiced hours known per day (the view
-- main.bonus_hours_timeline), that cross a threshold in use (main.bonus_thresholds_in_use),
-- stored for every assignment the lead event log names (main.bonus_subject_assignments). They
-- do not depend on an as-of date, and they are the only steps bonus_states(as_of) needs besides
-- H at as_of (a filtered sum, timesheet_hours_known_at): so no call computes a running sum over
-- every timesheet line. Kept current in the transaction of each write
-- (leadanalytics.bonuses.crossings): the timesheet ingest recomputes the assignments its load
-- touches; before any transaction commits, a changed signature (timesheet lines, stored hour
-- corrections, the subject assignments, the thresholds in use) recomputes what changed.
CREATE TABLE store.bonus_hours_crossings (
    assignment_id  VARCHAR NOT NULL,
    changed_on     DATE NOT NULL,           -- the day H changes across a threshold in use
    invoiced_hours DECIMAL(12, 2) NOT NULL, -- H from that day on
    hours_before   DECIMAL(12, 2) NOT NULL  -- H the day before
);

-- The assignments whose crossings are kept (most have one or two; some none).
CREATE TABLE store.bonus_hours_crossings_subjects (
    assignment_id VARCHAR NOT NULL
);

-- What the table was computed for (one row): row counts of store.timesheet_lines and
-- store.timesheet_hour_corrections, the count and xor of hashes of the subject set, and the
-- thresholds in use (sorted, as text).
CREATE TABLE store.bonus_hours_crossings_state (
    id                  INTEGER PRIMARY KEY,
    lines_counted       BIGINT NOT NULL,
    corrections_counted BIGINT NOT NULL,
    subjects_counted    BIGINT NOT NULL,
    subjects_xor        UBIGINT NOT NULL,
    thresholds          VARCHAR NOT NULL
);

-- No backfill here: the empty state table means stale, and the migration's own transaction
-- computes the whole table before it commits (bonus_crossings.refresh_if_stale).
