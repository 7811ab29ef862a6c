-- Every outbox message with the delivery mode its recipient chose for its kind: the person's
-- preference for that kind, else for every kind ('*'), else immediately. Messages to people
-- outside the agency (no person id) and digests themselves always go immediately.
CREATE OR REPLACE VIEW main.outbox_modes AS
SELECT o.message_id, o.to_person_id, o.kind,
       CASE WHEN o.to_person_id IS NULL OR o.kind = 'digest' THEN 'immediately'
            ELSE coalesce(k.mode, a.mode, 'immediately') END AS mode,
       o.digested_into, o.suppressed_at
FROM store.outbox o
LEFT JOIN store.notification_preferences k ON k.person_id = o.to_person_id AND k.kind = o.kind
LEFT JOIN store.notification_preferences a ON a.person_id = o.to_person_id AND a.kind = '*';
