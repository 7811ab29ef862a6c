-- H(d) of every assignment as a step function: one row per day its invoiced hours known at that
-- day change, with the value from that day on and the value just before it (bonus-rules.md,
-- "When it is earned"): the deltas of bonus_hour_deltas summed per day (days where they cancel
-- out are no change), then a running sum; `next_changed_on` is the day of the next change (NULL
-- for the last), so H at a day d is the one row with changed_on <= d < next_changed_on.
-- Stored for the assignments of the lead log as store.bonus_hours_timeline (migration 15), which
-- bonus_states(as_of) reads; this view is how it is computed and what `bonuses explain` and the
-- forecast read for one assignment.
CREATE OR REPLACE VIEW main.bonus_hours_timeline AS
SELECT assignment_id, changed_on, invoiced_hours,
       CAST(invoiced_hours - delta AS DECIMAL(12, 2)) AS hours_before, next_changed_on
FROM (
    SELECT assignment_id, day AS changed_on, delta,
           CAST(sum(delta) OVER (PARTITION BY assignment_id ORDER BY day) AS DECIMAL(12, 2))
               AS invoiced_hours,
           lead(day) OVER (PARTITION BY assignment_id ORDER BY day) AS next_changed_on
    FROM (
        SELECT assignment_id, day, sum(delta) AS delta
        FROM main.bonus_hour_deltas
        GROUP BY assignment_id, day
        HAVING sum(delta) <> 0
    )
);
