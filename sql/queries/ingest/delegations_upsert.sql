INSERT INTO store.delegations (delegator_id, delegate_id, role, start_date, end_date, load_id)
SELECT delegator_id, delegate_id, role, start_date, end_date, $load_id
FROM checked WHERE status = 'load'
ON CONFLICT (delegator_id, delegate_id, role, start_date) DO UPDATE
SET end_date = excluded.end_date, load_id = excluded.load_id;
