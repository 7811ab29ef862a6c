-- An assignment that ends before a requested week cancels that week (its Monday lies after the
-- assignment's end date, so none of its days runs). Only weeks of unsettled requests.
UPDATE store.timesheet_request_weeks rw
SET week_status = 'cancelled'
FROM store.timesheet_requests r, main.assignments a
WHERE rw.request_id = r.request_id
  AND rw.week_status = 'requested'
  AND r.status IN ('concept', 'open', 'overdue')
  AND a.assignment_id = r.assignment_id
  AND a.end_date IS NOT NULL AND rw.week > a.end_date;
