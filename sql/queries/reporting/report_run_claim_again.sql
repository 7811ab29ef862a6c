-- Take a slot again: only when it failed, was blocked, or its build's claim expired.
UPDATE store.report_runs
SET status = 'running', attempt = attempt + 1, started_at = $now, finished_at = NULL,
    claimed_until = $claimed_until, error = NULL
WHERE run_id = $run_id
  AND (status IN ('failed', 'blocked') OR (status = 'running' AND claimed_until < $now))
RETURNING run_id;
