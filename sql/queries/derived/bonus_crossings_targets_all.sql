-- bc_targets for a full recompute: every subject now and every one kept before.
CREATE OR REPLACE TEMP TABLE bc_targets AS
SELECT assignment_id FROM main.bonus_subject_assignments
UNION
SELECT assignment_id FROM store.bonus_hours_crossings_subjects;
