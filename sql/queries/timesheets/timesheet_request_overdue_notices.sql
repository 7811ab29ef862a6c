-- The notices for requests just marked overdue: one per regional director of the lead (the
-- nearest branch at or above the lead's branch that has one), with the request's weeks
-- (their Mondays).
SELECT r.request_id, r.assignment_id, r.lead_id, r.sent_on, rd.person_id, p.name, p.email,
       list(w.week ORDER BY w.week) AS weeks
FROM store.timesheet_requests r
JOIN main.lead_regional_directors rd ON rd.lead_id = r.lead_id
JOIN store.people p ON p.person_id = rd.person_id
JOIN store.timesheet_request_weeks w ON w.request_id = r.request_id AND w.week_status = 'requested'
WHERE list_contains(CAST($request_ids AS BIGINT[]), r.request_id)
GROUP BY ALL
ORDER BY r.request_id, rd.person_id;
