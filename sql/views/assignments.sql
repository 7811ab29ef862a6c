-- One row per assignment: every assignment a lead reached (with the defaults of domain.md when
-- assignments.csv does not list it: start on the Monday of the week it was won, no end, the
-- lead's contact) and every assignment of the file (lead_id NULL when no lead reached it).
CREATE OR REPLACE VIEW main.assignments AS
SELECT coalesce(a.assignment_id, w.assignment_id) AS assignment_id,
       w.lead_id,
       l.branch_id,
       l.submitter_id,
       w.won_at,
       coalesce(a.start_date, CAST(date_trunc('week', w.won_at) AS DATE)) AS start_date,
       a.end_date,
       CASE WHEN a.assignment_id IS NULL THEN l.contact_name ELSE a.contact_name END AS contact_name,
       CASE WHEN a.assignment_id IS NULL THEN l.contact_email ELSE a.contact_email END AS contact_email,
       coalesce(a.contact_language, 'nl') AS contact_language,
       a.assignment_id IS NOT NULL AS from_file
FROM store.assignments a
FULL OUTER JOIN main.lead_assignments w ON w.assignment_id = a.assignment_id
LEFT JOIN store.leads l ON l.lead_id = w.lead_id;
