-- Quarantined rows of the load being checked, per rule.
SELECT rule, count(*) AS n FROM ts_verdicts WHERE verdict = 'quarantine' GROUP BY rule ORDER BY rule;
