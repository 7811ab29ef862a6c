-- H(d) of every assignment as a step function: one row per day its invoiced hours known at that
-- day change, with the value from that day on and the value just before it (bonus-rules.md,
-- "When it is earned"): the deltas of bonus_hour_deltas summed per day (days where they cancel
-- out are no change), then a running sum.
-- For one assignment's history (`bonuses explain`, the forecast's pace); bonus_states(as_of)
-- reads only its steps that cross a threshold in use, kept in store.bonus_hours_crossings.
CREATE OR REPLACE VIEW main.bonus_hours_timeline AS
SELECT assignment_id, changed_on, invoiced_hours,
       CAST(invoiced_hours - delta AS DECIMAL(12, 2)) AS hours_before
FROM (
    SELECT assignment_id, day AS changed_on, delta,
           CAST(sum(delta) OVER (PARTITION BY assignment_id ORDER BY day) AS DECIMAL(12, 2))
               AS invoiced_hours
    FROM (
        SELECT assignment_id, day, sum(delta) AS delta
        FROM main.bonus_hour_deltas
        GROUP BY assignment_id, day
        HAVING sum(delta) <> 0
    )
);
