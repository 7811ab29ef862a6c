DELETE FROM store.phases WHERE pipeline = $pipeline;
