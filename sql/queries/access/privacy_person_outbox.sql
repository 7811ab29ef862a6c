-- A person's address, and their name and address in subjects and bodies, become *** in the
-- outbox ($email may be empty; $name_pattern is a regular expression for the full name).
UPDATE store.outbox
SET to_address = CASE WHEN to_person_id = $person_id
                        OR ($email <> '' AND lower(to_address) = lower($email))
                      THEN '***' ELSE to_address END,
    subject = regexp_replace(
        CASE WHEN $email <> '' THEN replace(subject, $email, '***') ELSE subject END,
        '(?i)' || $name_pattern, '***', 'g'),
    body = regexp_replace(
        CASE WHEN $email <> '' THEN replace(body, $email, '***') ELSE body END,
        '(?i)' || $name_pattern, '***', 'g')
WHERE to_person_id = $person_id
   OR ($email <> '' AND (lower(to_address) = lower($email) OR contains(subject, $email)
                         OR contains(body, $email)))
   OR regexp_matches(subject || ' ' || body, '(?i)' || $name_pattern);
