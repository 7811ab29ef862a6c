-- bonus_payouts: bonus amounts per payout month as of the date, from the bonus engine's
-- bonus_states, for the leads in the scope: earned (not yet paid: earned, in_batch, approved)
-- and paid; with a grouping, per value of that column (business_unit, submitter_id, ...).
WITH s AS (
    -- scope all without a grouping needs no lead row: the leads of the active pipeline
    SELECT CAST(NULL AS VARCHAR) AS by_value, b.payout_date, b.status, b.amount_eur
    FROM bonus_states($as_of) b
    WHERE $scope_kind = 'all' AND $by = '' AND b.payout_date IS NOT NULL
      AND b.pipeline = (SELECT s.value FROM store.settings s WHERE s.key = 'phase_pipeline')
    UNION ALL
    SELECT l.by_value, b.payout_date, b.status, b.amount_eur
    FROM bonus_states($as_of) b
    JOIN lead_phases_as_of($scope_kind, $scope_id, $as_of, $by) l ON l.lead_id = b.lead_id
    WHERE NOT ($scope_kind = 'all' AND $by = '') AND b.payout_date IS NOT NULL
)
SELECT by_value, strftime(payout_date, '%Y-%m') AS payout_month,
       count(*) FILTER (WHERE status IN ('earned', 'in_batch', 'approved')) AS earned_bonuses,
       CAST(coalesce(sum(amount_eur) FILTER (WHERE status IN ('earned', 'in_batch', 'approved')), 0)
            AS DECIMAL(12, 2)) AS earned_eur,
       count(*) FILTER (WHERE status = 'paid') AS paid_bonuses,
       CAST(coalesce(sum(amount_eur) FILTER (WHERE status = 'paid'), 0) AS DECIMAL(12, 2))
           AS paid_eur
FROM s
GROUP BY by_value, payout_month
ORDER BY (by_value IS NULL OR by_value = ''), by_value, payout_month;
