-- Forecast of `pending` bonuses as of $as_of (bonus-rules.md, "Forecast"): the hours still
-- missing, the weekly pace of the last 4 weeks (by status_date) and the projected earn date at
-- that pace, from bonus_projections (the one projection, shared with the bonus_pipeline metric
-- and the accrual). A projection, never a promise: empty without pace.
SELECT lead_id, submitter_id, assignment_id, scheme, threshold_hours, invoiced_hours,
       hours_missing, weekly_hours, projected_earned_on
FROM main.bonus_projections(CAST($as_of AS DATE))
WHERE status = 'pending' AND "trigger" = 'hours'
  AND ($scope_kind = 'all'
       OR lead_id IN (SELECT lead_id FROM main.scoped_leads($scope_kind, $scope_id)))
ORDER BY lead_id;
