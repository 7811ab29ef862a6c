-- Migration 3: what the timesheet pipeline keeps besides the lines themselves.

-- The identity (as read) of every quarantined timesheet row, so that the same row sent again
-- is skipped rather than quarantined twice (data-contracts.md, loading rules).
CREATE TABLE store.timesheet_rejected_rows (
    load_id    BIGINT NOT NULL,
    row_number BIGINT NOT NULL,
    line_id    VARCHAR,
    identity   VARCHAR NOT NULL
);

-- The great-expectations validation of each load (the whole file or a seeded sample of it).
CREATE TABLE store.validation_results (
    load_id        BIGINT NOT NULL,
    suite          VARCHAR NOT NULL,
    success        BOOLEAN NOT NULL,
    rows_validated BIGINT NOT NULL,
    rows_in_file   BIGINT NOT NULL,
    sampled        BOOLEAN NOT NULL,
    evaluated      INTEGER NOT NULL,
    failed         INTEGER NOT NULL,
    validated_at   TIMESTAMPTZ NOT NULL,
    result         JSON NOT NULL
);
