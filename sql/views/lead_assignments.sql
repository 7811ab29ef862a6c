-- The assignment a lead became: set by its own won move, or by a won move of an opportunity
-- that came from it (the latest, when there were more).
CREATE OR REPLACE VIEW main.lead_assignments AS
SELECT lead_id, arg_max(assignment_id, "at") AS assignment_id, max("at") AS won_at
FROM main.assignment_events
GROUP BY 1;
