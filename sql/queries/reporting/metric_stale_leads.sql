-- stale_leads: open leads with no change (phase event or field change) for at least $days days
-- on the as-of date; the longest-idle first, then by lead id.
SELECT e.lead_id, l.title, l.submitter_id, l.branch_id, e.phase, e.last_change_day,
       $as_of - e.last_change_day AS days_since_change
FROM lead_phases_as_of($scope_kind, $scope_id, $as_of, '') e
JOIN lead_fields_as_of($as_of) l ON l.lead_key = e.lead_key
WHERE e.outcome = 'open' AND $as_of - e.last_change_day >= $days
ORDER BY days_since_change DESC, e.lead_id;
