-- Who put lines into a batch: its preparer, and finance who added a decided line later (none of
-- them may approve it).
SELECT DISTINCT added_by FROM store.bonus_batch_items WHERE batch_id = $batch_id ORDER BY 1;
