-- Keep the assignments of bc_targets that are subjects now.
INSERT INTO store.bonus_hours_crossings_subjects
SELECT assignment_id FROM bc_targets
SEMI JOIN main.bonus_subject_assignments s USING (assignment_id);
