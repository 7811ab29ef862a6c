-- The names a contact is known under, found by e-mail address (any case).
SELECT DISTINCT contact_name FROM store.leads
WHERE lower(contact_email) = lower($email) AND contact_name IS NOT NULL AND contact_name <> '***'
UNION
SELECT DISTINCT contact_name FROM store.assignments
WHERE lower(contact_email) = lower($email) AND contact_name IS NOT NULL AND contact_name <> '***';
