-- loads: files loaded up to the as-of date, per kind and status (every lead: scope all only).
SELECT kind, status, count(*) AS files, sum(rows_read) AS rows_read,
       sum(rows_loaded) AS rows_loaded, sum(rows_skipped) AS rows_skipped,
       sum(rows_quarantined) AS rows_quarantined, max(CAST(started_at AS DATE)) AS last_load
FROM store.loads
WHERE CAST(started_at AS DATE) <= $as_of
GROUP BY ALL
ORDER BY kind, status;
