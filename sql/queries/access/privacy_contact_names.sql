-- The names a contact is known under, found by e-mail address (any case).
SELECT DISTINCT contact_name FROM store.leads
WHERE lower(contact_email) = lower($email) AND contact_name IS NOT NULL AND contact_name <> '***'
UNION
SELECT DISTINCT contact_name FROM store.assignments
WHERE lower(contact_email) = lower($email) AND contact_name IS NOT NULL AND contact_name <> '***'
UNION
SELECT DISTINCT contact_name FROM store.timesheet_requests
WHERE lower(contact_email) = lower($email) AND contact_name IS NOT NULL AND contact_name <> '***'
UNION
-- a name recorded only in a change of the lead's contact (the e-mail changed with it)
SELECT DISTINCT CASE WHEN lower(e.old_value) = lower($email) THEN n.old_value ELSE n.new_value END
FROM store.lead_changes e
JOIN store.lead_changes n ON n.lead_id = e.lead_id AND n."at" = e."at" AND n.field = 'contact_name'
WHERE e.field = 'contact_email'
  AND (lower(e.old_value) = lower($email) OR lower(e.new_value) = lower($email))
  AND CASE WHEN lower(e.old_value) = lower($email) THEN n.old_value ELSE n.new_value END
      NOT IN ('***', '');
