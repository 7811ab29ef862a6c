-- bc_targets when only the subject set changed: the assignments that became subjects and the
-- ones that no longer are (their crossings are added or removed; the rest stay).
CREATE OR REPLACE TEMP TABLE bc_targets AS
(SELECT assignment_id FROM main.bonus_subject_assignments
 EXCEPT
 SELECT assignment_id FROM store.bonus_hours_crossings_subjects)
UNION ALL
(SELECT assignment_id FROM store.bonus_hours_crossings_subjects
 EXCEPT
 SELECT assignment_id FROM main.bonus_subject_assignments);
