-- The subject's names and address ($text_pattern) in the free text of bonus disputes (the reason
-- given and finance's answer) become ***.
UPDATE store.bonus_disputes
SET reason = regexp_replace(reason, '(?i)' || $text_pattern, '***', 'g'),
    answer_reason = regexp_replace(answer_reason, '(?i)' || $text_pattern, '***', 'g')
WHERE regexp_matches(reason, '(?i)' || $text_pattern)
   OR regexp_matches(coalesce(answer_reason, ''), '(?i)' || $text_pattern);
