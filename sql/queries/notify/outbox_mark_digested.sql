UPDATE store.outbox SET digested_into = (SELECT message_id FROM store.outbox WHERE dedupe_key = $dedupe_key)
WHERE list_contains($message_ids, message_id) AND digested_into IS NULL;
