-- Messages still to deliver (never sent; failed ones are retried), oldest first.
SELECT message_id, kind, to_address, subject, body, attempts
FROM store.outbox
WHERE sent_at IS NULL
ORDER BY message_id;
