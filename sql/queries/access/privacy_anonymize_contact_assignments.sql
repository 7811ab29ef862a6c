UPDATE store.assignments
SET contact_name = '***', contact_email = '***'
WHERE lower(contact_email) = lower($email);
