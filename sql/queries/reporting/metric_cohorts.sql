-- cohorts: leads by the month of their start (first entry into a step), and per window of
-- 30/60/90 days: `mature_Nd` the leads whose window had fully passed by the as-of date,
-- `won_Nd` those of them that reached the won phase within N days of their start, and
-- `share_Nd` = won / mature (4 decimals, half away from zero; empty when none is mature).
WITH obs AS (
    -- each lead as of the date with its start and won days reached by then
    SELECT by_value, strftime(started_on, '%Y-%m') AS cohort,
           $as_of - started_on AS observed, won_on - started_on AS to_won
    FROM lead_phases_as_of($scope_kind, $scope_id, $as_of, $by)
    WHERE started_on IS NOT NULL
), agg AS (
    SELECT by_value, cohort, count(*) AS leads,
           count(*) FILTER (WHERE observed >= 30) AS mature_30d,
           count(*) FILTER (WHERE observed >= 30 AND to_won <= 30) AS won_30d,
           count(*) FILTER (WHERE observed >= 60) AS mature_60d,
           count(*) FILTER (WHERE observed >= 60 AND to_won <= 60) AS won_60d,
           count(*) FILTER (WHERE observed >= 90) AS mature_90d,
           count(*) FILTER (WHERE observed >= 90 AND to_won <= 90) AS won_90d
    FROM obs
    GROUP BY ALL
)
SELECT by_value, cohort, leads,
       mature_30d, won_30d,
       CASE WHEN mature_30d > 0 THEN ((won_30d * 20000 + mature_30d) // (2 * mature_30d)) / 10000.0 END AS share_30d,
       mature_60d, won_60d,
       CASE WHEN mature_60d > 0 THEN ((won_60d * 20000 + mature_60d) // (2 * mature_60d)) / 10000.0 END AS share_60d,
       mature_90d, won_90d,
       CASE WHEN mature_90d > 0 THEN ((won_90d * 20000 + mature_90d) // (2 * mature_90d)) / 10000.0 END AS share_90d
FROM agg
ORDER BY (by_value IS NULL OR by_value = ''), by_value, cohort;
