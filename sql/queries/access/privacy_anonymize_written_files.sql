-- The contact's address ($email, lower case) among the contacts a written file mentions
-- becomes *** (the files themselves were found before this step and are handled after it).
UPDATE store.written_files
SET contact_emails = list_transform(contact_emails,
                                    lambda e: CASE WHEN e = $email THEN '***' ELSE e END)
WHERE $email <> '' AND list_contains(contact_emails, $email);
