-- The open disputes on the bonuses of one batch ($batch_id), by lead: approve lists them (they
-- hold back nobody's pay; bonus-rules.md, "Controls before money moves").
SELECT d.lead_id, d.opened_by, d.opened_at, d.reason
FROM main.bonus_disputes d
WHERE d.dispute = 'open'
  AND d.lead_id IN (SELECT lead_id FROM store.bonus_batch_items WHERE batch_id = $batch_id)
ORDER BY d.lead_id, d.dispute_id;
