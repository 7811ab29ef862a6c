-- The subject's address ($email, any case; '' for none) among the recipients of a scheduled
-- report run becomes ***.
UPDATE store.report_runs
SET recipients = list_transform(recipients,
                                lambda r: CASE WHEN lower(r) = lower($email) THEN '***' ELSE r END)
WHERE $email <> '' AND list_contains(list_transform(recipients, lambda r: lower(r)), lower($email));
