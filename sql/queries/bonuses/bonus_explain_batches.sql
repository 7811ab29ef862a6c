-- Every line of one lead's bonus, by position: batch items with the batch's steps, and decided
-- lines still waiting for the next period closed (no batch); each with finance's decision.
SELECT coalesce(i."position", r."position") AS "position",
       coalesce(i.kind, CASE r.decision WHEN 'clawback' THEN 'clawback'
                                        ELSE 'reinstatement' END) AS kind,
       coalesce(i.amount_eur, r.amount_eur) AS amount_eur,
       coalesce(i.earned_on, r.earned_on) AS earned_on,
       coalesce(i.payout_date, r.payout_date) AS payout_date,
       i.batch_id, b.period, b.status, i.added_by, i.added_at,
       b.prepared_by, b.prepared_at, b.approved_by, b.approved_at, b.paid_by, b.paid_at,
       r.resolved_by AS decided_by, r.resolved_at AS decided_at, r.reason
FROM (SELECT * FROM store.bonus_batch_items WHERE lead_id = $lead_id) i
FULL JOIN (SELECT * FROM store.bonus_resolutions
           WHERE lead_id = $lead_id AND decision IN ('clawback', 'reinstate')) r
       ON r."position" = i."position"
LEFT JOIN main.bonus_batches b ON b.batch_id = i.batch_id
ORDER BY 1;
