-- What an e-mail about each of the given requests says: the contact, the assignment and the
-- weeks still requested (their Mondays; the template writes ISO week and day), sorted by request.
SELECT r.request_id, r.kind, r.assignment_id, r.contact_name, r.contact_email,
       r.contact_language, r.reason, r.reminders, r.sent_on, r.lead_id, l.client_name,
       list(w.week ORDER BY w.week) AS weeks
FROM store.timesheet_requests r
JOIN store.timesheet_request_weeks w ON w.request_id = r.request_id AND w.week_status = 'requested'
LEFT JOIN store.leads l ON l.lead_id = r.lead_id
WHERE list_contains(CAST($request_ids AS BIGINT[]), r.request_id)
GROUP BY ALL
ORDER BY r.request_id;
