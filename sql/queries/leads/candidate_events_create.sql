-- The staging table of candidate lifecycle events, checked by queries/leads/checked_events.
-- `cid` orders events of one record that share the same `at` (file order); `verb` NULL means
-- "the verb that leads to to_phase"; `check_actor` false for events the operator makes (a lead's
-- creation by a load, an opportunity's creation by a conversion); `live` true for acts of now
-- (the actor must be an active person).
CREATE OR REPLACE TEMP TABLE candidate_events (
    cid           BIGINT NOT NULL,
    entity        VARCHAR NOT NULL,
    record_id     VARCHAR,
    "at"          TIMESTAMPTZ,
    to_phase      VARCHAR,
    verb          VARCHAR,
    actor_id      VARCHAR,
    reason        VARCHAR,
    assignment_id VARCHAR,
    check_actor   BOOLEAN NOT NULL DEFAULT true,
    live          BOOLEAN NOT NULL DEFAULT false
);
