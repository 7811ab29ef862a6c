-- Messages to deliver now (never sent; failed ones are retried), oldest first: not to an
-- anonymised address (***), and only those whose recipient wants them immediately (daily ones
-- go out in a digest, `never` ones are suppressed).
SELECT o.message_id, o.kind, o.to_address, o.subject, o.body, o.attempts
FROM store.outbox o
JOIN main.outbox_modes m USING (message_id)
WHERE o.sent_at IS NULL AND o.to_address IS DISTINCT FROM '***'
  AND m.mode = 'immediately' AND o.digested_into IS NULL AND o.suppressed_at IS NULL
ORDER BY o.message_id;
