-- A subject's full names and e-mail address ($text_pattern, a regular expression), wherever
-- they appear in the reason given with a lead or opportunity event, become ***.
UPDATE store.phase_events
SET reason = regexp_replace(reason, '(?i)' || $text_pattern, '***', 'g')
WHERE regexp_matches(reason, '(?i)' || $text_pattern);
