CREATE OR REPLACE VIEW main.people AS
SELECT person_id, name, email, role, branch_id, active, anonymized_at, anonymized_by, language,
       payroll_id
FROM store.people;
