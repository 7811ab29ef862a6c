-- Who hears of a new dispute: every active person acting as finance on $on (own role or a
-- delegation valid that day) with an address, except the person who opened it ($by); with the
-- language each reads (theirs, else the warehouse's).
SELECT DISTINCT p.person_id, p.name, p.email,
       coalesce(p.language,
                (SELECT value FROM store.settings WHERE key = 'language'),
                (SELECT value FROM store.settings WHERE key = 'notify_language'), 'nl') AS language
FROM main.role_grants g
JOIN store.people p ON p.person_id = g.person_id AND p.active
WHERE g.role = 'finance'
  AND (g.valid_from IS NULL OR CAST($on AS DATE) BETWEEN g.valid_from AND g.valid_to)
  AND p.person_id <> $by
  AND p.email IS NOT NULL AND p.email <> '***'
ORDER BY p.person_id;
