-- Keep the assignments of bc_targets that are subjects now, each with the hours of its lines
-- known at the end of time (invoiced and every status; subject_hours_known_at reads them).
INSERT INTO store.bonus_hours_crossings_subjects (assignment_id, invoiced_hours, known_hours)
SELECT t.assignment_id, h.invoiced_hours, h.known_hours
FROM bc_targets t
SEMI JOIN main.bonus_subject_assignments s USING (assignment_id)
LEFT JOIN main.timesheet_hours_known_between(DATE '-infinity', DATE 'infinity') h
       ON h.assignment_id = t.assignment_id;
