-- The batch back to `prepared` (its approval withdrawn; the record is in bonus_approval_withdrawals).
UPDATE store.bonus_batches SET approved_by = NULL, approved_at = NULL
WHERE batch_id = $batch_id AND paid_at IS NULL;
