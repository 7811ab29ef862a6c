-- The reasons copied into store.lead_phase_spans follow their events
-- (privacy_anonymize_event_reasons): the subject's names and address ($text_pattern) become ***.
UPDATE store.lead_phase_spans
SET reason = regexp_replace(reason, '(?i)' || $text_pattern, '***', 'g')
WHERE regexp_matches(reason, '(?i)' || $text_pattern);
