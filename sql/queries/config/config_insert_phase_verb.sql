INSERT INTO store.phase_verbs VALUES ($pipeline, $entity, $verb, $to_phase, $actors);
