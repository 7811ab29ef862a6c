-- Anonymised people keep their `***`: a reload never brings their name or e-mail back. A file
-- without the column `language` (or `payroll_id`) keeps each person's stored one.
INSERT INTO store.people (person_id, name, email, role, branch_id, active, language, payroll_id,
                          load_id)
SELECT c.person_id, c.name, c.email, c.role, c.branch_id, c.active,
       CASE WHEN c.language_given THEN c.language ELSE p.language END,
       CASE WHEN c.payroll_given THEN c.payroll_id ELSE p.payroll_id END, $load_id
FROM checked c
LEFT JOIN store.people p ON p.person_id = c.person_id
WHERE c.status = 'load'
ON CONFLICT (person_id) DO UPDATE
SET name = CASE WHEN store.people.anonymized_at IS NULL THEN excluded.name ELSE store.people.name END,
    email = CASE WHEN store.people.anonymized_at IS NULL THEN excluded.email ELSE store.people.email END,
    role = excluded.role, branch_id = excluded.branch_id, active = excluded.active,
    language = excluded.language, payroll_id = excluded.payroll_id,
    load_id = excluded.load_id;
