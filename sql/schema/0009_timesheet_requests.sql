-- Migration 9: timesheet requests (domain.md, "Assignments and timesheet requests"). The view
-- `timesheet_requests` (one row per requested week) is the documented interface.
CREATE SEQUENCE store.request_ids START 1;

-- One request to a client's timesheet contact: for missing weeks, or a correction of one week.
-- status: concept | open | overdue | fulfilled | cancelled. `sent_on` is the day the e-mail was
-- queued (for a concept, the day it was approved); reminders count from it.
CREATE TABLE store.timesheet_requests (
    request_id        BIGINT NOT NULL,
    assignment_id     VARCHAR NOT NULL,
    kind              VARCHAR NOT NULL,          -- missing | correction
    lead_id           VARCHAR,
    branch_id         VARCHAR,
    contact_name      VARCHAR,
    contact_email     VARCHAR,
    contact_language  VARCHAR NOT NULL,
    status            VARCHAR NOT NULL,
    requested_at      DATE NOT NULL,             -- the acting day
    sent_on           DATE,
    reminders         INTEGER NOT NULL DEFAULT 0,
    last_reminded_on  DATE,
    overdue_on        DATE,
    reason            VARCHAR,                   -- correction: why
    asked_by          VARCHAR,                   -- correction: who asked
    approved_by       VARCHAR,
    approved_at       TIMESTAMPTZ,
    fulfilled_load_id BIGINT,
    fulfilled_at      TIMESTAMPTZ
);

-- The weeks of a request. week_status: requested | received | cancelled. `base_revision`
-- (corrections): the highest revision of a line of that week when the correction was asked.
CREATE TABLE store.timesheet_request_weeks (
    request_id       BIGINT NOT NULL,
    week             DATE NOT NULL,
    week_status      VARCHAR NOT NULL,
    base_revision    INTEGER,
    received_load_id BIGINT
);
