-- Migration 21: the language a person reads e-mails in (`nl` or `en`), an optional column of
-- people.csv; NULL means the warehouse's setting `language` (else nl) (bonus-rules.md, "Controls
-- before money moves").
ALTER TABLE store.people ADD COLUMN language VARCHAR;
