-- The subject's names and address ($text_pattern) in the reasons kept in store.bonus_resolutions
-- become ***.
UPDATE store.bonus_resolutions
SET reason = regexp_replace(reason, '(?i)' || $text_pattern, '***', 'g')
WHERE regexp_matches(reason, '(?i)' || $text_pattern);
