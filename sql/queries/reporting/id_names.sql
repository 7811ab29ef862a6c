-- The name of every person and branch (`kind` 'person' or 'branch'), for the `..._name`
-- columns beside the ids of a metric frame (reporting/labels.py).
SELECT 'person' AS kind, person_id AS id, name FROM store.people
UNION ALL
SELECT 'branch', branch_id, name FROM store.branches;
