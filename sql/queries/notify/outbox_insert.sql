INSERT INTO store.outbox (dedupe_key, kind, to_person_id, to_address, language, subject, body,
                          ref, created_at)
VALUES ($dedupe_key, $kind, $to_person_id, $to_address, $language, $subject, $body, $ref,
        $now)
ON CONFLICT (dedupe_key) DO NOTHING;
