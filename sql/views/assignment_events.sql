-- The phase events that carry an assignment id, each with the lead it counts for: a lead's own
-- move, or a move of an opportunity that came from it (for that lead).
CREATE OR REPLACE VIEW main.assignment_events AS
SELECT e.assignment_id, coalesce(o.lead_id, e.record_id) AS lead_id, e."at"
FROM store.phase_events e
LEFT JOIN store.opportunities o
       ON e.entity = 'opportunity' AND o.opportunity_id = e.record_id
WHERE e.assignment_id IS NOT NULL;
