-- One row per lifecycle event of a lead, creation included (from_phase NULL).
CREATE OR REPLACE VIEW main.phase_events AS
SELECT record_id AS lead_id, "at", from_phase, to_phase, actor_id, reason, assignment_id,
       verb, seq, event_id, load_id
FROM store.phase_events
WHERE entity = 'lead';
