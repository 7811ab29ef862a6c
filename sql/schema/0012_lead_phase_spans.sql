-- Migration 12: the validity span of every lead phase event, derived from store.phase_events
-- (which stays the truth) so that "the phase as of D" is a range filter, not a window over the
-- log. One row per lead event: entered at its "at", left at the next event's "at" (by seq; NULL
-- while current), with both Amsterdam calendar days computed once here, never per metric call.
-- Each span also carries its phase's configuration and what the lead had reached by then (its start, won and end days, the
-- furthest step, its assignment) under its pipeline's configuration, so that no metric needs a
-- per-lead aggregate either. Kept up to date in the transaction of every event write and of
-- every configuration install (leadanalytics.leads.spans.refresh recomputes the spans of the
-- touched leads: sql/queries/lead_phase_spans_insert.sql); filled for existing files when the migration commits.
CREATE TABLE store.lead_phase_spans (
    lead_id            VARCHAR NOT NULL,
    pipeline           VARCHAR NOT NULL,  -- the lead's (never changes)
    seq                INTEGER NOT NULL,
    event_id           BIGINT NOT NULL,
    from_phase         VARCHAR,
    phase              VARCHAR NOT NULL,
    entered_at         TIMESTAMPTZ NOT NULL,
    entered_on         DATE NOT NULL,     -- Europe/Amsterdam calendar day of entered_at
    left_at            TIMESTAMPTZ,       -- the next event's "at"; NULL while the lead is there
    left_on            DATE,
    actor_id           VARCHAR,
    reason             VARCHAR,
    assignment_id      VARCHAR,
    -- the phase's configuration (NULL when the lead's pipeline does not know the phase):
    position           INTEGER,
    phase_group        VARCHAR,
    outcome            VARCHAR,
    is_end             BOOLEAN,
    is_default         BOOLEAN,
    -- reached by this event (this one included):
    created_on         DATE NOT NULL,     -- day of the lead's first event
    started_on         DATE,              -- first day in a step (open/won, not the default)
    max_step_position  INTEGER,           -- position of the furthest step
    won_on             DATE,              -- first day in a won phase
    ended_on           DATE,              -- day of the first end phase (by seq)
    end_outcome        VARCHAR,           -- its outcome (won | lost)
    assigned_on        DATE,              -- first day of an event with an assignment id
    last_assignment_id VARCHAR,           -- the latest assignment id given
    -- of the whole log (the same on every span of the lead):
    submitted_at       TIMESTAMPTZ        -- first left the default phase (bonus-rules.md)
);

-- No backfill here: the migration runs in a write transaction, and every write transaction
-- brings the spans up to date before it commits (phase_spans.refresh_if_stale: every lead with
-- events not yet spanned, i.e. all of them in an older file), with the one statement that
-- keeps them (sql/queries/lead_phase_spans_insert.sql).
