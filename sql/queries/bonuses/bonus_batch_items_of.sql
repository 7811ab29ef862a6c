-- The items of one batch, bonus lines before clawback lines, by lead.
SELECT lead_id, kind, submitter_id, assignment_id, scheme, "trigger", threshold_hours,
       invoiced_hours, earned_on, payout_date, amount_eur
FROM store.bonus_batch_items
WHERE batch_id = $batch_id
ORDER BY lead_id, kind;
