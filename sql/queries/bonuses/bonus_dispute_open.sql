-- The open dispute on the bonus of $lead_id (at most one), with the lead's submitter, to whom
-- the answer goes (name, address, the language they read: theirs, else the warehouse's).
SELECT d.dispute_id, d.lead_id, d.opened_by, d.opened_at, d.reason, l.submitter_id,
       p.name, p.email,
       coalesce(p.language,
                (SELECT value FROM store.settings WHERE key = 'language'),
                (SELECT value FROM store.settings WHERE key = 'notify_language'), 'nl') AS language
FROM store.bonus_disputes d
JOIN store.leads l ON l.lead_id = d.lead_id
LEFT JOIN store.people p ON p.person_id = l.submitter_id
WHERE d.lead_id = $lead_id AND d.answered_at IS NULL
ORDER BY d.dispute_id;
