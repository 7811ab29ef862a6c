-- What was earned for each payout month after $as_of, as the warehouse answers on $truth (the
-- last day of data): bonuses earned, batched or paid by then (the back-test of the accrual,
-- README "Bonus accrual"), split by what each bonus was at $as_of.
SELECT strftime(t.payout_date, '%Y-%m') AS payout_month, sum(t.amount_eur) AS earned_eur,
       sum(t.amount_eur) FILTER (WHERE d.status IN ('earned', 'in_batch', 'approved'))
           AS earned_at_d_eur,
       sum(t.amount_eur) FILTER (WHERE d.status = 'pending') AS pending_at_d_eur,
       sum(t.amount_eur) FILTER (WHERE d.lead_id IS NULL) AS won_after_d_eur
FROM bonus_states(CAST($truth AS DATE)) t
LEFT JOIN bonus_states(CAST($as_of AS DATE)) d ON d.lead_id = t.lead_id
WHERE t.status IN ('earned', 'in_batch', 'approved', 'paid', 'review')
  AND t.payout_date > CAST($as_of AS DATE)
GROUP BY 1
ORDER BY 1
