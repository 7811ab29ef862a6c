-- Every lead for a rebuild of store.lead_phase_spans (temp table touched_leads): those with
-- spans (their spans go, also when the lead or its events went) and those with events.
CREATE OR REPLACE TEMP TABLE touched_leads AS
SELECT lead_id FROM store.lead_phase_spans
UNION
SELECT record_id FROM store.phase_events WHERE entity = 'lead';
