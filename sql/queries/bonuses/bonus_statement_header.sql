-- The header of a batch's statement: the batch, its period and status, who prepared, approved
-- and paid it (id and name as they are now) and when, its item count and total.
SELECT b.batch_id, b.period, b.status,
       b.prepared_by, pp.name AS prepared_by_name, b.prepared_at,
       b.approved_by, pa.name AS approved_by_name, b.approved_at,
       b.paid_by, pd.name AS paid_by_name, b.paid_at,
       (SELECT CAST(count(*) AS INTEGER) FROM bonus_batch_items i
        WHERE i.batch_id = b.batch_id) AS items,
       (SELECT CAST(coalesce(sum(i.amount_eur), 0) AS DECIMAL(12, 2)) FROM bonus_batch_items i
        WHERE i.batch_id = b.batch_id) AS total_eur,
       (SELECT CAST(count(DISTINCT i.lead_id) AS INTEGER) FROM bonus_batch_items i
        JOIN bonus_disputes d ON d.lead_id = i.lead_id AND d.latest AND d.dispute = 'open'
        WHERE i.batch_id = b.batch_id) AS open_disputes
FROM bonus_batches b
LEFT JOIN people pp ON pp.person_id = b.prepared_by
LEFT JOIN people pa ON pa.person_id = b.approved_by
LEFT JOIN people pd ON pd.person_id = b.paid_by
WHERE b.batch_id = $batch_id;
