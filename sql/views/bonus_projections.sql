-- Table macro: every row of bonus_states(as_of), and for a `pending` hours bonus the one
-- projection of its earn date (bonus-rules.md, "Forecast" and "Controls before money moves":
-- one function, used by `bonuses forecast`, the bonus_pipeline metric and the accrual). The
-- pace is the invoiced hours that became known in the last 4 weeks by status_date: H(as_of)
-- less H(as_of - 28), summed straight from the invoiced lines and hour corrections dated in
-- (as_of - 28, as_of] (the deltas H is made of, as timesheet_hours_known_between reads them):
-- only those four weeks are read, not everything known after as_of - 28, and only for the
-- assignments of pending hours bonuses (benchmarks/README.md, 2026-12-06).
-- projected_earned_on = as_of + the days the missing hours take at that pace, rounded up; in
-- whole hundredths of an hour, so no float decides a day. Empty without pace (none, or hours
-- taken away). A projection, never a promise.
-- Usage: SELECT lead_id, projected_earned_on FROM bonus_projections(DATE '2026-03-31')
CREATE OR REPLACE MACRO main.bonus_projections(as_of) AS TABLE
WITH b AS MATERIALIZED (
    -- computed once: the rows and the pending hours bonuses whose pace is read
    SELECT * FROM main.bonus_states(as_of)
),
pending AS (
    -- the pace is read for these only: a hash join with an empty or small build side reads
    -- few or no lines (most bonuses are earned or not hours bonuses)
    SELECT DISTINCT assignment_id FROM b WHERE status = 'pending' AND "trigger" = 'hours'
),
last_4_weeks AS (
    SELECT p.assignment_id, sum(l.delta) AS hours
    FROM pending p
    JOIN (
        SELECT assignment_id, hours AS delta
        FROM store.timesheet_lines
        WHERE status = 'invoiced' AND hours <> 0
          AND status_date > CAST(as_of AS DATE) - 28 AND status_date <= CAST(as_of AS DATE)
        UNION ALL
        SELECT assignment_id, delta
        FROM store.timesheet_hour_corrections
        WHERE status = 'invoiced'
          AND day > CAST(as_of AS DATE) - 28 AND day <= CAST(as_of AS DATE)
    ) l ON l.assignment_id = p.assignment_id
    GROUP BY p.assignment_id
),
paced AS (
    SELECT b.*,
           CASE WHEN b.status = 'pending' AND b."trigger" = 'hours'
                THEN CAST(b.threshold_hours - b.invoiced_hours AS DECIMAL(12, 2)) END
               AS hours_missing,
           CASE WHEN b.status = 'pending' AND b."trigger" = 'hours'
                THEN CAST(coalesce(t.hours, 0) AS DECIMAL(12, 2)) END
               AS hours_last_4_weeks
    FROM b
    LEFT JOIN last_4_weeks t ON t.assignment_id = b.assignment_id
)
SELECT * EXCLUDE (hours_last_4_weeks),
       CAST(hours_last_4_weeks / 4 AS DECIMAL(12, 2)) AS weekly_hours,
       CASE WHEN hours_last_4_weeks > 0 AND hours_missing > 0
            THEN CAST(as_of AS DATE)
                 + CAST((CAST(hours_missing * 100 AS BIGINT) * 28
                         + CAST(hours_last_4_weeks * 100 AS BIGINT) - 1)
                        // CAST(hours_last_4_weeks * 100 AS BIGINT) AS INTEGER) END
           AS projected_earned_on
FROM paced;
