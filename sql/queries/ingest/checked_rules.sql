SELECT rule, count(*) AS n FROM checked WHERE status = 'quarantine' GROUP BY rule ORDER BY rule;
