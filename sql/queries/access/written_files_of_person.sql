-- The recorded files that mention a person ($person_id).
SELECT path, kind, ref, run_id
FROM store.written_files
WHERE list_contains(person_ids, $person_id)
ORDER BY kind, path;
