-- One step of the audit trail (leadanalytics/bonuses/audit.py): ids in the order recorded; a
-- batch step carries the batch's item count and total as they stand after the step.
INSERT INTO store.bonus_audit
SELECT coalesce((SELECT max(audit_id) FROM store.bonus_audit), 0) + 1,
       $step, $batch_id, $lead_id, $by, $at, $what, $reason,
       CASE WHEN $batch_id IS NOT NULL
            THEN (SELECT CAST(count(*) AS INTEGER) FROM store.bonus_batch_items
                  WHERE batch_id = $batch_id) END,
       CASE WHEN $batch_id IS NOT NULL
            THEN (SELECT CAST(coalesce(sum(amount_eur), 0) AS DECIMAL(12, 2))
                  FROM store.bonus_batch_items WHERE batch_id = $batch_id) END
RETURNING audit_id;
