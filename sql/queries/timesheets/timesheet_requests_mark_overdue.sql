-- Open requests sent $overdue_days or more days before $as_of and still unfulfilled become
-- `overdue` (instead of a further reminder). Returns the requests marked.
UPDATE store.timesheet_requests
SET status = 'overdue', overdue_on = CAST($as_of AS DATE)
WHERE status = 'open'
  AND sent_on + CAST($overdue_days AS INTEGER) <= CAST($as_of AS DATE)
RETURNING request_id;
