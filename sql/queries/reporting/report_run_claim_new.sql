INSERT INTO store.report_runs (schedule, report, scope, slot, attempt, status, started_at,
                               claimed_until, recipients)
VALUES ($schedule, $report, $scope, $slot, 1, 'running', $now, $claimed_until, $recipients)
RETURNING run_id;
