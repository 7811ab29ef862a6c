SELECT count(*) AS rows_read,
       count(*) FILTER (WHERE status = 'load') AS rows_loaded,
       count(*) FILTER (WHERE status = 'skip') AS rows_skipped,
       count(*) FILTER (WHERE status = 'quarantine') AS rows_quarantined
FROM checked;
