-- A report message for one recipient, in the report's $language; the dedupe key makes queueing
-- it twice a no-op.
INSERT INTO store.outbox (dedupe_key, kind, to_person_id, to_address, language, subject, body,
                          ref, created_at)
SELECT 'report:' || $run_id || ':' || p.person_id, 'report', p.person_id, p.email, $language,
       $subject, $body, 'report_run:' || $run_id, $now
FROM store.people p
WHERE p.person_id = $person_id
ON CONFLICT (dedupe_key) DO NOTHING;
