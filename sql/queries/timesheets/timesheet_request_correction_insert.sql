-- A correction request for one week (its id from the sequence); returns the id.
INSERT INTO store.timesheet_requests (request_id, assignment_id, kind, lead_id, branch_id,
    contact_name, contact_email, contact_language, status, requested_at, sent_on, reason,
    asked_by)
VALUES (nextval('store.request_ids'), $assignment_id, 'correction', $lead_id, $branch_id,
        $contact_name, $contact_email, $contact_language, $status, CAST($as_of AS DATE),
        CAST($sent_on AS DATE), $reason, $asked_by)
RETURNING request_id;
