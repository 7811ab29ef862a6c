-- quarantine: rejected input rows of loads up to the as-of date, per kind and rule.
SELECT q.kind, q.rule, count(*) AS rows_quarantined, count(DISTINCT q.load_id) AS loads
FROM store.quarantine q
JOIN store.loads l ON l.load_id = q.load_id
WHERE CAST(l.started_at AS DATE) <= $as_of
GROUP BY ALL
ORDER BY q.kind, rows_quarantined DESC, q.rule;
