-- Anonymised people keep their `***`: a reload never brings their name or e-mail back.
INSERT INTO store.people (person_id, name, email, role, branch_id, active, load_id)
SELECT person_id, name, email, role, branch_id, active, $load_id FROM checked WHERE status = 'load'
ON CONFLICT (person_id) DO UPDATE
SET name = CASE WHEN store.people.anonymized_at IS NULL THEN excluded.name ELSE store.people.name END,
    email = CASE WHEN store.people.anonymized_at IS NULL THEN excluded.email ELSE store.people.email END,
    role = excluded.role, branch_id = excluded.branch_id, active = excluded.active,
    load_id = excluded.load_id;
