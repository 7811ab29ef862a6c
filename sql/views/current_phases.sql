-- The latest phase of every lead and opportunity (events ordered by seq).
CREATE OR REPLACE VIEW main.current_phases AS
SELECT e.entity, e.record_id, e.to_phase AS phase, e."at" AS phase_since, e.seq AS last_seq
FROM store.phase_events e
QUALIFY row_number() OVER (PARTITION BY e.entity, e.record_id ORDER BY e.seq DESC) = 1;
