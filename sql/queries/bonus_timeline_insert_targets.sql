-- The timelines of the assignments in bt_targets that are kept subjects, from the view
-- main.bonus_hours_timeline (the one statement of H(d)), each step with the day until which
-- bonus_states reads it (read_until: always if it crosses a threshold in use,
-- main.bonus_thresholds_in_use; else while it is the step that holds).
INSERT INTO store.bonus_hours_timeline
WITH thresholds AS MATERIALIZED (
    SELECT coalesce(list(threshold_hours), []) AS t FROM main.bonus_thresholds_in_use
)
SELECT h.assignment_id, h.changed_on, h.invoiced_hours, h.hours_before, h.next_changed_on,
       CASE WHEN len(list_filter(th.t, lambda x: (h.hours_before < x) <> (h.invoiced_hours < x))) > 0
                 OR h.next_changed_on IS NULL
            THEN DATE '9999-12-31' ELSE h.next_changed_on END
FROM main.bonus_hours_timeline h, thresholds th
WHERE h.assignment_id IN (
    SELECT t.assignment_id FROM bt_targets t
    SEMI JOIN store.bonus_hours_timeline_subjects s USING (assignment_id)
);
