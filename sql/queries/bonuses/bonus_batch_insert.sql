INSERT INTO store.bonus_batches (batch_id, period, prepared_by, prepared_at)
VALUES ($batch_id, $period, $by, $at);
