-- Anonymising a contact cancels the still requested weeks of their unsettled requests.
UPDATE store.timesheet_request_weeks rw
SET week_status = 'cancelled'
FROM store.timesheet_requests r
WHERE rw.request_id = r.request_id AND rw.week_status = 'requested'
  AND r.status IN ('concept', 'open', 'overdue')
  AND lower(r.contact_email) = lower($email);
