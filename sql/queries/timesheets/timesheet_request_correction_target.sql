-- Everything a correction request for one assignment and week needs: the assignment's lead,
-- branch, contact and client, the highest revision of the week's lines (NULL: no line), and
-- whether a correction of that week is already waiting.
SELECT a.assignment_id, a.lead_id, a.branch_id, a.contact_name, a.contact_email,
       a.contact_language, l.client_name,
       (SELECT max(t.revision) FROM store.timesheet_lines t
        WHERE t.assignment_id = a.assignment_id AND t.week = CAST($week AS DATE)) AS base_revision,
       EXISTS (SELECT 1 FROM store.timesheet_requests r
               JOIN store.timesheet_request_weeks w ON w.request_id = r.request_id
               WHERE r.assignment_id = a.assignment_id AND r.kind = 'correction'
                 AND w.week = CAST($week AS DATE)
                 AND r.status IN ('concept', 'open', 'overdue')) AS correction_waiting
FROM main.assignments a
LEFT JOIN store.leads l ON l.lead_id = a.lead_id
WHERE a.assignment_id = $assignment_id;
