-- The subject's names and address ($text_pattern) in the reasons kept in store.bonus_approval_withdrawals
-- become ***.
UPDATE store.bonus_approval_withdrawals
SET reason = regexp_replace(reason, '(?i)' || $text_pattern, '***', 'g')
WHERE regexp_matches(reason, '(?i)' || $text_pattern);
