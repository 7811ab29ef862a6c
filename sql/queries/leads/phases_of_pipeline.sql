-- The phases of one entity of one phase pipeline, in index order.
SELECT code, is_default, is_end, is_default_end, outcome, requires_reason, requires_assignment_id
FROM store.phases
WHERE pipeline = $pipeline AND entity = $entity
ORDER BY position;
