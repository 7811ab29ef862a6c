-- Table macro: the phase events of the leads in a scope up to the end of day `as_of`
-- (Europe/Amsterdam: connections run in that time zone), with the phase's configuration.
-- `day` is the event's calendar date. Every as-of metric is rebuilt from these rows.
-- Usage: SELECT * FROM scoped_lead_events('all', '', DATE '2026-03-31')
CREATE OR REPLACE MACRO main.scoped_lead_events(scope_kind, scope_id, as_of) AS TABLE
SELECT e.record_id AS lead_id, e.seq, e."at", CAST(e."at" AS DATE) AS day,
       e.from_phase, e.to_phase AS phase, e.reason, e.actor_id, e.assignment_id,
       p.position, p.phase_group, p.outcome, p.is_end, p.is_default
FROM store.phase_events e
JOIN main.scoped_leads(scope_kind, scope_id) l ON l.lead_id = e.record_id
JOIN store.phases p ON p.pipeline = l.pipeline AND p.entity = 'lead' AND p.code = e.to_phase
WHERE e.entity = 'lead'
  -- the end of day as_of in Europe/Amsterdam, computed once (a per-row cast to DATE is slow)
  AND e."at" < timezone('Europe/Amsterdam', CAST(CAST(as_of AS DATE) + INTERVAL 1 DAY AS TIMESTAMP));
