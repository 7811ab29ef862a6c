INSERT INTO store.branches (branch_id, name, parent_id, load_id)
SELECT branch_id, name, parent_id, $load_id FROM checked WHERE status = 'load'
ON CONFLICT (branch_id) DO UPDATE
SET name = excluded.name, parent_id = excluded.parent_id, load_id = excluded.load_id;
