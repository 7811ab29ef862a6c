-- Bonuses in payout batches, as they were when the batch was closed; a clawback is a negative line.
CREATE OR REPLACE VIEW main.bonus_batch_items AS
SELECT batch_id, lead_id, submitter_id, amount_eur, kind, assignment_id, scheme, "trigger",
       threshold_hours, invoiced_hours, earned_on, payout_date
FROM store.bonus_batch_items;
