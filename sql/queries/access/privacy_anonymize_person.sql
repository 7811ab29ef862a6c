UPDATE store.people
SET name = '***', email = '***', anonymized_at = $at, anonymized_by = $by
WHERE person_id = $person_id AND anonymized_at IS NULL;
