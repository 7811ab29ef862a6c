-- The subject's names and address ($text_pattern) in the reason of a timesheet correction
-- request become ***.
UPDATE store.timesheet_requests
SET reason = regexp_replace(reason, '(?i)' || $text_pattern, '***', 'g')
WHERE regexp_matches(reason, '(?i)' || $text_pattern);
