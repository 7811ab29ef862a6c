-- The phases a verb leads to in a record's pipeline, those allowed next from `from_phase` first.
SELECT v.to_phase,
       EXISTS (SELECT 1 FROM store.phase_transitions t
               WHERE t.pipeline = v.pipeline AND t.entity = v.entity
                 AND t.from_phase = $from_phase AND t.to_phase = v.to_phase) AS allowed
FROM store.phase_verbs v
WHERE v.pipeline = $pipeline AND v.entity = $entity AND v.verb = $verb
ORDER BY allowed DESC, v.to_phase;
