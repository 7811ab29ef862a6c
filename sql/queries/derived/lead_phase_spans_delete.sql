-- Drop the spans of the touched leads (temp table touched_leads); they are recomputed next.
DELETE FROM store.lead_phase_spans
WHERE lead_id IN (SELECT lead_id FROM touched_leads)
