-- Rows skipped and quarantined by the load being checked.
SELECT count(*) FILTER (WHERE verdict = 'skip') AS rows_skipped,
       count(*) FILTER (WHERE verdict = 'quarantine') AS rows_quarantined
FROM ts_verdicts;
