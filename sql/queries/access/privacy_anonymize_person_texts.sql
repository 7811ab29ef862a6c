-- The person's full name, wherever it appears in leads' free text, becomes ***.
UPDATE store.leads
SET title = regexp_replace(title, '(?i)' || $name_pattern, '***', 'g'),
    description = regexp_replace(description, '(?i)' || $name_pattern, '***', 'g')
WHERE regexp_matches(coalesce(title, '') || ' ' || coalesce(description, ''), '(?i)' || $name_pattern);
