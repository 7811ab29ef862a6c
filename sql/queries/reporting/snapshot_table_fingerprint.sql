-- One table's rows as a fingerprint ($table, qualified): their count and the sum of their hashes
-- (the order of rows aside).
SELECT count(*), CAST(coalesce(sum(hash(t)), 0) AS VARCHAR)
FROM query_table($table) AS t;
