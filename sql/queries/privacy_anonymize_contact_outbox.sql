-- Anonymising a client's contact reaches the outbox too: messages to that address.
UPDATE store.outbox SET to_address = '***' WHERE lower(to_address) = lower($email);
