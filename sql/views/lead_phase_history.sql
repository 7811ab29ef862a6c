-- One row per phase visit of a lead: when it entered the phase (its event) and when it left
-- (the next event, NULL while it is still there). The event log is the only source.
CREATE OR REPLACE VIEW main.lead_phase_history AS
SELECT e.record_id AS lead_id, e.seq, e.to_phase AS phase, p.phase_group, p.outcome, p.is_end,
       e."at" AS entered_at,
       lead(e."at") OVER w AS left_at,
       e.from_phase, lead(e.to_phase) OVER w AS next_phase,
       e.verb, e.actor_id, e.reason, e.assignment_id
FROM store.phase_events e
JOIN store.leads l ON l.lead_id = e.record_id
LEFT JOIN store.phases p ON p.pipeline = l.pipeline AND p.entity = 'lead' AND p.code = e.to_phase
WHERE e.entity = 'lead'
WINDOW w AS (PARTITION BY e.record_id ORDER BY e.seq);
