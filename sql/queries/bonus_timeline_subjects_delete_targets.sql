-- Drop the kept-subject rows of the assignments in bt_targets.
DELETE FROM store.bonus_hours_timeline_subjects
WHERE assignment_id IN (SELECT assignment_id FROM bt_targets);
