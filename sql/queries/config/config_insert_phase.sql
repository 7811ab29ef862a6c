INSERT INTO store.phases VALUES (
    $pipeline, $entity, $code, $position, $phase_group, $active, $is_default, $is_end,
    $is_default_end, $outcome, $requires_reason, $requires_assignment_id, $color, $label_nl,
    $label_en, $code_fields);
