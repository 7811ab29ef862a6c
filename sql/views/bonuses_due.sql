-- Table macro: what a payout batch closed for the month ending `period_end` holds: every bonus
-- `earned` as of that day, due (payout_date) in that month or earlier, in no batch ever; and the
-- negative line of every clawback decided and not yet batched (bonus-rules.md, "Payout batches").
CREATE OR REPLACE MACRO main.bonuses_due(period_end) AS TABLE
SELECT lead_id, 'bonus' AS kind, submitter_id, assignment_id, scheme, "trigger", threshold_hours,
       invoiced_hours, earned_on, payout_date, amount_eur
FROM main.bonus_states(period_end)
WHERE status = 'earned'
  AND payout_date <= period_end
  AND lead_id NOT IN (SELECT lead_id FROM store.bonus_batch_items WHERE kind = 'bonus')
UNION ALL
SELECT i.lead_id, 'clawback' AS kind, i.submitter_id, i.assignment_id, i.scheme, i."trigger",
       i.threshold_hours, i.invoiced_hours, i.earned_on, i.payout_date, -i.amount_eur AS amount_eur
FROM store.bonus_batch_items i
WHERE i.kind = 'bonus'
  AND i.lead_id IN (SELECT lead_id FROM store.bonus_resolutions WHERE decision = 'clawback')
  AND i.lead_id NOT IN (SELECT lead_id FROM store.bonus_batch_items WHERE kind = 'clawback');
