-- stale_leads: open leads with no change (phase event or field change) for at least $days days
-- on the as-of date; per group ($by, ascending, empty last), the longest-idle first, then by
-- lead id.
SELECT CASE WHEN $by <> '' THEN e.by_value END AS by_value, e.lead_id, l.title, l.submitter_id,
       l.branch_id, e.phase, e.last_change_day, $as_of - e.last_change_day AS days_since_change
FROM lead_phases_as_of($scope_kind, $scope_id, $as_of, $by) e
JOIN lead_fields_as_of($as_of) l ON l.lead_key = e.lead_key
WHERE e.outcome = 'open' AND $as_of - e.last_change_day >= $days
-- by_value and the group keys under CASE WHEN $by <> '': without grouping DuckDB folds them to
-- constants (a column of NULL text, sorted and handed over, cost 0.1 s of CPU at 750,000 rows)
ORDER BY CASE WHEN $by <> '' THEN (e.by_value IS NULL OR e.by_value = '') END,
         CASE WHEN $by <> '' THEN e.by_value END, days_since_change DESC, e.lead_id;
