-- Migration 12: the validity span of every lead phase event, derived from store.phase_events
-- (which stays the truth) so that "the phase as of D" is a range filter, not a window over the
-- log. One row per lead event: entered at its "at", left at the next event's "at" (by seq; NULL
-- while current), with both Amsterdam calendar days computed once here, never per metric call.
-- Each span also carries its phase's configuration and what the lead had reached by then (its start, won and end days, the
-- furthest step, its assignment) under its pipeline's configuration, so that no metric needs a
-- per-lead aggregate either. Kept up to date in the transaction of every event write and of
-- every configuration install (leadanalytics.phase_spans.refresh recomputes the spans of the
-- touched leads: sql/queries/lead_phase_spans_insert.sql); backfilled below for existing files.
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

-- Backfill: the spans of every lead (the same statement as queries/lead_phase_spans_insert).
CREATE TEMP TABLE touched_leads AS SELECT lead_id FROM store.leads;
INSERT INTO store.lead_phase_spans
WITH ev AS (
    SELECT e.record_id AS lead_id, l.pipeline, e.seq, e.event_id, e.from_phase,
           e.to_phase AS phase, e."at", CAST(timezone('Europe/Amsterdam', e."at") AS DATE) AS day,
           e.actor_id, e.reason, e.assignment_id,
           p.outcome IN ('open', 'won') AND NOT p.is_default AS is_step, p.position,
           p.phase_group, p.outcome, p.is_end, p.is_default,
           e.from_phase = d.code AND e.to_phase <> d.code AS leaves_default
    FROM store.phase_events e
    JOIN store.leads l ON l.lead_id = e.record_id
    LEFT JOIN store.phases p ON p.pipeline = l.pipeline AND p.entity = 'lead' AND p.code = e.to_phase
    LEFT JOIN store.phases d ON d.pipeline = l.pipeline AND d.entity = 'lead' AND d.is_default
    WHERE e.entity = 'lead' AND e.record_id IN (SELECT lead_id FROM touched_leads)
)
SELECT lead_id, pipeline, seq, event_id, from_phase, phase, "at", day,
       lead("at") OVER next_event,
       CAST(timezone('Europe/Amsterdam', lead("at") OVER next_event) AS DATE),
       actor_id, reason, assignment_id, position, phase_group, outcome, is_end, is_default,
       first_value(day) OVER so_far,
       min(CASE WHEN is_step THEN day END) OVER so_far,
       max(CASE WHEN is_step THEN position END) OVER so_far,
       min(CASE WHEN outcome = 'won' THEN day END) OVER so_far,
       first_value(CASE WHEN is_end THEN day END IGNORE NULLS) OVER so_far,
       first_value(CASE WHEN is_end THEN outcome END IGNORE NULLS) OVER so_far,
       min(CASE WHEN assignment_id IS NOT NULL THEN day END) OVER so_far,
       last_value(assignment_id IGNORE NULLS) OVER so_far,
       min(CASE WHEN leaves_default THEN "at" END) OVER (PARTITION BY lead_id)
FROM ev
WINDOW next_event AS (PARTITION BY lead_id ORDER BY seq),
       so_far AS (PARTITION BY lead_id ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
ORDER BY event_id;
DROP TABLE touched_leads;
