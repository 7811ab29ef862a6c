-- inflow: per week (Monday) up to the as-of date, the leads created that week (their first
-- event) and the leads that started (first entered a step of the funnel) that week.
WITH ev AS (
    -- each lead as of the date: its first day and its start day reached by then
    SELECT created_on, started_on
    FROM scoped_lead_events($scope_kind, $scope_id, $as_of)
    WHERE left_day IS NULL
), weeks AS (
    SELECT CAST(date_trunc('week', created_on) AS DATE) AS week, 'created' AS what FROM ev
    UNION ALL
    SELECT CAST(date_trunc('week', started_on) AS DATE), 'started' FROM ev
    WHERE started_on IS NOT NULL
)
SELECT week,
       count(*) FILTER (WHERE what = 'created') AS leads_created,
       count(*) FILTER (WHERE what = 'started') AS leads_started
FROM weeks
GROUP BY 1
ORDER BY 1;
