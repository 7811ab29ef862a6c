-- Scheduled report runs whose files an anonymisation removed ($run_ids): `removed`, so that
-- `report approve` refuses them (the report can be built again).
UPDATE store.report_runs SET status = 'removed'
WHERE run_id IN (SELECT unnest(CAST($run_ids AS BIGINT[])));
