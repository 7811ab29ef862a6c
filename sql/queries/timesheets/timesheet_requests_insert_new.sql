-- The new `missing` requests (temp table tr_new): `concept` for a client that requires approval
-- ($approval_clients), else `open` and sent today; the assignment's contact at this moment.
INSERT INTO store.timesheet_requests (request_id, assignment_id, kind, lead_id, branch_id,
    contact_name, contact_email, contact_language, status, requested_at, sent_on)
SELECT n.request_id, n.assignment_id, 'missing', n.lead_id, n.branch_id,
       a.contact_name, a.contact_email, a.contact_language,
       CASE WHEN list_contains(CAST($approval_clients AS VARCHAR[]), l.client_name)
            THEN 'concept' ELSE 'open' END,
       CAST($as_of AS DATE),
       CASE WHEN list_contains(CAST($approval_clients AS VARCHAR[]), l.client_name)
            THEN NULL ELSE CAST($as_of AS DATE) END
FROM tr_new n
JOIN main.assignments a ON a.assignment_id = n.assignment_id
LEFT JOIN store.leads l ON l.lead_id = n.lead_id;
