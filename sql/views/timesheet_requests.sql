-- One row per requested week (data-contracts.md, "Warehouse views"): the request's columns
-- repeated on each of its weeks, plus the week's own status and the load that brought it.
CREATE OR REPLACE VIEW main.timesheet_requests AS
SELECT r.request_id, r.assignment_id, w.week, r.kind, r.contact_email, r.status,
       w.week_status, r.requested_at, r.reminders, w.received_load_id, r.fulfilled_at,
       r.lead_id, r.branch_id, r.contact_name, r.contact_language, r.sent_on,
       r.last_reminded_on, r.overdue_on, r.reason, r.asked_by, r.approved_by, r.approved_at,
       r.fulfilled_load_id
FROM store.timesheet_requests r
JOIN store.timesheet_request_weeks w ON w.request_id = r.request_id;
