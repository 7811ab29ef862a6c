-- The language a person reads e-mails in: their own `language` (people), else the warehouse's
-- setting `language` (else the older `notify_language`), else nl (bonus-rules.md, "Controls
-- before money moves"). A value other than nl or en counts as none.
SELECT coalesce(
    (SELECT lower(p.language) FROM store.people p
     WHERE p.person_id = $person_id AND lower(p.language) IN ('nl', 'en')),
    (SELECT lower(s.value) FROM store.settings s
     WHERE s.key = 'language' AND lower(s.value) IN ('nl', 'en')),
    (SELECT lower(s.value) FROM store.settings s
     WHERE s.key = 'notify_language' AND lower(s.value) IN ('nl', 'en')),
    'nl') AS language;
