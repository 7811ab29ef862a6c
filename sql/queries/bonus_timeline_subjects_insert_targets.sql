-- Keep the assignments of bt_targets that are subjects now.
INSERT INTO store.bonus_hours_timeline_subjects
SELECT assignment_id FROM bt_targets
SEMI JOIN main.bonus_timeline_subjects s USING (assignment_id);
