CREATE OR REPLACE VIEW main.delegations AS
SELECT delegator_id, delegate_id, nullif(role, '') AS role, start_date, end_date
FROM store.delegations;
