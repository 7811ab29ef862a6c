-- Candidate events of a lead-events file: every new row of the leads with no column failure
-- (the verb follows from the phase moved to; the actor is checked).
INSERT INTO candidate_events
SELECT r.row_number, 'lead', r.lead_id, r.at_ts, r.phase, NULL, r.actor_id, r.reason,
       r.assignment_id, true, false
FROM lead_event_rows r
WHERE NOT r.loaded_before AND NOT r.repeated
  AND r.lead_id NOT IN (SELECT lead_id FROM lead_event_rows
                        WHERE len(fails) > 0 AND lead_id IS NOT NULL);
