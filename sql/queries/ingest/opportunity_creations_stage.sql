-- Creation events of the opportunities a load just created (default phase, at the conversion,
-- by the converting actor; the operator's act).
INSERT INTO candidate_events
SELECT row_number() OVER (ORDER BY o.opportunity_id), 'opportunity', o.opportunity_id,
       o.created_at, p.code, 'create', c.actor_id, NULL, NULL, false, false
FROM store.opportunities o
JOIN checked_events c ON c.entity = 'lead' AND c.record_id = o.lead_id AND c."at" = o.created_at
JOIN store.phases p ON p.pipeline = o.pipeline AND p.entity = 'opportunity' AND p.is_default
WHERE NOT EXISTS (SELECT 1 FROM store.phase_events e
                  WHERE e.entity = 'opportunity' AND e.record_id = o.opportunity_id)
QUALIFY row_number() OVER (PARTITION BY o.opportunity_id ORDER BY c.cid) = 1;
