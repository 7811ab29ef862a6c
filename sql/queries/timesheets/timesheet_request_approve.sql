-- A `concept` request approved: `open`, sent today; reminders count from today.
UPDATE store.timesheet_requests
SET status = 'open', sent_on = CAST($as_of AS DATE), approved_by = $by,
    approved_at = $now
WHERE request_id = $request_id AND status = 'concept';
