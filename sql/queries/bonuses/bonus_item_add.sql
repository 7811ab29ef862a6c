-- A line finance decided (clawback, reinstatement) added to the unpaid batch of the bonus's
-- latest line: frozen like the bonus line (scheme, trigger, threshold), with its own dates.
INSERT INTO store.bonus_batch_items (batch_id, lead_id, "position", kind, submitter_id,
                                     assignment_id, scheme, "trigger", threshold_hours,
                                     invoiced_hours, earned_on, payout_date, amount_eur, added_by,
                                     added_at)
SELECT $batch_id, lead_id, $position, $kind, submitter_id, assignment_id, scheme, "trigger",
       threshold_hours, $invoiced_hours, $earned_on, $payout_date, $amount_eur, $by, $at
FROM store.bonus_batch_items
WHERE lead_id = $lead_id AND "position" = 1;
