-- The crossings of the assignments in bc_targets that are kept subjects: the steps of the view
-- main.bonus_hours_timeline (the one statement of H(d)) that cross a threshold in use
-- (main.bonus_thresholds_in_use): H below it the day before and at or above it from that day,
-- or the other way round.
INSERT INTO store.bonus_hours_crossings
WITH thresholds AS MATERIALIZED (
    SELECT coalesce(list(threshold_hours), []) AS t FROM main.bonus_thresholds_in_use
)
SELECT h.assignment_id, h.changed_on, h.invoiced_hours, h.hours_before
FROM main.bonus_hours_timeline h, thresholds th
WHERE h.assignment_id IN (
        SELECT t.assignment_id FROM bc_targets t
        SEMI JOIN store.bonus_hours_crossings_subjects s USING (assignment_id)
      )
  AND len(list_filter(th.t, lambda x: (h.hours_before < x) <> (h.invoiced_hours < x))) > 0;
