SELECT run_id, schedule, report, scope, slot, status, out_dir, recipients, approved_by
FROM store.report_runs
WHERE run_id = $run_id;
