-- Forecast of `pending` bonuses as of $as_of (bonus-rules.md, "Forecast"): the hours still
-- missing, the invoiced hours that became known in the last 4 weeks (by status_date), and a
-- projected earn date at that weekly pace. A projection, never a promise: empty without pace.
WITH pending AS (
    SELECT lead_id, submitter_id, assignment_id, scheme, threshold_hours, invoiced_hours
    FROM main.bonus_states(CAST($as_of AS DATE))
    WHERE status = 'pending' AND "trigger" = 'hours'
),
four_weeks_ago AS (
    SELECT p.lead_id,
           coalesce(arg_max(t.invoiced_hours, t.changed_on), 0) AS hours_then
    FROM pending p
    LEFT JOIN main.bonus_hours_timeline t
           ON t.assignment_id = p.assignment_id
          AND t.changed_on <= CAST($as_of AS DATE) - INTERVAL 28 DAY
    GROUP BY p.lead_id
),
paced AS (
    SELECT p.*, p.threshold_hours - p.invoiced_hours AS hours_missing,
           CAST((p.invoiced_hours - f.hours_then) / 4 AS DECIMAL(12, 2)) AS weekly_hours
    FROM pending p
    JOIN four_weeks_ago f USING (lead_id)
)
SELECT lead_id, submitter_id, assignment_id, scheme, threshold_hours, invoiced_hours,
       hours_missing, weekly_hours,
       CASE WHEN weekly_hours > 0
            THEN CAST($as_of AS DATE)
                 + CAST(ceil(hours_missing * 7 / weekly_hours) AS INTEGER) END
           AS projected_earned_on
FROM paced
WHERE $scope_kind = 'all'
   OR lead_id IN (SELECT lead_id FROM main.scoped_leads($scope_kind, $scope_id))
ORDER BY lead_id;
