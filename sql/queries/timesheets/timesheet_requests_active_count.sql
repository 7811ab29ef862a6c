-- The requests still waiting: concept, open or overdue.
SELECT count(*) FROM store.timesheet_requests WHERE status IN ('concept', 'open', 'overdue');
