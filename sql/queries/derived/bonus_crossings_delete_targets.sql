-- Drop the stored crossings of the assignments in bc_targets.
DELETE FROM store.bonus_hours_crossings
WHERE assignment_id IN (SELECT assignment_id FROM bc_targets);
