-- The missing weeks (temp table tr_missing, the `timesheets_missing` list) that a new request
-- will ask for: the contact can be written to (no note), and no concept, open or overdue request
-- covers the week yet, nor has one received it.
CREATE OR REPLACE TEMP TABLE tr_new_weeks AS
SELECT m.assignment_id, m.week, m.lead_id, m.branch_id
FROM tr_missing m
WHERE m.note IS NULL
  AND NOT EXISTS (
      SELECT 1
      FROM store.timesheet_request_weeks rw
      JOIN store.timesheet_requests r ON r.request_id = rw.request_id
      WHERE r.assignment_id = m.assignment_id AND rw.week = m.week AND r.kind = 'missing'
        AND (r.status IN ('concept', 'open', 'overdue') OR rw.week_status = 'received'));
