-- The recorded files that mention a client's contact ($email, lower case).
SELECT path, kind, ref, run_id
FROM store.written_files
WHERE list_contains(contact_emails, $email)
ORDER BY kind, path;
