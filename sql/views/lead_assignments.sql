-- The assignment a lead became: set by its own won move, or by a won move of an opportunity
-- that came from it.
CREATE OR REPLACE VIEW main.lead_assignments AS
SELECT coalesce(o.lead_id, e.record_id) AS lead_id,
       arg_max(e.assignment_id, e."at") AS assignment_id,
       max(e."at") AS won_at
FROM store.phase_events e
LEFT JOIN store.opportunities o
       ON e.entity = 'opportunity' AND o.opportunity_id = e.record_id
WHERE e.assignment_id IS NOT NULL
GROUP BY 1;
