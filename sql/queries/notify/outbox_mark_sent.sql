UPDATE store.outbox
SET sent_at = $now, attempts = attempts + 1, last_attempt_at = $now,
    error = NULL
WHERE message_id = $message_id AND sent_at IS NULL;
