UPDATE store.outbox
SET sent_at = current_timestamp, attempts = attempts + 1, last_attempt_at = current_timestamp,
    error = NULL
WHERE message_id = $message_id AND sent_at IS NULL;
