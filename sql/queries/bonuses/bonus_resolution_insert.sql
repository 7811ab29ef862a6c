-- Finance's answer to a `review` bonus: keep (the change left as it is) or a decided line
-- (clawback, reinstate) at $position, into $batch_id or (NULL) the next period closed.
INSERT INTO store.bonus_resolutions (lead_id, decision, loss_since, resolved_by, resolved_at,
                                     reason, change, "position", earned_on, payout_date,
                                     amount_eur, batch_id)
VALUES ($lead_id, $decision, $loss_since, $by, $at, $reason, $change, $position, $earned_on,
        $payout_date, $amount_eur, $batch_id);
