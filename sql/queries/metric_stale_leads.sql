-- stale_leads: open leads with no change (phase event or field change) for at least $days days
-- on the as-of date; the longest-idle first, then by lead id.
SELECT lead_id, title, submitter_id, branch_id, phase, last_change_day,
       $as_of - last_change_day AS days_since_change
FROM leads_as_of($scope_kind, $scope_id, $as_of, '')
WHERE outcome = 'open' AND $as_of - last_change_day >= $days
ORDER BY days_since_change DESC, lead_id;
