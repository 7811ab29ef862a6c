-- A quarantined row keeps what was read (raw, as JSON) and why it was refused (detail): the
-- subject's names and address ($text_pattern) in either become ***.
UPDATE store.quarantine
SET raw = regexp_replace(CAST(raw AS VARCHAR), '(?i)' || $text_pattern, '***', 'g')::JSON,
    detail = regexp_replace(detail, '(?i)' || $text_pattern, '***', 'g')
WHERE regexp_matches(coalesce(CAST(raw AS VARCHAR), '') || ' ' || coalesce(detail, ''),
                     '(?i)' || $text_pattern);
