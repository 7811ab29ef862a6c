UPDATE store.bonus_batches SET approved_by = $by, approved_at = $at WHERE batch_id = $batch_id;
