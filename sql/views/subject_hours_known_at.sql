-- Table macro: per kept subject assignment (store.bonus_hours_crossings_subjects: every
-- assignment the lead event log names), the hours of its timesheet lines as known at the end of
-- day `as_of`, invoiced and of every status: the stored totals (migration 16) less what became
-- known after as_of. The figures of timesheet_hours_known_at for these assignments (coalesced
-- to 0; tests/bonuses/test_bonus_model.py checks it on every day), reading only the lines and
-- corrections dated after as_of. The bonus engine and the assignment_hours metric read it.
-- Usage: SELECT * FROM subject_hours_known_at(DATE '2026-03-01')
CREATE OR REPLACE MACRO main.subject_hours_known_at(as_of) AS TABLE
SELECT s.assignment_id,
       coalesce(s.invoiced_hours, 0) - coalesce(a.invoiced_hours, 0) AS invoiced_hours,
       coalesce(s.known_hours, 0) - coalesce(a.known_hours, 0) AS known_hours
FROM store.bonus_hours_crossings_subjects s
LEFT JOIN main.timesheet_hours_known_between(CAST(as_of AS DATE), DATE 'infinity') a
       ON a.assignment_id = s.assignment_id;
