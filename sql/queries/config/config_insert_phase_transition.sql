INSERT INTO store.phase_transitions VALUES ($pipeline, $entity, $from_phase, $to_phase);
