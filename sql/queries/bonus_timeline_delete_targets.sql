-- Drop the stored timelines of the assignments in bt_targets.
DELETE FROM store.bonus_hours_timeline
WHERE assignment_id IN (SELECT assignment_id FROM bt_targets);
