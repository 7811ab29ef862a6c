SELECT b.*, (SELECT count(*) FROM store.bonus_batch_items i WHERE i.batch_id = b.batch_id) AS items,
       (SELECT coalesce(sum(amount_eur), 0) FROM store.bonus_batch_items i
        WHERE i.batch_id = b.batch_id) AS total_eur
FROM main.bonus_batches b
WHERE b.batch_id = $batch_id OR b.period = $batch_id;
