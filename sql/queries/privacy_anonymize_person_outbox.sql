-- Anonymising a person also reaches the outbox: their address, and their name in subjects and
-- bodies (registered by leadanalytics/notify/outbox.py in privacy.EXTRA_SQL).
UPDATE store.outbox
SET to_address = CASE WHEN lower(to_address) = lower($email) AND $email <> '' THEN '***'
                      ELSE to_address END,
    subject = CASE WHEN $name <> '' THEN replace(subject, $name, '***') ELSE subject END,
    body = CASE WHEN $name <> '' THEN replace(body, $name, '***') ELSE body END
WHERE (lower(to_address) = lower($email) AND $email <> '')
   OR ($name <> '' AND (contains(subject, $name) OR contains(body, $name)));
