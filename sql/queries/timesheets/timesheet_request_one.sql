-- One request with its lead's branch and client (for approval).
SELECT r.request_id, r.status, r.asked_by, r.branch_id, r.assignment_id, r.kind
FROM store.timesheet_requests r
WHERE r.request_id = $request_id;
