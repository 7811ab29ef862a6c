-- decision_summary: per group ($by, ascending, empty last; without $by one row) the time from
-- start to decision of time_to_decision and the cumulative incidence of time_to_assignment
-- (reports.md "Three metrics, exactly": same population, durations and censoring, the survival
-- table of lead_decision_days computed per group by window functions):
--   leads        the leads whose start is on or before the as-of date
--   median_days  the Kaplan-Meier median: the first day S(t) <= 0.5 (1e-9 allows for the float
--                product), empty when S stays above 0.5
--   median_low, median_high  the first day the lower / upper bound of the 95% band of S is <=
--                0.5: the exponential Greenwood (log(-log)) band of lifelines, z = 1.959963984540054:
--                exp(-exp(ln(-ln S) -/+ z sqrt(V) / ln S)), V = sum d / (n (n - d)) over the days
--                with n > d (1 where S = 1, 0 where S = 0); empty when the bound stays above 0.5
--   assigned_30/60/90  CI(t) = sum over days s <= t of S(s-) won(s) / n(s), 6 decimals; empty
--                when the curve is not known that far (the longest duration shorter than t and
--                some lead still open)
WITH obs AS (
    SELECT g.by_value, coalesce(e.ended_on, $as_of) - e.started_on AS days,
           e.end_outcome AS outcome
    FROM scoped_lead_events($scope_kind, $scope_id, $as_of) e
    LEFT JOIN lead_by_values($as_of, $by) g ON g.lead_key = e.lead_key
    WHERE e.left_day IS NULL AND e.started_on IS NOT NULL
), per_day AS (
    SELECT by_value, days, count(*) AS n,
           count(*) FILTER (WHERE outcome IS NOT NULL) AS decided,
           count(*) FILTER (WHERE outcome = 'won') AS won
    FROM obs
    GROUP BY ALL
), risk AS (
    SELECT *,
           sum(n) OVER (PARTITION BY by_value ORDER BY days DESC ROWS UNBOUNDED PRECEDING)
               AS at_risk
    FROM per_day
), km AS (
    SELECT *,
           product(1 - decided / at_risk) OVER upto AS s,
           sum(CASE WHEN at_risk > decided THEN decided / (at_risk * (at_risk - decided)) ELSE 0 END)
               OVER upto AS greenwood
    FROM risk
    WINDOW upto AS (PARTITION BY by_value ORDER BY days ROWS UNBOUNDED PRECEDING)
), curves AS (
    SELECT *,
           sum(s_before * won / at_risk) OVER upto AS incidence,
           CASE WHEN s >= 1 THEN 1.0 WHEN s <= 0 THEN 0.0
                ELSE exp(-exp(ln(-ln(s)) + 1.959963984540054 * sqrt(greenwood) / (-ln(s)))) END
               AS band_low,
           CASE WHEN s >= 1 THEN 1.0 WHEN s <= 0 THEN 0.0
                ELSE exp(-exp(ln(-ln(s)) - 1.959963984540054 * sqrt(greenwood) / (-ln(s)))) END
               AS band_high
    FROM (SELECT *, coalesce(lag(s) OVER (PARTITION BY by_value ORDER BY days), 1.0) AS s_before
          FROM km)
    WINDOW upto AS (PARTITION BY by_value ORDER BY days ROWS UNBOUNDED PRECEDING)
), per_group AS (
    SELECT by_value, sum(n) AS leads, max(days) AS longest, min(s) <= 0 AS all_decided,
           min(days) FILTER (WHERE s <= 0.5 + 1e-9) AS median_days,
           min(days) FILTER (WHERE band_low <= 0.5 + 1e-9) AS median_low,
           min(days) FILTER (WHERE band_high <= 0.5 + 1e-9) AS median_high,
           coalesce(max(incidence) FILTER (WHERE days <= 30), 0) AS ci_30,
           coalesce(max(incidence) FILTER (WHERE days <= 60), 0) AS ci_60,
           coalesce(max(incidence) FILTER (WHERE days <= 90), 0) AS ci_90
    FROM curves
    GROUP BY by_value
), groups AS (
    -- without grouping one row, also when no lead started
    SELECT by_value FROM per_group
    UNION
    SELECT CAST(NULL AS VARCHAR) WHERE $by = ''
)
SELECT g.by_value, CAST(coalesce(p.leads, 0) AS BIGINT) AS leads,
       CAST(p.median_days AS DOUBLE) AS median_days,
       CAST(p.median_low AS DOUBLE) AS median_low,
       CAST(p.median_high AS DOUBLE) AS median_high,
       CASE WHEN p.longest >= 30 OR p.all_decided THEN round(p.ci_30, 6) END AS assigned_30,
       CASE WHEN p.longest >= 60 OR p.all_decided THEN round(p.ci_60, 6) END AS assigned_60,
       CASE WHEN p.longest >= 90 OR p.all_decided THEN round(p.ci_90, 6) END AS assigned_90
FROM groups g
LEFT JOIN per_group p ON p.by_value IS NOT DISTINCT FROM g.by_value
ORDER BY (g.by_value IS NULL OR g.by_value = ''), g.by_value;
