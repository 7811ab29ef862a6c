-- A list written with --out ($path), recorded with whom it names: the people among $ids (the
-- values of its *_id columns) and the addresses of its contact_email columns ($emails).
INSERT OR REPLACE INTO store.written_files
SELECT $path, 'list', $at,
       coalesce((SELECT list(p.person_id ORDER BY p.person_id) FROM store.people p
                 WHERE p.person_id IN (SELECT unnest(CAST($ids AS VARCHAR[])))), []),
       coalesce((SELECT list(DISTINCT lower(e) ORDER BY lower(e))
                 FROM (SELECT unnest(CAST($emails AS VARCHAR[])) AS e)
                 WHERE e IS NOT NULL AND e <> '***'), []),
       $ref, NULL;
