-- Table macro: the Kaplan-Meier curves of the days from won to earned behind the accrual
-- (bonus-rules.md, "Accrual"), estimated as lead_decision_days estimates time_to_decision.
-- Population: every lead won before `as_of` with an hours trigger, in the whole warehouse (no
-- scope). A lead is earned on the first day from its won day on with H at or above its
-- threshold (the steps of store.bonus_hours_crossings by as_of, read as bonus_states reads
-- them; a later loss does not undo the event); any other lead is censored at as_of - won_on
-- (still pending, or its assignment ended below the threshold: at risk until as_of, never
-- earned). Curves: one per (scheme, business_unit) with at least `min_group` such leads, and
-- the overall one (curve_scheme and curve_business_unit NULL, overall = true) over all of them.
-- One row per curve and distinct duration in whole days at which anything happened: leads at
-- risk (duration >= days; censored leads of a day are at risk for that day's events), earned,
-- censored, `survival` S(days) = P(not earned within days) and `group_leads`; `curve_id` 0 is
-- the overall curve.
-- Usage: SELECT * FROM bonus_earn_curves(DATE '2026-03-31', 30)
CREATE OR REPLACE MACRO main.bonus_earn_curves(as_of, min_group) AS TABLE
WITH won AS (
    SELECT lead_id, assignment_id, scheme, business_unit, won_on, threshold_hours
    FROM main.bonus_states(as_of)
    WHERE "trigger" = 'hours' AND won_on < as_of
),
reached AS (
    SELECT w.lead_id,
           arg_max(c.invoiced_hours >= w.threshold_hours, c.changed_on)
               FILTER (WHERE c.changed_on <= w.won_on) AS above_at_won,
           min(c.changed_on) FILTER (WHERE c.changed_on > w.won_on
                                       AND c.invoiced_hours >= w.threshold_hours
                                       AND c.hours_before < w.threshold_hours) AS first_up
    FROM won w
    JOIN store.bonus_hours_crossings c ON c.assignment_id = w.assignment_id
    WHERE c.changed_on <= as_of
      AND (c.hours_before < w.threshold_hours) <> (c.invoiced_hours < w.threshold_hours)
    GROUP BY w.lead_id
),
obs AS (
    SELECT w.scheme, w.business_unit,
           CASE WHEN coalesce(r.above_at_won, false) THEN w.won_on ELSE r.first_up END
               AS earned_on, w.won_on
    FROM won w
    LEFT JOIN reached r ON r.lead_id = w.lead_id
),
sized AS (
    SELECT scheme, business_unit, coalesce(earned_on, CAST(as_of AS DATE)) - won_on AS days,
           earned_on IS NOT NULL AS earned,
           count(*) OVER (PARTITION BY scheme, business_unit) AS group_leads,
           count(*) OVER () AS all_leads
    FROM obs
),
curved AS (
    SELECT scheme AS curve_scheme, business_unit AS curve_business_unit, false AS overall,
           group_leads, days, earned
    FROM sized
    WHERE group_leads >= min_group
    UNION ALL
    SELECT NULL, NULL, true, all_leads, days, earned
    FROM sized
),
per_day AS (
    SELECT curve_scheme, curve_business_unit, overall, days,
           any_value(group_leads) AS group_leads,
           count(*) AS n,
           count(*) FILTER (WHERE earned) AS earned,
           count(*) FILTER (WHERE NOT earned) AS censored
    FROM curved
    GROUP BY curve_scheme, curve_business_unit, overall, days
),
risk AS (
    SELECT *,
           sum(n) OVER (PARTITION BY curve_scheme, curve_business_unit, overall
                        ORDER BY days DESC ROWS UNBOUNDED PRECEDING) AS at_risk
    FROM per_day
),
km AS (
    SELECT *,
           product(1 - earned / at_risk)
               OVER (PARTITION BY curve_scheme, curve_business_unit, overall
                     ORDER BY days ROWS UNBOUNDED PRECEDING) AS survival
    FROM risk
)
SELECT dense_rank() OVER (ORDER BY overall DESC, curve_scheme, curve_business_unit) - 1
           AS curve_id,
       curve_scheme, curve_business_unit, overall, group_leads, days,
       CAST(at_risk AS BIGINT) AS at_risk, earned, censored, survival
FROM km;
