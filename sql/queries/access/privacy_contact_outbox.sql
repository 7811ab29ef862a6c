-- Messages to an anonymised contact: the address becomes *** and unsent ones are cancelled
-- (the sender never writes to ***); the address in any subject or body becomes *** too.
UPDATE store.outbox
SET to_address = CASE WHEN lower(to_address) = lower($email) THEN '***' ELSE to_address END,
    error = CASE WHEN lower(to_address) = lower($email) AND sent_at IS NULL
                 THEN 'cancelled: contact anonymised' ELSE error END,
    subject = regexp_replace(subject, '(?i)' || $email_pattern, '***', 'g'),
    body = regexp_replace(body, '(?i)' || $email_pattern, '***', 'g')
WHERE lower(to_address) = lower($email)
   OR regexp_matches(subject || ' ' || body, '(?i)' || $email_pattern);
