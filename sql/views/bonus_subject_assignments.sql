-- Every assignment id the lead event log names (a lead's or an opportunity's event): the
-- assignments whose threshold crossings store.bonus_hours_crossings keeps. A superset of the
-- assignments of bonus_leads, independent of configuration and schemes.
CREATE OR REPLACE VIEW main.bonus_subject_assignments AS
SELECT DISTINCT assignment_id
FROM store.phase_events
WHERE assignment_id IS NOT NULL;
