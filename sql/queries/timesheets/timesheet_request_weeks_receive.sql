-- Requested weeks that load $load_id brings: any line of the assignment and week (a missing
-- week), or a line of that week with a revision higher than the highest loaded when the
-- correction was asked. Run by the timesheet ingest inside its own transaction.
UPDATE store.timesheet_request_weeks rw
SET week_status = 'received', received_load_id = $load_id
FROM store.timesheet_requests r
WHERE rw.request_id = r.request_id
  AND rw.week_status = 'requested'
  AND r.status IN ('concept', 'open', 'overdue')
  AND EXISTS (
      SELECT 1 FROM store.timesheet_lines t
      WHERE t.load_id = $load_id AND t.assignment_id = r.assignment_id AND t.week = rw.week
        AND (r.kind = 'missing' OR t.revision > rw.base_revision));
