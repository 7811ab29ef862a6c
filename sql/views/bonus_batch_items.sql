-- Lines of payout batches as they were added: per bonus, position 1 is the bonus (+amount), then
-- each line finance decided alternates clawback (-amount) and reinstatement (+amount), so the sum
-- of a bonus's lines is its amount or zero (bonus-rules.md, "Corrections after a batch").
CREATE OR REPLACE VIEW main.bonus_batch_items AS
SELECT batch_id, lead_id, submitter_id, amount_eur, kind, assignment_id, scheme, "trigger",
       threshold_hours, invoiced_hours, earned_on, payout_date, "position", added_by, added_at
FROM store.bonus_batch_items;
