-- assignment_hours: every lead in the scope that had reached the won phase by the as-of date,
-- with its assignment and the hours of its timesheet lines known at that date (invoiced and
-- all statuses). The bonus threshold and projections come from the bonus engine.
WITH won AS (
    -- each lead as of the date (its span then) that had reached a won phase by then: the first
    -- day it was won or given an assignment, and the latest assignment id given
    SELECT lead_id, least(won_on, assigned_on) AS won_day, last_assignment_id AS assignment_id
    FROM scoped_lead_events($scope_kind, $scope_id, $as_of)
    WHERE left_day IS NULL AND won_on IS NOT NULL
), hours AS (
    SELECT * FROM subject_hours_known_at($as_of)
)
SELECT w.lead_id, l.submitter_id, l.business_unit, w.assignment_id, w.won_day,
       CAST(coalesce(h.invoiced_hours, 0) AS DECIMAL(12, 2)) AS invoiced_hours,
       CAST(coalesce(h.known_hours, 0) AS DECIMAL(12, 2)) AS known_hours
FROM won w
JOIN scoped_leads($scope_kind, $scope_id) l ON l.lead_id = w.lead_id
LEFT JOIN hours h ON h.assignment_id = w.assignment_id
ORDER BY w.lead_id;
