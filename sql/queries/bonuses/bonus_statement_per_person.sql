-- The `per_person` table of a batch's statement: one row per submitter (sorted by id), with
-- the payroll number, name and e-mail as they are now, the number of items and their net
-- amount. Its amounts add up to the batch total: every item belongs to exactly one row.
SELECT i.submitter_id, any_value(p.payroll_id) AS payroll_id, any_value(p.name) AS submitter_name,
       any_value(p.email) AS submitter_email, CAST(count(*) AS INTEGER) AS items,
       CAST(sum(i.amount_eur) AS DECIMAL(12, 2)) AS net_amount_eur
FROM bonus_batch_items i
LEFT JOIN people p ON p.person_id = i.submitter_id
WHERE i.batch_id = $batch_id
GROUP BY i.submitter_id
ORDER BY i.submitter_id NULLS LAST;
