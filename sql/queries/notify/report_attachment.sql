-- The report behind a report e-mail ($message_id): its run's folder and report name; the
-- sender attaches <out_dir>/<report>.pdf when the build wrote one (schedule entry pdf = true).
SELECT r.out_dir, r.report
FROM store.outbox o
JOIN store.report_runs r ON o.ref = 'report_run:' || r.run_id
WHERE o.message_id = $message_id AND o.kind = 'report';
