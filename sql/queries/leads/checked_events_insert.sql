-- Write the checked candidate events of every record none of whose candidates breaks a rule.
INSERT INTO store.phase_events
    (entity, record_id, seq, "at", from_phase, to_phase, verb, actor_id, reason, assignment_id,
     load_id)
SELECT c.entity, c.record_id, c.seq, c."at", c.from_phase, c.to_phase, c.verb, c.actor_id,
       nullif(trim(c.reason), ''), nullif(trim(c.assignment_id), ''), $load_id
FROM checked_events c
WHERE NOT EXISTS (
    SELECT 1 FROM checked_events b
    WHERE b.entity = c.entity AND b.record_id IS NOT DISTINCT FROM c.record_id
      AND len(b.violations) > 0
)
ORDER BY c.entity, c.record_id, c.seq;
