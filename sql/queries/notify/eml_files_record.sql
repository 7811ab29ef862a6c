-- The .eml files of a dry run ($message_ids and $paths, pairwise), recorded with whom they
-- mention: the recipient (a person by id, anyone else by address) and, for a message about a
-- lead (its ref), the lead's submitter. A file written again replaces its record.
INSERT OR REPLACE INTO store.written_files
SELECT f.path, 'email', $at,
       list_sort(list_distinct(list_filter([o.to_person_id, l.submitter_id], lambda p: p IS NOT NULL))),
       CASE WHEN o.to_person_id IS NULL AND o.to_address IS NOT NULL AND o.to_address <> '***'
            THEN [lower(o.to_address)] ELSE CAST([] AS VARCHAR[]) END,
       CAST(o.message_id AS VARCHAR), NULL
FROM (SELECT unnest(CAST($message_ids AS BIGINT[])) AS message_id,
             unnest(CAST($paths AS VARCHAR[])) AS path) f
JOIN store.outbox o ON o.message_id = f.message_id
LEFT JOIN store.leads l ON l.lead_id = o.ref;
