-- Good demo rows of the chosen lines: templates for bad, repeated and conflicting rows.
SELECT *
FROM demo_good_rows
WHERE "order" // 16 IN (SELECT line FROM chosen)
ORDER BY "order"
