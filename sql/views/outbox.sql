-- Every notification: queued, sent (sent_at) or failing (error, attempts).
CREATE OR REPLACE VIEW main.outbox AS
SELECT message_id, kind, to_person_id, to_address, language, subject, body, ref, dedupe_key,
       created_at, sent_at, attempts, last_attempt_at, error,
       CASE WHEN sent_at IS NOT NULL THEN 'sent'
            WHEN error IS NOT NULL THEN 'failed'
            ELSE 'queued' END AS status
FROM store.outbox;
