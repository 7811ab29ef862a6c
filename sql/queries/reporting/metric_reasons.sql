-- reasons: leads in a lost end phase on the as-of date, by phase and reason.
SELECT l.by_value, l.phase, p.label_en AS label, p.label_nl, p.color,
       coalesce(l.reason, '') AS reason, count(*) AS leads
FROM lead_phases_as_of($scope_kind, $scope_id, $as_of, $by) l
JOIN phases p
  ON p.entity = 'lead' AND p.code = l.phase
 AND p.pipeline = (SELECT value FROM store.settings WHERE key = 'phase_pipeline')
WHERE l.outcome = 'lost'
GROUP BY l.by_value, l.phase, p.label_en, p.label_nl, p.color, l.reason, p.position
ORDER BY (l.by_value IS NULL OR l.by_value = ''), l.by_value, p.position, leads DESC, reason;
