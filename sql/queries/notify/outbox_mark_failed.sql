UPDATE store.outbox
SET attempts = attempts + 1, last_attempt_at = $now, error = $error
WHERE message_id = $message_id AND sent_at IS NULL;
