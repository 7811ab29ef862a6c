-- Drop the kept-subject rows of the assignments in bc_targets.
DELETE FROM store.bonus_hours_crossings_subjects
WHERE assignment_id IN (SELECT assignment_id FROM bc_targets);
