-- The language each of $person_ids reads e-mails in: their own `language` (people), else the
-- warehouse's setting `language` (else the older `notify_language`), else nl (bonus-rules.md,
-- "Controls before money moves"). A value other than nl or en counts as none. One row per
-- distinct id asked for, an id that is no person's included (it gets the fallback).
WITH asked AS (
    SELECT DISTINCT unnest(CAST($person_ids AS VARCHAR[])) AS person_id
),
fallback AS (
    SELECT coalesce(
        (SELECT lower(s.value) FROM store.settings s
         WHERE s.key = 'language' AND lower(s.value) IN ('nl', 'en')),
        (SELECT lower(s.value) FROM store.settings s
         WHERE s.key = 'notify_language' AND lower(s.value) IN ('nl', 'en')),
        'nl') AS language
)
SELECT a.person_id, coalesce(lower(p.language), f.language) AS language
FROM asked a
CROSS JOIN fallback f
LEFT JOIN store.people p ON p.person_id = a.person_id AND lower(p.language) IN ('nl', 'en');
