-- The people a notice of one rule goes to, for each lead of $lead_ids: the submitter, the
-- lead's regional director(s), every active holder of a role, or one named person. One branch
-- per kind of `to`, so only the one asked for is read (an OR in the join read every lead's
-- directors for each notice), and the leads as a list that DuckDB filters on before the view's
-- window (1 lead: ~20 ms, 5,000 leads: ~80 ms at 1 M leads).
WITH lead AS (
    SELECT lead_id, submitter_id FROM store.leads
    WHERE list_contains(CAST($lead_ids AS VARCHAR[]), lead_id)
),
wanted AS (
    SELECT lead_id, submitter_id AS person_id FROM lead WHERE $to = 'submitter'
    UNION ALL
    SELECT r.lead_id, r.person_id FROM main.lead_regional_directors r
    WHERE list_contains(CAST($lead_ids AS VARCHAR[]), r.lead_id) AND $to = 'regional_director'
    UNION ALL
    SELECT l.lead_id, p.person_id FROM lead l CROSS JOIN store.people p
    WHERE $to IN ('finance', 'analyst', 'admin') AND list_contains(string_split(p.role, '|'), $to)
    UNION ALL
    SELECT l.lead_id, CAST($to AS VARCHAR) FROM lead l
)
SELECT DISTINCT w.lead_id, p.person_id, p.name, p.email
FROM wanted w
JOIN store.people p ON p.person_id = w.person_id
WHERE p.active AND p.email IS NOT NULL AND p.email <> '***'
ORDER BY w.lead_id, p.person_id;
