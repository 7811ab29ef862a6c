-- Loaded lead events that moved a lead to the default end phase of a pipeline that converts
-- leads into opportunities ($converting: those pipelines) create the opportunity, linked to the
-- lead (id OPP-<lead_id>, as lifecycle.convert_to_opportunity does), unless it exists.
INSERT INTO store.opportunities (opportunity_id, lead_id, pipeline, created_at)
SELECT 'OPP-' || c.record_id, c.record_id, l.pipeline, c."at"
FROM checked_events c
JOIN store.leads l ON l.lead_id = c.record_id
JOIN store.phases p
  ON p.pipeline = l.pipeline AND p.entity = 'lead' AND p.code = c.to_phase AND p.is_default_end
WHERE c.entity = 'lead' AND list_contains(CAST($converting AS VARCHAR[]), l.pipeline)
  AND NOT EXISTS (SELECT 1 FROM checked_events b
                  WHERE b.entity = c.entity AND b.record_id = c.record_id AND len(b.violations) > 0)
  AND NOT EXISTS (SELECT 1 FROM store.opportunities o WHERE o.lead_id = c.record_id);
