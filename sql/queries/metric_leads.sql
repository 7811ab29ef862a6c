-- leads: the Casemaster tabs. One row per lead in the scope as of the date with its phase then;
-- $phase_group = '' is the tab "Alle" (every group). Sorted by group, phase, lead id.
SELECT l.lead_id, l.title, l.client_name, l.business_unit, l.branch_id, l.submitter_id,
       pe.name AS submitter_name, l.phase_group, l.phase, p.label_en AS label, p.label_nl,
       l.phase_day AS phase_since, $as_of - l.phase_day AS days_in_phase
FROM leads_as_of($scope_kind, $scope_id, $as_of, '') l
JOIN phases p
  ON p.entity = 'lead' AND p.code = l.phase
 AND p.pipeline = (SELECT value FROM store.settings WHERE key = 'phase_pipeline')
LEFT JOIN store.people pe ON pe.person_id = l.submitter_id
WHERE $phase_group = '' OR l.phase_group = $phase_group
ORDER BY p.group_position, p.position, l.lead_id;
