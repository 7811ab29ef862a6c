-- Freeze the batch: its lines as they are now (amount, scheme, dates), from bonuses_due, added by
-- the person closing the period.
INSERT INTO store.bonus_batch_items (batch_id, lead_id, "position", kind, submitter_id,
                                     assignment_id, scheme, "trigger", threshold_hours,
                                     invoiced_hours, earned_on, payout_date, amount_eur, added_by,
                                     added_at)
SELECT $batch_id, lead_id, "position", kind, submitter_id, assignment_id, scheme, "trigger",
       threshold_hours, invoiced_hours, earned_on, payout_date, amount_eur, $by, $at
FROM main.bonuses_due(CAST($period_end AS DATE));
