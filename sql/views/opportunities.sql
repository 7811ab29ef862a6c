CREATE OR REPLACE VIEW main.opportunities AS
SELECT o.opportunity_id, o.lead_id, o.created_at, c.phase, p.phase_group, p.outcome, p.is_end,
       o.pipeline
FROM store.opportunities o
LEFT JOIN main.current_phases c ON c.entity = 'opportunity' AND c.record_id = o.opportunity_id
LEFT JOIN store.phases p
       ON p.pipeline = o.pipeline AND p.entity = 'opportunity' AND p.code = c.phase;
