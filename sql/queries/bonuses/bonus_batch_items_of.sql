-- The lines of one batch, by lead and position (a bonus before its clawback, ...).
SELECT lead_id, kind, submitter_id, assignment_id, scheme, "trigger", threshold_hours,
       invoiced_hours, earned_on, payout_date, amount_eur
FROM store.bonus_batch_items
WHERE batch_id = $batch_id
ORDER BY lead_id, "position";
