-- The subject's names and address ($text_pattern) in the reasons kept by the bonus audit trail
-- become ***.
UPDATE store.bonus_audit
SET reason = regexp_replace(reason, '(?i)' || $text_pattern, '***', 'g')
WHERE regexp_matches(reason, '(?i)' || $text_pattern);
