-- Migration 10: notification preferences per person and kind of message (domain.md,
-- "Notifications"), and what became of a message that was held for a digest or suppressed.
CREATE TABLE store.notification_preferences (
    person_id  VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,          -- an outbox kind, or '*' for every kind
    mode       VARCHAR NOT NULL,          -- immediately | daily | never
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (person_id, kind)
);

ALTER TABLE store.outbox ADD COLUMN digested_into BIGINT;     -- message_id of the digest
ALTER TABLE store.outbox ADD COLUMN suppressed_at TIMESTAMPTZ; -- the person chose `never`
