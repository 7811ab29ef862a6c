-- Record an approval withdrawn because a line went into the approved, unpaid batch.
INSERT INTO store.bonus_approval_withdrawals (batch_id, approved_by, approved_at, withdrawn_by,
                                              withdrawn_at, lead_id, reason)
SELECT batch_id, approved_by, approved_at, $by, $at, $lead_id, $reason
FROM store.bonus_batches
WHERE batch_id = $batch_id AND approved_at IS NOT NULL AND paid_at IS NULL;
