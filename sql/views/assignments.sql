-- One row per assignment: every assignment a lead reached (with the defaults of domain.md when
-- assignments.csv does not list it: start on the Monday of the week the lead won it, no end, the
-- lead's contact) and every assignment of the file (lead_id NULL when no lead reached it). An
-- assignment won more than once is the first winner's (then the lowest lead id); a lead that
-- won two assignments has both.
CREATE OR REPLACE VIEW main.assignments AS
WITH first_won AS (
    SELECT assignment_id, arg_min(lead_id, ("at", lead_id)) AS lead_id, min("at") AS won_at
    FROM main.assignment_events
    GROUP BY assignment_id
)
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
FULL OUTER JOIN first_won w ON w.assignment_id = a.assignment_id
LEFT JOIN store.leads l ON l.lead_id = w.lead_id;
