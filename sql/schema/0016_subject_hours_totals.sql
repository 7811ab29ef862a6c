-- Migration 16: each kept subject assignment (store.bonus_hours_crossings_subjects: every
-- assignment the lead event log names) also keeps the hours of its timesheet lines as known at
-- the end of time, invoiced and of every status: every revision's hours less the stored
-- corrections of the revisions a higher one superseded. The hours known at a date are these
-- totals less what became known after it (main.subject_hours_known_at): a dashboard as of a
-- recent date reads the few lines dated after it instead of summing every line.
ALTER TABLE store.bonus_hours_crossings_subjects ADD COLUMN invoiced_hours DECIMAL(18, 2);
ALTER TABLE store.bonus_hours_crossings_subjects ADD COLUMN known_hours DECIMAL(18, 2);

-- Recomputed with the totals before this transaction commits (bonus_crossings.refresh_if_stale:
-- no recorded state means stale).
DELETE FROM store.bonus_hours_crossings_state;
