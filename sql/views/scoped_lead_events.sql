-- Table macro: the phase events of the leads in a scope up to the end of day `as_of`
-- (Europe/Amsterdam), with the phase's configuration, read from store.lead_phase_spans (the
-- event log with each event's span, migration 0012). `day` is the event's calendar date;
-- `left_at` / `left_day` the next event's time and date when that event too lies on or before
-- `as_of` (else NULL: the lead is still in that phase on `as_of`, and this row is its span then:
-- test `left_day IS NULL`, it reads less); the *_on columns, `max_step_position`, `end_outcome`
-- and `last_assignment_id` what the lead had reached by this event. Every as-of metric is
-- rebuilt from these rows; `lead_key` is the lead's integer key (join lead_fields_as_of on it).
-- Dates are compared, never times: an event lies on or before the end of day D exactly when
-- its Amsterdam date does. Scope all reads no lead id it does not need.
-- Usage: SELECT * FROM scoped_lead_events('all', '', DATE '2026-03-31')
CREATE OR REPLACE MACRO main.scoped_lead_events(scope_kind, scope_id, as_of) AS TABLE
WITH scoped AS (
    -- scope all reads no lead row: its subquery is empty (a UNION of the two cases would cost
    -- the column statistics that let DuckDB compress lead ids in joins and sorts downstream)
    SELECT e.*
    FROM store.lead_phase_spans e
    WHERE e.pipeline = (SELECT s.value FROM store.settings s WHERE s.key = 'phase_pipeline')
      AND e.position IS NOT NULL  -- a phase of the configuration
      AND e.entered_on <= CAST(as_of AS DATE)
      AND (scope_kind = 'all'
           OR e.lead_id IN (SELECT l.lead_id FROM main.scoped_leads(scope_kind, scope_id) l
                            WHERE scope_kind <> 'all'))
)
SELECT e.lead_id, e.lead_key, e.seq, e.entered_at AS "at", e.entered_on AS day,
       e.from_phase, e.phase, e.reason, e.actor_id, e.assignment_id,
       CASE WHEN e.left_on <= CAST(as_of AS DATE) THEN e.left_at END AS left_at,
       CASE WHEN e.left_on <= CAST(as_of AS DATE) THEN e.left_on END AS left_day,
       e.created_on, e.started_on, e.max_step_position, e.won_on, e.ended_on, e.end_outcome,
       e.assigned_on, e.last_assignment_id,
       e.position, e.phase_group, e.outcome, e.is_end, e.is_default
FROM scoped e;
