DELETE FROM store.phase_groups WHERE pipeline = $pipeline;
