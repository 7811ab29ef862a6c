DELETE FROM store.phase_transitions WHERE pipeline = $pipeline;
