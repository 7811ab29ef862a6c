-- Every run of a scheduled report (reports.md "Schedules"), newest slot first.
CREATE OR REPLACE VIEW main.report_runs AS
SELECT run_id, schedule, report, scope, slot, attempt, status, started_at, finished_at,
       claimed_until, out_dir, error, recipients, approved_by, approved_at
FROM store.report_runs;
