-- The bonuses with a line in batch $batch_id that are `review` as of $as_of, and why: the hours
-- now against the threshold, the change (loss or recovery) and since when; or no scheme.
SELECT s.lead_id, s.invoiced_hours, s.threshold_hours, s.review_change, s.review_since, s.scheme
FROM main.bonus_states(CAST($as_of AS DATE)) s
WHERE s.status = 'review'
  AND s.lead_id IN (SELECT lead_id FROM store.bonus_batch_items WHERE batch_id = $batch_id)
ORDER BY s.lead_id;
