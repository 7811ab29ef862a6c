-- Table macro: what a payout batch closed for the month ending `period_end` holds: every bonus
-- `earned` as of that day, due (payout_date) in that month or earlier, in no batch ever; and
-- every line finance decided (clawback, reinstatement) that waits for the next period closed
-- because the batch of the bonus's latest line was paid (bonus-rules.md, "Payout batches",
-- "Corrections after a batch").
CREATE OR REPLACE MACRO main.bonuses_due(period_end) AS TABLE
SELECT lead_id, 1 AS "position", 'bonus' AS kind, submitter_id, assignment_id, scheme, "trigger",
       threshold_hours, invoiced_hours, earned_on, payout_date, amount_eur
FROM main.bonus_states(period_end)
WHERE status = 'earned'
  AND payout_date <= period_end
  AND lead_id NOT IN (SELECT lead_id FROM store.bonus_batch_items)
UNION ALL
SELECT r.lead_id, r."position",
       CASE r.decision WHEN 'clawback' THEN 'clawback' ELSE 'reinstatement' END AS kind,
       i.submitter_id, i.assignment_id, i.scheme, i."trigger", i.threshold_hours,
       i.invoiced_hours, r.earned_on, r.payout_date, r.amount_eur
FROM store.bonus_resolutions r
JOIN store.bonus_batch_items i ON i.lead_id = r.lead_id AND i."position" = 1
WHERE r.decision IN ('clawback', 'reinstate')
  AND NOT EXISTS (SELECT 1 FROM store.bonus_batch_items x
                  WHERE x.lead_id = r.lead_id AND x."position" = r."position");
