-- Every notification: queued, sent (sent_at), failing (error, attempts), held in a daily
-- digest (digested_into: the digest's message_id) or suppressed (the recipient chose never).
CREATE OR REPLACE VIEW main.outbox AS
SELECT message_id, kind, to_person_id, to_address, language, subject, body, ref, dedupe_key,
       created_at, sent_at, attempts, last_attempt_at, error, digested_into, suppressed_at,
       CASE WHEN sent_at IS NOT NULL THEN 'sent'
            WHEN digested_into IS NOT NULL THEN 'digested'
            WHEN suppressed_at IS NOT NULL THEN 'suppressed'
            WHEN error IS NOT NULL THEN 'failed'
            ELSE 'queued' END AS status
FROM store.outbox;
