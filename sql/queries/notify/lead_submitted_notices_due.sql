-- E-mails to the regional directors (view lead_regional_directors: the nearest branch at or
-- above the lead's that has one) of leads submitted between $since and $as_of; not queued yet.
WITH submitted AS (
    SELECT e.record_id AS lead_id,
           CAST(timezone('Europe/Amsterdam', min(e."at")) AS DATE) AS submitted_on
    FROM store.phase_events e
    JOIN store.leads l ON l.lead_id = e.record_id
    JOIN store.phases d ON d.pipeline = l.pipeline AND d.entity = 'lead' AND d.is_default
    WHERE e.entity = 'lead' AND e.from_phase = d.code AND e.to_phase <> d.code
    GROUP BY e.record_id
)
SELECT s.lead_id, s.submitted_on, l.title, l.client_name, l.business_unit, l.branch_id,
       sp.name AS submitter_name, d.person_id, p.name, p.email,
       'lead-submitted:' || s.lead_id || ':' || d.person_id AS dedupe_key
FROM submitted s
JOIN store.leads l ON l.lead_id = s.lead_id
JOIN main.lead_regional_directors d ON d.lead_id = s.lead_id
JOIN store.people p ON p.person_id = d.person_id
LEFT JOIN store.people sp ON sp.person_id = l.submitter_id
WHERE s.submitted_on BETWEEN CAST($since AS DATE) AND CAST($as_of AS DATE)
  AND 'lead-submitted:' || s.lead_id || ':' || d.person_id
      NOT IN (SELECT dedupe_key FROM store.outbox)
ORDER BY s.lead_id, d.person_id;
