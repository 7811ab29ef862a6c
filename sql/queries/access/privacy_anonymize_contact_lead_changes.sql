-- A contact's e-mail address, as the old or new value of a recorded change of a lead's contact
-- fields, becomes *** (any case); so does the contact name recorded next to it in the same change
-- of the lead (names in free text are privacy_anonymize_lead_changes_texts).
UPDATE store.lead_changes
SET old_value = CASE WHEN lower(old_value) = lower($email) THEN '***' ELSE old_value END,
    new_value = CASE WHEN lower(new_value) = lower($email) THEN '***' ELSE new_value END
WHERE field = 'contact_email'
  AND (lower(old_value) = lower($email) OR lower(new_value) = lower($email));
