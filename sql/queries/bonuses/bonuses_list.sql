-- `bonuses list --as-of`: the columns of data-contracts.md ("Output: bonuses list"), by lead_id,
-- for the leads of one scope (scoped_leads: the one place of the scope rule). `dispute`, last:
-- the latest dispute on the bonus opened by the end of $as_of, `open` or `answered` as it stood
-- then (bonus-rules.md, "Controls before money moves"); empty for none.
SELECT s.lead_id, s.submitter_id, s.assignment_id, s.scheme, s."trigger",
       CAST(s.threshold_hours AS DECIMAL(12, 2)) AS threshold_hours,
       CAST(s.invoiced_hours AS DECIMAL(12, 2)) AS invoiced_hours,
       s.earned_on, s.payout_date,
       CAST(s.amount_eur AS DECIMAL(12, 2)) AS amount_eur,
       s.status, d.dispute
FROM main.bonus_states(CAST($as_of AS DATE)) s
LEFT JOIN (
    SELECT lead_id,
           arg_max(CASE WHEN answered_at < main.day_end($as_of) THEN 'answered' ELSE 'open' END,
                   dispute_id) AS dispute
    FROM store.bonus_disputes
    WHERE opened_at < main.day_end($as_of)
    GROUP BY lead_id
) d ON d.lead_id = s.lead_id
WHERE $scope_kind = 'all'
   OR s.lead_id IN (SELECT lead_id FROM main.scoped_leads($scope_kind, $scope_id))
ORDER BY s.lead_id;
