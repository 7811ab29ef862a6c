-- The people a notice of one rule goes to for one lead: the submitter, the lead's regional
-- director(s), every active holder of a role, or one named person. One branch per kind of
-- `to`, so only the one asked for is read (an OR in the join read every lead's directors).
WITH lead AS (
    SELECT lead_id, submitter_id FROM store.leads WHERE lead_id = $lead_id
),
wanted AS (
    SELECT submitter_id AS person_id FROM lead WHERE $to = 'submitter'
    UNION ALL
    SELECT r.person_id FROM main.lead_regional_directors r
    WHERE r.lead_id = $lead_id AND $to = 'regional_director'
    UNION ALL
    SELECT p.person_id FROM store.people p
    WHERE $to IN ('finance', 'analyst', 'admin') AND list_contains(string_split(p.role, '|'), $to)
    UNION ALL
    SELECT CAST($to AS VARCHAR)
)
SELECT DISTINCT p.person_id, p.name, p.email
FROM store.people p
WHERE p.person_id IN (SELECT person_id FROM wanted)
  AND EXISTS (SELECT 1 FROM lead)
  AND p.active AND p.email IS NOT NULL AND p.email <> '***'
ORDER BY p.person_id;
