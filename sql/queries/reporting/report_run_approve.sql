UPDATE store.report_runs
SET status = 'sent', approved_by = $by, approved_at = $now
WHERE run_id = $run_id AND status = 'concept';
