-- Queue messages in one statement: the lists are pairwise (one element per message).
-- A dedupe_key already queued is skipped, so queueing twice queues
-- nothing twice.
INSERT INTO store.outbox (dedupe_key, kind, to_person_id, to_address, language, subject, body,
                          ref, created_at)
SELECT unnest(CAST($dedupe_keys AS VARCHAR[])), unnest(CAST($kinds AS VARCHAR[])),
       unnest(CAST($to_person_ids AS VARCHAR[])), unnest(CAST($to_addresses AS VARCHAR[])),
       unnest(CAST($languages AS VARCHAR[])), unnest(CAST($subjects AS VARCHAR[])),
       unnest(CAST($bodies AS VARCHAR[])), unnest(CAST($refs AS VARCHAR[])), $now
ON CONFLICT (dedupe_key) DO NOTHING;
