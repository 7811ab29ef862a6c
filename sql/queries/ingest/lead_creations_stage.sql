-- Creation events of the leads a file adds: in the default phase at created_at, by the
-- submitter (the operator's act: the actor is not checked).
INSERT INTO candidate_events
SELECT c.row_number, 'lead', c.lead_id, c.created_at, p.code, 'create', c.submitter_id, NULL,
       NULL, false, false
FROM checked c
JOIN store.phases p ON p.pipeline = $pipeline AND p.entity = 'lead' AND p.is_default
WHERE c.status = 'load' AND NOT c.exists_already;
