-- Timesheet requests of the leads in a scope, as they stand now, requested on or before $as_of:
-- one row per request with its weeks, its age in days on $as_of (from the day it was sent, or
-- asked while a concept) and, once fulfilled, the days from sending to fulfilment. By request.
SELECT r.request_id, r.assignment_id, r.lead_id, r.branch_id, r.kind, r.status,
       count(*) AS weeks,
       count(*) FILTER (WHERE w.week_status = 'received') AS weeks_received,
       r.requested_at, r.sent_on, r.reminders,
       CAST(CAST($as_of AS DATE) - coalesce(r.sent_on, r.requested_at) AS INTEGER) AS age_days,
       CASE WHEN r.status = 'fulfilled'
            THEN CAST(CAST(r.fulfilled_at AS DATE) - coalesce(r.sent_on, r.requested_at) AS INTEGER)
       END AS days_to_fulfilment
FROM store.timesheet_requests r
JOIN store.timesheet_request_weeks w ON w.request_id = r.request_id
WHERE r.lead_id IN (SELECT lead_id FROM scoped_leads($scope_kind, $scope_id))
  AND r.requested_at <= CAST($as_of AS DATE)
GROUP BY ALL
ORDER BY r.request_id;
