-- `bonuses list --as-of`: the columns of data-contracts.md ("Output: bonuses list"), by lead_id.
SELECT lead_id, submitter_id, assignment_id, scheme, "trigger",
       CAST(threshold_hours AS DECIMAL(12, 2)) AS threshold_hours,
       CAST(invoiced_hours AS DECIMAL(12, 2)) AS invoiced_hours,
       earned_on, payout_date,
       CAST(amount_eur AS DECIMAL(12, 2)) AS amount_eur,
       status
FROM main.bonus_states(CAST($as_of AS DATE))
ORDER BY lead_id;
