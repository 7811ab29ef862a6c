-- funnel (reports.md "Three metrics, exactly"): per step, the leads that by the as-of date had
-- reached that step or a later one; the rate against the previous step, rounded half away from
-- zero to 4 decimals with integer arithmetic; the 95% Wilson score interval (z = 1.959964).
-- With a grouping ($by <> ''), the rows repeat per value of the column, ascending, empty last.
WITH steps AS (
    SELECT * FROM lead_steps()
), pop AS (
    -- each lead as of the date with the furthest step it had reached by then
    SELECT lead_id, by_value, max_step_position
    FROM lead_phases_as_of($scope_kind, $scope_id, $as_of, $by)
), per_value AS (
    SELECT p.by_value, s.step_no AS max_step, count(*) AS n
    FROM pop p JOIN steps s ON s.position = p.max_step_position
    GROUP BY ALL
), grid AS (
    SELECT g.by_value, s.step_no, s.step, s.label
    FROM (SELECT DISTINCT by_value FROM pop) g CROSS JOIN steps s
), counts AS (
    SELECT grid.by_value, grid.step_no, grid.step, grid.label,
           CAST(coalesce(sum(v.n), 0) AS BIGINT) AS leads
    FROM grid
    LEFT JOIN per_value v
           ON v.by_value IS NOT DISTINCT FROM grid.by_value AND v.max_step >= grid.step_no
    GROUP BY ALL
), rated AS (
    SELECT *, lag(leads) OVER (PARTITION BY by_value ORDER BY step_no) AS prev,
           1.959964 AS z
    FROM counts
), wilson AS (
    SELECT *,
           CASE WHEN prev > 0 THEN leads / prev END AS p,
           CASE WHEN prev > 0 THEN
               z * sqrt((leads / prev) * (1 - leads / prev) / prev + z * z / (4.0 * prev * prev))
           END AS half
    FROM rated
)
SELECT by_value, step, label, leads,
       CASE WHEN prev > 0 THEN ((leads * 20000 + prev) // (2 * prev)) / 10000.0 END AS rate,
       CASE WHEN prev > 0 THEN
           round((p + z * z / (2.0 * prev) - half) / (1 + z * z / prev), 4) END AS rate_low,
       CASE WHEN prev > 0 THEN
           round((p + z * z / (2.0 * prev) + half) / (1 + z * z / prev), 4) END AS rate_high
FROM wilson
ORDER BY (by_value IS NULL OR by_value = ''), by_value, step_no;
