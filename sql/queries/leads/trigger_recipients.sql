-- The people a notice of one rule goes to for one lead: the submitter, the lead's regional
-- director(s), every active holder of a role, or one named person.
SELECT DISTINCT p.person_id, p.name, p.email
FROM store.leads l
JOIN store.people p ON (
       ($to = 'submitter' AND p.person_id = l.submitter_id)
    OR ($to = 'regional_director' AND p.person_id IN (
            SELECT person_id FROM main.lead_regional_directors r WHERE r.lead_id = l.lead_id))
    OR ($to IN ('finance', 'analyst', 'admin') AND list_contains(string_split(p.role, '|'), $to))
    OR (p.person_id = $to))
WHERE l.lead_id = $lead_id AND p.active AND p.email IS NOT NULL AND p.email <> '***'
ORDER BY p.person_id;
