-- leads: the Casemaster tabs. One row per lead in the scope as of the date with its phase then;
-- $phase_group = '' is the tab "Alle" (every group). Sorted by group, phase (phase_key is in
-- that order), lead id. The phase's texts (phase_group, phase, label, label_nl) come as
-- phase_key (active_lead_phases), looked up per phase by metrics.leads
-- (metric_leads_phase_texts): 1 M rows sort and travel without four strings each.
SELECT l.lead_id, l.title, l.client_name, l.business_unit, l.branch_id, l.submitter_id,
       pe.name AS submitter_name, p.phase_key,
       l.phase_day AS phase_since, $as_of - l.phase_day AS days_in_phase
FROM leads_as_of($scope_kind, $scope_id, $as_of, '') l
JOIN active_lead_phases p ON p.phase = l.phase
LEFT JOIN store.people pe ON pe.person_id = l.submitter_id
WHERE $phase_group = '' OR l.phase_group = $phase_group
ORDER BY p.phase_key, l.lead_id;
