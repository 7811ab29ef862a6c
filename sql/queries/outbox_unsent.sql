-- Messages still to deliver (never sent; failed ones are retried), oldest first. A message to
-- an anonymised address (***) is never sent.
SELECT message_id, kind, to_address, subject, body, attempts
FROM store.outbox
WHERE sent_at IS NULL AND to_address IS DISTINCT FROM '***'
ORDER BY message_id;
