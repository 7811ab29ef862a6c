-- inflow: per week (Monday) up to the as-of date, the leads created that week and the leads
-- that started (first entered a step of the funnel) that week.
WITH ev AS (
    SELECT * FROM scoped_lead_events($scope_kind, $scope_id, $as_of)
), created AS (
    SELECT lead_id, min(day) AS day FROM ev GROUP BY 1
), started AS (
    SELECT ev.lead_id, min(ev.day) AS day
    FROM ev JOIN lead_steps() s ON s.step = ev.phase
    GROUP BY 1
), weeks AS (
    SELECT CAST(date_trunc('week', day) AS DATE) AS week, 'created' AS what FROM created
    UNION ALL
    SELECT CAST(date_trunc('week', day) AS DATE), 'started' FROM started
)
SELECT week,
       count(*) FILTER (WHERE what = 'created') AS leads_created,
       count(*) FILTER (WHERE what = 'started') AS leads_started
FROM weeks
GROUP BY 1
ORDER BY 1;
