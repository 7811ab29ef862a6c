-- What a trigger notice may say about a lead.
SELECT l.lead_id, l.title, l.client_name, l.business_unit, l.branch_id, l.phase, l.phase_group,
       l.submitter_id, sp.name AS submitter_name
FROM main.leads l
LEFT JOIN store.people sp ON sp.person_id = l.submitter_id
WHERE l.lead_id = $lead_id;
