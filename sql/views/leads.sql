-- One row per lead with its current phase and phase group.
CREATE OR REPLACE VIEW main.leads AS
SELECT l.lead_id, l.created_at, l.submitter_id, l.branch_id, l.business_unit, l.client_name,
       l.contact_name, l.contact_email, l.title, l.description, l.is_permanent_role,
       l.is_hours_extension, l.source, l.priority, l.category,
       a.assignment_id,
       c.phase, p.phase_group, c.phase_since, p.outcome, p.is_end,
       l.pipeline
FROM store.leads l
LEFT JOIN main.current_phases c ON c.entity = 'lead' AND c.record_id = l.lead_id
LEFT JOIN store.phases p ON p.pipeline = l.pipeline AND p.entity = 'lead' AND p.code = c.phase
LEFT JOIN main.lead_assignments a ON a.lead_id = l.lead_id;
