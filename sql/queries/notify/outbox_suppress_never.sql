-- Unsent messages whose recipient chose `never` for their kind are suppressed (kept, not sent).
UPDATE store.outbox SET suppressed_at = $at
WHERE sent_at IS NULL AND suppressed_at IS NULL AND digested_into IS NULL
  AND message_id IN (SELECT message_id FROM main.outbox_modes WHERE mode = 'never');
