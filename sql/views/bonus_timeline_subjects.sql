-- Every assignment id the lead event log names (a lead's or an opportunity's event): the
-- assignments whose H(d) store.bonus_hours_timeline keeps. A superset of the assignments of
-- bonus_leads, independent of configuration and schemes, so that neither changes the set.
CREATE OR REPLACE VIEW main.bonus_timeline_subjects AS
SELECT DISTINCT assignment_id
FROM store.phase_events
WHERE assignment_id IS NOT NULL;
