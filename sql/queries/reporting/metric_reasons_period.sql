-- reasons over a period [$since, $as_of] (the period's end is the as-of date; $since NULL: from
-- the first day): the leads that entered a lost end phase (rejected, cancelled) on a day of the
-- period, each once, by the phase and reason of its last such entry in the period; per group
-- ($by, ascending, empty last), by phase, most leads first.
WITH ended AS (
    SELECT lead_id, any_value(lead_key) AS lead_key, arg_max(phase, seq) AS phase,
           arg_max(reason, seq) AS reason
    FROM scoped_lead_events($scope_kind, $scope_id, $as_of)
    WHERE outcome = 'lost' AND ($since IS NULL OR day >= $since)
    GROUP BY lead_id
), grouped AS (
    SELECT g.by_value, e.phase, e.reason
    FROM ended e
    LEFT JOIN lead_by_values($as_of, $by) g ON g.lead_key = e.lead_key
)
SELECT l.by_value, l.phase, p.label_en AS label, p.label_nl, p.color,
       coalesce(l.reason, '') AS reason, count(*) AS leads
FROM grouped l
JOIN phases p
  ON p.entity = 'lead' AND p.code = l.phase
 AND p.pipeline = (SELECT value FROM store.settings WHERE key = 'phase_pipeline')
GROUP BY l.by_value, l.phase, p.label_en, p.label_nl, p.color, l.reason, p.position
ORDER BY (l.by_value IS NULL OR l.by_value = ''), l.by_value, p.position, leads DESC, reason;
