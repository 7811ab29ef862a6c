-- The leads whose phase events are not all in store.lead_phase_spans yet (temp table
-- touched_leads): every lead with an event newer (event_id) than the newest span. Event ids
-- come from one sequence, so a write transaction finds exactly the leads it gave events to.
CREATE OR REPLACE TEMP TABLE touched_leads AS
SELECT DISTINCT e.record_id AS lead_id
FROM store.phase_events e
WHERE e.entity = 'lead'
  AND e.event_id > (SELECT coalesce(max(s.event_id), -1) FROM store.lead_phase_spans s);
