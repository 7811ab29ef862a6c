-- Freeze the batch: its items as they are now (amount, scheme, dates), from bonus_period_due.
INSERT INTO store.bonus_batch_items (batch_id, lead_id, kind, submitter_id, assignment_id, scheme,
                                     "trigger", threshold_hours, invoiced_hours, earned_on,
                                     payout_date, amount_eur)
SELECT $batch_id, lead_id, kind, submitter_id, assignment_id, scheme, "trigger", threshold_hours,
       invoiced_hours, earned_on, payout_date, amount_eur
FROM main.bonuses_due(CAST($period_end AS DATE));
