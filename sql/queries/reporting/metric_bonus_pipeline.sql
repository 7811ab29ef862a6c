-- bonus_pipeline: every won lead in the scope with its bonus state as of the date (the bonus
-- engine's macro bonus_states, the one truth), the hours still to go to the threshold, the share
-- reached, and the projected earn date of an hours bonus still `pending` (bonus_projections: the
-- one projection, shared with `bonuses forecast` and the accrual; the last 4 weeks' pace).
-- Sorted by lead.
WITH s AS (
    -- scope all reads no lead row: its subquery is empty (one SELECT, not a UNION of the two
    -- cases, which would cost the statistics DuckDB compresses lead ids with)
    SELECT b.*
    FROM bonus_projections($as_of) b
    WHERE b.pipeline = (SELECT s.value FROM store.settings s WHERE s.key = 'phase_pipeline')
      AND ($scope_kind = 'all'
           OR b.lead_id IN (SELECT l.lead_id FROM scoped_leads($scope_kind, $scope_id) l
                            WHERE $scope_kind <> 'all'))
), paced AS (
    SELECT *,
           CASE WHEN "trigger" = 'hours' AND threshold_hours > 0
                THEN greatest(threshold_hours - invoiced_hours, 0) END AS hours_to_go
    FROM s
)
SELECT lead_id, submitter_id, business_unit, assignment_id, scheme, "trigger", won_on,
       threshold_hours, invoiced_hours, hours_to_go,
       CASE WHEN threshold_hours > 0
            THEN round(least(CAST(invoiced_hours AS DOUBLE) / CAST(threshold_hours AS DOUBLE), 1), 4)
       END AS share_of_threshold,
       projected_earned_on,
       earned_on, payout_date, amount_eur, status
FROM paced
ORDER BY lead_id;
