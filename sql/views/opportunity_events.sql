CREATE OR REPLACE VIEW main.opportunity_events AS
SELECT record_id AS opportunity_id, "at", from_phase, to_phase, actor_id, reason, assignment_id,
       verb, seq, event_id, load_id
FROM store.phase_events
WHERE entity = 'opportunity';
