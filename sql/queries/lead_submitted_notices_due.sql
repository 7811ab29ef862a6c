-- E-mails to the regional directors of leads submitted between $since and $as_of: the directors
-- of the nearest branch, at or above the lead's branch, that has one (domain.md). Not queued yet.
WITH submitted AS (
    SELECT e.record_id AS lead_id,
           CAST(timezone('Europe/Amsterdam', min(e."at")) AS DATE) AS submitted_on
    FROM store.phase_events e
    JOIN store.leads l ON l.lead_id = e.record_id
    JOIN store.phases d ON d.pipeline = l.pipeline AND d.entity = 'lead' AND d.is_default
    WHERE e.entity = 'lead' AND e.from_phase = d.code AND e.to_phase <> d.code
    GROUP BY e.record_id
),
directors AS (
    SELECT l.lead_id, p.person_id, p.name, p.email, t.depth
    FROM store.leads l
    JOIN main.branch_tree t ON t.branch_id = l.branch_id
    JOIN store.people p
      ON p.branch_id = t.ancestor_id AND p.active
     AND list_contains(string_split(p.role, '|'), 'regional_director')
    QUALIFY dense_rank() OVER (PARTITION BY l.lead_id ORDER BY t.depth) = 1
)
SELECT s.lead_id, s.submitted_on, l.title, l.client_name, l.business_unit, l.branch_id,
       sp.name AS submitter_name, d.person_id, d.name, d.email,
       'lead-submitted:' || s.lead_id || ':' || d.person_id AS dedupe_key
FROM submitted s
JOIN store.leads l ON l.lead_id = s.lead_id
JOIN directors d ON d.lead_id = s.lead_id
LEFT JOIN store.people sp ON sp.person_id = l.submitter_id
WHERE s.submitted_on BETWEEN CAST($since AS DATE) AND CAST($as_of AS DATE)
  AND 'lead-submitted:' || s.lead_id || ':' || d.person_id
      NOT IN (SELECT dedupe_key FROM store.outbox)
ORDER BY s.lead_id, d.person_id;
