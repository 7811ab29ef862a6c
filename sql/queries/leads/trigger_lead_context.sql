-- What a trigger notice may say about each lead of $lead_ids.
SELECT l.lead_id, l.title, l.client_name, l.business_unit, l.branch_id, l.phase, l.phase_group,
       l.submitter_id, sp.name AS submitter_name
FROM main.leads l
LEFT JOIN store.people sp ON sp.person_id = l.submitter_id
WHERE list_contains(CAST($lead_ids AS VARCHAR[]), l.lead_id);
