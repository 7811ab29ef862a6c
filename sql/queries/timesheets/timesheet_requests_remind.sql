-- Reminder k (k = reminders + 1 <= $max_reminders) of an open request is due $reminder_days * k
-- days after it was sent; at most one per run and per day. Returns the requests reminded.
UPDATE store.timesheet_requests
SET reminders = reminders + 1, last_reminded_on = CAST($as_of AS DATE)
WHERE status = 'open'
  AND reminders < CAST($max_reminders AS INTEGER)
  AND sent_on + CAST($reminder_days AS INTEGER) * (reminders + 1) <= CAST($as_of AS DATE)
  AND (last_reminded_on IS NULL OR last_reminded_on < CAST($as_of AS DATE))
RETURNING request_id, reminders;
