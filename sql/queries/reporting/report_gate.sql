-- The data-quality gate of a scheduled report: the kinds of load whose latest load on or before
-- $at (the time of the build) was refused (the data the reports read is then stale or incomplete), with its message.
SELECT kind, load_id, source_file, coalesce(message, status) AS fault
FROM store.loads
WHERE started_at <= $at
QUALIFY row_number() OVER (PARTITION BY kind ORDER BY started_at DESC, load_id DESC) = 1
    AND status = 'refused'
ORDER BY kind;
