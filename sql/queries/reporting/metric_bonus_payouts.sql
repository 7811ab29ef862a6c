-- bonus_payouts: bonus amounts per payout month as of the date, from the bonus engine's
-- bonus_states, for the leads in the scope: earned (not yet paid: earned, in_batch, approved)
-- and paid; with a grouping, per value of that column (business_unit, submitter_id, ...).
WITH s AS (
    -- scope all without a grouping reads no lead row: the lead subquery is empty then (one
    -- SELECT, not a UNION of the two cases, which would cost the statistics DuckDB compresses
    -- lead ids with)
    SELECT l.by_value, b.payout_date, b.status, b.amount_eur
    FROM bonus_states($as_of) b
    LEFT JOIN (SELECT lead_id, by_value
               FROM lead_phases_as_of($scope_kind, $scope_id, $as_of, $by)
               WHERE NOT ($scope_kind = 'all' AND $by = '')) l ON l.lead_id = b.lead_id
    WHERE b.payout_date IS NOT NULL
      AND b.pipeline = (SELECT s.value FROM store.settings s WHERE s.key = 'phase_pipeline')
      AND (($scope_kind = 'all' AND $by = '') OR l.lead_id IS NOT NULL)
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
