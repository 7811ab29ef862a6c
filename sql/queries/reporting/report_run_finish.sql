UPDATE store.report_runs
SET status = $status, finished_at = $now, out_dir = $out_dir, error = $error,
    claimed_until = NULL
WHERE run_id = $run_id;
