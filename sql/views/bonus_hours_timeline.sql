-- H(d) of every assignment as a step function: one row per day its invoiced hours known at that
-- day change, with the value from that day on and the value just before it (bonus-rules.md,
-- "When it is earned").
-- This is the known-at rule of timesheet_lines_known_at(as_of), stated over time: a revision is
-- known from its status_date until the first status_date of a higher revision of its line
-- (tests/bonuses/test_bonus_model.py checks that both agree on every day).
CREATE OR REPLACE VIEW main.bonus_hours_timeline AS
WITH spans AS (
    SELECT assignment_id,
           status_date AS known_from,
           min(status_date) OVER (
               PARTITION BY line_id ORDER BY revision DESC
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
           ) AS superseded_on,
           CASE WHEN lower(status) = 'invoiced' THEN hours ELSE 0 END AS hours
    FROM store.timesheet_lines
),
deltas AS (
    SELECT assignment_id, known_from AS day, hours AS delta
    FROM spans
    WHERE hours <> 0 AND (superseded_on IS NULL OR superseded_on > known_from)
    UNION ALL
    SELECT assignment_id, superseded_on AS day, -hours AS delta
    FROM spans
    WHERE hours <> 0 AND superseded_on > known_from
),
per_day AS (
    SELECT assignment_id, day, sum(delta) AS delta
    FROM deltas
    GROUP BY assignment_id, day
)
SELECT assignment_id, changed_on, invoiced_hours,
       CAST(invoiced_hours - delta AS DECIMAL(12, 2)) AS hours_before
FROM (
    SELECT assignment_id, day AS changed_on, delta,
           CAST(sum(delta) OVER (PARTITION BY assignment_id ORDER BY day) AS DECIMAL(12, 2))
               AS invoiced_hours
    FROM per_day
);
