SELECT run_id, status, claimed_until, attempt
FROM store.report_runs
WHERE schedule = $schedule AND scope = $scope AND slot = $slot;
