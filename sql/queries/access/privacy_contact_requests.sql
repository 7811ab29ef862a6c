-- Anonymising a contact: their name and address in requests become ***; an unsettled request
-- (its weeks just cancelled) is settled: `fulfilled` if a week was received, else `cancelled`.
UPDATE store.timesheet_requests r
SET contact_name = '***', contact_email = '***',
    status = CASE WHEN r.status NOT IN ('concept', 'open', 'overdue') THEN r.status
                  WHEN EXISTS (SELECT 1 FROM store.timesheet_request_weeks w
                               WHERE w.request_id = r.request_id AND w.week_status = 'received')
                  THEN 'fulfilled' ELSE 'cancelled' END
WHERE lower(r.contact_email) = lower($email);
