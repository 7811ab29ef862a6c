DELETE FROM store.phase_verbs WHERE pipeline = $pipeline;
