-- Payout batches with their current status (bonus-rules.md, "Payout batches").
CREATE OR REPLACE VIEW main.bonus_batches AS
SELECT batch_id, period,
       CASE WHEN paid_at IS NOT NULL THEN 'paid'
            WHEN approved_at IS NOT NULL THEN 'approved'
            ELSE 'prepared' END AS status,
       prepared_by, prepared_at, approved_by, approved_at, paid_by, paid_at
FROM store.bonus_batches;
