-- The full name $name_pattern (a person's or a contact's), wherever it appears in the old or new
-- value of a recorded lead field change (lead_changes keeps what update_lead replaced), becomes
-- ***, as privacy_anonymize_person_texts does for the leads themselves.
UPDATE store.lead_changes
SET old_value = regexp_replace(old_value, '(?i)' || $name_pattern, '***', 'g'),
    new_value = regexp_replace(new_value, '(?i)' || $name_pattern, '***', 'g')
WHERE regexp_matches(coalesce(old_value, '') || ' ' || coalesce(new_value, ''),
                     '(?i)' || $name_pattern);
