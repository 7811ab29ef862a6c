INSERT INTO store.phase_groups VALUES ($pipeline, $entity, $code, $position, $label_nl, $label_en);
