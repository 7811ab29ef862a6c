-- leads: the Casemaster tabs. One row per lead in the scope as of the date with its phase then;
-- $phase_group = '' is the tab "Alle" (every group). Sorted by group, phase (phase_key is in
-- that order), lead id. Only keys travel through the sort: the lead's fields come as lead_key
-- (metric_leads_fields) and the phase's texts (phase_group, phase, label, label_nl) as
-- phase_key (active_lead_phases, metric_leads_phase_texts); metrics.leads puts them in place
-- by key. A million rows sort in half the time without seven strings each.
SELECT e.lead_key, p.phase_key, e.phase_day AS phase_since, $as_of - e.phase_day AS days_in_phase
FROM lead_phases_as_of($scope_kind, $scope_id, $as_of, '') e
JOIN active_lead_phases p ON p.phase = e.phase
WHERE $phase_group = '' OR e.phase_group = $phase_group
ORDER BY p.phase_key, e.lead_id;
