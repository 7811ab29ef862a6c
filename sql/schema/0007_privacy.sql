-- Migration 7: the record of every anonymisation (who, when, what). A contact is named by a
-- hash of the e-mail address, so the record itself holds no personal data.
CREATE TABLE store.privacy_log (
    kind        VARCHAR NOT NULL,      -- person | contact
    subject_key VARCHAR NOT NULL,      -- person_id, or sha256 of the contact's e-mail address
    done_by     VARCHAR NOT NULL,
    done_at     TIMESTAMPTZ NOT NULL,
    rows_changed BIGINT NOT NULL
);
