UPDATE store.bonus_batches SET paid_by = $by, paid_at = $at WHERE batch_id = $batch_id;
