-- `bonuses list --as-of`: the columns of data-contracts.md ("Output: bonuses list"), by lead_id,
-- for the leads of one scope (scoped_leads: the one place of the scope rule).
SELECT lead_id, submitter_id, assignment_id, scheme, "trigger",
       CAST(threshold_hours AS DECIMAL(12, 2)) AS threshold_hours,
       CAST(invoiced_hours AS DECIMAL(12, 2)) AS invoiced_hours,
       earned_on, payout_date,
       CAST(amount_eur AS DECIMAL(12, 2)) AS amount_eur,
       status
FROM main.bonus_states(CAST($as_of AS DATE))
WHERE $scope_kind = 'all'
   OR lead_id IN (SELECT lead_id FROM main.scoped_leads($scope_kind, $scope_id))
ORDER BY lead_id;
