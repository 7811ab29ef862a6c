-- Migration 5: runs of scheduled reports (reports.md "Schedules"). One row per schedule entry,
-- scope and cron slot: the UNIQUE key is the claim, so two processes never build the same slot.
-- A failed, blocked or expired-claim slot is taken again (attempt + 1) by the next `run-due`.
CREATE SEQUENCE store.report_run_ids START 1;

CREATE TABLE store.report_runs (
    run_id        BIGINT PRIMARY KEY DEFAULT nextval('store.report_run_ids'),
    schedule      VARCHAR NOT NULL,          -- the schedule entry's name
    report        VARCHAR NOT NULL,          -- the notebook (report name)
    scope         VARCHAR NOT NULL,
    slot          TIMESTAMPTZ NOT NULL,      -- the cron time this run is for
    attempt       INTEGER NOT NULL,
    status        VARCHAR NOT NULL,          -- running | concept | sent | blocked | failed
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    claimed_until TIMESTAMPTZ,               -- a running build past this time is presumed dead
    out_dir       VARCHAR,
    error         VARCHAR,
    recipients    VARCHAR[],
    approved_by   VARCHAR,
    approved_at   TIMESTAMPTZ,
    UNIQUE (schedule, scope, slot)
);
