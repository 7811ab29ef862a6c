-- The bonus a dispute would contest ($lead_id, won by $as_of), with who may contest it: its
-- submitter, or a regional director over the lead's branch on that day ($by, delegation
-- included), and the dispute still open on it, if any (bonus-rules.md, "Controls before money
-- moves").
SELECT s.lead_id, s.submitter_id, l.branch_id, s.status, s.amount_eur, s.batch_id,
       EXISTS (SELECT 1 FROM main.branch_roles_on(CAST($as_of AS DATE)) r
               WHERE r.person_id = $by AND r.branch_id = l.branch_id
                 AND r.role = 'regional_director') AS by_regional_director,
       d.dispute_id AS open_dispute_id, d.opened_by AS open_dispute_by,
       d.opened_at AS open_dispute_at
FROM main.bonus_states(CAST($as_of AS DATE)) s
JOIN store.leads l ON l.lead_id = s.lead_id
LEFT JOIN store.bonus_disputes d ON d.lead_id = s.lead_id AND d.answered_at IS NULL
WHERE s.lead_id = $lead_id;
