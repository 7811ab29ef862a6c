-- time_in_phase: per phase that is not an end, the completed stays up to the as-of date (from
-- entering the phase to the next event of that lead, whole calendar days) with their median and
-- 90th percentile, and the leads in the phase on the as-of date with the median days so far.
WITH stays AS (
    SELECT phase, left_day IS NULL AS ongoing, coalesce(left_day, $as_of) - day AS days
    FROM scoped_lead_events($scope_kind, $scope_id, $as_of)
), phases_active AS (
    SELECT * FROM phases
    WHERE entity = 'lead' AND NOT is_end
      AND pipeline = (SELECT value FROM store.settings WHERE key = 'phase_pipeline')
)
SELECT p.code AS phase, p.label_en AS label, p.label_nl, p.color,
       count(s.days) FILTER (WHERE NOT s.ongoing) AS completed_stays,
       round(quantile_cont(s.days, 0.5) FILTER (WHERE NOT s.ongoing), 1) AS median_days,
       round(quantile_cont(s.days, 0.9) FILTER (WHERE NOT s.ongoing), 1) AS p90_days,
       count(s.days) FILTER (WHERE s.ongoing) AS current_leads,
       round(quantile_cont(s.days, 0.5) FILTER (WHERE s.ongoing), 1) AS current_median_days
FROM phases_active p
LEFT JOIN stays s ON s.phase = p.code
GROUP BY p.code, p.label_en, p.label_nl, p.color, p.position
ORDER BY p.position;
