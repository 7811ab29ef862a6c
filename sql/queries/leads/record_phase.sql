-- The current phase of one lead or opportunity (NULL when it has no event).
SELECT phase FROM main.current_phases WHERE entity = $entity AND record_id = $record_id;
