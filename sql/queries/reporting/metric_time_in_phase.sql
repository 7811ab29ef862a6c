-- time_in_phase: per phase that is not an end, the completed stays up to the as-of date (from
-- entering the phase to the next event of that lead, whole calendar days) with their median and
-- 90th percentile, and the leads in the phase on the as-of date with the median days so far.
-- The quantiles are quantile_cont's (linear between the two nearest ranks), computed from the
-- count of stays per whole number of days: a few thousand rows instead of every stay.
-- With $by, the rows repeat per value of the lead's column on the as-of date (every phase per
-- value, ascending, empty last).
WITH stays AS (
    SELECT g.by_value, e.phase, e.left_day IS NULL AS ongoing,
           coalesce(e.left_day, $as_of) - e.day AS days, count(*) AS n
    FROM scoped_lead_events($scope_kind, $scope_id, $as_of) e
    LEFT JOIN lead_by_values($as_of, $by) g ON g.lead_key = e.lead_key
    GROUP BY ALL
), ranked AS (
    SELECT *,
           CAST(coalesce(sum(n) OVER (PARTITION BY by_value, phase, ongoing ORDER BY days
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                AS BIGINT) AS before,
           CAST(sum(n) OVER (PARTITION BY by_value, phase, ongoing) AS BIGINT) AS total
    FROM stays
), wanted AS (
    -- the fractional rank (total - 1) * q of each quantile
    SELECT DISTINCT r.by_value, r.phase, r.ongoing, r.total, q.q, (r.total - 1) * q.q AS h
    FROM ranked r CROSS JOIN (VALUES (0.5), (0.9)) q(q)
), quantiles AS (
    SELECT w.by_value, w.phase, w.ongoing, w.total, w.q,
           lo.days + (w.h - floor(w.h)) * (hi.days - lo.days) AS value
    FROM wanted w
    JOIN ranked lo ON lo.by_value IS NOT DISTINCT FROM w.by_value
     AND lo.phase = w.phase AND lo.ongoing = w.ongoing
     AND floor(w.h) >= lo.before AND floor(w.h) < lo.before + lo.n
    JOIN ranked hi ON hi.by_value IS NOT DISTINCT FROM w.by_value
     AND hi.phase = w.phase AND hi.ongoing = w.ongoing
     AND ceil(w.h) >= hi.before AND ceil(w.h) < hi.before + hi.n
), per_phase AS (
    SELECT by_value, phase,
           max(total) FILTER (WHERE NOT ongoing) AS completed_stays,
           max(value) FILTER (WHERE NOT ongoing AND q = 0.5) AS median_days,
           max(value) FILTER (WHERE NOT ongoing AND q = 0.9) AS p90_days,
           max(total) FILTER (WHERE ongoing) AS current_leads,
           max(value) FILTER (WHERE ongoing AND q = 0.5) AS current_median_days
    FROM quantiles
    GROUP BY by_value, phase
), phases_active AS (
    SELECT * FROM phases
    WHERE entity = 'lead' AND NOT is_end
      AND pipeline = (SELECT value FROM store.settings WHERE key = 'phase_pipeline')
), grid AS (
    SELECT g.by_value, p.*
    -- without grouping one group (NULL): every phase listed even when nothing was there
    FROM (SELECT by_value FROM stays UNION SELECT CAST(NULL AS VARCHAR) WHERE $by = '') g
    CROSS JOIN phases_active p
)
SELECT p.by_value, p.code AS phase, p.label_en AS label, p.label_nl, p.color,
       coalesce(s.completed_stays, 0) AS completed_stays,
       round(s.median_days, 1) AS median_days,
       round(s.p90_days, 1) AS p90_days,
       coalesce(s.current_leads, 0) AS current_leads,
       round(s.current_median_days, 1) AS current_median_days
FROM grid p
LEFT JOIN per_phase s ON s.by_value IS NOT DISTINCT FROM p.by_value AND s.phase = p.code
ORDER BY (p.by_value IS NULL OR p.by_value = ''), p.by_value, p.position;
